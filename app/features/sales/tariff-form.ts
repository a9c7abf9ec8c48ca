/**
 * The forms of a place's tariffs (managers): an item, a dated price, a reduced-rate category, the
 * cash office's words on receipts. One zod schema each with French messages beside each field,
 * refusing in words everything the CHECKs of app/db/schema/sales.ts would refuse, so that a
 * constraint is never the first to say no. Prices are read by lib/money's readEuros, dates by
 * features/time's readDate; a price applies from today on (in the place's zone, given as `today`):
 * past sales keep their prices. Pure and client-safe.
 */
import { z } from "zod";
import { ALLOWANCE_PERIODS, TARIFF_KINDS, TARIFF_UNITS, type AllowancePeriod, type TariffKind, type TariffUnit } from "~/db/schema/sales";
import { addMonths, readDate, type IsoDate } from "~/features/time/calendar";
import { formatDate } from "~/features/time/format";
import { isUuid } from "~/lib/ids";
import { fr } from "~/lib/messages";
import { eurosField, readEuros } from "~/lib/money";

const m = fr.tariffs.errors;

/** The longest texts the table accepts (its CHECKs). */
export const ITEM_NAME_MAX = 120;
export const CATEGORY_NAME_MAX = 80;
export const CASH_OFFICE_NAME_MAX = 200;
export const RECEIPT_FOOTER_MAX = 500;
export const MEMBERSHIP_MONTHS_MAX = 36;
export const ALLOWANCE_MAX = 100_000;
export const POSITION_MAX = 9999;
/** The dearest unit price: 100 000 € (the CHECK's 10 000 000 cents). */
export const PRICE_MAX_CENTS = 10_000_000;
/** How far ahead a price may be planned. */
export const PRICE_AHEAD_MONTHS = 60;

/** The forms' field names (French, as the other forms). */
export const ITEM_FIELDS = {
  kind: "type",
  name: "nom",
  unit: "unite",
  position: "position",
  active: "actif",
  membershipMonths: "adhesion_mois",
  allowanceQuantity: "gratuite_quantite",
  allowancePeriod: "gratuite_periode",
  allowanceMembersOnly: "gratuite_adherents",
} as const;
export const PRICE_FIELDS = { price: "prix", category: "categorie", validFrom: "a_partir_du" } as const;
/** The value of the category field for the normal rate. */
export const NORMAL_RATE = "normal";

const TICKED = "oui";

export type TariffItemInput = {
  kind: TariffKind;
  name: string;
  unit: TariffUnit;
  position: number;
  active: boolean;
  membershipMonths: number | null;
  allowanceQuantity: number | null;
  allowancePeriod: AllowancePeriod | null;
  allowanceMembersOnly: boolean;
};
export type TariffPriceInput = { categoryId: string | null; unitPriceCents: number; validFrom: IsoDate };
export type SalesSettingsInput = { cashOfficeName: string; receiptFooter: string };

type ItemFieldName = (typeof ITEM_FIELDS)[keyof typeof ITEM_FIELDS];
type PriceFieldName = (typeof PRICE_FIELDS)[keyof typeof PRICE_FIELDS];
export type TariffItemFormValues = Record<ItemFieldName, string>;
export type TariffPriceFormValues = Record<PriceFieldName, string>;
export type NewTariffItemFormValues = TariffItemFormValues & TariffPriceFormValues;
export type SalesSettingsFormValues = { regie: string; pied_recu: string };

/** A form's text field, trimmed ("" when absent; a field sent twice is refused). */
const text = () => z.string({ error: m.sentTwice }).optional().transform((v) => (v ?? "").trim());
const checkbox = z
  .string({ error: m.sentTwice })
  .optional()
  .transform((v) => v === TICKED);
/** A whole number written with digits only, or null when empty; `message` when it is not one in [min, max]. */
const optionalWhole = (min: number, max: number, message: string) =>
  text().transform((v, ctx) => {
    if (v === "") return null;
    const n = /^\d{1,7}$/.test(v.replace(/[\s\u00a0\u202f]/g, "")) ? Number(v.replace(/[\s\u00a0\u202f]/g, "")) : NaN;
    if (!(n >= min && n <= max)) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return n;
  });

const itemFields = {
  [ITEM_FIELDS.kind]: text().pipe(z.enum(TARIFF_KINDS, { error: m.kind })),
  [ITEM_FIELDS.name]: text()
    .transform((v) => v.replace(/\s+/g, " "))
    .pipe(z.string().min(1, { error: m.nameEmpty }).max(ITEM_NAME_MAX, { error: m.nameLong })),
  [ITEM_FIELDS.unit]: text().pipe(z.enum(TARIFF_UNITS, { error: m.unit })),
  [ITEM_FIELDS.position]: optionalWhole(0, POSITION_MAX, m.position).transform((v) => v ?? 0),
  [ITEM_FIELDS.membershipMonths]: optionalWhole(1, MEMBERSHIP_MONTHS_MAX, m.membershipMonths),
  [ITEM_FIELDS.allowanceQuantity]: optionalWhole(1, ALLOWANCE_MAX, m.allowanceQuantity),
  [ITEM_FIELDS.allowancePeriod]: text()
    .pipe(z.union([z.literal(""), z.enum(ALLOWANCE_PERIODS)], { error: m.allowancePeriod }))
    .transform((v) => (v === "" ? null : v)),
  [ITEM_FIELDS.allowanceMembersOnly]: checkbox,
};

type ItemParsed = { [K in keyof typeof itemFields]: z.output<(typeof itemFields)[K]> };

/** The rules between fields (the CHECKs tariff_items_membership_check and tariff_items_allowance_check), each said beside its field. */
function toItemInput(v: ItemParsed, active: boolean, ctx: z.RefinementCtx): TariffItemInput {
  const F = ITEM_FIELDS;
  const kind = v[F.kind];
  const months = v[F.membershipMonths];
  if (kind === "membership" && months === null) ctx.addIssue({ code: "custom", path: [F.membershipMonths], message: m.membershipMonths });
  if (kind !== "membership" && months !== null) ctx.addIssue({ code: "custom", path: [F.membershipMonths], message: m.membershipOnly });
  const quantity = v[F.allowanceQuantity];
  const period = v[F.allowancePeriod];
  if (quantity !== null && period === null) ctx.addIssue({ code: "custom", path: [F.allowancePeriod], message: m.allowancePeriod });
  if (quantity === null && period !== null) ctx.addIssue({ code: "custom", path: [F.allowanceQuantity], message: m.allowancePeriodAlone });
  return {
    kind,
    name: v[F.name],
    unit: v[F.unit],
    position: v[F.position],
    active,
    membershipMonths: kind === "membership" ? months : null,
    allowanceQuantity: quantity,
    allowancePeriod: period,
    // Stored as ticked when there is no allowance (the column's default): it says nothing then.
    allowanceMembersOnly: quantity === null ? true : v[F.allowanceMembersOnly],
  };
}

/** A price typed in euros, as cents (0 is a free item). */
const priceField = text().transform((v, ctx) => {
  const cents = v === "" ? undefined : readEuros(v, PRICE_MAX_CENTS);
  if (cents === undefined) {
    ctx.addIssue({ code: "custom", message: m.price });
    return z.NEVER;
  }
  return cents;
});

/** « À partir du »: a real day, from `today` on (past sales keep their prices), within five years. */
const validFromField = (today: IsoDate) =>
  text().transform((v, ctx) => {
    const day = readDate(v);
    if (!day) {
      ctx.addIssue({ code: "custom", message: m.dateInvalid });
      return z.NEVER;
    }
    if (day < today) {
      ctx.addIssue({ code: "custom", message: m.datePast(formatDate(today)) });
      return z.NEVER;
    }
    if (day > addMonths(today, PRICE_AHEAD_MONTHS)) {
      ctx.addIssue({ code: "custom", message: m.dateFar });
      return z.NEVER;
    }
    return day;
  });

/** Editing an item: its fields, and whether the till offers it. */
export const TariffItemSchema = z.object({ ...itemFields, [ITEM_FIELDS.active]: checkbox }).transform((v, ctx) => toItemInput(v, v[ITEM_FIELDS.active], ctx));

/** Adding an item: its fields and its normal price from a day (`today` in the place's zone or later). */
export function newTariffItemSchema(options: { today: IsoDate }) {
  return z
    .object({ ...itemFields, [PRICE_FIELDS.price]: priceField, [PRICE_FIELDS.validFrom]: validFromField(options.today) })
    .transform((v, ctx) => ({
      item: toItemInput(v, true, ctx),
      price: { categoryId: null, unitPriceCents: v[PRICE_FIELDS.price], validFrom: v[PRICE_FIELDS.validFrom] } satisfies TariffPriceInput,
    }));
}

/** A new price of an item: the normal rate or one of the place's active categories (`categoryIds`), from `today` on. */
export function tariffPriceSchema(options: { today: IsoDate; categoryIds: readonly string[] }) {
  return z
    .object({
      [PRICE_FIELDS.price]: priceField,
      [PRICE_FIELDS.category]: text().refine((v) => v === "" || v === NORMAL_RATE || options.categoryIds.includes(v), { error: m.category }),
      [PRICE_FIELDS.validFrom]: validFromField(options.today),
    })
    .transform(
      (v): TariffPriceInput => ({
        categoryId: v[PRICE_FIELDS.category] === "" || v[PRICE_FIELDS.category] === NORMAL_RATE ? null : v[PRICE_FIELDS.category],
        unitPriceCents: v[PRICE_FIELDS.price],
        validFrom: v[PRICE_FIELDS.validFrom],
      }),
    );
}

const categoryName = text()
  .transform((v) => v.replace(/\s+/g, " "))
  .pipe(z.string().min(1, { error: m.categoryEmpty }).max(CATEGORY_NAME_MAX, { error: m.categoryLong }));
const categoryId = z.string({ error: m.categoryUnknown }).refine(isUuid, { error: m.categoryUnknown });

/** A new reduced-rate category: its name. */
export const PriceCategorySchema = z.object({ nom: categoryName }).transform((v) => ({ name: v.nom }));
/** Renaming a category. */
export const RenameCategorySchema = z.object({ categorie: categoryId, nom: categoryName }).transform((v) => ({ categoryId: v.categorie, name: v.nom }));
/** Offering a category at the till again, or no longer: `actif` is "oui" or "non". */
export const CategoryActiveSchema = z
  .object({ categorie: categoryId, actif: z.enum(["oui", "non"], { error: m.sentTwice }) })
  .transform((v) => ({ categoryId: v.categorie, active: v.actif === "oui" }));

/** The cash office's words on receipts. */
export const SalesSettingsSchema = z
  .object({
    regie: text().pipe(z.string().max(CASH_OFFICE_NAME_MAX, { error: m.cashOfficeNameLong })),
    pied_recu: text()
      .transform((v) => v.replace(/\r\n/g, "\n"))
      .pipe(z.string().max(RECEIPT_FOOTER_MAX, { error: m.receiptFooterLong })),
  })
  .transform((v): SalesSettingsInput => ({ cashOfficeName: v.regie, receiptFooter: v.pied_recu }));

/** The item form filled from an item (or the defaults of a new one). */
export function itemToFormValues(item?: Omit<TariffItemInput, "kind" | "unit"> & { kind: string; unit: string }): TariffItemFormValues {
  const F = ITEM_FIELDS;
  return {
    [F.kind]: item?.kind ?? "print",
    [F.name]: item?.name ?? "",
    [F.unit]: item?.unit ?? "page",
    [F.position]: String(item?.position ?? 0),
    [F.active]: item === undefined || item.active ? TICKED : "",
    [F.membershipMonths]: item?.membershipMonths == null ? "" : String(item.membershipMonths),
    [F.allowanceQuantity]: item?.allowanceQuantity == null ? "" : String(item.allowanceQuantity),
    [F.allowancePeriod]: item?.allowancePeriod ?? "",
    [F.allowanceMembersOnly]: item === undefined || item.allowanceMembersOnly ? TICKED : "",
  } as TariffItemFormValues;
}

/** The price form's first values: the normal rate, from `today`. */
export function priceToFormValues(today: IsoDate, price?: { unitPriceCents: number; categoryId: string | null }): TariffPriceFormValues {
  return {
    [PRICE_FIELDS.price]: price ? eurosField(price.unitPriceCents) : "",
    [PRICE_FIELDS.category]: price?.categoryId ?? NORMAL_RATE,
    [PRICE_FIELDS.validFrom]: today,
  } as TariffPriceFormValues;
}

export function settingsToFormValues(settings: SalesSettingsInput): SalesSettingsFormValues {
  return { regie: settings.cashOfficeName, pied_recu: settings.receiptFooter };
}

/** What was typed in `names`, to show it again beside the errors (each cut to a sane length). */
export function typedValues<N extends string>(form: FormData, names: readonly N[]): Record<N, string> {
  const out = {} as Record<N, string>;
  for (const name of names) {
    const value = form.get(name);
    out[name] = typeof value === "string" ? value.slice(0, 600) : "";
  }
  return out;
}

export const ITEM_FIELD_NAMES = Object.values(ITEM_FIELDS);
export const PRICE_FIELD_NAMES = Object.values(PRICE_FIELDS);
