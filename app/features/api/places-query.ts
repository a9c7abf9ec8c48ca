import { z } from "zod";
import { DAYS, type DirectoryQuery } from "~/features/directory/query";
import { ENUMS } from "~/features/standard/schema";

const int = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `« ${name} » doit être un nombre entier entre ${min} et ${max}.` })
    .int(`« ${name} » doit être un nombre entier entre ${min} et ${max}.`)
    .min(min, `« ${name} » doit être un nombre entier entre ${min} et ${max}.`)
    .max(max, `« ${name} » doit être un nombre entier entre ${min} et ${max}.`);
const coordinate = (name: string, limit: number) =>
  z.coerce
    .number({ error: `« ${name} » doit être un nombre décimal (degrés WGS84).` })
    .min(-limit, `« ${name} » doit être compris entre -${limit} et ${limit}.`)
    .max(limit, `« ${name} » doit être compris entre -${limit} et ${limit}.`);
const values = (name: string, allowed: readonly string[]) =>
  z.array(z.enum(allowed as [string, ...string[]], { error: `Valeur inconnue pour « ${name} ». Valeurs possibles : ${allowed.join(" ; ")}.` })).default([]);
const flag = (name: string) =>
  z.enum(["0", "1", "true", "false"], { error: `« ${name} » vaut 1 ou 0.` }).transform((v) => v === "1" || v === "true").default(false);

/**
 * Query parameters of the open-data API, shared by the JSON and CSV routes and the
 * OpenAPI document. Strict: a bad value is a 400 with a French message (pages, by
 * contrast, ignore bad values).
 */
export const PlacesApiQuery = z.object({
  page: int("page", 1, 100_000).default(1),
  par_page: int("par_page", 1, 1000).default(100),
  reseau: z.string().regex(/^[a-z0-9-]{1,80}$/, "« reseau » est l'identifiant d'un réseau, par exemple web-o-centre.").optional(),
  q: z.string().trim().max(200, "« q » fait au plus 200 caractères.").optional(),
  commune: z.string().regex(/^[0-9AB]{5}$/, "« commune » est un code INSEE à 5 caractères, par exemple 45234.").optional(),
  lat: coordinate("lat", 90).optional(),
  lon: coordinate("lon", 180).optional(),
  services: values("services", ENUMS.services),
  publics: values("publics", ENUMS.publics_specifiquement_adresses),
  accompagnement: values("accompagnement", ENUMS.prise_en_charge_specifique),
  acces: values("acces", ENUMS.modalites_acces),
  gratuit: flag("gratuit"),
  pmr: flag("pmr"),
  ouvert: z.enum(["maintenant", ...DAYS], { error: `« ouvert » vaut maintenant, ${DAYS.join(", ")}.` }).optional(),
  label: z.string().regex(/^[a-z0-9-]{1,80}$/, "« label » est l'identifiant du réseau qui labellise.").optional(),
  rayon: int("rayon", 1, 20_000).optional(),
});

export type PlacesApiQuery = z.infer<typeof PlacesApiQuery>;
const MULTI = new Set(["services", "publics", "accompagnement", "acces"]);

export function parsePlacesApiQuery(url: URL) {
  const known = new Set(Object.keys(PlacesApiQuery.shape));
  const input: Record<string, unknown> = {};
  const errors: { parametre: string; message: string }[] = [];
  for (const key of new Set(url.searchParams.keys())) {
    if (!known.has(key)) errors.push({ parametre: key, message: `Paramètre inconnu : « ${key} ». Paramètres possibles : ${[...known].join(", ")}.` });
    else input[key] = MULTI.has(key) ? url.searchParams.getAll(key) : url.searchParams.get(key);
  }
  const result = PlacesApiQuery.safeParse(input);
  if (!result.success) errors.unshift(...result.error.issues.map((i) => ({ parametre: String(i.path[0]), message: i.message })));
  if ((input.lat === undefined) !== (input.lon === undefined)) {
    errors.push({ parametre: input.lat === undefined ? "lat" : "lon", message: "« lat » et « lon » vont ensemble." });
  }
  return errors.length > 0 ? { ok: false as const, errors } : { ok: true as const, query: result.data! };
}

/** Does the request ask for a search (position, text or filter) rather than the plain list? */
export function isSearch(q: PlacesApiQuery): boolean {
  return Boolean(q.q || q.commune || q.lat !== undefined || q.services.length || q.publics.length || q.accompagnement.length || q.acces.length || q.gratuit || q.pmr || q.ouvert || q.label);
}

export function toDirectoryQuery(q: PlacesApiQuery): DirectoryQuery {
  return {
    q: q.q ?? "", commune: q.commune, lat: q.lat, lon: q.lon, services: q.services, publics: q.publics,
    accompagnement: q.accompagnement, acces: q.acces, gratuit: q.gratuit, pmr: q.pmr, ouvert: q.ouvert, label: q.label, reseau: q.reseau, rayon: q.rayon, page: q.page,
  };
}

export function badRequest(errors: { parametre: string; message: string }[]) {
  return Response.json({ erreur: "Requête invalide", details: errors }, { status: 400 });
}
