/**
 * The referrals API for a partner's own systems (token-scoped: an API key of the organisation):
 * the JSON body of a new referral read into the form's fields (one schema, the form's: the same
 * rules, the same French messages), the field names mapped back for errors, and a referral as JSON.
 * Pure and client-safe.
 */
import type { ReferralStatus } from "~/db/schema/referrals";
import { toZonedIso } from "~/features/time/zone";
import { STATUS_CODES, type StatusCode } from "./webhooks";

/** A new referral's body at most (a person, their needs, a note). */
export const REFERRAL_API_MAX_BYTES = 8 * 1024;

/** The form's field → the API's (for the errors' `champs`). */
export const API_FIELD_OF: Record<string, string> = {
  prenom: "personne.prenom",
  nom: "personne.nom",
  telephone: "personne.telephone",
  courriel: "personne.courriel",
  contact: "personne.contact",
  besoins: "besoins",
  note: "note",
  reference: "reference",
  consentement: "consentement",
  rendez_vous: "rendez_vous",
  cle: "Idempotency-Key",
  form: "corps",
};

const CONTACTS: Record<string, string> = { telephone: "phone", sms: "sms", courriel: "email" };

const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

/**
 * The body `{ lieu, personne: { prenom, nom, telephone, courriel, contact }, besoins, note,
 * reference, consentement: true, rendez_vous?: { offre, debut } | { seance } }` as the form's
 * fields (the place's slug apart). Anything missing is left empty for the schema to name.
 */
export function apiBodyToForm(body: Record<string, unknown>, idempotencyKey: string): { slug: string; fields: Record<string, string | string[]> } {
  const person = (typeof body.personne === "object" && body.personne !== null ? body.personne : {}) as Record<string, unknown>;
  const appointment = (typeof body.rendez_vous === "object" && body.rendez_vous !== null ? body.rendez_vous : null) as Record<string, unknown> | null;
  let rendezVous = "lieu";
  if (appointment) {
    if (typeof appointment.seance === "string") rendezVous = `atelier:${appointment.seance}`;
    else {
      const start = Date.parse(str(appointment.debut));
      rendezVous = Number.isFinite(start) ? `creneau:${str(appointment.offre)}:${new Date(start).toISOString()}` : "invalide";
    }
  }
  return {
    slug: str(body.lieu),
    fields: {
      prenom: str(person.prenom), nom: str(person.nom), telephone: str(person.telephone), courriel: str(person.courriel),
      contact: CONTACTS[str(person.contact)] ?? str(person.contact),
      besoins: Array.isArray(body.besoins) ? body.besoins.map(str) : [],
      note: str(body.note), reference: str(body.reference),
      consentement: body.consentement === true ? "oui" : "",
      rendez_vous: rendezVous, cle: idempotencyKey,
    },
  };
}

/** Errors keyed by the API's field names. */
export function apiErrors(errors: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => v).map(([k, v]) => [API_FIELD_OF[k] ?? k, v!]));
}

export type ReferralJson = {
  id: string;
  reference_partenaire: string | null;
  statut: StatusCode;
  statut_le: string;
  cree_le: string;
  lieu: { id: string; nom: string; slug: string };
  rendez_vous: { debut: string; fin: string | null } | null;
  besoins: string[];
  /** null once erased (the retention period after the referral closed). */
  personne: { prenom: string; nom: string; telephone: string | null; courriel: string | null } | null;
  historique?: { statut: StatusCode; type: string; le: string }[];
};

export type ReferralApiSource = {
  id: string; partnerReference: string | null; status: ReferralStatus; statusAt: Date; createdAt: Date; placeId: string; placeName: string; placeSlug: string; placeTimeZone: string;
  appointmentAt: Date | null; appointmentEnd: Date | null; themes: string[]; firstName: string | null; lastName: string | null; phone: string | null; email: string | null;
  events?: { kind: string; status: ReferralStatus; at: Date }[];
};

/** A referral as the API answers it: the organisation's own data, the person included (until erased). */
export function referralJson(r: ReferralApiSource): ReferralJson {
  const zoned = (at: Date) => toZonedIso(r.placeTimeZone, at);
  return {
    id: r.id,
    reference_partenaire: r.partnerReference,
    statut: STATUS_CODES[r.status],
    statut_le: zoned(r.statusAt),
    cree_le: zoned(r.createdAt),
    lieu: { id: r.placeId, nom: r.placeName, slug: r.placeSlug },
    rendez_vous: r.appointmentAt ? { debut: zoned(r.appointmentAt), fin: r.appointmentEnd ? zoned(r.appointmentEnd) : null } : null,
    besoins: r.themes,
    personne: r.firstName !== null && r.lastName !== null ? { prenom: r.firstName, nom: r.lastName, telephone: r.phone, courriel: r.email } : null,
    ...(r.events ? { historique: [...r.events].reverse().map((e) => ({ statut: STATUS_CODES[e.status], type: e.kind, le: zoned(e.at) })) } : {}),
  };
}
