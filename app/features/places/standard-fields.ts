import type { StandardPlace } from "~/features/standard/types";
import type { places } from "~/db/schema";

type PlaceRow = typeof places.$inferSelect;

/** The columns of `places` that hold the national standard's fields. */
export type StandardColumns = Pick<
  PlaceRow,
  | "sourceId" | "pivot" | "name" | "commune" | "postcode" | "inseeCode" | "address" | "addressComplement"
  | "latitude" | "longitude" | "typologie" | "phone" | "emails" | "websites" | "openingHours" | "summary"
  | "description" | "dataSource" | "itinerance" | "parentStructure" | "updatedOn" | "services" | "publics"
  | "specificSupport" | "fees" | "nationalPrograms" | "trainingLabels" | "otherTrainingLabels" | "accessModes"
  | "supportModes" | "accesLibreUrl" | "bookingUrl"
>;

/** The only place where the standard's French field names meet our column names. */
export function standardToColumns(p: StandardPlace): StandardColumns {
  return {
    sourceId: p.id,
    pivot: p.pivot,
    name: p.nom,
    commune: p.commune,
    postcode: p.code_postal,
    inseeCode: p.code_insee ?? null,
    address: p.adresse,
    addressComplement: p.complement_adresse ?? null,
    latitude: p.latitude ?? null,
    longitude: p.longitude ?? null,
    typologie: p.typologie,
    phone: p.telephone ?? null,
    emails: p.courriels,
    websites: p.site_web,
    openingHours: p.horaires ?? null,
    summary: p.presentation_resume ?? null,
    description: p.presentation_detail ?? null,
    dataSource: p.source ?? null,
    itinerance: p.itinerance,
    parentStructure: p.structure_parente ?? null,
    updatedOn: p.date_maj,
    services: p.services,
    publics: p.publics_specifiquement_adresses,
    specificSupport: p.prise_en_charge_specifique,
    fees: p.frais_a_charge,
    nationalPrograms: p.dispositif_programmes_nationaux,
    trainingLabels: p.formations_labels,
    otherTrainingLabels: p.autres_formations_labels ?? null,
    accessModes: p.modalites_acces,
    supportModes: p.modalites_accompagnement,
    accesLibreUrl: p.fiche_acces_libre ?? null,
    bookingUrl: p.prise_rdv ?? null,
  };
}

const orUndefined = <T>(v: T | null): T | undefined => (v === null || v === "" ? undefined : v);

export function columnsToStandard(c: StandardColumns): StandardPlace {
  return {
    id: c.sourceId,
    pivot: c.pivot,
    nom: c.name,
    commune: c.commune,
    code_postal: c.postcode,
    code_insee: orUndefined(c.inseeCode),
    adresse: c.address,
    complement_adresse: orUndefined(c.addressComplement),
    latitude: orUndefined(c.latitude),
    longitude: orUndefined(c.longitude),
    typologie: c.typologie,
    telephone: orUndefined(c.phone),
    courriels: c.emails,
    site_web: c.websites,
    horaires: orUndefined(c.openingHours),
    presentation_resume: orUndefined(c.summary),
    presentation_detail: orUndefined(c.description),
    source: orUndefined(c.dataSource),
    itinerance: c.itinerance,
    structure_parente: orUndefined(c.parentStructure),
    date_maj: c.updatedOn,
    services: c.services,
    publics_specifiquement_adresses: c.publics,
    prise_en_charge_specifique: c.specificSupport,
    frais_a_charge: c.fees,
    dispositif_programmes_nationaux: c.nationalPrograms,
    formations_labels: c.trainingLabels,
    autres_formations_labels: orUndefined(c.otherTrainingLabels),
    modalites_acces: c.accessModes,
    modalites_accompagnement: c.supportModes,
    fiche_acces_libre: orUndefined(c.accesLibreUrl),
    prise_rdv: orUndefined(c.bookingUrl),
  };
}
