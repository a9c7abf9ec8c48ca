/**
 * The older v0.1 shape of the standard (schema-v0.1.1.json, 2022) and how its values map to v1.0.2.
 *
 * Every v0.1 enumeration value is mapped explicitly in `V01_VALUE_MAP` below, with the reason of
 * each choice. The official changelog (descriptif-des-evolutions-v0.1.1-to-v1.0.1.txt) says:
 *  - `publics_accueillis` was split into `publics_specifiquement_adresses` + `prise_en_charge_specifique`;
 *  - `labels_nationaux` was split into `dispositif_programmes_nationaux` + `formations_labels`;
 *  - `conditions_acces` was renamed `frais_a_charge`, `labels_autres` → `autres_formations_labels`,
 *    `accessibilite` → `fiche_acces_libre`, `courriel` → `courriels`;
 *  - the 15 services were condensed into 9; `modalites_accompagnement` values were renamed.
 */
import { ENUMS } from "./schema";
import { fold } from "./normalize";

/** A v1.0.2 destination of one v0.1 value: a field and one of its values. */
export type V01Target = { field: string; value: string };
/** `targets: []` means "no equivalent in v1.0.2": the value is dropped with a warning. */
export type V01Mapping = { targets: V01Target[]; note?: string };

const to = (field: string, value: string): V01Target => ({ field, value });

/** v0.1 field names whose values are enumerations, in schema-v0.1.1.json. */
export const V01_ENUM_FIELDS = [
  "services",
  "publics_accueillis",
  "conditions_acces",
  "labels_nationaux",
  "modalites_accompagnement",
] as const;
export type V01EnumField = (typeof V01_ENUM_FIELDS)[number];

/**
 * The one table of v0.1 values → v1.0.2 values (keys are the exact v0.1 strings of the schema).
 */
export const V01_VALUE_MAP: Readonly<Record<V01EnumField, Readonly<Record<string, V01Mapping>>>> = {
  services: {
    "Devenir autonome dans les démarches administratives": { targets: [to("services", "Aide aux démarches administratives")] },
    "Réaliser des démarches administratives avec un accompagnement": { targets: [to("services", "Aide aux démarches administratives")] },
    "Prendre en main un smartphone ou une tablette": { targets: [to("services", "Maîtrise des outils numériques du quotidien")] },
    "Prendre en main un ordinateur": { targets: [to("services", "Maîtrise des outils numériques du quotidien")] },
    "Utiliser le numérique au quotidien": { targets: [to("services", "Maîtrise des outils numériques du quotidien")] },
    "Approfondir ma culture numérique": { targets: [to("services", "Compréhension du monde numérique")] },
    "Favoriser mon insertion professionnelle": { targets: [to("services", "Insertion professionnelle via le numérique")] },
    "Accéder à une connexion internet": { targets: [to("services", "Accès internet et matériel informatique")] },
    "Accéder à du matériel": { targets: [to("services", "Accès internet et matériel informatique")] },
    "S'équiper en matériel informatique": { targets: [to("services", "Acquisition de matériel informatique à prix solidaire")] },
    // Creating a business is a professional use of digital tools.
    "Créer et développer mon entreprise": { targets: [to("services", "Insertion professionnelle via le numérique")] },
    "Créer avec le numérique": { targets: [to("services", "Loisirs et créations numériques")] },
    // Health procedures (Ameli, Mon Espace Santé) are online administrative procedures.
    "Accompagner les démarches de santé": { targets: [to("services", "Aide aux démarches administratives")] },
    // Digital citizenship = understanding the digital world (information, rights, responsible use).
    "Promouvoir la citoyenneté numérique": { targets: [to("services", "Compréhension du monde numérique")] },
    "Soutenir la parentalité et l'éducation avec le numérique": { targets: [to("services", "Parentalité et éducation avec le numérique")] },
  },
  publics_accueillis: {
    "Seniors (+ 65 ans)": { targets: [to("publics_specifiquement_adresses", "Seniors")] },
    "Familles/enfants": { targets: [to("publics_specifiquement_adresses", "Familles et/ou enfants")] },
    // Every place welcomes adults: v1.0.2 only lists publics a place specifically addresses.
    Adultes: { targets: [], note: "« Adultes » n'existe plus en v1.0.2 (tout lieu accueille les adultes)." },
    "Jeunes (16-26 ans)": { targets: [to("publics_specifiquement_adresses", "Jeunes")] },
    // v0.1 did not say which languages: both v1.0.2 values keep the meaning.
    "Public langues étrangères": {
      targets: [to("prise_en_charge_specifique", "Langues étrangères (anglais)"), to("prise_en_charge_specifique", "Langues étrangères (autres)")],
    },
    "Déficience visuelle": { targets: [to("prise_en_charge_specifique", "Déficience visuelle")] },
    Surdité: { targets: [to("prise_en_charge_specifique", "Surdité")] },
    // v1.0.2 has no "psychic disability"; the nearest value is "Handicaps mentaux".
    "Handicaps psychiques : troubles psychiatriques donnant lieu à des atteintes comportementales": {
      targets: [to("prise_en_charge_specifique", "Handicaps mentaux")],
    },
    "Handicaps mentaux : déficiences limitant les activités d'une personne": { targets: [to("prise_en_charge_specifique", "Handicaps mentaux")] },
    "Uniquement femmes": { targets: [to("publics_specifiquement_adresses", "Femmes")] },
    "Personnes en situation d'illettrisme": { targets: [to("prise_en_charge_specifique", "Illettrisme")] },
  },
  conditions_acces: {
    "Gratuit : Je peux accéder gratuitement au lieu et à ses services": { targets: [to("frais_a_charge", "Gratuit")] },
    "Gratuit sous condition : La gratuité est conditionnée à des critères (situation familiale, convention avec un organisme social...)": {
      targets: [to("frais_a_charge", "Gratuit sous condition")],
    },
    "Payant : L'accès au lieu et/ou à ses services est payant": { targets: [to("frais_a_charge", "Payant")] },
    // The Pass numérique (APTIC vouchers) pays for the service: free for the person who holds one.
    "Accepte le Pass numérique : Il est possible d'utiliser un Pass numérique pour accéder au lieu": {
      targets: [to("frais_a_charge", "Gratuit sous condition")],
    },
    // A membership has a cost: the access is not free.
    "Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer": { targets: [to("frais_a_charge", "Payant")] },
  },
  labels_nationaux: {
    "France Services": { targets: [to("dispositif_programmes_nationaux", "France Services")] },
    // CNFS = Conseillers numériques France Services.
    CNFS: { targets: [to("dispositif_programmes_nationaux", "Conseillers numériques")] },
    // No v1.0.2 value: kept as free text in autres_formations_labels.
    APTIC: { targets: [to("autres_formations_labels", "APTIC")] },
    "Aidants Connect": { targets: [to("dispositif_programmes_nationaux", "Aidants Connect")] },
    // A label ("Formations et labels"), not a national programme, in v1.0.2.
    "Fabriques de Territoire": { targets: [to("formations_labels", "Fabriques de Territoire")] },
    "Grandes écoles du numérique": { targets: [to("dispositif_programmes_nationaux", "Grande école du numérique")] },
    "Point relais CAF": { targets: [to("dispositif_programmes_nationaux", "Point d'accès numérique CAF")] },
    "Point numérique CAF": { targets: [to("dispositif_programmes_nationaux", "Point d'accès numérique CAF")] },
    "Relais pôle emploi": { targets: [to("autres_formations_labels", "Relais pôle emploi")] },
    "French Tech": { targets: [to("autres_formations_labels", "French Tech")] },
    "Campus connecté": { targets: [to("autres_formations_labels", "Campus connecté")] },
  },
  modalites_accompagnement: {
    "Seul : j'ai accès à du matériel et une connexion": { targets: [to("modalites_accompagnement", "En autonomie")] },
    "Avec de l'aide : je suis accompagné seul dans l'usage du numérique": { targets: [to("modalites_accompagnement", "Accompagnement individuel")] },
    "Dans un atelier : j'apprends collectivement à utiliser le numérique": { targets: [to("modalites_accompagnement", "Dans un atelier collectif")] },
    // Someone authorised does the procedure for the person: individual support, for administrative procedures.
    "A ma place : une personne habilitée fait les démarches à ma place": {
      targets: [to("modalites_accompagnement", "Accompagnement individuel"), to("services", "Aide aux démarches administratives")],
    },
  },
};

/** Labels found in v0.1 `labels_autres` that are v1.0.2 `formations_labels` values. */
const OTHER_LABEL_ALIASES: Readonly<Record<string, string>> = {
  sudlabs: "SUD LABS (PACA)",
  "sud labs": "SUD LABS (PACA)",
  "sud labs (paca)": "SUD LABS (PACA)",
  "etapes numeriques": "Étapes numériques(La Poste)",
  "ordi 3.0": "ORDI 3.0",
  "mon espace sante": "Formé à « Mon Espace Santé »",
  duplex: "Formé à « DUPLEX » (illettrisme)",
  "fabriques de territoire": "Fabriques de Territoire",
  "fabrique de territoire": "Fabriques de Territoire",
};

/** A free-text other label that is in fact a v1.0.2 `formations_labels` value, if any. */
export function otherLabelToFormation(label: string): string | undefined {
  const key = fold(label).replace(/[«»"]/g, "").replace(/\s+/g, " ").trim();
  return OTHER_LABEL_ALIASES[key];
}

/** Which v0.1 table to consult for values found in a v1.0.2 field (mixed files). */
export const V01_SOURCES_FOR_V1_FIELD: Readonly<Record<string, V01EnumField>> = {
  services: "services",
  publics_specifiquement_adresses: "publics_accueillis",
  prise_en_charge_specifique: "publics_accueillis",
  frais_a_charge: "conditions_acces",
  dispositif_programmes_nationaux: "labels_nationaux",
  formations_labels: "labels_nationaux",
  modalites_accompagnement: "modalites_accompagnement",
};

// Folded lookup: full label, and the short label before " : " ("Gratuit", "Seul", "Adhésion"...).
const FOLDED: Record<string, Map<string, V01Mapping>> = {};
for (const [field, table] of Object.entries(V01_VALUE_MAP)) {
  const map = new Map<string, V01Mapping>();
  for (const [label, mapping] of Object.entries(table)) {
    map.set(fold(label), mapping);
    const short = label.split(" : ")[0];
    if (short !== label && !map.has(fold(short))) map.set(fold(short), mapping);
  }
  FOLDED[field] = map;
}

/** Look up one v0.1 value (full or short label, case- and accent-insensitive). */
export function lookupV01Value(field: V01EnumField, value: string): V01Mapping | undefined {
  return FOLDED[field]?.get(fold(value));
}

/** The v1.0.2 value of `field` equal to `value` ignoring case, accents and the known spellings. */
export function matchV1Value(field: string, value: string): string | undefined {
  const allowed = ENUMS[field];
  if (!allowed) return undefined;
  const key = fold(value).replace(/\s*\(/g, " (");
  return allowed.find((v) => fold(v).replace(/\s*\(/g, " (") === key);
}

/** v0.1 column names renamed in v1.0.2 (one-to-one). */
export const V01_RENAMED_FIELDS: Readonly<Record<string, string>> = {
  courriel: "courriels",
  labels_autres: "autres_formations_labels",
  accessibilite: "fiche_acces_libre",
  conditions_acces: "frais_a_charge",
};

/** v0.1 columns with no v1.0.2 equivalent (dropped silently: not information about the place). */
export const V01_DROPPED_FIELDS: readonly string[] = ["cle_ban"];

/** Columns whose presence tells a v0.1 file from a v1.0.2 one. */
export const V01_ONLY_FIELDS: readonly string[] = [
  "courriel",
  "cle_ban",
  "publics_accueillis",
  "public_accueillis",
  "conditions_acces",
  "labels_nationaux",
  "labels_autres",
  "accessibilite",
];
