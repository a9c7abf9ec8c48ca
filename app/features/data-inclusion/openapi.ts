/**
 * The data·inclusion part of the OpenAPI document (features/api/openapi.ts): the two paths, and the
 * item schemas, which are data·inclusion's own JSON schemas (schema/*.json) with their `$defs` moved
 * into the document's components (a `#/$defs/…` reference would point at the document's root).
 */
import serviceSchema from "./schema/service.json";
import structureSchema from "./schema/structure.json";

const PREFIX = "DataInclusion";

/** The schema's `$defs` as components named DataInclusion<Name>, and the schema with its references to them rewritten. */
function asComponents(name: string, schema: { $defs?: Record<string, unknown> }): Record<string, unknown> {
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key, key === "$ref" && typeof v === "string" ? v.replace(/^#\/\$defs\//, `#/components/schemas/${PREFIX}`) : rewrite(v)]),
    );
  };
  const { $defs = {}, ...rest } = schema;
  return {
    [`${PREFIX}${name}`]: rewrite(rest),
    ...Object.fromEntries(Object.entries($defs).map(([def, value]) => [`${PREFIX}${def}`, rewrite(value)])),
  };
}

export function dataInclusionOpenApi() {
  const parameters = [
    { name: "reseau", in: "query", required: false, schema: { type: "string", pattern: "^[a-z0-9-]{1,80}$" }, description: "Identifiant d'un réseau : seulement ses lieux. Sans lui, tous les lieux publiés." },
  ];
  const errorSchema = { type: "object", properties: { erreur: { type: "string" }, details: { type: "array", items: { type: "object", properties: { parametre: { type: "string" }, message: { type: "string" } } } } } };
  const responses = (item: string, what: string) => ({
    "200": { description: what, content: { "application/json": { schema: { type: "array", items: { $ref: `#/components/schemas/${PREFIX}${item}` } } } } },
    "400": {
      description: "Paramètre inconnu ou invalide",
      content: { "application/json": { schema: errorSchema, example: { erreur: "Requête invalide", details: [{ parametre: "page", message: "Paramètre inconnu : « page ». Seul « reseau » est possible." }] } } },
    },
    "404": { description: "Réseau inconnu", content: { "application/json": { schema: errorSchema, example: { erreur: "Ce réseau n'existe pas.", details: [{ parametre: "reseau", message: "Ce réseau n'existe pas." }] } } } },
  });
  const paths = {
    "/api/v1/data-inclusion/structures": {
      get: {
        summary: "Les lieux publiés, au schéma data·inclusion v1 (structures)",
        description:
          "Une structure par lieu publié, pour les outils de l'inclusion (Dora, la base data·inclusion). Identifiant « reseau-epn--<id du lieu> », stable. Tout le jeu en une fois (pas de pagination). Licence Ouverte 2.0.",
        parameters,
        responses: responses("Structure", "Les structures"),
      },
    },
    "/api/v1/data-inclusion/services": {
      get: {
        summary: "Les services des lieux publiés, au schéma data·inclusion v1",
        description:
          "Un service par famille d'aide que le lieu propose (démarches en ligne, accès libre à un ordinateur, initiation au numérique…), tirée des services du standard national. Identifiant « reseau-epn--<id du lieu>--<code de la famille> », stable ; « structure_id » est celui de la structure. Licence Ouverte 2.0.",
        parameters,
        responses: responses("Service", "Les services"),
      },
    },
  };
  return { paths, schemas: { ...asComponents("Structure", structureSchema), ...asComponents("Service", serviceSchema) } };
}
