import { z } from "zod";
import tableSchema from "~/features/standard/schema-v1.0.2.json";
import { COUNT_CAP } from "~/features/directory/query";
import { AVAILABILITY_DEFAULT_DAYS, AVAILABILITY_MAX_DAYS, AvailabilityQuery, RESERVATION_MAX_BYTES, RESOURCE_KINDS } from "./booking-api";
import { PlacesApiQuery } from "./places-query";
import { agendaOpenApi } from "~/features/workshops/agenda-openapi";
import { statisticsOpenApi } from "~/features/mediation/stats-openapi";
import { dataInclusionOpenApi } from "~/features/data-inclusion/openapi";
import { partnerReferralsOpenApi } from "./partner-referrals-openapi";

type Field = { name: string; title: string; type: string; description?: string; constraints?: { required?: boolean; pattern?: string; maxLength?: number } };

/** The OpenAPI 3.1 document of the open-data API, built from the official schema file and the query schema. */
export function buildOpenApi(baseUrl: string) {
  const fields = tableSchema.fields as Field[];
  const place = {
    type: "object",
    description: "Un lieu au format du standard national « Lieux de médiation numérique » v1.0.2 (champs multiples séparés par |).",
    required: fields.filter((f) => f.constraints?.required).map((f) => f.name),
    properties: Object.fromEntries(
      fields.map((f) => [
        f.name,
        {
          type: f.type === "number" ? "number" : "string",
          ...(f.type === "date" ? { format: "date" } : {}),
          title: f.title,
          ...(f.constraints?.pattern ? { pattern: f.constraints.pattern } : {}),
          ...(f.constraints?.maxLength ? { maxLength: f.constraints.maxLength } : {}),
        },
      ]),
    ),
  };
  const query = z.toJSONSchema(PlacesApiQuery, { io: "input" }) as { properties: Record<string, object> };
  const descriptions: Record<string, string> = {
    page: "Numéro de page (à partir de 1).",
    par_page: "Nombre de lieux par page (1 à 1000).",
    reseau: "Identifiant d'un réseau : seulement ses lieux.",
    q: "Commune, code postal, adresse se terminant par « code postal commune », ou nom de lieu. Une commune ou un code postal classe les lieux du plus proche au plus loin.",
    commune: "Code INSEE de la commune autour de laquelle chercher.",
    lat: "Latitude de la position (avec lon) : lieux du plus proche au plus loin, avec distance_m.",
    lon: "Longitude de la position (avec lat).",
    services: "Services proposés (répétable ; tous doivent être proposés).",
    publics: "Publics spécifiquement adressés (répétable).",
    accompagnement: "Prise en charge spécifique (répétable).",
    acces: "Modalités d'accès (répétable).",
    gratuit: "1 : seulement les lieux gratuits.",
    pmr: "1 : seulement les lieux qui déclarent accueillir les handicaps moteurs.",
    ouvert: "maintenant, ou un jour de la semaine (lundi … dimanche), dans le fuseau horaire du lieu.",
    label: "Identifiant du réseau dont le label est en cours de validité.",
    rayon: "Autour d'une position (lat/lon, commune, code postal) : seulement les lieux à moins de ce nombre de kilomètres. Sans rayon, tous les lieux, du plus proche au plus loin.",
  };
  const parameters = Object.entries(query.properties).map(([name, schema]) => ({
    name,
    in: "query",
    required: false,
    description: descriptions[name],
    schema,
    ...((schema as { type?: string }).type === "array" ? { style: "form", explode: true } : {}),
  }));
  const error = {
    description: "Paramètres invalides",
    content: { "application/json": { schema: { type: "object", properties: { erreur: { type: "string" }, details: { type: "array", items: { type: "object", properties: { parametre: { type: "string" }, message: { type: "string" } } } } } } } },
  };
  const booking = bookingApi();
  const agenda = agendaOpenApi();
  const statistics = statisticsOpenApi();
  const dataInclusion = dataInclusionOpenApi();
  const partners = partnerReferralsOpenApi();
  return {
    openapi: "3.1.0",
    info: {
      title: "Réseau EPN — données ouvertes des lieux",
      version: "1.0.0",
      description:
        "Les lieux publiés, au standard national des lieux de médiation numérique v1.0.2, et au schéma data·inclusion v1 (structures et services). Licence Ouverte 2.0. Et, pour les sites et applications partenaires, les créneaux libres d'un lieu et la réservation d'un créneau (mêmes règles que les pages de réservation du site).",
    },
    servers: [{ url: baseUrl }],
    paths: {
      "/api/v1/lieux": {
        get: {
          summary: "Liste paginée des lieux",
          parameters,
          responses: {
            "200": {
              description: "Une page de lieux",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      data: {
                        type: "array",
                        items: {
                          allOf: [
                            { $ref: "#/components/schemas/Lieu" },
                            {
                              type: "object",
                              properties: {
                                distance_m: { type: "integer", description: "Distance à vol d'oiseau depuis la position ou la commune cherchée (recherche seulement)." },
                                ouverture: { type: "object", description: "État d'ouverture au moment de la requête (recherche seulement).", properties: { etat: { enum: ["ouvert", "ferme", "inconnu"] }, libelle: { type: "string" } } },
                                x_arrets: {
                                  type: "array",
                                  description: "Hors standard national (il n'a pas de champ pour cela) : les arrêts d'un EPN mobile (itinérance « Itinérant »), avec le prochain passage prévu. Absent pour un lieu sans arrêt.",
                                  items: {
                                    type: "object",
                                    properties: {
                                      id: { type: "string", format: "uuid" }, nom: { type: "string" }, adresse: { type: "string" }, code_postal: { type: "string" }, commune: { type: "string" },
                                      code_insee: { type: "string" }, latitude: { type: "number" }, longitude: { type: "number" },
                                      prochain_passage: { type: ["object", "null"], description: "Début et fin, avec le décalage horaire du lieu.", properties: { debut: { type: "string", format: "date-time" }, fin: { type: "string", format: "date-time" } } },
                                    },
                                  },
                                },
                              },
                            },
                          ],
                        },
                      },
                      meta: {
                        type: "object",
                        properties: {
                          total: {
                            type: ["integer", "null"],
                            description: `Nombre de lieux trouvés (au-delà de ${COUNT_CAP} pour une recherche, le décompte s'arrête : ${COUNT_CAP} veut dire « au moins ${COUNT_CAP} »). null pour une recherche autour d'une position (lat et lon, commune ou code postal) quand d'autres lieux suivent : ils ne sont pas comptés, suivez links.next page après page, du plus proche au plus loin.`,
                          },
                          page: { type: "integer" },
                          par_page: { type: "integer" },
                          pages: { type: ["integer", "null"], description: "Nombre de pages ; null quand total l'est." },
                          origine: { type: "object", description: "Point de départ de la recherche.", properties: { latitude: { type: "number" }, longitude: { type: "number" }, libelle: { type: "string" } } },
                          communes_possibles: { type: "array", description: "Quand « q » désigne plusieurs communes : choisissez-en une et passez son code INSEE dans « commune ».", items: { type: "object" } },
                        },
                      },
                      links: {
                        type: "object",
                        properties: {
                          self: { type: "string" },
                          next: { type: ["string", "null"], description: "Page suivante ; null sur la dernière page." },
                          prev: { type: ["string", "null"], description: "Page précédente ; null sur la première page." },
                        },
                      },
                    },
                  },
                },
              },
            },
            "400": error,
          },
        },
      },
      "/api/v1/lieux.csv": {
        get: {
          summary: "Tous les lieux en un fichier CSV au standard national",
          parameters: parameters.filter((p) => p.name === "reseau"),
          responses: { "200": { description: "Fichier CSV (UTF-8, séparateur virgule)", content: { "text/csv": { schema: { type: "string" } } } }, "400": error },
        },
      },
      ...booking.paths,
      ...agenda.paths,
      ...statistics.paths,
      ...dataInclusion.paths,
      ...partners.paths,
    },
    webhooks: partners.webhooks,
    components: { schemas: { Lieu: place, ...booking.schemas, ...agenda.schemas, ...statistics.schemas, ...dataInclusion.schemas, ...partners.schemas }, securitySchemes: partners.securitySchemes },
  };
}

const instant = (description: string, example: string) => ({ type: "string", format: "date-time", description, example });

/** The booking API's paths and schemas (features/api/booking-api.ts). */
function bookingApi() {
  const query = z.toJSONSchema(AvailabilityQuery, { io: "input" }) as { properties: Record<string, object> };
  const descriptions: Record<string, string> = {
    du: "Premier jour (AAAA-MM-JJ, dans le fuseau horaire du lieu). Par défaut : aujourd'hui.",
    au: `Dernier jour, inclus. Par défaut : ${AVAILABILITY_DEFAULT_DAYS} jours à partir de « du ». Au plus ${AVAILABILITY_MAX_DAYS} jours.`,
    type: "Seulement ce type de ressource : station (ordinateurs), room (salle), machine, appointment (rendez-vous avec un médiateur).",
  };
  const errorOnly = (description: string, example: string) => ({
    description,
    content: { "application/json": { schema: { $ref: "#/components/schemas/Erreur" }, example: { erreur: example } } },
  });
  const slot = {
    type: "object",
    required: ["debut", "fin_min", "fin_max"],
    properties: {
      debut: instant("Début, avec le décalage horaire du lieu à cet instant.", "2026-12-10T14:00:00+01:00"),
      fin_min: instant("Fin avec la durée minimale.", "2026-12-10T15:00:00+01:00"),
      fin_max: instant("Fin la plus tardive possible à partir de ce début (durée maximale, prochaine réservation, fermeture).", "2026-12-10T16:00:00+01:00"),
    },
  };
  const reservationExample = { id: "0b7f4c1e-8d2a-4c55-9e61-3f0a2d9b7c10", statut: "confirmee", debut: "2026-12-10T14:00:00+01:00", fin: "2026-12-10T15:00:00+01:00", lien_gestion: "https://epn.example/reservation/q9X2…" };
  const schemas = {
    Creneau: slot,
    Ressource: {
      type: "object",
      required: ["id", "type", "nom", "description", "tarif_centimes", "duree_min", "duree_max", "creneaux"],
      properties: {
        id: { type: "string", description: "Ce qu'on réserve, à renvoyer dans « ressource » : « ordinateur » pour les postes informatiques du lieu (le premier libre est attribué), sinon l'identifiant de la ressource." },
        type: { enum: [...RESOURCE_KINDS] },
        nom: { type: "string" },
        description: { type: "string" },
        tarif_centimes: { type: ["integer", "null"], description: "Prix en centimes d'euro ; null : gratuit." },
        duree_min: { type: "integer", description: "Durée minimale en minutes (durée par défaut d'une réservation)." },
        duree_max: { type: "integer", description: "Durée maximale en minutes." },
        confirmation_requise: { type: "boolean", description: "Le lieu confirme chaque réservation (statut « a_confirmer »)." },
        motifs: { type: "array", items: { type: "string" }, description: "Rendez-vous : les motifs proposés (« motif » doit en être un)." },
        creneaux: { type: "array", items: { $ref: "#/components/schemas/Creneau" } },
      },
    },
    Disponibilites: {
      type: "object",
      required: ["lieu", "du", "au", "ressources"],
      properties: {
        lieu: { type: "object", properties: { slug: { type: "string" }, nom: { type: "string" }, fuseau: { type: "string", description: "Fuseau horaire IANA du lieu." } } },
        du: { type: "string", format: "date" },
        au: { type: "string", format: "date" },
        ressources: { type: "array", items: { $ref: "#/components/schemas/Ressource" } },
      },
      example: {
        lieu: { slug: "espace-numerique-bourges", nom: "Espace numérique", fuseau: "Europe/Paris" },
        du: "2026-12-10",
        au: "2026-12-23",
        ressources: [
          {
            id: "ordinateur", type: "station", nom: "4 ordinateurs", description: "", tarif_centimes: null, duree_min: 60, duree_max: 120, confirmation_requise: false, motifs: [],
            creneaux: [{ debut: "2026-12-10T14:00:00+01:00", fin_min: "2026-12-10T15:00:00+01:00", fin_max: "2026-12-10T16:00:00+01:00" }],
          },
        ],
      },
    },
    DemandeReservation: {
      type: "object",
      required: ["lieu", "ressource", "debut", "prenom"],
      properties: {
        lieu: { type: "string", description: "Identifiant du lieu (son slug, celui de l'adresse des disponibilités)." },
        ressource: { type: "string", description: "L'« id » d'une ressource des disponibilités du lieu." },
        debut: instant("Un « debut » des disponibilités, avec son décalage (ou Z).", "2026-12-10T14:00:00+01:00"),
        duree: { type: "integer", minimum: 5, maximum: 1440, description: "Minutes ; par défaut la durée minimale de la ressource." },
        prenom: { type: "string", maxLength: 80 },
        telephone: { type: "string", description: "Téléphone portable français (confirmation et rappel par SMS). Téléphone ou courriel : l'un des deux est obligatoire." },
        courriel: { type: "string", format: "email", maxLength: 254 },
        note: { type: "string", maxLength: 500, description: "Pour quoi faire (sans information personnelle)." },
        motif: { type: "string", description: "Rendez-vous : un des « motifs » de la ressource." },
      },
      example: { lieu: "espace-numerique-bourges", ressource: "ordinateur", debut: "2026-12-10T14:00:00+01:00", duree: 60, prenom: "Aïcha", telephone: "06 12 34 56 78" },
    },
    Reservation: {
      type: "object",
      required: ["id", "statut", "debut", "fin", "lien_gestion"],
      properties: {
        id: { type: "string", format: "uuid" },
        statut: { enum: ["confirmee", "a_confirmer"], description: "a_confirmer : le lieu doit confirmer ; la personne reçoit un message." },
        debut: instant("Début.", "2026-12-10T14:00:00+01:00"),
        fin: instant("Fin.", "2026-12-10T15:00:00+01:00"),
        lien_gestion: { type: "string", format: "uri", description: "La page où la personne voit, déplace ou annule sa réservation ; envoyée aussi par SMS ou courriel." },
      },
      example: reservationExample,
    },
    Erreur: { type: "object", required: ["erreur"], properties: { erreur: { type: "string", description: "Le problème, en français, à montrer à la personne." } } },
  };
  const paths = {
    "/api/v1/lieux/{slug}/disponibilites": {
      get: {
        summary: "Créneaux libres d'un lieu, par ressource réservable en ligne",
        parameters: [
          { name: "slug", in: "path", required: true, description: "Identifiant du lieu (celui de son adresse /lieux/…).", schema: { type: "string" } },
          ...Object.entries(query.properties).map(([name, schema]) => ({ name, in: "query", required: false, description: descriptions[name], schema })),
        ],
        responses: {
          "200": { description: "Les ressources du lieu et leurs créneaux libres", content: { "application/json": { schema: { $ref: "#/components/schemas/Disponibilites" } } } },
          "400": { description: "Paramètres invalides", content: { "application/json": { schema: { type: "object", properties: { erreur: { type: "string" }, details: { type: "array", items: { type: "object", properties: { parametre: { type: "string" }, message: { type: "string" } } } } } }, example: { erreur: "Requête invalide", details: [{ parametre: "au", message: `On peut demander au plus ${AVAILABILITY_MAX_DAYS} jours à la fois.` }] } } } },
          "404": errorOnly("Lieu inconnu ou non publié", "Ce lieu n'existe pas ou n'est pas publié."),
        },
      },
    },
    "/api/v1/reservations": {
      post: {
        summary: "Réserver un créneau",
        description:
          "Mêmes règles que les pages de réservation du site (horaires, délais, limites par personne). La personne reçoit la confirmation et le lien de gestion par SMS ou courriel. Réessayer avec la même clé Idempotency-Key rend la même réservation, jamais une deuxième.",
        parameters: [
          {
            name: "Idempotency-Key", in: "header", required: true,
            description: "Une clé par réservation, tirée au hasard (16 à 64 caractères parmi A-Z a-z 0-9 - _). La même clé pour réessayer la même demande.",
            schema: { type: "string", pattern: "^[A-Za-z0-9_-]{16,64}$" },
          },
        ],
        requestBody: {
          required: true,
          description: `JSON, ${RESERVATION_MAX_BYTES / 1024} Ko au plus.`,
          content: { "application/json": { schema: { $ref: "#/components/schemas/DemandeReservation" } } },
        },
        responses: {
          "201": { description: "Réservation faite", content: { "application/json": { schema: { $ref: "#/components/schemas/Reservation" } } } },
          "200": { description: "Réservation déjà faite avec cette clé : la même", content: { "application/json": { schema: { $ref: "#/components/schemas/Reservation" } } } },
          "400": errorOnly("Clé Idempotency-Key absente ou invalide, ou JSON illisible", "L'en-tête Idempotency-Key est obligatoire : …"),
          "404": errorOnly("Lieu ou ressource inconnus", "Cette réservation n'existe pas dans ce lieu. …"),
          "409": {
            description: "Créneau déjà pris",
            content: {
              "application/json": {
                schema: { type: "object", required: ["erreur", "prochains_creneaux"], properties: { erreur: { type: "string" }, prochains_creneaux: { type: "array", items: { $ref: "#/components/schemas/Creneau" } } } },
                example: { erreur: "Ce créneau vient d'être réservé par quelqu'un d'autre. Voici les prochains horaires libres.", prochains_creneaux: [{ debut: "2026-12-10T15:00:00+01:00", fin_min: "2026-12-10T16:00:00+01:00", fin_max: "2026-12-10T17:00:00+01:00" }] },
              },
            },
          },
          "413": errorOnly("Requête trop grande", `La requête est trop grande : ${RESERVATION_MAX_BYTES / 1024} Ko au plus.`),
          "415": errorOnly("Corps qui n'est pas du JSON", "Envoyez la réservation en JSON (Content-Type: application/json)."),
          "422": {
            description: "Informations qui ne conviennent pas (« champs » : un message par champ) ou réservation refusée par une règle du lieu (« code » : past, lead-time, too-far, length, grid, closed, holiday, hours, limit-day, limit-week, limit-minutes, no-shows, members-only, idempotency-mismatch)",
            content: {
              "application/json": {
                schema: { type: "object", required: ["erreur"], properties: { erreur: { type: "string" }, champs: { type: "object", additionalProperties: { type: "string" } }, code: { type: "string" } } },
                examples: {
                  champs: { value: { erreur: "Certaines informations ne conviennent pas : voyez « champs ».", champs: { prenom: "Écrivez votre prénom.", telephone: "Ce numéro de téléphone n'est pas valable. Écrivez-le comme ceci : 06 12 34 56 78." } } },
                  regle: { value: { erreur: "Ce créneau est déjà passé. Choisissez un autre horaire.", code: "past" } },
                },
              },
            },
          },
          "429": {
            ...errorOnly("Trop de demandes depuis cette adresse ou pour cette personne", "Trop de demandes de réservation. Réessayez dans 12 min."),
            headers: { "Retry-After": { description: "Secondes à attendre.", schema: { type: "integer" } } },
          },
        },
      },
    },
  };
  return { paths, schemas };
}
