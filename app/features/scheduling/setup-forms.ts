/**
 * The other forms of a place's booking set-up page: the booking settings, a closure, a calendar
 * feed to create or revoke. One schema each, French messages, an `intent` telling them apart;
 * the resource's own form is resource-form.ts. Pure: the place's resources, staff and today's
 * date are given.
 */
import { z } from "zod";
import { daysBetween, readDate, type IsoDate } from "~/features/time/calendar";
import { fr } from "~/lib/messages";
import { optionalWholeNumber, wholeNumber } from "./resource-form";
import type { Settings } from "./resources.server";

const m = fr.resources;
export const WHOLE_PLACE = "lieu";

export const SettingsSchema = z
  .object({
    intent: z.literal("reglages"),
    rappel: optionalWholeNumber(2, 72, m.settingsErrors.reminderHours),
    delai_annulation: wholeNumber(0, 168, m.settingsErrors.cancelDeadlineHours),
    absences: optionalWholeNumber(1, 20, m.settingsErrors.noShowLimit),
    conservation: wholeNumber(1, 3650, m.settingsErrors.retentionDays),
  })
  .transform((v): Settings => ({ reminderHours: v.rappel, cancelDeadlineHours: v.delai_annulation, noShowLimit: v.absences, retentionDays: v.conservation }));

export type SettingsFormValues = { rappel: string; delai_annulation: string; absences: string; conservation: string };

export function settingsToFormValues(s: Settings): SettingsFormValues {
  return { rappel: s.reminderHours === null ? "" : String(s.reminderHours), delai_annulation: String(s.cancelDeadlineHours), absences: s.noShowLimit === null ? "" : String(s.noShowLimit), conservation: String(s.retentionDays) };
}

/** Re-exported: the one reader of a typed date lives in features/time. */
export { readDate };

const dateField = z
  .string({ error: m.closureErrors.date })
  .optional()
  .transform((v, ctx) => {
    const date = readDate((v ?? "").trim());
    if (!date) {
      ctx.addIssue({ code: "custom", message: m.closureErrors.date });
      return z.NEVER;
    }
    return date;
  });

export type ClosureInput = { resourceId: string | null; startsOn: IsoDate; endsOn: IsoDate; reason: string };

/** A closure of the whole place or of one of its resources (`resourceIds`), for whole days from `today` on, a year at most. */
export function closureSchema(options: { resourceIds: readonly string[]; today: IsoDate }) {
  return z
    .object({
      intent: z.literal("fermeture"),
      portee: z
        .string({ error: m.closureErrors.scope })
        .optional()
        .refine((v) => v === WHOLE_PLACE || (v !== undefined && options.resourceIds.includes(v)), { error: m.closureErrors.scope }),
      du: dateField,
      au: dateField,
      raison: z
        .string({ error: m.closureErrors.reasonLong })
        .optional()
        .transform((v) => (v ?? "").trim().replace(/\s+/g, " "))
        .pipe(z.string().max(200, { error: m.closureErrors.reasonLong })),
    })
    .superRefine((v, ctx) => {
      if (v.au < v.du) ctx.addIssue({ code: "custom", path: ["au"], message: m.closureErrors.order });
      else if (v.au < options.today) ctx.addIssue({ code: "custom", path: ["au"], message: m.closureErrors.past });
      else if (daysBetween(v.du, v.au) > 366) ctx.addIssue({ code: "custom", path: ["au"], message: m.closureErrors.tooLong });
    })
    .transform((v): ClosureInput => ({ resourceId: v.portee === WHOLE_PLACE ? null : v.portee!, startsOn: v.du, endsOn: v.au, reason: v.raison }));
}

/** What the closure form offers first: the whole place, today. */
export const closureDefaults = (today: IsoDate) => ({ portee: WHOLE_PLACE, du: today, au: today, raison: "" });

/** A feed of the whole place, or of one of its staff's appointments (`staffIds`). */
export function feedSchema(options: { staffIds: readonly string[] }) {
  return z
    .object({
      intent: z.literal("agenda"),
      pour: z
        .string({ error: m.feedErrors.for })
        .optional()
        .refine((v) => v === WHOLE_PLACE || (v !== undefined && options.staffIds.includes(v)), { error: m.feedErrors.for }),
    })
    .transform((v) => ({ userId: v.pour === WHOLE_PLACE ? null : v.pour! }));
}

export const RevokeFeedSchema = z.object({ intent: z.literal("revoquer"), flux: z.uuid() }).transform((v) => ({ feedId: v.flux }));
