/**
 * The form of a person followed by name (« Nouvelle personne », « Modifier »): one zod schema with
 * French messages beside each field, refusing in words what the table's CHECKs would
 * (app/db/schema/people.ts). Only the first name is required; consent is required to create
 * (ticked, and to the text that was shown: its fingerprint). The commune is settled with the
 * offline communes on the server (beneficiaries.server.ts). Pure and client-safe.
 */
import { z } from "zod";
import { COOP_AGE_BANDS, COOP_GENDERS, COOP_SOCIAL_STATUSES, type CoopAgeBand, type CoopGender, type CoopSocialStatus } from "~/db/schema/people";
import { fr } from "~/lib/messages";
import { optionalEmail, optionalPhone } from "~/lib/contact-fields";

const m = fr.beneficiaries.errors;

/** The form's field names (French, as the other forms). */
export const BENEFICIARY_FIELDS = {
  firstName: "prenom",
  lastName: "nom",
  phone: "telephone",
  email: "courriel",
  birthYear: "annee_naissance",
  ageBand: "tranche_age",
  gender: "genre",
  socialStatus: "statut",
  commune: "commune",
  postcode: "code_postal",
  notes: "notes",
} as const;
export type BeneficiaryFieldName = (typeof BENEFICIARY_FIELDS)[keyof typeof BENEFICIARY_FIELDS];
export type BeneficiaryFormValues = Record<BeneficiaryFieldName, string>;

/** What the schema gives: null for what was left empty. */
export type BeneficiaryInput = {
  firstName: string;
  lastName: string | null;
  /** E.164. */
  phone: string | null;
  email: string | null;
  birthYear: number | null;
  /** The band chosen when the birth year is not given (the server computes it from the year otherwise). */
  ageBand: CoopAgeBand;
  gender: CoopGender;
  socialStatus: CoopSocialStatus;
  commune: string | null;
  postcode: string | null;
  notes: string | null;
};

/** A form's text field, trimmed ("" when absent; a field sent twice is refused with `message`). */
const text = (message: string) => z.string({ error: message }).optional().transform((v) => (v ?? "").trim());
/** An optional text: "" → null, at most `max` characters. */
const optional = (max: number, tooLong: string) =>
  text(tooLong)
    .pipe(z.string().max(max, { error: tooLong }))
    .transform((v) => (v === "" ? null : v));
/** One of `codes`, or the default when absent or empty. */
const choice = <T extends string>(codes: readonly T[], fallback: T) =>
  text(m.unknownChoice)
    .transform((v) => (v === "" ? fallback : v))
    .pipe(z.enum(codes as [T, ...T[]], { error: m.unknownChoice }));

const fields = {
  prenom: text(m.firstNameEmpty).pipe(z.string().min(1, { error: m.firstNameEmpty }).max(80, { error: m.firstNameLong })),
  nom: optional(80, m.lastNameLong),
  telephone: optionalPhone(m.phone),
  courriel: optionalEmail(m.email),
  annee_naissance: text(m.birthYear).transform((v, ctx) => {
    if (v === "") return null;
    const year = /^\d{4}$/.test(v) ? Number(v) : NaN;
    if (!(year >= 1900 && year <= new Date().getUTCFullYear())) {
      ctx.addIssue({ code: "custom", message: m.birthYear });
      return z.NEVER;
    }
    return year;
  }),
  tranche_age: choice(COOP_AGE_BANDS, "NonCommunique"),
  genre: choice(COOP_GENDERS, "NonCommunique"),
  statut: choice(COOP_SOCIAL_STATUSES, "NonCommunique"),
  commune: optional(100, m.communeLong),
  code_postal: text(m.postcode)
    .transform((v) => v.replace(/\s/g, ""))
    .pipe(z.union([z.literal(""), z.string().regex(/^\d{5}$/, { error: m.postcode })]))
    .transform((v) => (v === "" ? null : v)),
  notes: optional(2000, m.notesLong),
};

type Parsed = { [K in keyof typeof fields]: z.output<(typeof fields)[K]> };

const toInput = (v: Parsed): BeneficiaryInput => ({
  firstName: v.prenom, lastName: v.nom, phone: v.telephone, email: v.courriel, birthYear: v.annee_naissance, ageBand: v.tranche_age,
  gender: v.genre, socialStatus: v.statut, commune: v.commune, postcode: v.code_postal, notes: v.notes,
});

/** Editing a person: their fields. */
export const BeneficiarySchema = z.object(fields).transform(toInput);

/** The consent part of the form: the box ticked, and the fingerprint of the text shown. */
const consentFields = {
  consentement: z.literal("oui", { error: m.consentMissing }),
  texte_consentement: z.string({ error: m.consentChanged }).regex(/^[0-9a-f]{8}$/, { error: m.consentChanged }),
};

/** Creating a person: their fields, and their consent. */
export const NewBeneficiarySchema = z.object({ ...fields, ...consentFields }).transform((v) => ({ values: toInput(v), consentFingerprint: v.texte_consentement }));

/** Recording consent again, to the text shown now (a new version, or a new retention period). */
export const ConsentSchema = z.object(consentFields).transform((v) => ({ consentFingerprint: v.texte_consentement }));

/** The retention setting: whole months, 1 to 36. */
export const RETENTION_MIN_MONTHS = 1;
export const RETENTION_MAX_MONTHS = 36;
export const RetentionSchema = z.object({
  mois: text(m.retention)
    .pipe(z.string().regex(/^\d{1,2}$/, { error: m.retention }))
    .transform(Number)
    .pipe(z.number().int().min(RETENTION_MIN_MONTHS, { error: m.retention }).max(RETENTION_MAX_MONTHS, { error: m.retention })),
});

/** The form filled from a person (or empty for a new one). `postcode`: one of their commune's, so the name alone is not ambiguous. */
export function beneficiaryToFormValues(person?: {
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  birthYear: number | null;
  ageBand: string;
  gender: string;
  socialStatus: string;
  communeName: string | null;
  postcode: string | null;
  notes: string | null;
}): BeneficiaryFormValues {
  return {
    prenom: person?.firstName ?? "",
    nom: person?.lastName ?? "",
    telephone: person?.phone ?? "",
    courriel: person?.email ?? "",
    annee_naissance: person?.birthYear ? String(person.birthYear) : "",
    tranche_age: person?.ageBand ?? "NonCommunique",
    genre: person?.gender ?? "NonCommunique",
    statut: person?.socialStatus ?? "NonCommunique",
    commune: person?.communeName ?? "",
    code_postal: person?.postcode ?? "",
    notes: person?.notes ?? "",
  };
}

/** What was typed, to show it again beside the errors (each field cut to a sane length). */
export function typedBeneficiaryValues(form: FormData): BeneficiaryFormValues {
  const out = {} as BeneficiaryFormValues;
  for (const name of Object.values(BENEFICIARY_FIELDS)) {
    const value = form.get(name);
    out[name] = typeof value === "string" ? value.slice(0, 2100) : "";
  }
  return out;
}

/** People per page of the list and of a search (client-safe: the page says when a search found as many). */
export const BENEFICIARIES_PAGE_SIZE = 50;
