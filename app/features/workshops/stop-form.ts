/**
 * The form of a mobile EPN's stop (the back-office's « Arrêts » page): one zod schema with French
 * messages next to each field. It refuses, in words, what the database's CHECKs would
 * (app/db/schema/workshops.ts) and coordinates outside France (metropolitan or overseas). Which
 * commune it is, and whether the coordinates are near it, is settled with the offline communes
 * by `stops.server.ts`. Pure and client-safe.
 */
import { z } from "zod";
import { fr } from "~/lib/messages";

const m = fr.stops.errors;

/** The form's field names (French, as the other forms). */
export const STOP_FIELDS = { label: "nom", address: "adresse", postcode: "code_postal", commune: "commune", latitude: "latitude", longitude: "longitude" } as const;
export type StopFieldName = (typeof STOP_FIELDS)[keyof typeof STOP_FIELDS];
export type StopFormValues = Record<StopFieldName, string>;

/** What the schema gives; coordinates both given or both null (the commune's then). */
export type StopInput = { label: string; address: string; postcode: string; commune: string; latitude: number | null; longitude: number | null };

/**
 * Boxes (south, west, north, east in degrees) around every part of France where a place may be:
 * metropolitan France with Corsica, the Antilles (Guadeloupe, Martinique, Saint-Martin,
 * Saint-Barthélemy), Guyane, La Réunion, Mayotte, Saint-Pierre-et-Miquelon, Wallis-et-Futuna,
 * French Polynesia, New Caledonia. A little wider than the land, for stops on the coast.
 */
export const FRANCE_BOXES: readonly (readonly [number, number, number, number])[] = [
  [41.2, -5.6, 51.2, 9.8],
  [14.2, -63.3, 18.2, -60.7],
  [2.0, -54.7, 6.0, -51.4],
  [-21.5, 55.1, -20.8, 56.0],
  [-13.1, 44.9, -12.5, 45.4],
  [46.7, -56.5, 47.2, -56.0],
  [-14.5, -178.3, -13.1, -176.0],
  [-28.0, -154.8, -7.8, -134.3],
  [-23.0, 163.5, -19.4, 168.3],
];

export function isInFrance(latitude: number, longitude: number): boolean {
  return FRANCE_BOXES.some(([south, west, north, east]) => latitude >= south && latitude <= north && longitude >= west && longitude <= east);
}

/** A form's text field, trimmed ("" when absent; a field sent twice is refused with `message`). */
const text = (message: string) => z.string({ error: message }).optional().transform((v) => (v ?? "").trim());

/** Decimal degrees, with a comma or a point; "" → null. */
const coordinate = (limit: number, message: string) =>
  text(message)
    .transform((v) => v.replace(",", "."))
    .refine((v) => v === "" || (/^-?\d{1,3}(\.\d{1,10})?$/.test(v) && Math.abs(Number(v)) <= limit), { error: message })
    .transform((v) => (v === "" ? null : Number(v)));

export const StopSchema = z
  .object({
    nom: text(m.labelEmpty).pipe(z.string().min(1, { error: m.labelEmpty }).max(120, { error: m.labelLong })),
    adresse: text(m.addressEmpty).pipe(z.string().min(1, { error: m.addressEmpty }).max(200, { error: m.addressLong })),
    code_postal: text(m.postcode).transform((v) => v.replace(/\s/g, "")).pipe(z.string().regex(/^\d{5}$/, { error: m.postcode })),
    commune: text(m.communeEmpty).pipe(z.string().min(1, { error: m.communeEmpty }).max(100, { error: m.communeLong })),
    latitude: coordinate(90, m.latitude),
    longitude: coordinate(180, m.longitude),
  })
  .superRefine((v, ctx) => {
    if ((v.latitude === null) !== (v.longitude === null)) {
      ctx.addIssue({ code: "custom", path: [v.latitude === null ? "latitude" : "longitude"], message: m.bothCoordinates });
    } else if (v.latitude !== null && v.longitude !== null && !isInFrance(v.latitude, v.longitude)) {
      ctx.addIssue({ code: "custom", path: ["latitude"], message: m.outsideFrance });
    }
  })
  .transform((v): StopInput => ({ label: v.nom, address: v.adresse, postcode: v.code_postal, commune: v.commune, latitude: v.latitude, longitude: v.longitude }));

/** The form filled from a stop (or empty for a new one). */
export function stopToFormValues(stop?: { label: string; address: string; postcode: string; commune: string; latitude: number; longitude: number }): StopFormValues {
  return {
    nom: stop?.label ?? "",
    adresse: stop?.address ?? "",
    code_postal: stop?.postcode ?? "",
    commune: stop?.commune ?? "",
    latitude: stop ? String(stop.latitude).replace(".", ",") : "",
    longitude: stop ? String(stop.longitude).replace(".", ",") : "",
  };
}

/** What was typed, to show it again beside the errors (each field cut to a sane length). */
export function typedStopValues(form: FormData): StopFormValues {
  const out = {} as StopFormValues;
  for (const name of Object.values(STOP_FIELDS)) {
    const value = form.get(name);
    out[name] = typeof value === "string" ? value.slice(0, 400) : "";
  }
  return out;
}
