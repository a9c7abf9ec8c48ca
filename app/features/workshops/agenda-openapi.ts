/**
 * The agenda's part of the OpenAPI document (features/api/openapi.ts): GET /api/v1/agenda and
 * GET /api/v1/agenda/openagenda, their parameters (agenda-query.ts) and answers (agenda-api.ts).
 */
import { API_PER_PAGE_DEFAULT, API_PER_PAGE_MAX, EXT_ID_KEY } from "./agenda-api";
import { AGENDA_DEFAULT_DAYS, AGENDA_DISTANCES_KM, AGENDA_MAX_DAYS, AGENDA_MAX_PAGE, DEFAULT_DISTANCE_KM, KIND_PARAMS, LEVEL_PARAMS } from "./agenda-query";
import { WORKSHOP_THEME_CODES } from "./themes";

const instant = (description: string, example: string) => ({ type: "string", format: "date-time", description, example });
const multilingual = (description: string) => ({ type: "object", description, properties: { fr: { type: "string" } } });

export function agendaOpenApi() {
  const parameters = [
    { name: "commune", schema: { type: "string", maxLength: 100 }, description: "Nom de commune ou code postal (« Vierzon », « 18100 Vierzon ») : seulement les séances à moins de « distance » km, avec distance_km. Un code postal de plusieurs communes donne la liste « communes_possibles »." },
    { name: "distance", schema: { type: "integer", enum: [...AGENDA_DISTANCES_KM], default: DEFAULT_DISTANCE_KM }, description: "Autour de la commune, en km (distance à vol d'oiseau)." },
    { name: "theme", schema: { type: "string", enum: WORKSHOP_THEME_CODES }, description: "Thématique nationale (La Coop de la médiation numérique)." },
    { name: "niveau", schema: { type: "string", enum: Object.keys(LEVEL_PARAMS) } },
    { name: "type", schema: { type: "string", enum: Object.keys(KIND_PARAMS) }, description: "atelier, permanence, evenement, ou passage (d'un EPN mobile à un arrêt)." },
    { name: "du", schema: { type: "string", format: "date" }, description: "Premier jour (dans le fuseau horaire de chaque lieu). Par défaut : aujourd'hui ; jamais avant aujourd'hui." },
    { name: "au", schema: { type: "string", format: "date" }, description: `Dernier jour, inclus. Par défaut : ${AGENDA_DEFAULT_DAYS} jours après « du » ; au plus ${AGENDA_MAX_DAYS} jours en tout.` },
    { name: "gratuit", schema: { type: "string", enum: ["1"] }, description: "1 : seulement les séances gratuites." },
    { name: "places", schema: { type: "string", enum: ["1"] }, description: "1 : seulement les séances où l'on peut encore venir (places libres, sans inscription ou sans limite)." },
    { name: "reseau", schema: { type: "string", pattern: "^[a-z0-9-]{1,80}$" }, description: "Identifiant d'un réseau : seulement les séances de ses lieux." },
    { name: "page", schema: { type: "integer", minimum: 1, maximum: AGENDA_MAX_PAGE, default: 1 }, description: "Numéro de page. Rien n'est compté : links.next dit s'il y a une page suivante." },
    { name: "par_page", schema: { type: "integer", minimum: 1, maximum: API_PER_PAGE_MAX, default: API_PER_PAGE_DEFAULT } },
  ].map((p) => ({ in: "query", required: false, ...p }));
  const error = {
    description: "Paramètre inconnu ou invalide, commune introuvable, réseau inconnu",
    content: {
      "application/json": {
        schema: { type: "object", properties: { erreur: { type: "string" }, details: { type: "array", items: { type: "object", properties: { parametre: { type: "string" }, message: { type: "string" } } } } } },
        example: { erreur: "Requête invalide", details: [{ parametre: "distance", message: "Choisissez une distance dans la liste : 5, 10, 20, 50 ou 100 km." }] },
      },
    },
  };
  const page = {
    type: "object",
    properties: {
      page: { type: "integer" },
      par_page: { type: "integer" },
      du: { type: "string", format: "date" },
      au: { type: "string", format: "date" },
      origine: { type: "object", description: "La commune trouvée.", properties: { libelle: { type: "string" }, latitude: { type: "number" }, longitude: { type: "number" }, distance_km: { type: "integer" } } },
      communes_possibles: { type: "array", items: { type: "object" }, description: "Plusieurs communes correspondent : relancer avec « code_postal nom »." },
    },
  };
  const links = { type: "object", properties: { self: { type: "string" }, next: { type: ["string", "null"] }, prev: { type: ["string", "null"] } } };
  const schemas = {
    Seance: {
      type: "object",
      description: "Une séance à venir (atelier, permanence, événement, passage d'un EPN mobile). Les arrêts des EPN mobiles n'existent pas dans le standard national : cette API les donne (« arret »).",
      properties: {
        id: { type: "string", format: "uuid" },
        titre: { type: "string" },
        type: { enum: Object.keys(KIND_PARAMS) },
        theme: { type: ["object", "null"], properties: { code: { type: "string" }, libelle: { type: "string" } } },
        niveau: { type: ["string", "null"], enum: [...Object.keys(LEVEL_PARAMS), null] },
        debut: instant("Début, avec le décalage horaire du lieu à cet instant.", "2026-01-06T14:00:00+01:00"),
        fin: instant("Fin.", "2026-01-06T16:00:00+01:00"),
        fuseau: { type: "string", description: "Fuseau horaire IANA du lieu." },
        quand: { type: "string", example: "mardi 6 janvier, de 14 h à 16 h" },
        en_ligne: { type: "boolean" },
        lieu: { type: "object", properties: { nom: { type: "string" }, slug: { type: "string" }, url: { type: "string", format: "uri" } } },
        arret: { type: ["object", "null"], properties: { libelle: { type: "string" }, commune: { type: "string" } } },
        adresse: { type: ["object", "null"], properties: { adresse: { type: "string" }, code_postal: { type: "string" }, commune: { type: "string" }, latitude: { type: ["number", "null"] }, longitude: { type: ["number", "null"] } } },
        distance_km: { type: ["number", "null"], description: "Avec « commune » : distance à vol d'oiseau, en km (une décimale)." },
        inscription: { enum: ["sans", "seance", "cycle"], description: "cycle : une inscription vaut pour toutes les séances de la série." },
        places: { type: "object", properties: { texte: { type: "string", example: "3 places restantes" }, restantes: { type: ["integer", "null"] }, capacite: { type: ["integer", "null"] } } },
        tarif: { type: "object", properties: { texte: { type: "string", example: "Gratuit" }, centimes: { type: "integer" } } },
        annulee: { type: "boolean" },
        description: { type: "string" },
        public: { type: "string" },
        a_apporter: { type: "string" },
        accessibilite: { type: "string" },
        url: { type: "string", format: "uri", description: "La page de la séance (inscription)." },
      },
    },
    EvenementOpenAgenda: {
      type: "object",
      description:
        "Une séance selon le modèle d'événement d'OpenAgenda (documentation développeurs d'OpenAgenda, « Structure d'un événement »). « uid » est notre identifiant de séance, repris dans « extIds » : OpenAgenda attribue le sien à la création. « accessibility » ne porte que les handicaps que notre texte libre nomme sans ambiguïté (aucun en cas de négation) : le texte est dans « longDescription ». « onlineAccessLink » est la page de la séance (le lien de la visio n'est donné qu'aux inscrits).",
      properties: {
        uid: { type: "string", format: "uuid" },
        extIds: { type: "array", items: { type: "object", properties: { key: { const: EXT_ID_KEY }, value: { type: "string" } } } },
        title: multilingual("140 caractères au plus."),
        description: multilingual("200 caractères au plus."),
        longDescription: multilingual("Markdown, 10 000 caractères au plus : description, public, à apporter, accessibilité, places, tarif, lien."),
        conditions: multilingual("Tarif et places."),
        keywords: { type: "object", properties: { fr: { type: "array", items: { type: "string" } } } },
        timings: { type: "array", items: { type: "object", properties: { begin: instant("Début avec le décalage.", "2026-01-06T14:00:00+01:00"), end: instant("Fin.", "2026-01-06T16:00:00+01:00") } } },
        timezone: { type: "string" },
        attendanceMode: { enum: [1, 2], description: "1 : sur place ; 2 : en ligne." },
        onlineAccessLink: { type: "string", format: "uri" },
        location: {
          type: ["object", "null"],
          properties: { name: { type: "string" }, address: { type: "string" }, city: { type: "string" }, postalCode: { type: "string" }, latitude: { type: ["number", "null"] }, longitude: { type: ["number", "null"] }, countryCode: { const: "FR" } },
        },
        registration: { type: "array", items: { type: "object", properties: { type: { enum: ["link", "phone", "email"] }, value: { type: "string" } } } },
        accessibility: { type: "object", properties: Object.fromEntries(["hi", "vi", "pi", "mi", "ii"].map((k) => [k, { const: true }])) },
        status: { enum: [1, 5, 6], description: "1 : programmé ; 5 : complet ; 6 : annulé (codes d'OpenAgenda)." },
      },
    },
  };
  const paths = {
    "/api/v1/agenda": {
      get: {
        summary: "Agenda : séances à venir (ateliers, permanences, événements, passages d'EPN mobiles)",
        description: "Mêmes filtres que la page /agenda, dans l'ordre des débuts. Les séances annulées n'y sont pas.",
        parameters,
        responses: {
          "200": {
            description: "Une page de séances",
            content: { "application/json": { schema: { type: "object", properties: { data: { type: "array", items: { $ref: "#/components/schemas/Seance" } }, meta: page, links } } } },
          },
          "400": error,
        },
      },
    },
    "/api/v1/agenda/openagenda": {
      get: {
        summary: "Agenda au modèle d'événement d'OpenAgenda (pour alimenter un agenda OpenAgenda)",
        description: "Mêmes filtres ; les séances annulées y sont, avec le statut 6.",
        parameters,
        responses: {
          "200": {
            description: "Une page d'événements",
            content: { "application/json": { schema: { type: "object", properties: { events: { type: "array", items: { $ref: "#/components/schemas/EvenementOpenAgenda" } }, meta: page, links } } } },
          },
          "400": error,
        },
      },
    },
  };
  return { paths, schemas };
}
