import { z } from "zod";
import { ENUMS } from "~/features/standard/schema";

/** Counts stop here ("plus de 1 000 lieux"): counting every match costs more than the search. */
export const COUNT_CAP = 1000;

/** How far the public pages look around a position (km), and the farthest a person can ask for. */
export const RADII_KM = [5, 10, 30, 100, 300] as const;
export const DEFAULT_RADIUS_KM = 100;

/** Days a person can ask for ("ouvert le jeudi"), in ISO order. */
export const DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"] as const;

const list = (values: readonly string[]) =>
  z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string()).transform((items) => items.filter((i) => values.includes(i))),
  );

/**
 * The directory's search, as it lives in the URL (shareable, bookmarkable) and in the
 * API. Unknown or malformed values are dropped rather than failing a public page.
 */
export const DirectoryQuery = z.object({
  q: z.string().trim().max(200).catch(""),
  commune: z.string().regex(/^[0-9AB]{5}$/).optional().catch(undefined),
  lat: z.coerce.number().min(-90).max(90).optional().catch(undefined),
  lon: z.coerce.number().min(-180).max(180).optional().catch(undefined),
  services: list(ENUMS.services),
  publics: list(ENUMS.publics_specifiquement_adresses),
  accompagnement: list(ENUMS.prise_en_charge_specifique),
  acces: list(ENUMS.modalites_acces),
  gratuit: z.preprocess((v) => v === "1" || v === "on" || v === "true", z.boolean()),
  pmr: z.preprocess((v) => v === "1" || v === "on" || v === "true", z.boolean()),
  ouvert: z.enum(["maintenant", ...DAYS]).optional().catch(undefined),
  label: z.string().regex(/^[a-z0-9-]{1,80}$/).optional().catch(undefined),
  /** Members of a network (labelled or not). */
  reseau: z.string().regex(/^[a-z0-9-]{1,80}$/).optional().catch(undefined),
  /** Around a position, only places within this distance (km): one of RADII_KM on the pages, any in the API. */
  rayon: z.coerce.number().int().refine((km) => (RADII_KM as readonly number[]).includes(km)).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type DirectoryQuery = z.infer<typeof DirectoryQuery>;

const MULTI = ["services", "publics", "accompagnement", "acces"] as const;

export function parseDirectoryQuery(params: URLSearchParams): DirectoryQuery {
  const input: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    input[key] = (MULTI as readonly string[]).includes(key) ? params.getAll(key) : params.get(key);
  }
  return DirectoryQuery.parse(input);
}

/** The URL of a search, with only what is set, in a stable order. */
export function directoryUrl(path: string, query: Partial<DirectoryQuery>, changes: Partial<DirectoryQuery> = {}): string {
  const q = { ...query, ...changes };
  const params = new URLSearchParams();
  if (q.q) params.set("q", q.q);
  if (q.commune) params.set("commune", q.commune);
  if (q.lat !== undefined && q.lon !== undefined) {
    params.set("lat", String(q.lat));
    params.set("lon", String(q.lon));
  }
  for (const key of MULTI) for (const v of q[key] ?? []) params.append(key, v);
  if (q.gratuit) params.set("gratuit", "1");
  if (q.pmr) params.set("pmr", "1");
  if (q.ouvert) params.set("ouvert", q.ouvert);
  if (q.label) params.set("label", q.label);
  if (q.reseau) params.set("reseau", q.reseau);
  if (q.rayon) params.set("rayon", String(q.rayon));
  if (q.page && q.page > 1) params.set("page", String(q.page));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The search the public pages run: within DEFAULT_RADIUS_KM of a position unless the person chose another distance. */
export function withPageRadius(q: DirectoryQuery): DirectoryQuery {
  return { ...q, rayon: q.rayon ?? DEFAULT_RADIUS_KM };
}

/** The next distance to offer when nothing (more) is found within `km`; undefined at the farthest. */
export function widerRadius(km: number): number | undefined {
  return RADII_KM.find((r) => r > km);
}

export function hasFilters(q: DirectoryQuery): boolean {
  return (
    q.services.length + q.publics.length + q.accompagnement.length + q.acces.length > 0 ||
    q.gratuit || q.pmr || Boolean(q.ouvert) || Boolean(q.label) || Boolean(q.reseau) || q.rayon !== undefined
  );
}
