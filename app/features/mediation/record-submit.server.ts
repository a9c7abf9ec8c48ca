/**
 * What the new-record and the record pages do with a posted form: check it (a draft needs nothing,
 * a done record its three choices), save it, and say where to go — or give the form back with
 * what was typed and a French message beside each problem. Nothing is lost on an error.
 */
import { type Db } from "~/db/client.server";
import { todayIn } from "~/features/time/today";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { COUNT_PROBLEM_MESSAGES, RECORD_FIELDS, recordSchema, typedRecordValues, type RecordFormValues } from "./record-form";
import { saveHelpRecord } from "./records.server";

const m = fr.mediation.errors;

export type SubmitResult =
  | { kind: "redirect"; to: string }
  | { kind: "invalid"; status: 400 | 404 | 409; errors?: FieldErrors; problem?: string; values: RecordFormValues };

export async function submitRecordForm(
  db: Db,
  options: { place: { id: string; timeZone: string }; form: FormData; recordId?: string; actorUserId: string; now?: Date },
): Promise<SubmitResult> {
  const { place, form } = options;
  const now = options.now ?? new Date();
  const draft = form.get("intent") === "brouillon";
  const values = typedRecordValues(form);
  const parsed = parseForm(recordSchema({ today: todayIn(place.timeZone, now), draft }), form);
  if (!parsed.ok) return { kind: "invalid", status: 400, errors: parsed.errors, values };
  const result = await saveHelpRecord(db, { placeId: place.id, recordId: options.recordId, input: parsed.values, status: draft ? "draft" : "done", actorUserId: options.actorUserId, now });
  const list = `/gestion/lieux/${place.id}/accompagnements`;
  switch (result.kind) {
    case "saved":
      return { kind: "redirect", to: `${list}?${result.status === "draft" ? "brouillon" : "enregistre"}` };
    case "already-recorded":
      return { kind: "redirect", to: `${list}/${result.id}?deja` };
    case "not-found":
      return { kind: "invalid", status: 404, problem: m.notFound, values };
    case "person-unknown":
      return { kind: "invalid", status: 400, errors: { [parsed.values.kind === "individuel" ? RECORD_FIELDS.personId : RECORD_FIELDS.personIds]: m.person }, values };
    case "commune-unknown":
      return { kind: "invalid", status: 400, errors: { [RECORD_FIELDS.commune]: m.communeUnknown }, values };
    case "source-unknown":
      return { kind: "invalid", status: 400, problem: m.sourceUnknown, values };
    case "counts": {
      const { field, message } = COUNT_PROBLEM_MESSAGES[result.problem];
      return { kind: "invalid", status: 400, errors: { [field]: message }, values };
    }
  }
}
