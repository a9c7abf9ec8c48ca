import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PLACE_SERVICES } from "~/db/schema";
import { ENUMS } from "~/features/standard/schema";
import { extraValues, serviceProblems, structureProblems, valuesOutsideLists } from "../../../tests/support/data-inclusion";
import { DATA_INCLUSION_REFERENCE } from "../../../tests/support/reference";
import {
  DATA_INCLUSION_SOURCE, RESEAU_OF_PROGRAMME, RESEAU_OF_TRAINING_LABEL, SERVICE_FAMILIES, THEMATIQUES_OF_SERVICE,
  httpUrl, siretOf, structureName, toServices, toStructure, type PlaceForDataInclusion,
} from "./mapping";

const baseUrl = "https://epn.example";
const PLACE_ID = "0b7a6c1e-0000-4000-8000-000000000001";

/** A place with nothing but what the standard requires, and one service. */
function place(overrides: Partial<PlaceForDataInclusion> = {}): PlaceForDataInclusion {
  return {
    id: PLACE_ID, slug: "mediatheque-avoine", name: "Médiathèque du Véron", pivot: "00000000000000",
    address: "8 avenue de la République", addressComplement: null, postcode: "37420", commune: "Avoine", inseeCode: "37011",
    latitude: 47.2092, longitude: 0.183174, phone: null, emails: [], websites: [], openingHours: null, summary: null,
    description: null, typologie: [], itinerance: [], updatedOn: "2025-03-14", services: ["Aide aux démarches administratives"],
    publics: [], specificSupport: [], fees: [], nationalPrograms: [], trainingLabels: [], accessModes: [], supportModes: [],
    accesLibreUrl: null, computers: null, laptops: null, tablets: null, printers: null, printers3d: null, bookingUrl: null, labelled: false,
    ...overrides,
  };
}

/** A place that fills every field the mapping reads. */
const full = place({
  name: "Espace numérique de l'Orangerie.",
  pivot: "43493312300029",
  addressComplement: "Bâtiment B",
  phone: "+33247981919",
  emails: ["pas une adresse", "epn@mairie-avoine.fr"],
  websites: ["https://www.mairie-avoine.fr/épn"],
  openingHours: "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
  summary: "Un lieu pour apprendre.",
  description: "L'espace numérique accueille tout le monde, du lundi au vendredi.",
  typologie: ["EPN", "MUNI"],
  itinerance: ["Fixe", "Itinérant"],
  services: [...PLACE_SERVICES],
  publics: ["Seniors", "Familles et/ou enfants"],
  specificSupport: ["Surdité"],
  fees: ["Gratuit", "Payant"],
  nationalPrograms: ["Conseillers numériques", "Aidants Connect", "Promeneurs du net"],
  trainingLabels: ["Fabriques de Territoire", "ORDI 3.0"],
  accessModes: ["Se présenter", "Téléphoner", "Envoyer un mail avec une fiche de prescription"],
  supportModes: ["Accompagnement individuel", "Dans un atelier collectif", "À distance"],
  accesLibreUrl: "https://acceslibre.beta.gouv.fr/app/37-avoine/a/mediatheque/erp/mediatheque-du-veron/",
  computers: 6,
  printers: 1,
  bookingUrl: `${baseUrl}/lieux/mediatheque-avoine/reserver`,
  labelled: true,
});

describe("the schema files", () => {
  it("beside the module are data·inclusion's, verbatim", () => {
    for (const file of ["structure.json", "service.json"]) {
      expect(fs.readFileSync(new URL(`./schema/${file}`, import.meta.url), "utf8")).toBe(fs.readFileSync(path.join(DATA_INCLUSION_REFERENCE, file), "utf8"));
    }
  });
});

describe("the tables of the mapping", () => {
  it("read only values of the national standard and write only values of data·inclusion's lists", () => {
    expect(Object.keys(THEMATIQUES_OF_SERVICE).sort()).toEqual([...ENUMS.services].sort());
    const thematiques = extraValues("thematiques");
    for (const t of Object.values(THEMATIQUES_OF_SERVICE).flat()) expect(thematiques.has(t), t).toBe(true);
    const reseaux = extraValues("reseaux-porteurs");
    for (const [programme, reseau] of Object.entries(RESEAU_OF_PROGRAMME)) {
      expect(ENUMS.dispositif_programmes_nationaux).toContain(programme);
      expect(reseaux.has(reseau), reseau).toBe(true);
    }
    for (const [label, reseau] of Object.entries(RESEAU_OF_TRAINING_LABEL)) {
      expect(ENUMS.formations_labels).toContain(label);
      expect(reseaux.has(reseau), reseau).toBe(true);
    }
    expect(reseaux.has("espaces-publics-numeriques")).toBe(true);
  });

  it("put every service of the standard in exactly one family", () => {
    expect(SERVICE_FAMILIES.flatMap((f) => f.services).sort()).toEqual([...PLACE_SERVICES].sort());
    expect(new Set(SERVICE_FAMILIES.map((f) => f.code)).size).toBe(SERVICE_FAMILIES.length);
  });
});

describe("a place as a structure", () => {
  it("maps every field the place has", () => {
    expect(toStructure(full, { baseUrl })).toEqual({
      source: "reseau-epn",
      id: `reseau-epn--${PLACE_ID}`,
      nom: "Espace numérique de l'Orangerie",
      date_maj: "2025-03-14",
      siret: "43493312300029",
      description: "L'espace numérique accueille tout le monde, du lundi au vendredi.",
      adresse: "8 avenue de la République",
      complement_adresse: "Bâtiment B",
      code_postal: "37420",
      code_insee: "37011",
      commune: "Avoine",
      latitude: 47.2092,
      longitude: 0.183174,
      telephone: "+33247981919",
      courriel: "epn@mairie-avoine.fr",
      site_web: "https://www.mairie-avoine.fr/%C3%A9pn",
      lien_source: `${baseUrl}/lieux/mediatheque-avoine`,
      horaires_accueil: "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
      accessibilite_lieu: "https://acceslibre.beta.gouv.fr/app/37-avoine/a/mediatheque/erp/mediatheque-du-veron/",
      reseaux_porteurs: ["espaces-publics-numeriques", "conseillers-numeriques", "aidants-connect", "fabrique-de-territoire"],
    });
  });

  it("leaves out what the place does not have, and what is not what the field means", () => {
    const structure = toStructure(place({ pivot: "W123456789", summary: "Court", websites: ["www.sans-protocole.fr"], accesLibreUrl: "https://example.fr/fiche" }), { baseUrl });
    expect(structure).toMatchObject({ siret: null, description: "Court", telephone: null, courriel: null, site_web: null, horaires_accueil: null, accessibilite_lieu: null, reseaux_porteurs: null });
    expect(structureProblems(structure)).toEqual([]);
  });

  it("is a public digital space (espaces-publics-numeriques) by its typology or a network's label", () => {
    expect(toStructure(place({ typologie: ["EPN"] }), { baseUrl }).reseaux_porteurs).toEqual(["espaces-publics-numeriques"]);
    expect(toStructure(place({ labelled: true }), { baseUrl }).reseaux_porteurs).toEqual(["espaces-publics-numeriques"]);
    expect(toStructure(place({ typologie: ["RFS"], nationalPrograms: ["France Services"] }), { baseUrl }).reseaux_porteurs).toEqual(["france-service"]);
  });

  it("validates against structure.json", () => {
    expect(structureProblems(toStructure(full, { baseUrl }))).toEqual([]);
    expect(structureProblems(toStructure(place(), { baseUrl }))).toEqual([]);
  });
});

describe("a place's services", () => {
  const services = toServices(full, { baseUrl });
  const byCode = Object.fromEntries(services.map((s) => [s.id.split("--").at(-1), s]));

  it("are one per family it offers, with ids made of the place's id and the family's code", () => {
    expect(services.map((s) => [s.id, s.nom, s.type])).toEqual([
      [`reseau-epn--${PLACE_ID}--demarches-en-ligne`, "Accompagnement aux démarches en ligne", "accompagnement"],
      [`reseau-epn--${PLACE_ID}--acces-libre`, "Accès libre à un ordinateur et à internet", "aide-materielle"],
      [`reseau-epn--${PLACE_ID}--materiel-solidaire`, "Matériel informatique à prix solidaire", "aide-materielle"],
      [`reseau-epn--${PLACE_ID}--initiation`, "Initiation au numérique", "atelier"],
      [`reseau-epn--${PLACE_ID}--emploi`, "Le numérique pour trouver un emploi", "atelier"],
      [`reseau-epn--${PLACE_ID}--parentalite`, "Parentalité et éducation au numérique", "atelier"],
      [`reseau-epn--${PLACE_ID}--loisirs`, "Loisirs et créations numériques", "atelier"],
    ]);
    for (const s of services) expect([s.source, s.structure_id, s.date_maj]).toEqual([DATA_INCLUSION_SOURCE, `reseau-epn--${PLACE_ID}`, "2025-03-14"]);
  });

  it("keep their ids when the place changes its name, services or anything else", () => {
    const renamed = toServices({ ...full, name: "Autre nom", slug: "autre-nom", services: ["Compréhension du monde numérique"] }, { baseUrl });
    expect(renamed.map((s) => s.id)).toEqual([`reseau-epn--${PLACE_ID}--initiation`]);
  });

  it("have the thematiques of the standard's services they group", () => {
    expect(byCode["demarches-en-ligne"]!.thematiques).toEqual([
      "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
      "numerique--acceder-a-des-services-en-ligne",
    ]);
    expect(byCode["acces-libre"]!.thematiques).toEqual(["numerique--acceder-a-une-connexion-internet"]);
    expect(byCode["materiel-solidaire"]!.thematiques).toEqual(["numerique--acquerir-un-equipement"]);
    expect(byCode.initiation!.thematiques).toEqual(["numerique--maitriser-les-fondamentaux-du-numerique", "numerique--acceder-a-des-services-en-ligne"]);
    expect(byCode.emploi!.thematiques).toEqual(["preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi", "numerique--maitriser-les-fondamentaux-du-numerique"]);
    const safetyOnly = toServices(place({ services: ["Utilisation sécurisée du numérique"] }), { baseUrl });
    expect(safetyOnly.map((s) => [s.nom, s.thematiques])).toEqual([["Initiation au numérique", ["numerique--maitriser-les-fondamentaux-du-numerique"]]]);
  });

  it("say in words what a person gets, how, and what is there", () => {
    expect(byCode.initiation!.description).toBe(
      "Apprendre à vous servir d'un ordinateur, d'un smartphone ou d'une tablette, d'internet et de la messagerie. Apprendre à protéger vos comptes et vos données des arnaques en ligne. Mieux comprendre le monde numérique : réseaux sociaux, informations en ligne, intelligence artificielle. Comment : accompagnement individuel, dans un atelier collectif, à distance. Ce lieu est itinérant : ses arrêts et ses prochains passages sont sur sa page.",
    );
    expect(byCode["acces-libre"]!.description).toContain("Sur place : 6 ordinateurs et 1 imprimante.");
    expect(byCode["acces-libre"]!.description).not.toContain("Comment :");
    expect(toServices(place(), { baseUrl })[0]!.description).toBe(
      "Un médiateur numérique vous aide à faire vos démarches administratives sur internet : créer un compte, remplir un formulaire, envoyer un document, suivre un dossier.",
    );
  });

  it("are for everyone, the publics the place pays attention to in words", () => {
    expect(byCode.initiation!.publics).toEqual(["tous-publics"]);
    expect(byCode.initiation!.publics_precisions).toBe(
      "Tous les publics sont accueillis, avec une attention particulière pour : seniors, familles et/ou enfants. Prise en charge spécifique : surdité.",
    );
    expect(toServices(place(), { baseUrl })[0]!.publics_precisions).toBeNull();
  });

  it("are free or paid as the place says, equipment at a solidarity price being bought", () => {
    const fees = (f: string[]) => {
      const [s] = toServices(place({ fees: f }), { baseUrl });
      return [s!.frais, s!.frais_precisions];
    };
    expect(fees(["Gratuit"])).toEqual(["gratuit", null]);
    expect(fees(["Gratuit sous condition"])).toEqual(["gratuit", "Gratuit sous condition : renseignez-vous auprès du lieu."]);
    expect(fees(["Gratuit", "Payant"])).toEqual(["gratuit", "Certains services sont payants : renseignez-vous auprès du lieu."]);
    expect(fees(["Payant"])).toEqual(["payant", null]);
    expect(fees([])).toEqual([null, null]);
    expect([byCode["materiel-solidaire"]!.frais, byCode["materiel-solidaire"]!.frais_precisions]).toEqual(["payant", "Le matériel est vendu à prix solidaire."]);
  });

  it("are given on site, and at a distance when the place says so for help (never a computer to use)", () => {
    expect(byCode.initiation!.modes_accueil).toEqual(["en-presentiel", "a-distance"]);
    expect(byCode["acces-libre"]!.modes_accueil).toEqual(["en-presentiel"]);
    const noPublic = toServices(place({ services: ["Aide aux démarches administratives", "Accès internet et matériel informatique"], accessModes: ["Ce lieu n'accueille pas de public", "Se présenter"], supportModes: ["À distance"], phone: "+33247981919" }), { baseUrl });
    expect(noPublic.map((s) => [s.modes_accueil, s.modes_mobilisation])).toEqual([
      [["a-distance"], ["telephoner"]],
      [null, ["telephoner"]],
    ]);
  });

  it("are reached the ways the place says, when it gives what each needs", () => {
    expect(byCode.initiation).toMatchObject({
      modes_mobilisation: ["se-presenter", "telephoner", "envoyer-un-courriel"],
      mobilisation_precisions: "Pour un professionnel : envoyer un courriel au lieu avec une fiche de prescription.",
      lien_mobilisation: `${baseUrl}/lieux/mediatheque-avoine/reserver`,
      mobilisable_par: ["usagers", "professionnels"],
      telephone: "+33247981919",
      courriel: "epn@mairie-avoine.fr",
    });
    const [saysPhoneHasNone] = toServices(place({ accessModes: ["Téléphoner", "Prendre un RDV en ligne"], bookingUrl: "https://rdv.example/lieu" }), { baseUrl });
    expect(saysPhoneHasNone!.modes_mobilisation).toEqual(["utiliser-lien-mobilisation"]);
    const [saysNothing] = toServices(place({ phone: "+33247981919", emails: ["epn@mairie-avoine.fr"] }), { baseUrl });
    expect(saysNothing!.modes_mobilisation).toEqual(["telephoner", "envoyer-un-courriel"]);
    expect(toServices(place(), { baseUrl })[0]!.modes_mobilisation).toBeNull();
  });

  it("are none when the place names no service", () => {
    expect(toServices(place({ services: [] }), { baseUrl })).toEqual([]);
  });

  it("validate against service.json, with values of data·inclusion's lists only", () => {
    const all = [...services, ...toServices(place(), { baseUrl }), ...toServices(place({ fees: ["Gratuit sous condition"], accessModes: ["Ce lieu n'accueille pas de public"] }), { baseUrl })];
    for (const s of all) expect(serviceProblems(s), s.id).toEqual([]);
    expect(valuesOutsideLists([toStructure(full, { baseUrl })], all)).toEqual([]);
  });
});

describe("siretOf", () => {
  it("keeps a 14-digit SIRET whose key is right", () => {
    expect(siretOf("43493312300029")).toBe("43493312300029");
    expect(siretOf("13003013300016")).toBe("13003013300016");
    // La Poste's establishments: the digits add up to a multiple of 5.
    expect(siretOf("35600000049837")).toBe("35600000049837");
  });

  it("leaves out a wrong key, a SIREN, an RNA, the placeholder", () => {
    for (const pivot of ["43493312300028", "434933123", "W123456789", "00000000000000", "1234567.001"]) expect(siretOf(pivot), pivot).toBeNull();
  });
});

describe("structureName", () => {
  it("is 3 to 150 characters without a final full stop", () => {
    expect(structureName("  Cyber-base   de Tours... ", "Tours")).toBe("Cyber-base de Tours");
    expect(structureName("PI", "Vierzon")).toBe("PI (Vierzon)");
    const long = structureName("A".repeat(200), "Tours");
    expect(long).toHaveLength(150);
    expect(long.endsWith("…")).toBe(true);
  });
});

describe("httpUrl", () => {
  it("gives an address the schema's « uri » accepts, or nothing", () => {
    expect(httpUrl("https://mairie-évreux.fr/a b")).toBe("https://xn--mairie-vreux-heb.fr/a%20b");
    expect(httpUrl("http://exemple.fr")).toBe("http://exemple.fr/");
    expect(httpUrl("mailto:epn@exemple.fr")).toBeNull();
    expect(httpUrl("www.exemple.fr")).toBeNull();
    expect(httpUrl("")).toBeNull();
  });
});
