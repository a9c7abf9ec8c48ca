/**
 * The back-office place form as a browser sends it (tests/integration/backoffice.test.ts
 * through the handler, app/features/places/place-form.test.ts to formToValues).
 */
import { OSM_WEEKDAYS } from "~/features/time/weekday";
import { editorField, MAX_CLOSURES, RANGES_PER_DAY } from "~/features/hours/hours-editor";
import type { PlaceFormValues } from "~/features/places/place-form";

/** The fields of the form filled with these values; unticked boxes are not sent. */
export function placeFormBody(values: PlaceFormValues): URLSearchParams {
  const body = new URLSearchParams({ version: values.version, fuseau: values.timeZone, "horaires-mode": values.hoursMode, horaires: values.hoursRaw, intent: "save" });
  for (const [k, v] of Object.entries(values.text)) body.set(k, v);
  for (const [k, v] of Object.entries(values.lines)) body.set(k, v);
  for (const [k, v] of Object.entries(values.equipment)) body.set(k, v);
  for (const [k, list] of Object.entries(values.checks)) for (const v of list) body.append(k, v);
  for (const day of OSM_WEEKDAYS) {
    const d = values.hoursEditor.days[day];
    if (d.closed) body.set(editorField.closed(day), "on");
    for (let n = 1; n <= RANGES_PER_DAY; n++) {
      body.set(editorField.from(day, n), d.ranges[n - 1]?.from ?? "");
      body.set(editorField.to(day, n), d.ranges[n - 1]?.to ?? "");
    }
  }
  if (values.hoursEditor.holidaysClosed) body.set(editorField.holidays, "on");
  for (let n = 1; n <= MAX_CLOSURES; n++) {
    body.set(editorField.closureFrom(n), values.hoursEditor.closures[n - 1]?.from ?? "");
    body.set(editorField.closureTo(n), values.hoursEditor.closures[n - 1]?.to ?? "");
  }
  return body;
}
