/**
 * The parts of the network's « Partenaires » page: the partners' table, an organisation's form
 * (also on a partner's own page) and the network's referral rules.
 */
import { PARTNER_KINDS } from "~/db/schema/partners";
import type { FieldErrors } from "~/lib/forms";
import { formatNumber, fr } from "~/lib/messages";
import { CsrfField, RadioGroup, TextField } from "~/ui/form";
import type { PartnerFormValues } from "./partner-form";
import type { PartnerListItem } from "./partners.server";
import type { SettingsFormValues } from "./settings-form";

const m = fr.partners;

export function PartnerTable({ base, year, partners }: { base: string; year: string; partners: PartnerListItem[] }) {
  if (partners.length === 0) return <p>{m.listNone}</p>;
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{m.columns.name}</th>
          <th scope="col">{m.columns.kind}</th>
          <th scope="col">{m.columns.advisers}</th>
          <th scope="col">{m.columns.referrals(year)}</th>
        </tr>
      </thead>
      <tbody>
        {partners.map((p) => (
          <tr key={p.id}>
            <th scope="row">
              <a href={`${base}/${p.id}`}>{p.name}</a>
            </th>
            <td>{m.kinds[p.kind]}</td>
            <td>{formatNumber(p.advisers)}</td>
            <td>{formatNumber(p.referralsThisYear)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const KIND_OPTIONS = PARTNER_KINDS.map((k) => [k, m.kinds[k]] as const);

/** A partner organisation's form: a new one (`intent` "ajouter") or the one of the page ("modifier"). */
export function PartnerForm(props: { action: string; csrfToken: string; intent: string; legend: string; submit: string; values: PartnerFormValues; errors: FieldErrors }) {
  const { values, errors } = props;
  const f = m.fields;
  return (
    <form method="post" action={props.action} noValidate className="backoffice-form">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="intent" value={props.intent} />
      <fieldset>
        <legend>{props.legend}</legend>
        <TextField required name="nom" label={f.name} hint={f.nameHint} value={values.nom} error={errors.nom} autoComplete="organization" />
        <RadioGroup name="type" legend={f.kind} options={KIND_OPTIONS} value={values.type} error={errors.type} />
        <TextField name="siret" label={f.siret} hint={f.siretHint} value={values.siret} error={errors.siret} inputMode="numeric" autoComplete="off" />
        <TextField name="courriel" type="email" label={f.email} hint={f.emailHint} value={values.courriel} error={errors.courriel} autoComplete="email" />
      </fieldset>
      <button type="submit">{props.submit}</button>
    </form>
  );
}

/** The network's referral rules. */
export function SettingsForm({ action, csrfToken, values, errors }: { action: string; csrfToken: string; values: SettingsFormValues; errors: FieldErrors }) {
  const s = m.settings;
  return (
    <form method="post" action={action} noValidate className="backoffice-form">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="regles" />
      <fieldset>
        <legend>{m.settingsLegend}</legend>
        <TextField quietRequired required name="expiration" label={s.expiry} hint={s.expiryHint} value={values.expiration} error={errors.expiration} inputMode="numeric" />
        <TextField quietRequired required name="relance" label={s.reminder} hint={s.reminderHint} value={values.relance} error={errors.relance} inputMode="numeric" />
        <TextField quietRequired required name="conservation" label={s.retention} hint={s.retentionHint} value={values.conservation} error={errors.conservation} inputMode="numeric" />
      </fieldset>
      <button type="submit">{m.settingsSave}</button>
    </form>
  );
}
