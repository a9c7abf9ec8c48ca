/**
 * The forms of a partner organisation (the coordinator's « Partenaires » pages): the organisation
 * itself, an adviser's invitation, and the ids the small forms (remove, revoke) carry. One zod
 * schema each, French messages beside each field; they refuse in words what the database's
 * CHECKs would (app/db/schema/partners.ts). Pure and client-safe.
 */
import { z } from "zod";
import { PARTNER_KINDS, type PartnerKind } from "~/db/schema/partners";
import { fr } from "~/lib/messages";

const m = fr.partners;

/** The organisation form's field names (French, as the other forms). */
export const PARTNER_FIELDS = ["nom", "type", "siret", "courriel"] as const;
export type PartnerFormValues = Record<(typeof PARTNER_FIELDS)[number], string>;
export type PartnerInput = { name: string; kind: PartnerKind; siret: string | null; email: string | null };

/** A form's text field, trimmed ("" when absent; a field sent twice is refused with `message`). */
const text = (message: string) => z.string({ error: message }).optional().transform((v) => (v ?? "").trim());

/** "130 005 481 00010", "13000548100010" → the 14 digits; "" → null. */
export function readSiret(value: string): string | null | undefined {
  const digits = value.replace(/[\s.-]/g, "");
  if (digits === "") return null;
  return /^\d{14}$/.test(digits) ? digits : undefined;
}

const optionalEmail = (message: string) =>
  text(message).pipe(z.union([z.literal(""), z.string().max(320, { error: message }).pipe(z.email({ error: message }))], { error: message }));

export const PartnerSchema = z
  .object({
    nom: text(m.errors.nameEmpty).pipe(z.string().min(1, { error: m.errors.nameEmpty }).max(200, { error: m.errors.nameLong })),
    type: z.enum(PARTNER_KINDS, { error: m.errors.kind }),
    siret: text(m.errors.siret).transform((v, ctx) => {
      const siret = readSiret(v);
      if (siret === undefined) {
        ctx.addIssue({ code: "custom", message: m.errors.siret });
        return z.NEVER;
      }
      return siret;
    }),
    courriel: optionalEmail(m.errors.email),
  })
  .transform((v): PartnerInput => ({ name: v.nom.replace(/\s+/g, " "), kind: v.type, siret: v.siret, email: v.courriel === "" ? null : v.courriel.toLowerCase() }));

/** The form filled from an organisation (or empty for a new one). */
export function partnerToFormValues(partner?: { name: string; kind: string; siret: string | null; email: string | null }): PartnerFormValues {
  return { nom: partner?.name ?? "", type: partner?.kind ?? "", siret: partner?.siret ?? "", courriel: partner?.email ?? "" };
}

/** What was typed, to show it again beside the errors (each field cut to a sane length). */
export function typedPartnerValues(form: FormData): PartnerFormValues {
  const out = {} as PartnerFormValues;
  for (const name of PARTNER_FIELDS) {
    const value = form.get(name);
    out[name] = typeof value === "string" ? value.slice(0, 400) : "";
  }
  return out;
}

/** Invite an adviser: their work address. */
export const AdviserInviteSchema = z.object({
  email: text(m.inviteErrors.emailEmpty).pipe(z.string().min(1, { error: m.inviteErrors.emailEmpty }).max(320, { error: m.inviteErrors.email }).pipe(z.email({ error: m.inviteErrors.email }))),
});

/** The small forms of the partner's page: which adviser, invitation or key they are about. */
export const AdviserIdSchema = z.object({ personne: z.uuid() }).transform((v) => ({ userId: v.personne }));
export const InvitationIdSchema = z.object({ invitation: z.uuid() }).transform((v) => ({ invitationId: v.invitation }));
export const ApiKeyIdSchema = z.object({ cle: z.uuid() }).transform((v) => ({ tokenId: v.cle }));
