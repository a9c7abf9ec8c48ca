/**
 * The form of one resource and its rules (the back-office's "Nouvelle ressource" and a
 * resource's page): one zod schema with French messages next to each field. It refuses, in
 * words, everything the database's CHECK constraints would (app/db/schema/scheduling.ts), so a
 * constraint is never the first to say no. Pure: the place's staff and time zone are given.
 */
import { eurosField, readEuros } from "~/lib/money";
import { z } from "zod";
import { locationForTimeZone } from "~/features/hours/holidays";
import { checkOpeningHours } from "~/features/hours/opening-hours";
import { RESOURCE_KINDS, type ResourceKind } from "~/db/schema/scheduling";
import { fr } from "~/lib/messages";

const m = fr.resources.errors;

/** The form's field names (French, as the other forms), by the resource's column. */
export const RESOURCE_FIELDS = {
  kind: "type",
  name: "nom",
  description: "description",
  position: "position",
  staffUserId: "mediateur",
  reasons: "motifs",
  minMinutes: "duree_min",
  maxMinutes: "duree_max",
  gridMinutes: "grille",
  hours: "horaires",
  minLeadMinutes: "delai_min",
  maxLeadDays: "delai_max_jours",
  maxPerDay: "max_jour",
  maxPerWeek: "max_semaine",
  maxMinutesPerDay: "max_minutes_jour",
  bufferMinutes: "battement",
  price: "prix",
  publicOnline: "en_ligne",
  needsConfirmation: "confirmation",
  requiresMembership: "adherents",
  active: "active",
} as const;

export type ResourceFieldName = (typeof RESOURCE_FIELDS)[keyof typeof RESOURCE_FIELDS];
/** What the form shows: text as typed (a checkbox is "oui" when ticked, "" when not). */
export type ResourceFormValues = Record<ResourceFieldName, string>;

/** What the schema gives: the resource's columns (ResourceValues of resources.server.ts). */
export type ResourceInput = {
  kind: ResourceKind;
  name: string;
  description: string;
  position: number;
  staffUserId: string | null;
  reasons: string[];
  minMinutes: number;
  maxMinutes: number;
  gridMinutes: number;
  hours: string | null;
  minLeadMinutes: number;
  maxLeadDays: number;
  maxPerDay: number | null;
  maxPerWeek: number | null;
  maxMinutesPerDay: number | null;
  bufferMinutes: number;
  priceCents: number | null;
  publicOnline: boolean;
  needsConfirmation: boolean;
  /** « Réservé aux adhérents »: booked only by a member of the place (features/memberships). */
  requiresMembership: boolean;
  active: boolean;
};

const TICKED = "oui";

/** A form's text field, trimmed ("" when absent; a field sent twice is refused with `message`). */
const text = (message: string) => z.string({ error: message }).optional().transform((v) => (v ?? "").trim());

/** A whole number between min and max, written with digits only. */
export const wholeNumber = (min: number, max: number, message: string) =>
  text(message)
    .pipe(z.string().regex(/^\d{1,7}$/, { error: message }))
    .transform(Number)
    .pipe(z.number().int().min(min, { error: message }).max(max, { error: message }));

/** The same, or null when left empty. */
export const optionalWholeNumber = (min: number, max: number, message: string) =>
  text(message)
    .pipe(z.union([z.literal(""), z.string().regex(/^\d{1,7}$/, { error: message })], { error: message }))
    .transform((v) => (v === "" ? null : Number(v)))
    .pipe(z.number().int().min(min, { error: message }).max(max, { error: message }).nullable());

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === TICKED);

/** "2", "2,5", "2.50" € → cents; "" → null (free). */
function priceToCents(value: string): number | null | undefined {
  return value === "" ? null : readEuros(value, 1_000_000);
}

/**
 * The schema of the form. `staffIds`: the place's managers and mediators (the mediator of an
 * appointment is one of them); `timeZone`: the place's, for the public holidays of its hours.
 * A mediator and reasons are kept for appointments only.
 */
export function resourceSchema(options: { staffIds: readonly string[]; timeZone: string }) {
  const f = RESOURCE_FIELDS;
  return z
    .object({
      [f.kind]: z.enum(RESOURCE_KINDS, { error: m.kind }),
      [f.name]: text(m.nameEmpty).pipe(z.string().min(1, { error: m.nameEmpty }).max(120, { error: m.nameLong })),
      [f.description]: text(m.descriptionLong).pipe(z.string().max(2000, { error: m.descriptionLong })),
      [f.position]: optionalWholeNumber(0, 9999, m.position).transform((v) => v ?? 0),
      [f.staffUserId]: text(m.mediatorUnknown)
        .transform((v) => v || null)
        .refine((v) => v === null || options.staffIds.includes(v), { error: m.mediatorUnknown }),
      [f.reasons]: text(m.reasonLong)
        .pipe(z.string().max(20 * 82, { error: m.reasonsTooMany }))
        .transform((v) => [...new Set(v.split(/\r?\n/).map((line) => line.trim().replace(/\s+/g, " ")).filter(Boolean))])
        .pipe(z.array(z.string().max(80, { error: m.reasonLong })).max(20, { error: m.reasonsTooMany })),
      [f.minMinutes]: wholeNumber(5, 1440, m.minMinutes),
      [f.maxMinutes]: wholeNumber(5, 1440, m.maxMinutes),
      [f.gridMinutes]: wholeNumber(5, 240, m.gridMinutes),
      [f.hours]: text(m.hoursLong)
        .pipe(z.string().max(500, { error: m.hoursLong }))
        .transform((v, ctx) => {
          if (v === "") return null;
          const check = checkOpeningHours(v, locationForTimeZone(options.timeZone));
          if (!check.ok) {
            ctx.addIssue({ code: "custom", message: m.hoursInvalid(check.error) });
            return z.NEVER;
          }
          return v;
        }),
      [f.minLeadMinutes]: wholeNumber(0, 43_200, m.minLeadMinutes),
      [f.maxLeadDays]: wholeNumber(1, 366, m.maxLeadDays),
      [f.maxPerDay]: optionalWholeNumber(1, 100, m.maxPerDay),
      [f.maxPerWeek]: optionalWholeNumber(1, 100, m.maxPerWeek),
      [f.maxMinutesPerDay]: optionalWholeNumber(5, 1440, m.maxMinutesPerDay),
      [f.bufferMinutes]: wholeNumber(0, 240, m.bufferMinutes),
      [f.price]: text(m.price).transform((v, ctx) => {
        const cents = priceToCents(v);
        if (cents === undefined) {
          ctx.addIssue({ code: "custom", message: m.price });
          return z.NEVER;
        }
        return cents;
      }),
      [f.publicOnline]: checkbox,
      [f.needsConfirmation]: checkbox,
      [f.requiresMembership]: checkbox,
      [f.active]: checkbox,
    })
    .refine((v) => v[f.maxMinutes] >= v[f.minMinutes], {
      path: [f.maxMinutes],
      error: m.maxBelowMin,
      // Said with the other fields' errors, as soon as both lengths are numbers.
      when: (payload) => {
        const v = payload.value as Record<string, unknown>;
        return typeof v[f.minMinutes] === "number" && typeof v[f.maxMinutes] === "number";
      },
    })
    .transform(
      (v): ResourceInput => ({
        kind: v[f.kind],
        name: v[f.name],
        description: v[f.description],
        position: v[f.position],
        staffUserId: v[f.kind] === "appointment" ? v[f.staffUserId] : null,
        reasons: v[f.kind] === "appointment" ? v[f.reasons] : [],
        minMinutes: v[f.minMinutes],
        maxMinutes: v[f.maxMinutes],
        gridMinutes: v[f.gridMinutes],
        hours: v[f.hours],
        minLeadMinutes: v[f.minLeadMinutes],
        maxLeadDays: v[f.maxLeadDays],
        maxPerDay: v[f.maxPerDay],
        maxPerWeek: v[f.maxPerWeek],
        maxMinutesPerDay: v[f.maxMinutesPerDay],
        bufferMinutes: v[f.bufferMinutes],
        priceCents: v[f.price],
        publicOnline: v[f.publicOnline],
        needsConfirmation: v[f.needsConfirmation],
        requiresMembership: v[f.requiresMembership],
        active: v[f.active],
      }),
    );
}

/** "2,50" for 250 cents, "" for free. */
export function centsToEuros(cents: number | null): string {
  return cents === null ? "" : eurosField(cents);
}

/** The form filled from a resource (or the defaults of a new one). */
export function resourceToFormValues(r: Partial<ResourceInput> = {}): ResourceFormValues {
  const f = RESOURCE_FIELDS;
  const n = (v: number | null | undefined, fallback = "") => (v === null || v === undefined ? fallback : String(v));
  const tick = (v: boolean | undefined, fallback: boolean) => ((v ?? fallback) ? TICKED : "");
  return {
    [f.kind]: r.kind ?? "station",
    [f.name]: r.name ?? "",
    [f.description]: r.description ?? "",
    [f.position]: n(r.position, "0"),
    [f.staffUserId]: r.staffUserId ?? "",
    [f.reasons]: (r.reasons ?? []).join("\n"),
    [f.minMinutes]: n(r.minMinutes, "60"),
    [f.maxMinutes]: n(r.maxMinutes, "60"),
    [f.gridMinutes]: n(r.gridMinutes, "30"),
    [f.hours]: r.hours ?? "",
    [f.minLeadMinutes]: n(r.minLeadMinutes, "60"),
    [f.maxLeadDays]: n(r.maxLeadDays, "14"),
    [f.maxPerDay]: n(r.maxPerDay),
    [f.maxPerWeek]: n(r.maxPerWeek),
    [f.maxMinutesPerDay]: n(r.maxMinutesPerDay),
    [f.bufferMinutes]: n(r.bufferMinutes, "0"),
    [f.price]: centsToEuros(r.priceCents ?? null),
    [f.publicOnline]: tick(r.publicOnline, true),
    [f.needsConfirmation]: tick(r.needsConfirmation, false),
    [f.requiresMembership]: tick(r.requiresMembership, false),
    [f.active]: tick(r.active, true),
  } as ResourceFormValues;
}

/** What was typed, to show it again beside the errors (each field cut to a sane length). */
export function typedResourceValues(form: FormData): ResourceFormValues {
  const out = {} as ResourceFormValues;
  for (const name of Object.values(RESOURCE_FIELDS)) {
    const value = form.get(name);
    out[name] = typeof value === "string" ? value.slice(0, 4000) : "";
  }
  return out;
}
