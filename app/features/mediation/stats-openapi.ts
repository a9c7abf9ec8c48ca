/**
 * The public aggregates' part of the OpenAPI document (features/api/openapi.ts): GET
 * /api/v1/statistiques, its parameters and its answer (stats-api.server.ts).
 */
import { COOP_THEME_CODES } from "~/db/schema/mediation";
import { COOP_AGE_BANDS, COOP_GENDERS, COOP_SOCIAL_STATUSES } from "~/db/schema/people";
import { K_ANONYMITY } from "./stats";


const countsOf = (codes: readonly string[], description: string) => ({
  type: ["object", "null"],
  description,
  properties: Object.fromEntries(codes.map((c) => [c, { type: "integer", minimum: 0 }])),
});

export function statisticsOpenApi() {
  const error = {
    description: "Paramètre manquant, inconnu ou invalide",
    content: {
      "application/json": {
        schema: { type: "object", properties: { erreur: { type: "string" }, details: { type: "array", items: { type: "object", properties: { parametre: { type: "string" }, message: { type: "string" } } } } } },
        example: { erreur: "Requête invalide", details: [{ parametre: "annee", message: "Indiquez une année sur 4 chiffres (annee=2025), entre 2000 et l'année en cours." }] },
      },
    },
  };
  const withheld = `null quand le lieu a eu moins de ${K_ANONYMITY} participants ce mois-là (repartitions_masquees vaut alors true).`;
  const schemas = {
    StatistiquesMois: {
      type: "object",
      description: "L'activité d'un lieu pendant un mois (accompagnements terminés, au modèle d'activité de La Coop de la médiation numérique).",
      properties: {
        mois: { type: "string", pattern: "^\\d{4}-\\d{2}$", example: "2025-03" },
        accompagnements: { type: "integer", description: "Accompagnements individuels et ateliers collectifs." },
        individuels: { type: "integer" },
        collectifs: { type: "integer" },
        participants: { type: "integer", description: "Personnes accompagnées (une personne venue deux fois compte deux fois)." },
        thematiques: { type: "object", description: "Accompagnements par thématique (codes de La Coop ; seules les thématiques présentes). Un accompagnement peut en avoir plusieurs.", additionalProperties: { type: "integer" }, propertyNames: { enum: [...COOP_THEME_CODES] } },
        repartitions_masquees: { type: "boolean", description: `true : moins de ${K_ANONYMITY} participants, les répartitions par âge, genre et statut ne sont pas données.` },
        ages: countsOf(COOP_AGE_BANDS, `Participants par tranche d'âge ; ${withheld}`),
        genres: countsOf(COOP_GENDERS, `Participants par genre ; ${withheld}`),
        statuts: countsOf(COOP_SOCIAL_STATUSES, `Participants par statut ; ${withheld}`),
      },
    },
  };
  const paths = {
    "/api/v1/statistiques": {
      get: {
        summary: "L'activité de médiation numérique d'un réseau, par lieu publié et par mois (données ouvertes)",
        description: `Sans compte. Seuls des nombres : aucune donnée personnelle. Les répartitions par âge, genre et statut ne sont données que pour un lieu et un mois d'au moins ${K_ANONYMITY} participants, et jamais en total sur le réseau ou l'année ; la commune des personnes n'est pas donnée.`,
        parameters: [
          { name: "reseau", in: "query", required: true, schema: { type: "string", pattern: "^[a-z0-9-]{1,80}$" }, description: "Identifiant du réseau." },
          { name: "annee", in: "query", required: true, schema: { type: "integer", minimum: 2000 }, description: "Année civile (l'année en cours : jusqu'à aujourd'hui)." },
        ],
        responses: {
          "200": {
            description: "Les lieux publiés du réseau et leurs mois d'activité",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    reseau: { type: "object", properties: { slug: { type: "string" }, nom: { type: "string" } } },
                    annee: { type: "integer" },
                    licence: { type: "string" },
                    seuil_participants: { type: "integer", example: K_ANONYMITY },
                    note: { type: "string" },
                    lieux: {
                      type: "array",
                      items: {
                        type: "object",
                        properties: {
                          id: { type: "string", format: "uuid" },
                          slug: { type: "string" },
                          nom: { type: "string" },
                          commune: { type: "string" },
                          code_insee: { type: ["string", "null"] },
                          url: { type: "string", format: "uri" },
                          mois: { type: "array", description: "Les mois où le lieu a eu au moins un accompagnement.", items: { $ref: "#/components/schemas/StatistiquesMois" } },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          "400": error,
          "404": { ...error, description: "Réseau inconnu" },
        },
      },
    },
  };
  return { paths, schemas };
}
