/**
 * The parts of the coordinator's call pages: the call's settings form, its state, the
 * applications' table (sortable by score, number, place or state without JavaScript).
 */
import type { ApplicationState, CallStatus } from "~/db/schema/calls";
import { LABEL_THEMES } from "~/features/networks/label-themes";
import { formatDateTime } from "~/features/time/format";
import { FRANCE_TIME_ZONE, toWallTime } from "~/features/time/zone";
import type { FieldErrors } from "~/lib/forms";
import { formatNumber, fr } from "~/lib/messages";
import { CheckboxGroup, CsrfField, RadioGroup, TextField } from "~/ui/form";

const m = fr.applications;
const p = fr.applications.pages;

export type CallSettingsValues = Record<string, string | string[]>;

const pad = (n: number) => String(n).padStart(2, "0");
const franceDate = (at: Date) => {
  const w = toWallTime(FRANCE_TIME_ZONE, at);
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
};

/** The form's values of a call (or a new call's defaults). */
export function callSettingsValues(call?: {
  title: string; description: string; themes: string[]; funders: string[]; opensAt: Date; closesAt: Date; audience: string; label: string; labelValidUntil: string; reviewsRequired: number; reviewsHidden: boolean; signatoryName: string; signatoryTitle: string;
}): CallSettingsValues {
  if (!call) return { titre: "", description: "", themes: [...LABEL_THEMES], financeurs: "", ouverture: "", cloture: "", cloture_heure: "12:00", public: "network", label: "", label_fin: "", avis_requis: "1", avis_caches: "on", signataire: "", signataire_titre: "" };
  const closes = franceDate(call.closesAt);
  return {
    titre: call.title,
    description: call.description,
    themes: call.themes,
    financeurs: call.funders.join("\n"),
    ouverture: franceDate(call.opensAt).date,
    cloture: closes.date,
    cloture_heure: closes.time,
    public: call.audience,
    label: call.label,
    label_fin: call.labelValidUntil,
    avis_requis: String(call.reviewsRequired),
    avis_caches: call.reviewsHidden ? "on" : "",
    signataire: call.signatoryName,
    signataire_titre: call.signatoryTitle,
  };
}

/** What the person typed, to show it again with the errors. */
export function typedSettingsValues(form: FormData): CallSettingsValues {
  const values: CallSettingsValues = {};
  for (const key of Object.keys(callSettingsValues())) values[key] = key === "themes" ? form.getAll(key).map(String) : String(form.get(key) ?? "");
  return values;
}

const text = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join("\n") : (v ?? ""));

export function CallSettingsForm(props: { action: string; csrfToken: string; intent: string; legend: string; submit: string; values: CallSettingsValues; errors: FieldErrors }) {
  const { values: v, errors: e } = props;
  const f = p.fields;
  return (
    <form method="post" action={props.action} noValidate className="backoffice-form">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="intent" value={props.intent} />
      <fieldset>
        <legend>{props.legend}</legend>
        <TextField required name="titre" label={f.title} hint={f.titleHint} value={text(v.titre)} error={e.titre} />
        <TextField multiline rows={6} name="description" label={f.description} hint={f.descriptionHint} value={text(v.description)} error={e.description} />
        <CheckboxGroup name="themes" legend={f.themes} options={LABEL_THEMES} checked={Array.isArray(v.themes) ? v.themes : []} error={e.themes} />
        <TextField multiline rows={3} name="financeurs" label={f.funders} hint={f.fundersHint} value={text(v.financeurs)} error={e.financeurs} />
        <TextField required type="date" name="ouverture" label={f.opens} value={text(v.ouverture)} error={e.ouverture} />
        <TextField required type="date" name="cloture" label={f.closes} value={text(v.cloture)} error={e.cloture} />
        <TextField type="time" name="cloture_heure" label={f.closesTime} hint={f.closesTimeHint} value={text(v.cloture_heure)} error={e.cloture_heure} />
        <RadioGroup name="public" legend={f.audience} options={[["network", m.audiences.network], ["any", m.audiences.any]]} value={text(v.public)} error={e.public} />
        <TextField required name="label" label={f.label} hint={f.labelHint} value={text(v.label)} error={e.label} />
        <TextField required type="date" name="label_fin" label={f.labelUntil} hint={f.labelUntilHint} value={text(v.label_fin)} error={e.label_fin} />
        <TextField name="avis_requis" label={f.reviewsRequired} hint={f.reviewsRequiredHint} value={text(v.avis_requis)} error={e.avis_requis} inputMode="numeric" />
        <div className="field">
          <div className="check">
            <input type="checkbox" id="champ-avis_caches" name="avis_caches" value="on" defaultChecked={v.avis_caches === "on"} />
            <label htmlFor="champ-avis_caches">{f.reviewsHidden}</label>
          </div>
        </div>
        <TextField name="signataire" label={f.signatory} value={text(v.signataire)} error={e.signataire} autoComplete="name" />
        <TextField name="signataire_titre" label={f.signatoryTitle} hint={f.signatoryTitleHint} value={text(v.signataire_titre)} error={e.signataire_titre} />
      </fieldset>
      <button type="submit">{props.submit}</button>
    </form>
  );
}

export function StateTag({ state }: { state: ApplicationState }) {
  return <span className="badge">{m.states[state]}</span>;
}

export function CallStatusTag({ status }: { status: CallStatus }) {
  return <span className="badge">{m.callStatuses[status]}</span>;
}

export type ApplicationListRow = {
  id: string;
  number: number;
  state: ApplicationState;
  placeName: string;
  commune: string;
  submittedAt: Date | null;
  assigned: number;
  reviewed: number;
  score: number | null;
};

export const SORTS = ["numero", "lieu", "etat", "note"] as const;
export type Sort = (typeof SORTS)[number];

export function sortApplications(rows: ApplicationListRow[], sort: Sort): ApplicationListRow[] {
  const copy = [...rows];
  const by: Record<Sort, (a: ApplicationListRow, b: ApplicationListRow) => number> = {
    numero: (a, b) => a.number - b.number,
    lieu: (a, b) => a.placeName.localeCompare(b.placeName, "fr"),
    etat: (a, b) => m.states[a.state].localeCompare(m.states[b.state], "fr") || a.number - b.number,
    // Best first; unscored last.
    note: (a, b) => (b.score ?? -1) - (a.score ?? -1) || a.number - b.number,
  };
  return copy.sort(by[sort]);
}

export const formatScore = (score: number | null, scale: number) => (score === null ? "—" : `${formatNumber(Math.round(score * 10) / 10)} / ${scale}`);

export function ApplicationsTable(props: { base: string; here: string; rows: ApplicationListRow[]; sort: Sort; scale: number; required: number }) {
  const { rows, sort } = props;
  if (rows.length === 0) return <p>{p.noApplications}</p>;
  const header = (key: Sort, label: string) => (
    <th scope="col" aria-sort={sort === key ? (key === "note" ? "descending" : "ascending") : undefined}>
      {sort === key ? label : <a href={`${props.here}?tri=${key}#dossiers`}>{label}</a>}
    </th>
  );
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={p.applicationsTitle}>
      <table className="data-table">
        <caption className="visually-hidden">{p.sortedBy(p.sorts[sort])}</caption>
        <thead>
          <tr>
            {header("numero", p.columns.number)}
            {header("lieu", p.columns.place)}
            {header("etat", p.columns.state)}
            <th scope="col">{p.columns.submitted}</th>
            <th scope="col">{p.columns.reviews}</th>
            {header("note", p.columns.score)}
          </tr>
        </thead>
        <tbody>
          {sortApplications(rows, sort).map((row) => (
            <tr key={row.id}>
              <td>{row.number}</td>
              <th scope="row">
                <a href={`${props.base}/dossiers/${row.id}`}>{row.placeName}</a>
                {row.commune ? <span className="muted"> ({row.commune})</span> : null}
              </th>
              <td>
                <StateTag state={row.state} />
              </td>
              <td>{row.submittedAt ? formatDateTime(row.submittedAt) : "—"}</td>
              <td>{p.reviewsCount(row.reviewed, Math.max(props.required, row.assigned))}</td>
              <td>{formatScore(row.score, props.scale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
