/**
 * A followed person's data as the JSON file they may take away (their right of access and to
 * portability): the same content as the readable page, with French keys and French words for
 * La Coop's codes, dates in ISO 8601. Pure: the route serialises it.
 */
import type { CoopAgeBand, CoopGender, CoopSocialStatus } from "~/db/schema/people";
import type { CoopAdminTheme, CoopAutonomy, CoopEquipment, CoopOrientation, CoopPlaceKind, CoopTheme } from "~/db/schema/mediation";
import { ACTIVITY_KIND_LABELS, ADMIN_THEME_LABELS, AGE_BAND_LABELS, AUTONOMY_LABELS, EQUIPMENT_LABELS, GENDER_LABELS, ORIENTATION_LABELS, PLACE_KIND_LABELS, SOCIAL_STATUS_LABELS, THEME_LABELS } from "./coop-model";
import type { BeneficiaryExport } from "./beneficiary-history.server";

const iso = (value: Date | null) => (value ? value.toISOString() : null);
const label = <K extends string>(labels: Record<K, string>, code: string | null) => (code === null ? null : (labels[code as K] ?? code));
const labels = <K extends string>(all: Record<K, string>, codes: readonly string[]) => codes.map((c) => all[c as K] ?? c);

/** The export as a plain object, keys in French (this file is read by the person). */
export function beneficiaryExportJson(data: BeneficiaryExport): Record<string, unknown> {
  const p = data.person;
  return {
    lieu: data.placeName,
    exporte_le: iso(data.exportedAt),
    personne: {
      prenom: p.firstName,
      nom: p.lastName,
      telephone: p.phone,
      courriel: p.email,
      annee_naissance: p.birthYear,
      tranche_age: AGE_BAND_LABELS[p.ageBand],
      genre: GENDER_LABELS[p.gender],
      situation: SOCIAL_STATUS_LABELS[p.socialStatus],
      commune: p.communeName,
      code_insee_commune: p.communeInsee,
      notes: p.notes,
      fiche_creee_le: iso(p.createdAt),
      fiche_modifiee_le: iso(p.updatedAt),
      derniere_activite_le: iso(p.lastActivityAt),
    },
    accord: { texte: p.consentWording, recueilli_le: iso(p.consentAt), recueilli_par: p.consentByName },
    accompagnements: data.records.map((r) => ({
      date: r.date,
      type: ACTIVITY_KIND_LABELS[r.kind],
      brouillon: r.status === "draft",
      titre: r.title,
      duree_minutes: r.durationMinutes,
      lieu: label(PLACE_KIND_LABELS, r.placeKind as CoopPlaceKind | null),
      commune: r.communeName,
      thematiques: labels(THEME_LABELS, r.themes as CoopTheme[]),
      demarches: labels(ADMIN_THEME_LABELS, r.adminThemes as CoopAdminTheme[]),
      materiel: labels(EQUIPMENT_LABELS, r.equipment as CoopEquipment[]),
      autonomie: label(AUTONOMY_LABELS, r.autonomy as CoopAutonomy | null),
      oriente: r.oriented,
      orientation: label(ORIENTATION_LABELS, r.orientation as CoopOrientation | null),
      notes: r.notes,
      premier_accompagnement: r.firstTime,
      tranche_age_a_la_date: AGE_BAND_LABELS[r.ageBand],
      genre_a_la_date: GENDER_LABELS[r.gender],
      situation_a_la_date: SOCIAL_STATUS_LABELS[r.socialStatus],
    })),
    reservations: data.bookings.map((b) => ({
      debut: iso(b.startsAt),
      fin: iso(b.endsAt),
      poste_ou_salle: b.resource,
      etat: b.status,
      presence: b.attendance,
      prenom: b.firstName,
      telephone: b.phone,
      courriel: b.email,
      motif: b.reason,
      message: b.note,
      donnees_effacees_le: iso(b.erasedAt),
    })),
    inscriptions_ateliers: data.registrations.map((r) => ({
      atelier: r.title,
      debut: iso(r.startsAt),
      tout_le_parcours: r.cycle,
      etat: r.status,
      presence: r.attendance,
      prenom: r.firstName,
      telephone: r.phone,
      courriel: r.email,
      donnees_effacees_le: iso(r.erasedAt),
    })),
    operations: data.log.map((l) => ({ date: iso(l.at), operation: l.action })),
  };
}

/** The export as the loader gives it (instants as ISO strings). */
export type ExportView = {
  placeName: string;
  exportedAt: string;
  person: {
    firstName: string | null; lastName: string | null; phone: string | null; email: string | null; birthYear: number | null; notes: string | null;
    ageBand: CoopAgeBand; gender: CoopGender; socialStatus: CoopSocialStatus; communeName: string | null;
    consentWording: string | null; consentAt: string | null; consentByName: string | null; createdAt: string; updatedAt: string; lastActivityAt: string;
  };
  records: {
    id: string; date: string; kind: "individuel" | "collectif"; status: "draft" | "done"; durationMinutes: number | null; placeKind: string | null; communeName: string | null; themes: string[];
    adminThemes: string[]; equipment: string[]; autonomy: string | null; oriented: boolean; orientation: string | null; title: string | null; notes: string | null;
  }[];
  bookings: { id: string; startsAt: string; endsAt: string; resource: string; status: string; attendance: string | null; firstName: string | null; phone: string | null; email: string | null; reason: string | null; note: string | null; erased: boolean }[];
  registrations: { id: string; title: string; startsAt: string | null; cycle: boolean; status: string; attendance: string | null; firstName: string | null; phone: string | null; email: string | null; erased: boolean }[];
  log: { at: string; action: string }[];
};

/** The export for the readable page: instants as ISO strings (what a loader hands to its page). */
export function exportForPage(data: BeneficiaryExport): ExportView {
  const p = data.person;
  const str = (d: Date) => d.toISOString();
  return {
    placeName: data.placeName,
    exportedAt: str(data.exportedAt),
    person: {
      firstName: p.firstName, lastName: p.lastName, phone: p.phone, email: p.email, birthYear: p.birthYear, notes: p.notes, ageBand: p.ageBand, gender: p.gender,
      socialStatus: p.socialStatus, communeName: p.communeName, consentWording: p.consentWording, consentAt: iso(p.consentAt), consentByName: p.consentByName,
      createdAt: str(p.createdAt), updatedAt: str(p.updatedAt), lastActivityAt: str(p.lastActivityAt),
    },
    records: data.records.map((r) => ({
      id: r.id, date: r.date, kind: r.kind, status: r.status, durationMinutes: r.durationMinutes, placeKind: r.placeKind, communeName: r.communeName, themes: r.themes,
      adminThemes: r.adminThemes, equipment: r.equipment, autonomy: r.autonomy, oriented: r.oriented, orientation: r.orientation, title: r.title, notes: r.notes,
    })),
    bookings: data.bookings.map((b) => ({
      id: b.id, startsAt: str(b.startsAt), endsAt: str(b.endsAt), resource: b.resource, status: b.status, attendance: b.attendance, firstName: b.firstName, phone: b.phone,
      email: b.email, reason: b.reason, note: b.note, erased: b.erasedAt !== null,
    })),
    registrations: data.registrations.map((r) => ({
      id: r.id, title: r.title, startsAt: iso(r.startsAt), cycle: r.cycle, status: r.status, attendance: r.attendance, firstName: r.firstName, phone: r.phone, email: r.email,
      erased: r.erasedAt !== null,
    })),
    log: data.log.map((l) => ({ at: str(l.at), action: l.action })),
  };
}
