import { z } from "zod";

/** Query parameters of the open-data API, shared by the JSON and CSV routes and the OpenAPI document. */
export const PlacesApiQuery = z.object({
  page: z.coerce.number({ error: "« page » doit être un nombre entier à partir de 1." }).int("« page » doit être un nombre entier à partir de 1.").min(1, "« page » doit être un nombre entier à partir de 1.").default(1),
  par_page: z.coerce.number({ error: "« par_page » doit être un nombre entier entre 1 et 1000." }).int("« par_page » doit être un nombre entier entre 1 et 1000.").min(1, "« par_page » doit être un nombre entier entre 1 et 1000.").max(1000, "« par_page » doit être un nombre entier entre 1 et 1000.").default(100),
  reseau: z.string().regex(/^[a-z0-9-]{1,80}$/, "« reseau » est l'identifiant d'un réseau, par exemple web-o-centre.").optional(),
});

export type PlacesApiQuery = z.infer<typeof PlacesApiQuery>;

export function parsePlacesApiQuery(url: URL) {
  const known = new Set(Object.keys(PlacesApiQuery.shape));
  const unknown = [...url.searchParams.keys()].filter((k) => !known.has(k));
  const result = PlacesApiQuery.safeParse(Object.fromEntries(url.searchParams));
  const errors = result.success ? [] : result.error.issues.map((i) => ({ parametre: String(i.path[0]), message: i.message }));
  for (const k of unknown) errors.push({ parametre: k, message: `Paramètre inconnu : « ${k} ». Paramètres possibles : ${[...known].join(", ")}.` });
  return errors.length > 0 ? { ok: false as const, errors } : { ok: true as const, query: result.data! };
}

export function badRequest(errors: { parametre: string; message: string }[]) {
  return Response.json({ erreur: "Requête invalide", details: errors }, { status: 400 });
}
