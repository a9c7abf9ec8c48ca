/**
 * The place edit form: every field of the national standard plus ours, grouped in
 * fieldsets, and the opening hours editor (day by day, or the OSM text). Shown again
 * after a refused submission with what was typed and each message next to its field.
 */
import { MAX_CLOSURES, RANGES_PER_DAY } from "~/features/hours/hours-editor";
import {
  CHECKBOX_FIELDS,
  EQUIPMENT_FIELDS,
  TIME_ZONES,
  checkboxOptions,
  editorField,
  type CheckboxField,
  type PlaceFormErrors,
  type PlaceFormValues,
  type TextField as TextFieldName,
} from "./place-form";
import { FIELD_DEFS } from "~/features/standard/schema";
import { OSM_WEEKDAYS, type OsmWeekday } from "~/features/time/weekday";
import { TYPOLOGIES } from "~/features/standard/typologie";
import { fr } from "~/lib/messages";
import { CheckboxGroup, ErrorSummary, FieldError, TextField, errorId, fieldId } from "~/ui/form";

const m = fr.backoffice.edit;
const title = (field: string) => FIELD_DEFS[field]?.title ?? field;

/** Where the error summary sends the focus for a problem key. */
function problemHref(key: string): string {
  const day = /^(Mo|Tu|We|Th|Fr|Sa|Su)\.(\d)$/.exec(key);
  if (day) return `#${fieldId(editorField.from(day[1] as OsmWeekday, Number(day[2])))}`;
  const closure = /^closure\.(\d)$/.exec(key);
  if (closure) return `#${fieldId(editorField.closureFrom(Number(closure[1])))}`;
  if (key === "fuseau") return `#${fieldId("fuseau")}`;
  if (key === "horaires") return `#${fieldId("horaires")}`;
  return `#${fieldId(key)}`;
}

function problemText(key: string, text: string): string {
  const day = /^(Mo|Tu|We|Th|Fr|Sa|Su)\.(\d)$/.exec(key);
  if (day) return `${m.dayNames[day[1] as OsmWeekday]} (${day[2] === "1" ? m.morning : m.afternoon}) : ${text}`;
  const closure = /^closure\.(\d)$/.exec(key);
  if (closure) return `${m.closureFrom(Number(closure[1]))} : ${text}`;
  return text;
}

export function PlaceForm(props: { action: string; csrfToken: string; values: PlaceFormValues; errors: PlaceFormErrors; readOnly: boolean; hoursNotSimple: boolean }) {
  const { action, csrfToken, values, errors, readOnly, hoursNotSimple } = props;
  const problems = Object.entries(errors).map(([key, text]) => ({ href: problemHref(key), text: problemText(key, text) }));
  const text = (name: TextFieldName, extra: { required?: boolean; multiline?: boolean; hint?: string; type?: string; inputMode?: "numeric" | "decimal" | "tel" | "url" } = {}) => (
    <TextField name={name} label={title(name)} value={values.text[name]} error={errors[name]} {...extra} />
  );
  const checks = (field: CheckboxField) => (
    <CheckboxGroup
      name={field}
      legend={title(field)}
      options={checkboxOptions(field)}
      labels={field === "typologie" ? (code) => `${TYPOLOGIES[code] ?? code} (${code})` : undefined}
      checked={values.checks[field]}
      error={errors[field]}
    />
  );
  return (
    <>
      <ErrorSummary problems={problems} />
      <form method="post" action={action} noValidate className="backoffice-form">
        <input type="hidden" name="csrf" value={csrfToken} />
        <input type="hidden" name="version" value={values.version} />
        <fieldset disabled={readOnly} className="plain">
          <fieldset>
            <legend>{m.identity}</legend>
            {text("nom", { required: true })}
            {text("pivot", { required: true })}
            {text("structure_parente")}
            {checks("itinerance")}
            <details open={errors.typologie ? true : undefined}>
              <summary>{title("typologie")}</summary>
              {checks("typologie")}
            </details>
          </fieldset>

          <fieldset>
            <legend>{m.address}</legend>
            {text("adresse", { required: true })}
            {text("complement_adresse")}
            {text("code_postal", { required: true, inputMode: "numeric" })}
            {text("commune", { required: true })}
            {text("code_insee", { inputMode: "numeric" })}
            {text("latitude", { inputMode: "decimal" })}
            {text("longitude", { inputMode: "decimal" })}
            <div className={errors.fuseau ? "field field-invalid" : "field"}>
              <label htmlFor={fieldId("fuseau")}>{m.timeZone}</label>
              <FieldError name="fuseau" error={errors.fuseau} />
              <select id={fieldId("fuseau")} name="fuseau" defaultValue={values.timeZone} aria-invalid={errors.fuseau ? true : undefined} aria-describedby={errors.fuseau ? errorId("fuseau") : undefined}>
                {TIME_ZONES.map((zone) => (
                  <option key={zone} value={zone}>
                    {m.timeZones[zone] ?? zone}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>

          <fieldset>
            <legend>{m.contact}</legend>
            {text("telephone", { type: "tel", inputMode: "tel" })}
            <TextField name="courriels" label={title("courriels")} value={values.lines.courriels} error={errors.courriels} hint={m.linesHint} multiline rows={3} />
            <TextField name="site_web" label={title("site_web")} value={values.lines.site_web} error={errors.site_web} hint={m.linesHint} multiline rows={3} />
            {text("prise_rdv", { type: "url", inputMode: "url" })}
            {text("fiche_acces_libre", { type: "url", inputMode: "url" })}
          </fieldset>

          <fieldset>
            <legend>{m.presentation}</legend>
            {text("presentation_resume", { multiline: true })}
            {text("presentation_detail", { multiline: true })}
          </fieldset>

          <fieldset>
            <legend>{m.offer}</legend>
            {(["services", "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge", "modalites_acces", "modalites_accompagnement"] as const).map((f) => (
              <div key={f}>{checks(f)}</div>
            ))}
          </fieldset>

          <fieldset>
            <legend>{m.equipment}</legend>
            <p className="hint">{m.equipmentHint}</p>
            {EQUIPMENT_FIELDS.map((f) => (
              <TextField key={f} name={f} label={m.equipmentLabels[f]} value={values.equipment[f]} error={errors[f]} inputMode="numeric" />
            ))}
          </fieldset>

          <HoursFieldset values={values} errors={errors} hoursNotSimple={hoursNotSimple} />

          <fieldset>
            <legend>{m.more}</legend>
            {checks("dispositif_programmes_nationaux")}
            {checks("formations_labels")}
            {text("autres_formations_labels")}
            {text("source")}
          </fieldset>

          {readOnly ? null : (
            <p>
              <button type="submit" name="intent" value="save">
                {m.save}
              </button>
            </p>
          )}
        </fieldset>
      </form>
    </>
  );
}

function HoursFieldset({ values, errors, hoursNotSimple }: { values: PlaceFormValues; errors: PlaceFormErrors; hoursNotSimple: boolean }) {
  const editor = values.hoursEditor;
  const input = (name: string, value: string, labelledBy: string, error: string | undefined, type: "time" | "date") => (
    <input
      type={type}
      id={fieldId(name)}
      name={name}
      defaultValue={value}
      aria-labelledby={labelledBy}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId(name) : undefined}
    />
  );
  return (
    <fieldset>
      <legend>{m.hours}</legend>
      {hoursNotSimple ? <p className="notice">{m.hoursEditorNotSimple}</p> : null}
      <fieldset>
        <legend>{m.hoursModeLegend}</legend>
        <div className="check">
          <input type="radio" id="horaires-mode-editor" name="horaires-mode" value="editor" defaultChecked={values.hoursMode === "editor"} />
          <label htmlFor="horaires-mode-editor">{m.hoursModeEditor}</label>
        </div>
        <div className="check">
          <input type="radio" id="horaires-mode-raw" name="horaires-mode" value="raw" defaultChecked={values.hoursMode === "raw"} />
          <label htmlFor="horaires-mode-raw">{m.hoursModeRaw}</label>
        </div>
      </fieldset>
      <p className="hint" id="horaires-aide">
        {m.timeHint}
      </p>
      {OSM_WEEKDAYS.map((day) => {
        const d = editor.days[day];
        const dayId = `jour-${day}`;
        return (
          <fieldset key={day} className="hours-day">
            <legend id={dayId}>{m.dayNames[day]}</legend>
            <div className="check">
              <input type="checkbox" id={fieldId(editorField.closed(day))} name={editorField.closed(day)} defaultChecked={d.closed} />
              <label htmlFor={fieldId(editorField.closed(day))}>{m.closedDay}</label>
            </div>
            {Array.from({ length: RANGES_PER_DAY }, (_, i) => {
              const n = i + 1;
              const key = `${day}.${n}`;
              const range = d.ranges[i] ?? { from: "", to: "" };
              const partId = `part-${day}-${n}`;
              const fromName = editorField.from(day, n);
              const toName = editorField.to(day, n);
              return (
                <div key={n} className={errors[key] ? "hours-range field-invalid" : "hours-range"}>
                  <span id={partId}>{n === 1 ? m.morning : m.afternoon} : </span>
                  <label id={`${fieldId(fromName)}-label`} htmlFor={fieldId(fromName)}>
                    {m.from}
                  </label>{" "}
                  {input(fromName, range.from, `${dayId} ${partId} ${fieldId(fromName)}-label`, errors[key], "time")}{" "}
                  <label id={`${fieldId(toName)}-label`} htmlFor={fieldId(toName)}>
                    {m.to}
                  </label>{" "}
                  {input(toName, range.to, `${dayId} ${partId} ${fieldId(toName)}-label`, errors[key], "time")}
                  <RangeError fromName={fromName} toName={toName} error={errors[key]} />
                </div>
              );
            })}
          </fieldset>
        );
      })}
      <div className="check">
        <input type="checkbox" id={fieldId(editorField.holidays)} name={editorField.holidays} defaultChecked={editor.holidaysClosed} />
        <label htmlFor={fieldId(editorField.holidays)}>{m.holidaysClosed}</label>
      </div>
      <fieldset>
        <legend>{m.closures}</legend>
        <p className="hint">{m.closuresHint}</p>
        {Array.from({ length: MAX_CLOSURES }, (_, i) => {
          const n = i + 1;
          const c = editor.closures[i] ?? { from: "", to: "" };
          const key = `closure.${n}`;
          const fromName = editorField.closureFrom(n);
          const toName = editorField.closureTo(n);
          return (
            <div key={n} className={errors[key] ? "hours-range field-invalid" : "hours-range"}>
              <label id={`${fieldId(fromName)}-label`} htmlFor={fieldId(fromName)}>
                {m.closureFrom(n)}
              </label>{" "}
              {input(fromName, c.from, `${fieldId(fromName)}-label`, errors[key], "date")}{" "}
              <label id={`${fieldId(toName)}-label`} htmlFor={fieldId(toName)}>
                {m.closureTo(n)}
              </label>{" "}
              {input(toName, c.to, `${fieldId(toName)}-label`, errors[key], "date")}
              <RangeError fromName={fromName} toName={toName} error={errors[key]} />
            </div>
          );
        })}
      </fieldset>
      <TextField name="horaires" label={m.rawLabel} value={values.hoursRaw} error={errors.horaires} hint={m.rawHint} multiline rows={3} />
    </fieldset>
  );
}

export function ConflictTable({ rows }: { rows: { field: string; theirs: string; yours: string }[] }) {
  return (
    <table className="week">
      <caption>{m.conflictTitle}</caption>
      <thead>
        <tr>
          <th scope="col">{m.conflictField}</th>
          <th scope="col">{m.conflictTheirs}</th>
          <th scope="col">{m.conflictYours}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field}>
            <th scope="row">{r.field}</th>
            <td>{r.theirs}</td>
            <td>{r.yours}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export type { CheckboxField };
export { CHECKBOX_FIELDS };

/** One message for a from–to pair: shown under the pair, and referenced by both inputs. */
function RangeError({ fromName, toName, error }: { fromName: string; toName: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <>
      <p id={errorId(fromName)} className="field-error">
        {error}
      </p>
      <span id={errorId(toName)} hidden>
        {error}
      </span>
    </>
  );
}
