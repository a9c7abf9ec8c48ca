/**
 * Who books: a first name, and a phone or an email (one of the two), read from a form or JSON.
 * The person has no account; `personKey` (the phone in E.164, else the lower-cased email) is what
 * per-person limits and no-shows count by. Pure.
 */
import { z } from "zod";
import { normalizePhone } from "~/lib/phone";
import { formatDate } from "~/features/time/format";
import { fr } from "~/lib/messages";

const m = fr.booking.errors;

export type Person = { firstName: string; phone: string | null; email: string | null; note: string | null; reason: string | null };

const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .pipe(z.string().max(max, tooLong))
    .transform((v) => v || null);

/** The person's fields of every booking form (public, desk, API). `reasons`: the appointment reasons offered, if any. */
export function personSchema(reasons: readonly string[] = [], options: { contactRequired?: boolean } = {}) {
  const contactRequired = options.contactRequired ?? true;
  return z
    .object({
      prenom: z
        .string()
        .optional()
        .transform((v) => (v ?? "").trim().replace(/\s+/g, " "))
        .pipe(z.string().max(80, m.firstNameLong))
        .refine((v) => v.length > 0, m.firstNameEmpty),
      telephone: z
        .string()
        .optional()
        .transform((v, ctx) => {
          const text = (v ?? "").trim();
          if (!text) return null;
          if (text.length > 30) {
            ctx.addIssue({ code: "custom", message: m.phoneInvalid });
            return z.NEVER;
          }
          const phone = normalizePhone(text);
          if (!phone) {
            ctx.addIssue({ code: "custom", message: m.phoneInvalid });
            return z.NEVER;
          }
          return phone;
        }),
      courriel: z
        .string()
        .optional()
        .transform((v) => (v ?? "").trim().toLowerCase())
        .pipe(z.union([z.literal(""), z.email(m.emailInvalid).max(254, m.emailInvalid)]))
        .transform((v) => v || null),
      note: optionalText(500, m.noteLong),
      motif: z
        .string()
        .optional()
        .transform((v) => (v ?? "").trim() || null)
        .refine((v) => v === null || reasons.includes(v), m.reasonUnknown),
    })
    .superRefine((v, ctx) => {
      if (contactRequired && !v.telephone && !v.courriel) ctx.addIssue({ code: "custom", path: ["telephone"], message: m.contactMissing });
    })
    .transform((v): Person => ({ firstName: v.prenom, phone: v.telephone, email: v.courriel, note: v.note, reason: v.motif }));
}

/** What limits and no-shows count by: the phone (E.164), else the email; null for an anonymous walk-in. */
export function personKey(person: Pick<Person, "phone" | "email">): string | null {
  return person.phone ?? person.email ?? null;
}

/** A refusal in the person's words. `detail`: the limit, the date online booking reopens, or the place's phone (members only). */
export function refusalMessage(reason: string, detail?: number | string): string {
  const r = fr.booking.refusals;
  switch (reason) {
    case "limit-day":
      return r["limit-day"](Number(detail));
    case "limit-week":
      return r["limit-week"](Number(detail));
    case "limit-minutes":
      return r["limit-minutes"](fr.booking.minutes(Number(detail)));
    case "no-shows":
      return r["no-shows"](typeof detail === "string" ? formatDate(detail) : "");
    case "members-only":
      return fr.memberships.resourceRefused(typeof detail === "string" ? detail : "");
    default: {
      const text = (r as Record<string, unknown>)[reason];
      return typeof text === "string" ? text : r.hours;
    }
  }
}
