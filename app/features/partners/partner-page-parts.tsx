/**
 * The parts of a partner organisation's page in the network's back-office: its advisers and the
 * invitations sent to them, its webhook (address, signing secret, personal data) and its API
 * keys. Dates come as ISO strings (loader data) and are shown on the clock of France.
 */
import type { FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { formatDateTime } from "~/features/time/format";
import { CheckboxField, CsrfField, TextField } from "~/ui/form";

const m = fr.partners;

export type AdviserItem = { userId: string; name: string; email: string; since: string };
export type PendingItem = { id: string; email: string; expiresAt: string };
export type ApiKeyItem = { id: string; label: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

/** A button that posts one `intent` (and the hidden fields that say what it is about). */
function SmallForm(props: { action: string; csrfToken: string; intent: string; fields: Record<string, string>; label: string }) {
  return (
    <form method="post" action={props.action}>
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="intent" value={props.intent} />
      {Object.entries(props.fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="secondary">
        {props.label}
      </button>
    </form>
  );
}

export function AdvisersSection(props: { action: string; csrfToken: string; advisers: AdviserItem[]; pending: PendingItem[]; email: string; errors: FieldErrors }) {
  const { action, csrfToken, advisers, pending } = props;
  const c = m.adviserColumns;
  return (
    <>
      <p>{m.advisersIntro}</p>
      {advisers.length === 0 ? (
        <p>{m.advisersNone}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{c.name}</th>
              <th scope="col">{c.email}</th>
              <th scope="col">{c.since}</th>
              <th scope="col">{c.actions}</th>
            </tr>
          </thead>
          <tbody>
            {advisers.map((a) => (
              <tr key={a.userId}>
                <th scope="row">{a.name}</th>
                <td>{a.email}</td>
                <td>{formatDateTime(new Date(a.since))}</td>
                <td>
                  <SmallForm action={action} csrfToken={csrfToken} intent="retirer" fields={{ personne: a.userId }} label={m.removeAdviser(a.name)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{m.pendingTitle}</h3>
      {pending.length === 0 ? (
        <p>{m.pendingNone}</p>
      ) : (
        <ul>
          {pending.map((p) => (
            <li key={p.id}>
              {m.pendingLine(p.email, formatDateTime(new Date(p.expiresAt)))}
              <SmallForm action={action} csrfToken={csrfToken} intent="annuler-invitation" fields={{ invitation: p.id }} label={m.revokeInvitation(p.email)} />
            </li>
          ))}
        </ul>
      )}
      <h3 id="inviter">{m.inviteTitle}</h3>
      <form method="post" action={action} noValidate className="backoffice-form">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="inviter" />
        <fieldset>
          <legend>{m.inviteLegend}</legend>
          <TextField quietRequired required name="email" type="email" label={m.inviteEmail} hint={m.inviteHint} value={props.email} error={props.errors.email} autoComplete="off" />
        </fieldset>
        <button type="submit">{m.invite}</button>
      </form>
    </>
  );
}

export function WebhookSection(props: {
  action: string;
  csrfToken: string;
  webhook: { url: string | null; secret: string | null; personalData: boolean };
  values: { url: string; personalData: boolean };
  errors: FieldErrors;
}) {
  const { action, csrfToken, webhook, values } = props;
  return (
    <>
      <p>{m.webhookIntro}</p>
      <p>{webhook.url ? m.webhookActive(webhook.url) : m.webhookNone}</p>
      {webhook.url ? <p>{webhook.personalData ? m.personalDataOn : m.personalDataOff}</p> : null}
      <form method="post" action={action} noValidate className="backoffice-form">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="webhook" />
        <fieldset>
          <legend>{m.webhookLegend}</legend>
          <TextField name="url" type="url" label={m.webhookUrl} hint={m.webhookUrlHint} value={values.url} error={props.errors.url} inputMode="url" autoComplete="off" />
          <CheckboxField name="donnees_personnelles" label={m.webhookPersonalData} hint={m.webhookPersonalDataWarning} checked={values.personalData} />
        </fieldset>
        <button type="submit">{m.webhookSave}</button>
      </form>
      <h3 id="secret">{m.secretTitle}</h3>
      {webhook.secret ? (
        <>
          <p>{m.secretIntro}</p>
          <details>
            <summary>{m.secretShow}</summary>
            <p>
              <code className="secret-value">{webhook.secret}</code>
            </p>
          </details>
          <p className="hint" id="regenerer-aide">
            {m.regenerateHint}
          </p>
          <form method="post" action={action}>
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="regenerer-secret" />
            <button type="submit" className="secondary" aria-describedby="regenerer-aide">
              {m.regenerateSecret}
            </button>
          </form>
        </>
      ) : (
        <p>{m.noSecret}</p>
      )}
    </>
  );
}

/** The key just made, shown this once. */
export function KeyCreated({ token }: { token: string }) {
  return (
    <div className="notice" role="status">
      <h3>{m.keyCreatedTitle}</h3>
      <p>
        <code className="secret-value">{token}</code>
      </p>
      <p>{m.keyCreated}</p>
    </div>
  );
}

export function ApiKeysSection(props: { action: string; csrfToken: string; keys: ApiKeyItem[]; label: string; errors: FieldErrors }) {
  const { action, csrfToken, keys } = props;
  const c = m.keyColumns;
  return (
    <>
      <p>{m.keysIntro}</p>
      {keys.length === 0 ? (
        <p>{m.keysNone}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{c.label}</th>
              <th scope="col">{c.prefix}</th>
              <th scope="col">{c.created}</th>
              <th scope="col">{c.lastUsed}</th>
              <th scope="col">{c.status}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <th scope="row">{k.label}</th>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>{formatDateTime(new Date(k.createdAt))}</td>
                <td>{k.lastUsedAt ? formatDateTime(new Date(k.lastUsedAt)) : m.keyNeverUsed}</td>
                <td>
                  {k.revokedAt ? (
                    m.keyRevoked(formatDateTime(new Date(k.revokedAt)))
                  ) : (
                    <>
                      {m.keyActive}
                      <SmallForm action={action} csrfToken={csrfToken} intent="revoquer-cle" fields={{ cle: k.id }} label={m.revokeKey(k.label)} />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action={action} noValidate className="backoffice-form">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="creer-cle" />
        <fieldset>
          <legend>{m.newKeyLegend}</legend>
          <TextField quietRequired required name="libelle" label={m.keyLabel} hint={m.keyLabelHint} value={props.label} error={props.errors.libelle} autoComplete="off" />
        </fieldset>
        <button type="submit">{m.createKey}</button>
      </form>
    </>
  );
}
