/**
 * The help record's form (individual or collective) and the list's rows. A plain form: it works
 * without JavaScript; « Enregistrer en brouillon » keeps a half-filled form (no field required).
 */
import { Form } from "react-router";
import { COOP_ADMIN_THEME_CODES, COOP_AUTONOMY, COOP_EQUIPMENT_CODES, COOP_LEVELS, COOP_ORIENTATIONS, COOP_PLACE_KINDS, COOP_THEME_CODES } from "~/db/schema/mediation";
import { formatDate } from "~/features/time/format";
import { type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { CheckboxField, CheckboxGroup, CsrfField, ErrorSummary, RadioGroup, SelectField, TextField } from "~/ui/form";
import {
  ACTIVITY_KIND_LABELS, ADMIN_THEME_LABELS, AGE_BAND_LABELS, AUTONOMY_LABELS, DURATION_PRESETS, EQUIPMENT_LABELS, GENDER_LABELS, LEVEL_LABELS,
  ORIENTATION_LABELS, PLACE_KIND_LABELS, SOCIAL_STATUS_LABELS, THEME_LABELS,
} from "./coop-model";
import { AGE_BANDS_COUNTED, breakdownField, GENDERS_COUNTED, OTHER_DURATION, RECORD_FIELDS as F, type RecordFormValues, STATUSES_COUNTED } from "./record-form";

const m = fr.mediation;
const label = (labels: Record<string, string>) => (code: string) => labels[code] ?? code;

export type PersonChoice = { id: string; label: string };

export function personLabel(p: { firstName: string | null; lastName: string | null }): string {
  return [p.firstName, p.lastName].filter(Boolean).join(" ");
}

export function RecordForm(props: {
  values: RecordFormValues;
  errors?: FieldErrors;
  problem?: string | null;
  csrfToken: string;
  people: PersonChoice[];
  placeId: string;
  submitLabel?: string;
}) {
  const { values: v, errors = {}, people, placeId } = props;
  const individual = v[F.kind] !== "collectif";
  const count = (name: string, text: string, value: string) => (
    <TextField key={name} name={name} label={text} value={value} inputMode="numeric" error={errors[name]} />
  );
  return (
    <Form method="post" className="backoffice-form record-form" noValidate>
      <ErrorSummary errors={errors} problem={props.problem} />
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name={F.kind} value={v[F.kind]} />
      <input type="hidden" name={F.bookingId} value={v[F.bookingId]} />
      <input type="hidden" name={F.sessionId} value={v[F.sessionId]} />
      <p className="hint">{m.requiredIntro}</p>

      <TextField name={F.date} label={m.fields.date} type="date" value={v[F.date]} error={errors[F.date]} />
      <RadioGroup
        name={F.duration}
        legend={m.fields.duration}
        inline
        value={v[F.duration]}
        error={errors[F.duration]}
        options={[...DURATION_PRESETS.map((d) => [String(d), m.minutes(d)] as const), [OTHER_DURATION, m.fields.durationOtherChoice] as const]}
      >
        <TextField name={F.durationOther} label={m.fields.durationOther} value={v[F.durationOther]} inputMode="numeric" error={errors[F.durationOther]} />
      </RadioGroup>
      <RadioGroup name={F.placeKind} legend={m.fields.placeKind} value={v[F.placeKind]} error={errors[F.placeKind]} options={COOP_PLACE_KINDS.map((k) => [k, PLACE_KIND_LABELS[k]] as const)}>
        <TextField name={F.commune} label={m.fields.commune} hint={m.fields.communeHint} value={v[F.commune]} error={errors[F.commune]} />
      </RadioGroup>
      <CheckboxGroup name={F.themes} legend={m.fields.themes} options={COOP_THEME_CODES} labels={label(THEME_LABELS)} checked={v[F.themes]} error={errors[F.themes]} />
      <CheckboxGroup name={F.adminThemes} legend={m.fields.adminThemes} options={COOP_ADMIN_THEME_CODES} labels={label(ADMIN_THEME_LABELS)} checked={v[F.adminThemes]} error={errors[F.adminThemes]} />
      <CheckboxGroup name={F.equipment} legend={m.fields.equipment} options={COOP_EQUIPMENT_CODES} labels={label(EQUIPMENT_LABELS)} checked={v[F.equipment]} error={errors[F.equipment]} />

      {individual ? (
        <>
          <SelectField
            name={F.personId}
            label={m.fields.person}
            hint={m.fields.personHint}
            value={v[F.personId]}
            error={errors[F.personId]}
            options={[["", m.fields.personNone] as const, ...people.map((p) => [p.id, p.label] as const)]}
          />
          <p>
            <a href={`/gestion/lieux/${placeId}/beneficiaires/nouveau`}>{m.fields.newPerson}</a>
          </p>
          <RadioGroup
            name={F.autonomy}
            legend={m.fields.autonomy}
            value={v[F.autonomy]}
            error={errors[F.autonomy]}
            options={[["", m.fields.autonomyNone] as const, ...COOP_AUTONOMY.map((a) => [a, AUTONOMY_LABELS[a]] as const)]}
          />
          <CheckboxField name={F.oriented} label={m.fields.oriented} checked={v[F.oriented] === "oui"} />
          <SelectField
            name={F.orientation}
            label={m.fields.orientation}
            value={v[F.orientation]}
            error={errors[F.orientation]}
            options={[["", m.fields.orientationNone] as const, ...COOP_ORIENTATIONS.map((o) => [o, ORIENTATION_LABELS[o]] as const)]}
          />
        </>
      ) : (
        <>
          <TextField name={F.title} label={m.fields.title} value={v[F.title]} error={errors[F.title]} />
          <SelectField name={F.level} label={m.fields.level} value={v[F.level]} error={errors[F.level]} options={[["", m.fields.levelNone] as const, ...COOP_LEVELS.map((l) => [l, LEVEL_LABELS[l]] as const)]} />
          {people.length ? (
            <CheckboxGroup name={F.personIds} legend={m.fields.people} options={people.map((p) => p.id)} labels={(id) => people.find((p) => p.id === id)?.label ?? id} checked={v[F.personIds]} error={errors[F.personIds]} />
          ) : (
            <p className="hint">{m.fields.peopleNone}</p>
          )}
          <fieldset>
            <legend>{m.fields.anonymousTitle}</legend>
            <p className="hint">{m.fields.anonymousIntro}</p>
            <div className="count-grid">
              {count(F.anonymousTotal, m.fields.anonymousTotal, v[F.anonymousTotal])}
              {count(F.alreadyHelped, m.fields.alreadyHelped, v[F.alreadyHelped])}
            </div>
            <fieldset>
              <legend>{m.fields.genderLegend}</legend>
              <div className="count-grid">{GENDERS_COUNTED.map((g) => count(breakdownField("genre", g), GENDER_LABELS[g], v.breakdown[breakdownField("genre", g)] ?? ""))}</div>
            </fieldset>
            <fieldset>
              <legend>{m.fields.ageLegend}</legend>
              <div className="count-grid">{AGE_BANDS_COUNTED.map((a) => count(breakdownField("age", a), AGE_BAND_LABELS[a], v.breakdown[breakdownField("age", a)] ?? ""))}</div>
            </fieldset>
            <fieldset>
              <legend>{m.fields.statusLegend}</legend>
              <div className="count-grid">{STATUSES_COUNTED.map((s) => count(breakdownField("statut", s), SOCIAL_STATUS_LABELS[s], v.breakdown[breakdownField("statut", s)] ?? ""))}</div>
            </fieldset>
          </fieldset>
        </>
      )}

      <p className="warning" id="notes-avertissement">
        {m.fields.notesWarning}
      </p>
      <TextField name={F.notes} label={m.fields.notes} multiline rows={3} value={v[F.notes]} error={errors[F.notes]} />

      <div className="actions">
        <button type="submit" name="intent" value="enregistrer">
          {props.submitLabel ?? m.save}
        </button>
        <button type="submit" name="intent" value="brouillon" className="secondary">
          {m.saveDraft}
        </button>
      </div>
      <p className="hint">{m.draftHint}</p>
    </Form>
  );
}

export type RecordRow = {
  id: string;
  kind: "individuel" | "collectif";
  date: string;
  durationMinutes: number | null;
  themes: string[];
  title: string | null;
  participants: number;
  mediatorName: string | null;
};

/** A table of records: date, kind, themes, duration, people, who recorded it, and what to do. */
export function RecordTable({ rows, caption, placeId }: { rows: RecordRow[]; caption: string; placeId: string }) {
  return (
    <div className="table-scroll">
    <table className="records">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{m.columns.date}</th>
          <th scope="col">{m.columns.kind}</th>
          <th scope="col">{m.columns.duration}</th>
          <th scope="col">{m.columns.who}</th>
          <th scope="col">{m.columns.mediator}</th>
          <th scope="col">{m.columns.actions}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{formatDate(r.date)}</td>
            <td>
              {r.title ? `${ACTIVITY_KIND_LABELS[r.kind]} : ${r.title}` : ACTIVITY_KIND_LABELS[r.kind]}
              <div className="muted">{r.themes.map((t) => THEME_LABELS[t as keyof typeof THEME_LABELS] ?? t).join(", ")}</div>
            </td>
            <td>{r.durationMinutes ? m.minutes(r.durationMinutes) : "—"}</td>
            <td>{m.participants(r.participants)}</td>
            <td>{r.mediatorName ?? "—"}</td>
            <td>
              <a href={`/gestion/lieux/${placeId}/accompagnements/${r.id}`} aria-label={`${m.open} : ${formatDate(r.date)}`}>
                {m.open}
              </a>{" "}
              ·{" "}
              <a href={`/gestion/lieux/${placeId}/accompagnements/nouveau?copie=${r.id}`} aria-label={`${m.duplicate} : ${formatDate(r.date)}`}>
                {m.duplicate}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
