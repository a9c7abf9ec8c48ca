/**
 * The parts of a place's booking set-up pages in the back-office: the resources' table, one
 * resource's form (new or edited), the booking settings, closures and calendar feeds. Plain
 * forms of the kit (app/ui/form.tsx): keyboard only, no JavaScript needed.
 */
import { RESOURCE_KINDS } from "~/db/schema/scheduling";
import { formatDateTime, formatDayRange } from "~/features/time/format";
import type { FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { CheckboxField, CsrfField, errorId, FieldError, fieldId, TextField } from "~/ui/form";
import { centsToEuros, RESOURCE_FIELDS as F, type ResourceFormValues } from "./resource-form";
import { WHOLE_PLACE, type SettingsFormValues } from "./setup-forms";

const m = fr.resources;

export type StaffOption = { userId: string; name: string };

/** A labelled list to choose from, its error next to it. */
function SelectField(props: { name: string; label: string; value: string; error?: string; hint?: string; options: { value: string; label: string }[] }) {
  const { name, label, value, error, hint, options } = props;
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-aide` : null, error ? errorId(name) : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-aide`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError name={name} error={error} />
      <select id={id} name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}


function limitsWords(r: ResourceRowView): string {
  const parts = [r.maxPerDay ? m.perDay(r.maxPerDay) : null, r.maxPerWeek ? m.perWeek(r.maxPerWeek) : null, r.maxMinutesPerDay ? m.minutesPerDay(r.maxMinutesPerDay) : null].filter(Boolean);
  return parts.length ? parts.join(", ") : m.limitsNone;
}

export type ResourceRowView = {
  id: string; kind: string; name: string; minMinutes: number; maxMinutes: number; gridMinutes: number; maxPerDay: number | null; maxPerWeek: number | null;
  maxMinutesPerDay: number | null; priceCents: number | null; publicOnline: boolean; needsConfirmation: boolean; requiresMembership?: boolean; active: boolean;
};

/** The place's resources, each with a link to its rules. */
export function ResourceTable({ placeId, resources }: { placeId: string; resources: ResourceRowView[] }) {
  if (resources.length === 0) return <p>{m.listNone}</p>;
  const c = m.columns;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{c.name}</th>
          <th scope="col">{c.kind}</th>
          <th scope="col">{c.length}</th>
          <th scope="col">{c.limits}</th>
          <th scope="col">{c.price}</th>
          <th scope="col">{c.booking}</th>
          <th scope="col">{c.active}</th>
        </tr>
      </thead>
      <tbody>
        {resources.map((r) => (
          <tr key={r.id}>
            <th scope="row">
              <a href={`/gestion/lieux/${placeId}/ressources/${r.id}`} aria-label={m.edit(r.name)}>
                {r.name}
              </a>
            </th>
            <td>{m.kinds[r.kind] ?? r.kind}</td>
            <td>{m.length(r.minMinutes, r.maxMinutes, r.gridMinutes)}</td>
            <td>{limitsWords(r)}</td>
            <td>{r.priceCents === null || r.priceCents === 0 ? m.free : m.euros(centsToEuros(r.priceCents))}</td>
            <td>
              {r.needsConfirmation ? `${r.publicOnline ? m.online : m.staffOnly}, ${m.withConfirmation}` : r.publicOnline ? m.online : m.staffOnly}
              {r.requiresMembership ? ` · ${fr.memberships.membersOnly}` : ""}
            </td>
            <td>{r.active ? m.yes : m.no}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The form of one resource: every rule, grouped; `intent` tells the list page's forms apart. */
export function ResourceForm(props: { action: string; csrfToken: string; values: ResourceFormValues; errors: FieldErrors; staff: StaffOption[]; submit: string; intent?: string }) {
  const { values: v, errors: e, staff } = props;
  const f = m.fields;
  const number = (name: (typeof F)[keyof typeof F], label: string, hint?: string) => <TextField name={name} label={label} value={v[name]} error={e[name]} hint={hint} inputMode="numeric" />;
  return (
    <form method="post" action={props.action} noValidate className="backoffice-form">
      <CsrfField token={props.csrfToken} />
      {props.intent ? <input type="hidden" name="intent" value={props.intent} /> : null}
      <fieldset>
        <legend>{m.what}</legend>
        <SelectField name={F.kind} label={f.kind} value={v[F.kind]} error={e[F.kind]} options={RESOURCE_KINDS.map((k) => ({ value: k, label: m.kinds[k] ?? k }))} />
        <TextField name={F.name} label={f.name} value={v[F.name]} error={e[F.name]} hint={f.nameHint} required />
        <TextField name={F.description} label={f.description} value={v[F.description]} error={e[F.description]} multiline rows={3} />
        {number(F.position, f.position)}
        <SelectField name={F.staffUserId} label={f.mediator} value={v[F.staffUserId]} error={e[F.staffUserId]} options={[{ value: "", label: f.mediatorNone }, ...staff.map((s) => ({ value: s.userId, label: s.name }))]} />
        <TextField name={F.reasons} label={f.reasons} value={v[F.reasons]} error={e[F.reasons]} hint={f.reasonsHint} multiline rows={4} />
      </fieldset>
      <fieldset>
        <legend>{m.lengthLegend}</legend>
        {number(F.minMinutes, f.minMinutes, f.lengthHint)}
        {number(F.maxMinutes, f.maxMinutes)}
        {number(F.gridMinutes, f.gridMinutes, f.gridHint)}
        {number(F.bufferMinutes, f.bufferMinutes, f.bufferHint)}
      </fieldset>
      <fieldset>
        <legend>{m.whenLegend}</legend>
        <TextField name={F.hours} label={f.hours} value={v[F.hours]} error={e[F.hours]} hint={f.hoursHint} />
        {number(F.minLeadMinutes, f.minLeadMinutes, f.minLeadHint)}
        {number(F.maxLeadDays, f.maxLeadDays)}
      </fieldset>
      <fieldset>
        <legend>{m.limitsLegend}</legend>
        <p className="hint">{f.limitHint}</p>
        {number(F.maxPerDay, f.maxPerDay)}
        {number(F.maxPerWeek, f.maxPerWeek)}
        {number(F.maxMinutesPerDay, f.maxMinutesPerDay)}
      </fieldset>
      <fieldset>
        <legend>{m.publicLegend}</legend>
        <TextField name={F.price} label={f.price} value={v[F.price]} error={e[F.price]} hint={f.priceHint} inputMode="decimal" />
        <CheckboxField name={F.publicOnline} label={f.publicOnline} hint={f.publicOnlineHint} checked={v[F.publicOnline] === "oui"} />
        <CheckboxField name={F.needsConfirmation} label={f.needsConfirmation} checked={v[F.needsConfirmation] === "oui"} />
        <CheckboxField name={F.requiresMembership} label={fr.memberships.membersOnly} hint={fr.memberships.membersOnlyHint} checked={v[F.requiresMembership] === "oui"} />
        <CheckboxField name={F.active} label={f.active} hint={f.activeHint} checked={v[F.active] === "oui"} />
      </fieldset>
      <button type="submit">{props.submit}</button>
    </form>
  );
}

export function SettingsForm({ action, csrfToken, values, errors }: { action: string; csrfToken: string; values: SettingsFormValues; errors: FieldErrors }) {
  const s = m.settings;
  return (
    <form method="post" action={action} noValidate className="backoffice-form">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="reglages" />
      <TextField name="rappel" label={s.reminderHours} hint={s.reminderHint} value={values.rappel} error={errors.rappel} inputMode="numeric" />
      <TextField name="delai_annulation" label={s.cancelDeadlineHours} hint={s.cancelDeadlineHint} value={values.delai_annulation} error={errors.delai_annulation} inputMode="numeric" />
      <TextField name="absences" label={s.noShowLimit} hint={s.noShowHint} value={values.absences} error={errors.absences} inputMode="numeric" />
      <TextField name="conservation" label={s.retentionDays} hint={s.retentionHint} value={values.conservation} error={errors.conservation} inputMode="numeric" />
      <button type="submit">{m.settingsSave}</button>
    </form>
  );
}

export type ClosureView = { id: string; resourceName: string | null; startsOn: string; endsOn: string; reason: string };
export type ClosureHit = { id: string; startsAt: string; resourceName: string; firstName: string | null };

/** What a new closure cancelled: each booking's first name, time and resource. */
export function ClosureDone({ hit, timeZone }: { hit: ClosureHit[]; timeZone: string }) {
  return (
    <div className="notice" role="status">
      <p>{m.closureDone(hit.length)}</p>
      {hit.length > 0 ? (
        <ul>
          {hit.map((b) => (
            <li key={b.id}>{m.hitLine(b.firstName || m.someone, formatDateTime(new Date(b.startsAt), { timeZone }), b.resourceName)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function ClosureSection(props: { action: string; csrfToken: string; today: string; closures: ClosureView[]; resources: { id: string; name: string }[]; values: Record<string, string>; errors: FieldErrors }) {
  const { closures, values, errors } = props;
  const c = m.closure;
  return (
    <>
      {closures.length === 0 ? (
        <p>{m.closuresNone}</p>
      ) : (
        <ul>
          {closures.map((x) => (
            <li key={x.id}>
              {m.closureSpan(formatDayRange(x.startsOn, x.endsOn, props.today), x.resourceName ?? c.wholePlace)}
              {x.reason ? ` — ${x.reason}` : ""}
            </li>
          ))}
        </ul>
      )}
      <h3>{m.closureAdd}</h3>
      <p>{m.closureWarning}</p>
      <form method="post" action={props.action} noValidate className="backoffice-form">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="intent" value="fermeture" />
        <SelectField name="portee" label={c.scope} value={values.portee ?? WHOLE_PLACE} error={errors.portee} options={[{ value: WHOLE_PLACE, label: c.wholePlace }, ...props.resources.map((r) => ({ value: r.id, label: r.name }))]} />
        <TextField name="du" type="date" label={c.from} hint={c.dateHint} value={values.du ?? props.today} error={errors.du} />
        <TextField name="au" type="date" label={c.to} hint={c.dateHint} value={values.au ?? props.today} error={errors.au} />
        <TextField name="raison" label={c.reason} hint={c.reasonHint} value={values.raison ?? ""} error={errors.raison} />
        <button type="submit">{m.closureSubmit}</button>
      </form>
    </>
  );
}

export type FeedView = { id: string; userName: string | null; createdAt: string };

/** A new feed's link, shown once. */
export function FeedCreated({ url }: { url: string }) {
  return (
    <div className="notice" role="status">
      <p>{m.feedCreated}</p>
      <p>
        <code>{url}</code>
      </p>
    </div>
  );
}

export function FeedSection(props: { action: string; csrfToken: string; feeds: FeedView[]; staff: StaffOption[]; timeZone: string; errors: FieldErrors }) {
  return (
    <>
      <p>{m.feedsIntro}</p>
      {props.feeds.length === 0 ? (
        <p>{m.feedsNone}</p>
      ) : (
        <ul>
          {props.feeds.map((feed) => (
            <li key={feed.id}>
              {feed.userName ? m.feedOf(feed.userName) : m.feedWholePlace} ({m.feedSince(formatDateTime(new Date(feed.createdAt), { timeZone: props.timeZone }))})
              <form method="post" action={props.action}>
                <CsrfField token={props.csrfToken} />
                <input type="hidden" name="intent" value="revoquer" />
                <input type="hidden" name="flux" value={feed.id} />
                <button type="submit" aria-label={m.feedRevokeOf(feed.userName ? m.feedOf(feed.userName) : m.feedWholePlace)}>
                  {m.feedRevoke}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={props.action} noValidate className="backoffice-form">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="intent" value="agenda" />
        <SelectField name="pour" label={m.feedFor} value={WHOLE_PLACE} error={props.errors.pour} options={[{ value: WHOLE_PLACE, label: m.feedWholePlace }, ...props.staff.map((s) => ({ value: s.userId, label: m.feedOf(s.name) }))]} />
        <button type="submit">{m.feedCreate}</button>
      </form>
    </>
  );
}
