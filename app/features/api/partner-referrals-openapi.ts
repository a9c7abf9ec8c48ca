/**
 * The partners' referrals API in the OpenAPI document (features/api/openapi.ts): its paths, the
 * API key (bearer), a referral, the new referral's body, and the signed webhook's payload (as
 * `webhooks`, OpenAPI 3.1).
 */
import { COOP_THEME_CODES } from "~/db/schema/mediation";
import { CONTACT_PREFERENCES } from "~/db/schema/referrals";
import { REFERRAL_API_MAX_BYTES } from "~/features/referrals/partner-api";
import { STATUS_CODES, WEBHOOK_TYPES } from "~/features/referrals/webhooks";

const STATUS_ENUM = Object.values(STATUS_CODES);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const zoned = (description: string) => ({ type: "string", format: "date-time", description: `${description} (heure du lieu, avec son décalage).` });
const errorBody = (description: string) => ({
  description,
  content: { "application/json": { schema: { type: "object", properties: { erreur: { type: "string" }, champs: { type: "object", additionalProperties: { type: "string" } } }, required: ["erreur"] } } },
});

export function partnerReferralsOpenApi() {
  const schemas = {
    Orientation: {
      type: "object",
      description: "Une orientation de votre structure : où elle en est, le lieu, le rendez-vous, la personne (effacée après la durée de conservation).",
      required: ["id", "statut", "statut_le", "cree_le", "lieu", "rendez_vous", "besoins", "personne"],
      properties: {
        id: { type: "string", format: "uuid" },
        reference_partenaire: { type: ["string", "null"], description: "Votre référence (numéro de dossier), telle que donnée." },
        statut: { type: "string", enum: STATUS_ENUM, description: "envoyee → acceptee | refusee → rendez_vous_pris → venue | absente | excusee → accompagnee ; cloturee ; expiree (sans réponse du lieu)." },
        statut_le: zoned("Depuis quand"),
        cree_le: zoned("Envoyée le"),
        lieu: { type: "object", required: ["id", "nom", "slug"], properties: { id: { type: "string", format: "uuid" }, nom: { type: "string" }, slug: { type: "string" } } },
        rendez_vous: { type: ["object", "null"], properties: { debut: zoned("Début"), fin: { ...zoned("Fin"), type: ["string", "null"] } } },
        besoins: { type: "array", items: { type: "string", enum: [...COOP_THEME_CODES] }, description: "Thématiques du modèle d'activité de La Coop de la médiation numérique." },
        personne: {
          type: ["object", "null"],
          properties: { prenom: { type: "string" }, nom: { type: "string" }, telephone: { type: ["string", "null"], description: "E.164" }, courriel: { type: ["string", "null"] } },
        },
        historique: { type: "array", description: "Les étapes, de la plus ancienne à la plus récente (une orientation seule).", items: { type: "object", properties: { statut: { type: "string", enum: STATUS_ENUM }, type: { type: "string", enum: ["status", "contact-attempt", "reminder", "message"] }, le: zoned("Quand") } } },
      },
    },
    NouvelleOrientation: {
      type: "object",
      description: `Orienter une personne vers un lieu du réseau de votre structure (${REFERRAL_API_MAX_BYTES / 1024} Ko au plus). Les mêmes règles que le formulaire des conseillers.`,
      required: ["lieu", "personne", "besoins", "consentement"],
      properties: {
        lieu: { type: "string", description: "Le slug du lieu (celui de son adresse /lieux/<slug>), publié et membre du réseau." },
        personne: {
          type: "object",
          required: ["prenom", "nom", "contact"],
          properties: {
            prenom: { type: "string", maxLength: 80 },
            nom: { type: "string", maxLength: 80 },
            telephone: { type: "string", description: "Au moins un téléphone ou un courriel. Exemple : 06 12 34 56 78." },
            courriel: { type: "string", format: "email" },
            contact: { type: "string", enum: ["telephone", "sms", "courriel", ...CONTACT_PREFERENCES.filter((c) => c === "sms")], description: "Comment le lieu doit la contacter." },
          },
        },
        besoins: { type: "array", minItems: 1, items: { type: "string", enum: [...COOP_THEME_CODES] } },
        note: { type: "string", maxLength: 1000, description: "Pour le lieu. Pas d'information de santé." },
        reference: { type: "string", maxLength: 80 },
        consentement: { type: "boolean", const: true, description: "La personne est d'accord pour que ses coordonnées soient envoyées au lieu (le texte lui a été lu)." },
        rendez_vous: {
          description: "Facultatif : réserver tout de suite un créneau (offre et début, pris dans /api/v1/lieux/{slug}/disponibilites) ou une place d'atelier (séance). Sans lui, le lieu contacte la personne.",
          oneOf: [
            { type: "object", required: ["offre", "debut"], properties: { offre: { type: "string", description: "« ordinateur » ou l'identifiant d'une ressource" }, debut: { type: "string", format: "date-time" } } },
            { type: "object", required: ["seance"], properties: { seance: { type: "string", format: "uuid" } } },
          ],
        },
      },
    },
    EvenementOrientation: {
      type: "object",
      description: "Le corps d'un webhook signé (en-têtes webhook-id, webhook-timestamp, webhook-signature : voir docs/webhooks.md). La personne n'y figure que si la structure l'a demandé.",
      required: ["id", "type", "cree_le", "orientation"],
      properties: {
        id: { type: "string", format: "uuid", description: "L'identifiant de l'événement (= webhook-id) : ignorez un événement déjà reçu." },
        type: { type: "string", enum: Object.values(WEBHOOK_TYPES).filter((t) => t !== null) },
        cree_le: zoned("Quand"),
        orientation: {
          type: "object",
          properties: {
            id: { type: "string", format: "uuid" },
            reference_partenaire: { type: ["string", "null"] },
            statut: { type: "string", enum: STATUS_ENUM, description: "Le statut après cet événement." },
            lieu: { type: "object", properties: { id: { type: "string" }, nom: { type: "string" }, slug: { type: "string" } } },
            rendez_vous: { type: "object", properties: { debut: zoned("Début"), fin: zoned("Fin") } },
            motif_refus: { type: "string", description: "Avec les données personnelles seulement." },
          },
        },
        personne: { type: "object", description: "Avec les données personnelles seulement.", properties: { prenom: { type: "string" }, nom: { type: "string" }, telephone: { type: ["string", "null"] }, courriel: { type: ["string", "null"] } } },
      },
    },
  };
  const security = [{ cleApiPartenaire: [] }];
  const unauthorized = errorBody("Clé d'API manquante, inconnue ou révoquée");
  const paths = {
    "/api/v1/partenaires/orientations": {
      get: {
        summary: "Les orientations de votre structure (clé d'API de la structure)",
        security,
        parameters: [
          { name: "statut", in: "query", schema: { type: "string", enum: STATUS_ENUM } },
          { name: "depuis", in: "query", description: "Seulement celles qui ont changé depuis (date ou instant ISO 8601).", schema: { type: "string" } },
          { name: "limite", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
        ],
        responses: {
          "200": { description: "Les orientations, les plus récentes d'abord", content: { "application/json": { schema: { type: "object", properties: { data: { type: "array", items: ref("Orientation") } } } } } },
          "400": errorBody("Paramètre inconnu ou invalide"),
          "401": unauthorized,
          "429": errorBody("Trop d'appels (600 par heure et par clé)"),
        },
      },
      post: {
        summary: "Orienter une personne vers un lieu du réseau",
        security,
        parameters: [{ name: "Idempotency-Key", in: "header", required: true, description: "16 à 64 caractères : la même requête envoyée deux fois crée une seule orientation.", schema: { type: "string", pattern: "^[A-Za-z0-9_-]{16,64}$" } }],
        requestBody: { required: true, content: { "application/json": { schema: ref("NouvelleOrientation") } } },
        responses: {
          "201": { description: "Orientation créée (statut envoyee, ou rendez_vous_pris avec un rendez-vous)", content: { "application/json": { schema: ref("Orientation") } } },
          "200": { description: "La même requête déjà reçue (même Idempotency-Key)", content: { "application/json": { schema: ref("Orientation") } } },
          "400": errorBody("JSON invalide ou Idempotency-Key manquant"),
          "401": unauthorized,
          "409": errorBody("Le créneau ou la place d'atelier vient d'être pris : rien n'est créé"),
          "413": errorBody("Corps trop long"),
          "415": errorBody("Le corps n'est pas du JSON"),
          "422": errorBody("Champs invalides (champs : nom du champ → message en français) : rien n'est créé"),
        },
      },
    },
    "/api/v1/partenaires/orientations/{id}": {
      get: {
        summary: "Une orientation de votre structure, avec son historique",
        security,
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        responses: { "200": { description: "L'orientation", content: { "application/json": { schema: ref("Orientation") } } }, "401": unauthorized, "404": errorBody("Inconnue, ou d'une autre structure") },
      },
    },
  };
  const webhooks = {
    orientation: {
      post: {
        summary: "Un événement d'une orientation de votre structure, envoyé à l'adresse de webhook configurée par la coordination du réseau",
        requestBody: { content: { "application/json": { schema: ref("EvenementOrientation") } } },
        responses: { "2XX": { description: "Reçu (toute autre réponse : nouvel essai plus tard, 8 essais en 45 h environ)" } },
      },
    },
  };
  const securitySchemes = { cleApiPartenaire: { type: "http", scheme: "bearer", description: "Une clé « epn_… » créée par la coordination du réseau pour votre structure." } };
  return { paths, schemas, webhooks, securitySchemes };
}
