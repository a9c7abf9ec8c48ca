/**
 * A published place and what it offers, in the data·inclusion schema v1 (the format French inclusion
 * tools such as Dora read): one structure per place, one service per family of help that a person
 * looks for (« Accompagnement aux démarches en ligne », « Accès libre à un ordinateur et à internet »…).
 * Pure: it reads the place's columns, the same that the national standard's export reads
 * (places/export.server.ts), and writes only values of the schema's lists (schema/*.json, copied
 * verbatim from gip-inclusion/data-inclusion-schema v1.0.8). Field by field, and what is left out
 * and why: docs/data-inclusion.md.
 */
import Ajv from "ajv";
import addFormats from "ajv-formats";
import type { PLACE_SERVICES, places } from "~/db/schema";
import { fr } from "~/lib/messages";

/** Who produces these records, for data·inclusion: the first part of every id. */
export const DATA_INCLUSION_SOURCE = "reseau-epn";

type PlaceRow = typeof places.$inferSelect;
type PlaceService = (typeof PLACE_SERVICES)[number];

/** What the mapping reads of a place. */
export type PlaceForDataInclusion = Pick<
  PlaceRow,
  | "id" | "slug" | "name" | "pivot" | "address" | "addressComplement" | "postcode" | "commune" | "inseeCode"
  | "latitude" | "longitude" | "phone" | "emails" | "websites" | "openingHours" | "summary" | "description"
  | "typologie" | "itinerance" | "updatedOn" | "services" | "publics" | "specificSupport" | "fees"
  | "nationalPrograms" | "trainingLabels" | "accessModes" | "supportModes" | "accesLibreUrl"
  | "computers" | "laptops" | "tablets" | "printers" | "printers3d"
> & {
  /** Where the public books online: the place's own URL, else our booking pages (the standard export's prise_rdv). */
  bookingUrl: string | null;
  /** A network of the platform grants it a label today. */
  labelled: boolean;
};

// The values of data·inclusion's lists (schema/*.json, extra/*.json) that this mapping writes.
export type Thematique =
  | "numerique--acceder-a-des-services-en-ligne"
  | "numerique--acceder-a-une-connexion-internet"
  | "numerique--acquerir-un-equipement"
  | "numerique--maitriser-les-fondamentaux-du-numerique"
  | "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"
  | "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi"
  | "famille--soutien-a-la-parentalite-et-a-leducation"
  | "remobilisation--activites-sportives-et-culturelles";
export type TypeService = "accompagnement" | "aide-materielle" | "atelier";
export type Frais = "gratuit" | "payant";
export type ModeAccueil = "en-presentiel" | "a-distance";
export type ModeMobilisation = "se-presenter" | "telephoner" | "envoyer-un-courriel" | "utiliser-lien-mobilisation";
export type PersonneMobilisatrice = "usagers" | "professionnels";
export type ReseauPorteur =
  | "espaces-publics-numeriques" | "aidants-connect" | "conseillers-numeriques" | "france-service"
  | "grandes-ecoles-du-numerique" | "croix-rouge" | "fabrique-de-territoire";

type Address = {
  adresse: string;
  complement_adresse: string | null;
  code_postal: string | null;
  code_insee: string | null;
  commune: string;
  latitude: number | null;
  longitude: number | null;
};

export type DataInclusionStructure = Address & {
  source: string;
  id: string;
  nom: string;
  date_maj: string;
  siret: string | null;
  description: string | null;
  telephone: string | null;
  courriel: string | null;
  site_web: string | null;
  lien_source: string;
  horaires_accueil: string | null;
  accessibilite_lieu: string | null;
  reseaux_porteurs: ReseauPorteur[] | null;
};

export type DataInclusionService = Address & {
  source: string;
  id: string;
  structure_id: string;
  nom: string;
  description: string;
  date_maj: string;
  type: TypeService;
  thematiques: Thematique[];
  frais: Frais | null;
  frais_precisions: string | null;
  publics: ["tous-publics"];
  publics_precisions: string | null;
  modes_accueil: ModeAccueil[] | null;
  modes_mobilisation: ModeMobilisation[] | null;
  mobilisation_precisions: string | null;
  lien_mobilisation: string | null;
  mobilisable_par: PersonneMobilisatrice[];
  telephone: string | null;
  courriel: string | null;
  horaires_accueil: string | null;
  lien_source: string;
  zone_eligibilite: null;
};

/**
 * The standard's services → data·inclusion thematiques: the table of data·inclusion's own pipeline
 * for the standard (_map_mediation_numerique__thematiques.sql), except « Accès internet et matériel
 * informatique », which is using a computer here, not « Acquérir un équipement ».
 */
export const THEMATIQUES_OF_SERVICE: Record<PlaceService, Thematique[]> = {
  "Aide aux démarches administratives": [
    "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
    "numerique--acceder-a-des-services-en-ligne",
  ],
  "Maîtrise des outils numériques du quotidien": ["numerique--maitriser-les-fondamentaux-du-numerique", "numerique--acceder-a-des-services-en-ligne"],
  "Insertion professionnelle via le numérique": ["preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi", "numerique--maitriser-les-fondamentaux-du-numerique"],
  "Utilisation sécurisée du numérique": ["numerique--maitriser-les-fondamentaux-du-numerique"],
  "Parentalité et éducation avec le numérique": ["famille--soutien-a-la-parentalite-et-a-leducation", "numerique--maitriser-les-fondamentaux-du-numerique"],
  "Loisirs et créations numériques": ["remobilisation--activites-sportives-et-culturelles", "numerique--maitriser-les-fondamentaux-du-numerique"],
  "Compréhension du monde numérique": ["numerique--maitriser-les-fondamentaux-du-numerique"],
  "Accès internet et matériel informatique": ["numerique--acceder-a-une-connexion-internet"],
  "Acquisition de matériel informatique à prix solidaire": ["numerique--acquerir-un-equipement"],
};

export type ServiceCode = keyof typeof fr.dataInclusion.services;

/**
 * The families of help a person looks for, each from the standard's services it groups. The code
 * is part of the service's id: never change it. `help` can be given at a distance; `equipment` (a
 * computer to use, or one to buy) cannot.
 */
export const SERVICE_FAMILIES: readonly { code: ServiceCode; services: readonly PlaceService[]; kind: "help" | "equipment" }[] = [
  { code: "demarches-en-ligne", services: ["Aide aux démarches administratives"], kind: "help" },
  { code: "acces-libre", services: ["Accès internet et matériel informatique"], kind: "equipment" },
  { code: "materiel-solidaire", services: ["Acquisition de matériel informatique à prix solidaire"], kind: "equipment" },
  { code: "initiation", services: ["Maîtrise des outils numériques du quotidien", "Utilisation sécurisée du numérique", "Compréhension du monde numérique"], kind: "help" },
  { code: "emploi", services: ["Insertion professionnelle via le numérique"], kind: "help" },
  { code: "parentalite", services: ["Parentalité et éducation avec le numérique"], kind: "help" },
  { code: "loisirs", services: ["Loisirs et créations numériques"], kind: "help" },
];

/** The standard's national programmes → data·inclusion's carrying networks (as data·inclusion's pipeline maps them). */
export const RESEAU_OF_PROGRAMME: Record<string, ReseauPorteur> = {
  "Aidants Connect": "aidants-connect",
  "Conseillers numériques": "conseillers-numeriques",
  "France Services": "france-service",
  "Grande école du numérique": "grandes-ecoles-du-numerique",
  "La Croix Rouge": "croix-rouge",
};
/** The one label of the standard that is a programme data·inclusion lists as a network. */
export const RESEAU_OF_TRAINING_LABEL: Record<string, ReseauPorteur> = { "Fabriques de Territoire": "fabrique-de-territoire" };

const NO_PUBLIC = "Ce lieu n'accueille pas de public";
const MOBILISATION_OF_ACCESS_MODE: Record<string, ModeMobilisation> = {
  "Se présenter": "se-presenter",
  Téléphoner: "telephoner",
  "Contacter par mail": "envoyer-un-courriel",
  "Envoyer un mail avec une fiche de prescription": "envoyer-un-courriel",
  "Prendre un RDV en ligne": "utiliser-lien-mobilisation",
};
const MOBILISATION_ORDER: readonly ModeMobilisation[] = ["se-presenter", "telephoner", "envoyer-un-courriel", "utiliser-lien-mobilisation"];

const m = fr.dataInclusion;

// The formats the schema declares (email, uri), checked as the validator checks them: a value that
// would not pass is left out rather than sent.
const formats = new Ajv({ strict: false });
addFormats(formats);
const isEmail = formats.compile({ type: "string", format: "email" });
const isUri = formats.compile({ type: "string", format: "uri", maxLength: 2083 });

export const structureId = (placeId: string) => `${DATA_INCLUSION_SOURCE}--${placeId}`;
/** Stable: the place's id and the family's code, never its name. */
export const serviceId = (placeId: string, code: ServiceCode) => `${DATA_INCLUSION_SOURCE}--${placeId}--${code}`;
export const placePageUrl = (baseUrl: string, slug: string) => `${baseUrl}/lieux/${slug}`;

export function toStructure(place: PlaceForDataInclusion, options: { baseUrl: string }): DataInclusionStructure {
  return {
    source: DATA_INCLUSION_SOURCE,
    id: structureId(place.id),
    nom: structureName(place.name, place.commune),
    date_maj: place.updatedOn,
    siret: siretOf(place.pivot),
    description: longText(place.description) ?? longText(place.summary),
    ...addressOf(place),
    telephone: place.phone || null,
    courriel: emailOf(place),
    site_web: place.websites.map(httpUrl).find(Boolean) ?? null,
    lien_source: placePageUrl(options.baseUrl, place.slug),
    horaires_accueil: place.openingHours || null,
    accessibilite_lieu: accesLibreOf(place.accesLibreUrl),
    reseaux_porteurs: reseauxOf(place),
  };
}

/** One service per family the place offers (none when it names no service of the standard). */
export function toServices(place: PlaceForDataInclusion, options: { baseUrl: string }): DataInclusionService[] {
  const offered = new Set(place.services);
  const mobilisation = mobilisationOf(place);
  const out: DataInclusionService[] = [];
  for (const family of SERVICE_FAMILIES) {
    const services = family.services.filter((s) => offered.has(s));
    if (services.length === 0) continue;
    out.push({
      source: DATA_INCLUSION_SOURCE,
      id: serviceId(place.id, family.code),
      structure_id: structureId(place.id),
      nom: m.services[family.code].name,
      description: serviceDescription(place, family, services),
      date_maj: place.updatedOn,
      type: typeOf(family, place.supportModes),
      thematiques: [...new Set(services.flatMap((s) => THEMATIQUES_OF_SERVICE[s]))],
      ...feesOf(place.fees, family.code),
      publics: ["tous-publics"],
      publics_precisions: publicsPrecisions(place),
      modes_accueil: modesAccueilOf(place, family.kind),
      ...mobilisation,
      mobilisable_par: ["usagers", "professionnels"],
      telephone: place.phone || null,
      courriel: emailOf(place),
      horaires_accueil: place.openingHours || null,
      ...addressOf(place),
      lien_source: placePageUrl(options.baseUrl, place.slug),
      zone_eligibilite: null,
    });
  }
  return out;
}

/** A SIRET: 14 digits with a valid Luhn key (La Poste's establishments: digits summing to a multiple of 5); null for a SIREN, RNA, RIDET or the placeholder 00000000000000. */
export function siretOf(pivot: string): string | null {
  if (!/^\d{14}$/.test(pivot) || /^0+$/.test(pivot)) return null;
  const digits = [...pivot].map(Number);
  const luhn = digits.reduce((sum, d, i) => sum + (i % 2 === 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  const laPoste = pivot.startsWith("356000000") && digits.reduce((a, b) => a + b, 0) % 5 === 0;
  return luhn % 10 === 0 || laPoste ? pivot : null;
}

/** 3 to 150 characters, not ending with a full stop (the schema's rule for a structure's name). */
export function structureName(name: string, commune: string): string {
  let out = name.replace(/\s+/g, " ").trim().replace(/[\s.]+$/, "");
  if (out.length < 3) out = `${out} (${commune})`.trim();
  if (out.length > 150) out = `${out.slice(0, 149).trimEnd()}…`;
  return out;
}

/** An http(s) address as the schema's « uri » accepts it (accents and spaces encoded), or null. */
export function httpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return isUri(url.href) ? url.href : null;
}

function accesLibreOf(raw: string | null): string | null {
  const url = httpUrl(raw);
  return url && /(^|\.)acceslibre\./.test(new URL(url).hostname) ? url : null;
}

/** The place's public address for contact (the first valid one): never a person of the staff. */
function emailOf(place: PlaceForDataInclusion): string | null {
  return place.emails.find((e) => isEmail(e)) ?? null;
}

function longText(text: string | null): string | null {
  const t = text?.trim() ?? "";
  if (t.length < 5) return null;
  return t.length > 10_000 ? `${t.slice(0, 9_999)}…` : t;
}

function addressOf(place: PlaceForDataInclusion): Address {
  return {
    adresse: place.address,
    complement_adresse: place.addressComplement || null,
    code_postal: /^\d{5}$/.test(place.postcode) ? place.postcode : null,
    code_insee: place.inseeCode && /^\w{5}$/.test(place.inseeCode) ? place.inseeCode : null,
    commune: place.commune,
    latitude: place.latitude,
    longitude: place.longitude,
  };
}

function reseauxOf(place: PlaceForDataInclusion): ReseauPorteur[] | null {
  const out = new Set<ReseauPorteur>();
  if (place.typologie.includes("EPN") || place.labelled) out.add("espaces-publics-numeriques");
  for (const p of place.nationalPrograms) if (RESEAU_OF_PROGRAMME[p]) out.add(RESEAU_OF_PROGRAMME[p]);
  for (const l of place.trainingLabels) if (RESEAU_OF_TRAINING_LABEL[l]) out.add(RESEAU_OF_TRAINING_LABEL[l]);
  return out.size > 0 ? [...out] : null;
}

function typeOf(family: (typeof SERVICE_FAMILIES)[number], supportModes: string[]): TypeService {
  if (family.kind === "equipment") return "aide-materielle";
  if (family.code === "demarches-en-ligne") return "accompagnement";
  return supportModes.includes("Dans un atelier collectif") ? "atelier" : "accompagnement";
}

/**
 * « Gratuit » or « Gratuit sous condition » → gratuit (with a word when it is under condition or
 * when some services are paid), « Payant » alone → payant. Equipment at a solidarity price is bought.
 */
function feesOf(fees: string[], code: ServiceCode): { frais: Frais | null; frais_precisions: string | null } {
  if (code === "materiel-solidaire") return { frais: "payant", frais_precisions: m.fees.solidarityPrice };
  const free = fees.includes("Gratuit");
  const underCondition = fees.includes("Gratuit sous condition");
  const paid = fees.includes("Payant");
  if (free || underCondition) {
    const precisions = [paid ? m.fees.someArePaid : null, underCondition && !free ? m.fees.underCondition : null].filter(Boolean);
    return { frais: "gratuit", frais_precisions: precisions.length > 0 ? precisions.join(" ") : null };
  }
  return { frais: paid ? "payant" : null, frais_precisions: null };
}

function modesAccueilOf(place: PlaceForDataInclusion, kind: "help" | "equipment"): ModeAccueil[] | null {
  const modes: ModeAccueil[] = [];
  if (!place.accessModes.includes(NO_PUBLIC)) modes.push("en-presentiel");
  if (kind === "help" && place.supportModes.includes("À distance")) modes.push("a-distance");
  return modes.length > 0 ? modes : null;
}

/**
 * The standard's « modalités d'accès », each kept only when the place gives what it needs (a phone
 * number to call, an address to write to, a booking link). Without any, the ways the place's
 * contacts allow, as data·inclusion's pipeline does.
 */
function mobilisationOf(place: PlaceForDataInclusion): Pick<DataInclusionService, "modes_mobilisation" | "mobilisation_precisions" | "lien_mobilisation"> {
  const link = httpUrl(place.bookingUrl);
  const email = emailOf(place);
  const possible: Record<ModeMobilisation, boolean> = {
    "se-presenter": !place.accessModes.includes(NO_PUBLIC),
    telephoner: Boolean(place.phone),
    "envoyer-un-courriel": Boolean(email),
    "utiliser-lien-mobilisation": Boolean(link),
  };
  const said = new Set(place.accessModes.map((a) => MOBILISATION_OF_ACCESS_MODE[a]).filter((v) => v && possible[v]));
  const modes = said.size > 0 ? MOBILISATION_ORDER.filter((v) => said.has(v)) : MOBILISATION_ORDER.filter((v) => v !== "se-presenter" && possible[v]);
  return {
    modes_mobilisation: modes.length > 0 ? modes : null,
    mobilisation_precisions: place.accessModes.includes("Envoyer un mail avec une fiche de prescription") && email ? m.prescription : null,
    lien_mobilisation: link,
  };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The standard's publics « spécifiquement adressés » and « prise en charge spécifique », in words (data·inclusion's publics are who may come: everyone). */
function publicsPrecisions(place: PlaceForDataInclusion): string | null {
  const parts = [
    place.publics.length > 0 ? m.publics.specifically(place.publics.map(lowerFirst)) : null,
    place.specificSupport.length > 0 ? m.publics.support(place.specificSupport.map(lowerFirst)) : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : null;
}

const INITIATION_PART: Partial<Record<PlaceService, keyof typeof m.initiationParts>> = {
  "Maîtrise des outils numériques du quotidien": "everyday",
  "Utilisation sécurisée du numérique": "safety",
  "Compréhension du monde numérique": "understanding",
};

function serviceDescription(place: PlaceForDataInclusion, family: (typeof SERVICE_FAMILIES)[number], services: PlaceService[]): string {
  const words = m.services[family.code];
  const sentences = [typeof words.description === "string" ? words.description : words.description(services.map((s) => m.initiationParts[INITIATION_PART[s]!]))];
  if (family.code === "acces-libre") {
    const counts = (["computers", "laptops", "tablets", "printers", "printers3d"] as const).filter((k) => (place[k] ?? 0) > 0);
    if (counts.length > 0) sentences.push(m.equipment(counts.map((k) => m.equipmentItem[k](place[k]!))));
  }
  if (family.kind === "help") {
    const modes = place.supportModes.map(lowerFirst);
    if (modes.length > 0) sentences.push(m.supportModes(modes));
  }
  if (place.itinerance.includes("Itinérant")) sentences.push(m.itinerant);
  return sentences.join(" ");
}
