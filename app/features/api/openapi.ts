import { z } from "zod";
import tableSchema from "~/features/standard/schema-v1.0.2.json";
import { COUNT_CAP } from "~/features/directory/query";
import { PlacesApiQuery } from "./places-query";

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
  return {
    openapi: "3.1.0",
    info: {
      title: "Réseau EPN — données ouvertes des lieux",
      version: "1.0.0",
      description: "Les lieux publiés, au standard national des lieux de médiation numérique v1.0.2. Licence Ouverte 2.0.",
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
    },
    components: { schemas: { Lieu: place } },
  };
}
