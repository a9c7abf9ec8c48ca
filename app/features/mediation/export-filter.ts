/**
 * The period of a records export, from its URL (`?du=2025-01-01&au=2025-12-31`): both optional,
 * written as a date field sends them (YYYY-MM-DD) or as a person types them (JJ/MM/AAAA).
 */
import { z } from "zod";
import { type IsoDate, readDate } from "~/features/time/calendar";
import { fr } from "~/lib/messages";

const m = fr.mediationExports.filterErrors;

export type RecordsExportFilter = { from?: IsoDate; to?: IsoDate };

/** A date typed in the export form or read from La Coop's file (jj/mm/aaaa or ISO): the one reader of features/time. */
export const readExportDate = readDate;

const optionalDate = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const text = (value ?? "").trim();
    if (!text) return undefined;
    const date = readExportDate(text);
    if (!date) {
      ctx.addIssue({ code: "custom", message: m.date });
      return z.NEVER;
    }
    return date;
  });

export const RecordsExportFilterSchema = z
  .object({ du: optionalDate, au: optionalDate })
  .refine((v) => !v.du || !v.au || v.du <= v.au, { message: m.order, path: ["au"] })
  .transform((v): RecordsExportFilter => ({ from: v.du, to: v.au }));

/** The filter, or the first problem in French. */
export function parseRecordsExportFilter(params: URLSearchParams): { ok: true; filter: RecordsExportFilter } | { ok: false; error: string } {
  const parsed = RecordsExportFilterSchema.safeParse({ du: params.get("du") ?? undefined, au: params.get("au") ?? undefined });
  return parsed.success ? { ok: true, filter: parsed.data } : { ok: false, error: parsed.error.issues[0]!.message };
}
