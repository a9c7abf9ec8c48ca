/**
 * The referral form (« Orienter une personne ») and the API's referral body: one zod schema with
 * French messages beside each field, refusing in words what the table's CHECKs would
 * (app/db/schema/referrals.ts): names, a phone or an email, the way to contact them matching what
 * was given, at least one need, and the person's consent. Pure and client-safe.
 */
import { z } from "zod";
import { COOP_THEME_CODES, type CoopTheme } from "~/db/schema/mediation";
import { CONTACT_PREFERENCES, type ContactPreference } from "~/db/schema/referrals";
import { fr } from "~/lib/messages";
import { optionalEmail, optionalPhone } from "~/lib/contact-fields";

const m = fr.referrals.errors;

/** What the adviser chose for the appointment: the place calls the person, a slot of an offer, or a workshop seat. */
export type Appointment = { kind: "place-calls" } | { kind: "slot"; offer: string; start: number } | { kind: "session"; sessionId: string };

export type ReferralInput = {
  firstName: string;
  lastName: string;
  /** E.164. */
  phone: string | null;
  email: string | null;
  contactPreference: ContactPreference;
  themes: CoopTheme[];
  note: string | null;
  partnerReference: string | null;
  appointment: Appointment;
  /** The form's idempotency key: a form sent twice makes one referral (and one booking). */
  key: string | null;
};

const text = (message: string) => z.string({ error: message }).optional().transform((v) => (v ?? "").trim());
const required = (max: number, empty: string, tooLong: string) => text(empty).pipe(z.string().min(1, { error: empty }).max(max, { error: tooLong }));
const optional = (max: number, tooLong: string) =>
  text(tooLong)
    .pipe(z.string().max(max, { error: tooLong }))
    .transform((v) => (v === "" ? null : v));

/** `creneau:<offer>:<ISO start>` or `atelier:<session id>`; empty: the place contacts the person. */
function appointmentOf(value: string): Appointment | null {
  if (value === "" || value === "lieu") return { kind: "place-calls" };
  const slot = /^creneau:([a-z0-9-]{1,80}):(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{3})?)?Z)$/.exec(value);
  if (slot) {
    const start = Date.parse(slot[2]!);
    return Number.isFinite(start) ? { kind: "slot", offer: slot[1]!, start } : null;
  }
  const session = /^atelier:([0-9a-f-]{36})$/.exec(value);
  return session ? { kind: "session", sessionId: session[1]! } : null;
}

const fields = {
  prenom: required(80, m.firstNameEmpty, m.firstNameLong),
  nom: required(80, m.lastNameEmpty, m.lastNameLong),
  telephone: optionalPhone(m.phone),
  courriel: optionalEmail(m.email),
  contact: z.enum(CONTACT_PREFERENCES, { error: m.contactPreference }),
  besoins: z
    .union([z.string(), z.array(z.string())], { error: m.themes })
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.enum(COOP_THEME_CODES, { error: m.themes })).min(1, { error: m.themes }).max(COOP_THEME_CODES.length, { error: m.themes })),
  note: optional(1000, m.noteLong),
  reference: optional(80, m.referenceLong),
  consentement: z.literal("oui", { error: m.consentMissing }),
  rendez_vous: text(m.appointment).transform((v, ctx) => {
    const appointment = appointmentOf(v);
    if (!appointment) {
      ctx.addIssue({ code: "custom", message: m.appointment });
      return z.NEVER;
    }
    return appointment;
  }),
  cle: text(m.key)
    .pipe(z.union([z.literal(""), z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: m.key })]))
    .transform((v) => (v === "" ? null : v)),
};

/** The referral form, as read by `parseForm`. */
export const ReferralSchema = z
  .object(fields)
  .superRefine((v, ctx) => {
    if (!v.telephone && !v.courriel) ctx.addIssue({ code: "custom", path: ["telephone"], message: m.noContact });
    else if (v.contact === "email" && !v.courriel) ctx.addIssue({ code: "custom", path: ["courriel"], message: m.emailForContact });
    else if (v.contact !== "email" && !v.telephone) ctx.addIssue({ code: "custom", path: ["telephone"], message: m.phoneForContact });
    // A French landline (01 to 05, 09) cannot receive an SMS.
    if (v.contact === "sms" && v.telephone && /^\+33[1-59]/.test(v.telephone)) {
      ctx.addIssue({ code: "custom", path: ["telephone"], message: m.mobileForSms });
    }
  })
  .transform(
    (v): ReferralInput => ({
      firstName: v.prenom, lastName: v.nom, phone: v.telephone, email: v.courriel, contactPreference: v.contact, themes: v.besoins,
      note: v.note, partnerReference: v.reference, appointment: v.rendez_vous, key: v.cle,
    }),
  );

/** The needs an adviser may tick: La Coop's themes. */
export const NEED_CODES = COOP_THEME_CODES;

/** The form's field names, in the order of the page (the error summary's order). */
export const REFERRAL_FIELDS = ["prenom", "nom", "telephone", "courriel", "contact", "besoins", "note", "reference", "rendez_vous", "consentement"] as const;

/** A step on a referral (the place's, or closing): `intent` names it, with its reason or note. */
export const AnswerSchema = z
  .object({
    intent: z.enum(["accepter", "refuser", "contact", "reserver", "clore"], { error: fr.errors.badRequest }),
    motif: optional(500, m.reasonLong),
    note: optional(500, m.contactNoteLong),
    rendez_vous: text(m.appointment),
  })
  .superRefine((v, ctx) => {
    if (v.intent === "refuser" && !v.motif) ctx.addIssue({ code: "custom", path: ["motif"], message: m.reasonEmpty });
    if (v.intent === "reserver") {
      const a = appointmentOf(v.rendez_vous);
      if (!a || a.kind === "place-calls") ctx.addIssue({ code: "custom", path: ["rendez_vous"], message: m.appointment });
    }
  })
  .transform((v) => {
    switch (v.intent) {
      case "accepter":
        return { kind: "accept" as const };
      case "refuser":
        return { kind: "refuse" as const, reason: v.motif! };
      case "contact":
        return { kind: "contact" as const, note: v.note };
      case "reserver":
        return { kind: "book" as const, appointment: appointmentOf(v.rendez_vous) as Exclude<Appointment, { kind: "place-calls" }> };
      case "clore":
        return { kind: "close" as const, reason: v.motif };
    }
  });
