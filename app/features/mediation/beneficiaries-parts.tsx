/**
 * The UI parts of the followed people's pages: the consent text, the person's form fields, the
 * list, the history table and the export (what we hold, readable and printable). Plain HTML:
 * everything works without JavaScript.
 */
import { Fragment } from "react";
import { COOP_AGE_BANDS, COOP_GENDERS, COOP_SOCIAL_STATUSES } from "~/db/schema/people";
import { formatDate, formatDateTime, formatSpan } from "~/features/time/format";
import { todayIn } from "~/features/time/today";
import type { FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { formatPhone } from "~/lib/phone";
import { capitalize } from "~/lib/text";
import { SelectField, TextField } from "~/ui/form";
import type { ExportView } from "./beneficiary-export";
import type { BeneficiaryFormValues } from "./beneficiary-form";
import { ACTIVITY_KIND_LABELS, ADMIN_THEME_LABELS, AGE_BAND_LABELS, AUTONOMY_LABELS, EQUIPMENT_LABELS, GENDER_LABELS, ORIENTATION_LABELS, PLACE_KIND_LABELS, SOCIAL_STATUS_LABELS, THEME_LABELS } from "./coop-model";
import type { ConsentText } from "./consent";

const m = fr.beneficiaries;
const f = m.fields;

/** A person's name as the pages show it: « Hélène D. ». */
export const displayName = (p: { firstName: string | null; lastName: string | null }) => [p.firstName, p.lastName].filter(Boolean).join(" ");

/** The consent text, as shown on the form and printed: its title at `level`, then its paragraphs. */
export function ConsentTextView({ text, level = 2, id }: { text: ConsentText; level?: 1 | 2 | 3; id?: string }) {
  const Heading = (["h1", "h2", "h3"] as const)[level - 1]!;
  return (
    <div className="consent-text">
      <Heading id={id}>{text.title}</Heading>
      {text.paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
      <p className="muted">{text.versionLine}</p>
    </div>
  );
}

/** The stored wording, shown again as it was (blank lines between paragraphs). */
export function StoredWording({ wording }: { wording: string }) {
  return (
    <div className="consent-text">
      {wording.split("\n\n").map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}

const options = <K extends string>(codes: readonly K[], labels: Record<K, string>) => codes.map((c) => [c, labels[c]] as const);

/** The person's fields, grouped: who they are, how to reach them, what the figures count, notes. */
export function BeneficiaryFields({ values, errors }: { values: BeneficiaryFormValues; errors: FieldErrors }) {
  return (
    <>
      <fieldset>
        <legend>{m.identityLegend}</legend>
        <TextField name="prenom" label={f.firstName} value={values.prenom} error={errors.prenom} required autoComplete="off" />
        <TextField name="nom" label={f.lastName} hint={f.lastNameHint} value={values.nom} error={errors.nom} autoComplete="off" />
      </fieldset>
      <fieldset>
        <legend>{m.contactLegend}</legend>
        <TextField name="telephone" label={f.phone} hint={f.phoneHint} value={values.telephone} error={errors.telephone} type="tel" inputMode="tel" autoComplete="off" />
        <TextField name="courriel" label={f.email} value={values.courriel} error={errors.courriel} type="email" inputMode="email" autoComplete="off" />
      </fieldset>
      <fieldset>
        <legend>{m.profileLegend}</legend>
        <TextField name="annee_naissance" label={f.birthYear} hint={f.birthYearHint} value={values.annee_naissance} error={errors.annee_naissance} inputMode="numeric" autoComplete="off" />
        <SelectField name="tranche_age" label={f.ageBand} hint={f.ageBandHint} options={options(COOP_AGE_BANDS, AGE_BAND_LABELS)} value={values.tranche_age} error={errors.tranche_age} />
        <SelectField name="genre" label={f.gender} options={options(COOP_GENDERS, GENDER_LABELS)} value={values.genre} error={errors.genre} />
        <SelectField name="statut" label={f.socialStatus} options={options(COOP_SOCIAL_STATUSES, SOCIAL_STATUS_LABELS)} value={values.statut} error={errors.statut} />
        <TextField name="commune" label={f.commune} hint={f.communeHint} value={values.commune} error={errors.commune} autoComplete="off" />
        <TextField name="code_postal" label={f.postcode} value={values.code_postal} error={errors.code_postal} inputMode="numeric" autoComplete="off" />
      </fieldset>
      <TextField name="notes" label={f.notes} hint={f.notesWarning} value={values.notes} error={errors.notes} multiline rows={4} />
    </>
  );
}

export type BeneficiaryRow = { id: string; firstName: string; lastName: string | null; communeName: string | null; lastActivityAt: string };

/** The place's followed people as a table: name (a link to their page), commune, last activity (its day on the place's clock). */
export function BeneficiaryTable({ placeId, rows, timeZone }: { placeId: string; rows: BeneficiaryRow[]; timeZone: string }) {
  return (
    <table className="week">
      <caption>{m.listCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{m.name}</th>
          <th scope="col">{m.commune}</th>
          <th scope="col">{m.lastActivity}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">
              <a href={`/gestion/lieux/${placeId}/beneficiaires/${r.id}`}>{displayName(r)}</a>
            </th>
            <td>{r.communeName ?? m.noCommune}</td>
            <td>{formatDate(todayIn(timeZone, Date.parse(r.lastActivityAt)))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A history line as the loader gives it (instants as ISO strings). */
export type HistoryLine =
  | { kind: "record"; id: string; day: string; activity: "individuel" | "collectif"; status: "draft" | "done"; durationMinutes: number | null; themes: string[]; title: string | null }
  | { kind: "booking"; id: string; at: string; endsAt: string; resource: string; status: string; attendance: string | null }
  | { kind: "registration"; id: string; at: string | null; title: string; status: string; cycle: boolean; attendance: string | null };

function historyWhen(line: HistoryLine, timeZone: string): string {
  if (line.kind === "record") return formatDate(line.day);
  if (line.kind === "booking") return capitalize(formatSpan(new Date(line.at), new Date(line.endsAt), { timeZone }));
  return line.at ? capitalize(formatDateTime(new Date(line.at), { timeZone })) : "—";
}

function historyDetail(line: HistoryLine): string {
  if (line.kind === "record") {
    const parts = [
      ACTIVITY_KIND_LABELS[line.activity],
      line.title,
      line.themes.map((t) => THEME_LABELS[t as keyof typeof THEME_LABELS] ?? t).join(", "),
      line.durationMinutes ? m.minutes(line.durationMinutes) : null,
      line.status === "draft" ? m.recordDraft : null,
    ];
    return parts.filter(Boolean).join(" · ");
  }
  if (line.kind === "booking") return [line.resource, m.bookingStatus[line.status] ?? line.status, line.attendance ? (m.attendance[line.attendance] ?? line.attendance) : null].filter(Boolean).join(" · ");
  return [line.title, line.cycle ? m.wholeCycle : null, m.registrationStatus[line.status] ?? line.status, line.attendance ? (m.attendance[line.attendance] ?? line.attendance) : null]
    .filter(Boolean)
    .join(" · ");
}

/** The person's history, newest first: when, then what and its detail (a record links to its page); two columns, for narrow screens. */
export function HistoryTable({ placeId, lines, timeZone }: { placeId: string; lines: HistoryLine[]; timeZone: string }) {
  if (lines.length === 0) return <p>{m.historyNone}</p>;
  return (
    <table className="week">
      <caption>{m.historyCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{m.historyWhen}</th>
          <th scope="col">{m.historyWhat}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={`${line.kind}-${line.id}`}>
            <th scope="row">{historyWhen(line, timeZone)}</th>
            <td>
              <strong>{line.kind === "record" ? <a href={`/gestion/lieux/${placeId}/accompagnements/${line.id}`}>{m.kinds.record}</a> : m.kinds[line.kind]}</strong>
              <br />
              {historyDetail(line)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const orNone = (value: string | number | null | undefined) => (value === null || value === undefined || value === "" ? m.none : String(value));
const labelOf = (labels: Record<string, string>, code: string | null) => (code ? (labels[code] ?? code) : "");
/** The rows that say something. */
const filled = (rows: [string, string][]) => rows.filter(([, value]) => value !== "");

function Definitions({ rows }: { rows: [string, string][] }) {
  return (
    <dl className="facts">
      {rows.map(([term, value]) => (
        <Fragment key={term}>
          <dt>{term}</dt>
          <dd className="pre-line">{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** Everything the place holds about the person, in sections, one block of terms per record, booking or registration (readable on a phone); printable. */
export function ExportSections({ data, timeZone }: { data: ExportView; timeZone: string }) {
  const p = data.person;
  const when = (iso: string) => formatDateTime(new Date(iso), { timeZone });
  const erasedOr = (erased: boolean, value: string | null) => (erased ? m.exportErased : orNone(value));
  const c = m.exportRecordColumns;
  const b = m.exportBookingColumns;
  const r = m.exportRegistrationColumns;
  return (
    <>
      <h2>{m.exportIdentity}</h2>
      <Definitions
        rows={[
          [f.firstName, orNone(p.firstName)],
          [f.lastName, orNone(p.lastName)],
          [f.phone, p.phone ? formatPhone(p.phone) : m.none],
          [f.email, orNone(p.email)],
          [f.birthYear, orNone(p.birthYear)],
          [f.notes, orNone(p.notes)],
          [m.exportCreated, when(p.createdAt)],
          [m.exportUpdated, when(p.updatedAt)],
          [m.exportLastActivity, when(p.lastActivityAt)],
        ]}
      />
      <h2>{m.exportProfile}</h2>
      <Definitions
        rows={[
          [f.ageBand, AGE_BAND_LABELS[p.ageBand]],
          [f.gender, GENDER_LABELS[p.gender]],
          [f.socialStatus, SOCIAL_STATUS_LABELS[p.socialStatus]],
          [f.commune, orNone(p.communeName)],
        ]}
      />
      <h2>{m.exportConsent}</h2>
      <Definitions
        rows={[
          [m.exportConsentAt, p.consentAt ? when(p.consentAt) : m.none],
          [m.exportConsentBy, orNone(p.consentByName)],
        ]}
      />
      {p.consentWording ? <StoredWording wording={p.consentWording} /> : null}

      <h2>{m.exportRecords}</h2>
      {data.records.length === 0 ? <p>{m.exportNone}</p> : null}
      {data.records.map((row) => (
        <Fragment key={row.id}>
          <h3>{`${formatDate(row.date)} — ${[ACTIVITY_KIND_LABELS[row.kind], row.title, row.status === "draft" ? m.recordDraft : null].filter(Boolean).join(" · ")}`}</h3>
          <Definitions
            rows={filled([
              [c.duration, row.durationMinutes ? m.minutes(row.durationMinutes) : ""],
              [c.where, [labelOf(PLACE_KIND_LABELS, row.placeKind), row.communeName].filter(Boolean).join(", ")],
              [c.themes, [...row.themes.map((t) => labelOf(THEME_LABELS, t)), ...row.adminThemes.map((t) => labelOf(ADMIN_THEME_LABELS, t))].join(", ")],
              [c.equipment, row.equipment.map((e) => labelOf(EQUIPMENT_LABELS, e)).join(", ")],
              [c.autonomy, labelOf(AUTONOMY_LABELS, row.autonomy)],
              [c.orientation, row.oriented ? labelOf(ORIENTATION_LABELS, row.orientation) || m.yes : ""],
              [c.notes, row.notes ?? ""],
            ])}
          />
        </Fragment>
      ))}

      <h2>{m.exportBookings}</h2>
      {data.bookings.length === 0 ? <p>{m.exportNone}</p> : null}
      {data.bookings.map((row) => (
        <Fragment key={row.id}>
          <h3>{`${capitalize(formatSpan(new Date(row.startsAt), new Date(row.endsAt), { timeZone }))} — ${row.resource}`}</h3>
          <Definitions
            rows={[
              [b.status, [m.bookingStatus[row.status] ?? row.status, row.attendance ? (m.attendance[row.attendance] ?? row.attendance) : null].filter(Boolean).join(" · ")],
              [b.firstName, erasedOr(row.erased, row.firstName)],
              [b.contact, row.erased ? m.exportErased : [row.phone ? formatPhone(row.phone) : null, row.email].filter(Boolean).join(", ") || m.none],
              [b.reason, erasedOr(row.erased, row.reason)],
              [b.note, erasedOr(row.erased, row.note)],
            ]}
          />
        </Fragment>
      ))}

      <h2>{m.exportRegistrations}</h2>
      {data.registrations.length === 0 ? <p>{m.exportNone}</p> : null}
      {data.registrations.map((row) => (
        <Fragment key={row.id}>
          <h3>{`${row.startsAt ? capitalize(formatDateTime(new Date(row.startsAt), { timeZone })) : "—"} — ${[row.title, row.cycle ? m.wholeCycle : null].filter(Boolean).join(" · ")}`}</h3>
          <Definitions
            rows={[
              [r.status, [m.registrationStatus[row.status] ?? row.status, row.attendance ? (m.attendance[row.attendance] ?? row.attendance) : null].filter(Boolean).join(" · ")],
              [r.firstName, erasedOr(row.erased, row.firstName)],
              [r.contact, row.erased ? m.exportErased : [row.phone ? formatPhone(row.phone) : null, row.email].filter(Boolean).join(", ") || m.none],
            ]}
          />
        </Fragment>
      ))}

      <h2>{m.exportLog}</h2>
      <table className="week">
        <caption>{m.exportLog}</caption>
        <thead>
          <tr>
            <th scope="col">{m.exportLogColumns.when}</th>
            <th scope="col">{m.exportLogColumns.what}</th>
          </tr>
        </thead>
        <tbody>
          {data.log.map((line, i) => (
            <tr key={i}>
              <th scope="row">{capitalize(when(line.at))}</th>
              <td>{m.audit.actions[line.action] ?? line.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
