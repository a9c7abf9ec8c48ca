/**
 * The "Signaler une erreur" form: its fields, its zod schema and French error messages.
 * Pure: used by the route's action (and its tests) on the server.
 */
import { z } from "zod";
import { fr } from "~/lib/messages";
import { fieldErrors } from "~/lib/forms";

/** Topic codes, stored as is in place_reports.topic; their French labels are in fr.report.topics. */
export const REPORT_TOPICS = ["horaires", "adresse-telephone", "services", "ferme-definitivement", "autre"] as const;

export const MESSAGE_MIN = 10;
export const MESSAGE_MAX = 1000;

/** Form field names (the HTML `name` attributes). `site_internet` is the honeypot: people never see it. */
export const FIELDS = { topic: "sujet", message: "message", honeypot: "site_internet" } as const;

const errors = fr.report.errors;

export const ReportSchema = z.object({
  topic: z.enum(REPORT_TOPICS, { error: errors.topic }),
  message: z
    .string({ error: errors.messageEmpty })
    .min(1, { error: errors.messageEmpty })
    .min(MESSAGE_MIN, { error: errors.messageShort })
    .max(MESSAGE_MAX, { error: errors.messageLong }),
});

export type ReportInput = z.infer<typeof ReportSchema>;
/** What the person typed, sent back into the form when it is shown again. */
export type ReportValues = { topic: string; message: string };
export type ReportErrors = Partial<Record<keyof ReportInput, string>>;

export type ParsedReportForm =
  | { ok: true; data: ReportInput; values: ReportValues; honeypot: boolean }
  | { ok: false; errors: ReportErrors; values: ReportValues; honeypot: boolean };

/** Line endings as one character, outer spaces removed: what people see is what is counted. */
function cleanMessage(value: FormDataEntryValue | null): string {
  return typeof value === "string" ? value.replace(/\r\n?/g, "\n").trim() : "";
}

export function parseReportForm(form: FormData): ParsedReportForm {
  const values: ReportValues = {
    topic: typeof form.get(FIELDS.topic) === "string" ? (form.get(FIELDS.topic) as string) : "",
    message: cleanMessage(form.get(FIELDS.message)),
  };
  const honeypotValue = form.get(FIELDS.honeypot);
  const honeypot = typeof honeypotValue === "string" && honeypotValue.trim() !== "";
  const result = ReportSchema.safeParse({ topic: values.topic, message: values.message });
  if (result.success) return { ok: true, data: result.data, values, honeypot };
  return { ok: false, errors: fieldErrors<keyof ReportInput>(result.error), values, honeypot };
}

/** "40 minutes", "1 minute", "2 heures", "1 heure et 5 minutes": minutes rounded up, so people never come back too early. */
export function waitWords(seconds: number): string {
  const total = Math.max(1, Math.ceil(seconds / 60));
  const minutes = total % 60;
  const hours = (total - minutes) / 60;
  const minuteWords = minutes === 1 ? "1 minute" : `${minutes} minutes`;
  if (hours === 0) return minuteWords;
  const hourWords = hours === 1 ? "1 heure" : `${hours} heures`;
  return minutes === 0 ? hourWords : `${hourWords} et ${minuteWords}`;
}
