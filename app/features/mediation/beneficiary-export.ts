/**
 * A followed person's data as the JSON file they may take away (their right of access and to
 * portability): the same content as the readable page, with French keys and French words for
 * La Coop's codes, dates in ISO 8601. Pure: the route serialises it.
 */
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
