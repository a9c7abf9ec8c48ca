/**
 * The national activity model of La Coop de la médiation numérique (ANCT), in French: every code
 * we store is La Coop's own (app/db/schema/mediation.ts), and these are the words a mediator reads,
 * La Coop's labels (FIELDS.md appendix C; `inclusion-numerique/coop-mediation-numerique` @ 46aa33b,
 * `apps/web/src/features/activites/use-cases/cra/**\/fields/*.ts`).
 */
import {
  COOP_ADMIN_THEME_CODES,
  COOP_EQUIPMENT_CODES,
  COOP_ORIENTATIONS,
  type CoopActivityKind,
  type CoopAdminTheme,
  type CoopAutonomy,
  type CoopEquipment,
  type CoopLevel,
  type CoopOrientation,
  type CoopPlaceKind,
  COOP_THEME_CODES,
  type CoopTheme,
} from "~/db/schema/mediation";
import { type CoopAgeBand, type CoopGender, type CoopSocialStatus } from "~/db/schema/people";
import { WORKSHOP_THEMES } from "~/features/workshops/themes";

export const ACTIVITY_KIND_LABELS: Record<CoopActivityKind, string> = { individuel: "Accompagnement individuel", collectif: "Atelier collectif" };

export const THEME_LABELS: Record<CoopTheme, string> = WORKSHOP_THEMES;

export const ADMIN_THEME_LABELS: Record<CoopAdminTheme, string> = {
  PapiersElectionsCitoyennete: "Papiers - Élections - Citoyenneté",
  FamilleScolarite: "Famille - Scolarité",
  SocialSante: "Social - Santé",
  TravailFormation: "Travail - Formation - Entreprise",
  Logement: "Logement",
  TransportsMobilite: "Transports - Mobilité",
  ArgentImpots: "Argent - Impôts",
  Justice: "Justice",
  EtrangersEurope: "Étrangers - Europe",
  LoisirsSportsCulture: "Loisirs - Sports - Culture",
  Associations: "Associations",
};

export const PLACE_KIND_LABELS: Record<CoopPlaceKind, string> = { LieuActivite: "Au lieu d'activité", Domicile: "À domicile", ADistance: "À distance", Autre: "Autre lieu" };

export const EQUIPMENT_LABELS: Record<CoopEquipment, string> = { Ordinateur: "Ordinateur", Telephone: "Téléphone", Tablette: "Tablette", Autre: "Autre matériel", Aucun: "Pas de matériel" };

export const AUTONOMY_LABELS: Record<CoopAutonomy, string> = {
  EntierementAccompagne: "Avec guidage",
  PartiellementAutonome: "Autonome avec guidage en cas de besoin",
  Autonome: "Autonome",
};

export const ORIENTATION_LABELS: Record<CoopOrientation, string> = {
  Administration: "Administration (mairie, préfecture…)",
  MediationNumerique: "Autre structure de médiation numérique",
  OperateurOuOrganismeEnCharge: "Opérateur ou organisme en charge de la démarche administrative",
  AideSociale: "Structure d'aide sociale (maison des solidarités, centre social…)",
  InsertionProfessionnelle: "Structure d'insertion professionnelle (France Travail, mission locale, chambre de commerce…)",
  AideAuxDemarchesAdministratives: "Structure d'aide aux démarches administratives (France Services…)",
  Autre: "Autre",
};

export const LEVEL_LABELS: Record<CoopLevel, string> = { Debutant: "Débutant", Intermediaire: "Intermédiaire", Avance: "Avancé" };

export const GENDER_LABELS: Record<CoopGender, string> = { Masculin: "Homme", Feminin: "Femme", NonCommunique: "Non communiqué" };

export const AGE_BAND_LABELS: Record<CoopAgeBand, string> = {
  MoinsDeDouze: "Moins de 12 ans",
  DouzeDixHuit: "12 à 17 ans",
  DixHuitVingtQuatre: "18 à 24 ans",
  VingtCinqTrenteNeuf: "25 à 39 ans",
  QuaranteCinquanteNeuf: "40 à 59 ans",
  SoixanteSoixanteNeuf: "60 à 69 ans",
  SoixanteDixPlus: "70 ans et plus",
  NonCommunique: "Non communiqué",
};

export const SOCIAL_STATUS_LABELS: Record<CoopSocialStatus, string> = {
  Scolarise: "Scolarisé",
  SansEmploi: "Sans emploi",
  EnEmploi: "En emploi",
  Retraite: "Retraité",
  NonCommunique: "Non communiqué ou hétérogène",
};

/** La Coop's duration buttons (minutes); anything else is « Personnaliser ». */
export const DURATION_PRESETS = [15, 30, 45, 60, 90, 120] as const;

/** La Coop's statistics buckets for durations. */
export const DURATION_BUCKETS = [
  { key: "under30", label: "Moins de 30 min", min: 0, max: 29 },
  { key: "30to60", label: "30 min à 1 h", min: 30, max: 60 },
  { key: "60to120", label: "1 h à 2 h", min: 61, max: 120 },
  { key: "over120", label: "Plus de 2 h", min: 121, max: Number.POSITIVE_INFINITY },
] as const;

/**
 * The age band of someone born in `birthYear`, on `on` (YYYY-MM-DD). Born in the year only, so the
 * age is the difference of years (La Coop does the same): it may be one more than the true age
 * before the birthday.
 */
export function ageBandOf(birthYear: number | null | undefined, on: string): CoopAgeBand {
  if (!birthYear) return "NonCommunique";
  const age = Number(on.slice(0, 4)) - birthYear;
  if (age < 0) return "NonCommunique";
  if (age < 12) return "MoinsDeDouze";
  if (age < 18) return "DouzeDixHuit";
  if (age < 25) return "DixHuitVingtQuatre";
  if (age < 40) return "VingtCinqTrenteNeuf";
  if (age < 60) return "QuaranteCinquanteNeuf";
  if (age < 70) return "SoixanteSoixanteNeuf";
  return "SoixanteDixPlus";
}

/** Bit `i` of `theme_bits` is COOP_THEME_CODES[i] (likewise admin themes and equipment). */
export const themeBit = (code: CoopTheme) => 2 ** COOP_THEME_CODES.indexOf(code);
export const adminThemeBit = (code: CoopAdminTheme) => 2 ** COOP_ADMIN_THEME_CODES.indexOf(code);
export const equipmentBit = (code: CoopEquipment) => 2 ** COOP_EQUIPMENT_CODES.indexOf(code);
export { COOP_ADMIN_THEME_CODES, COOP_EQUIPMENT_CODES, COOP_ORIENTATIONS, COOP_THEME_CODES };
