/**
 * A place's tariffs (managers): the items it sells, their dated prices (normal rate and reduced-rate
 * categories), its categories and its cash office's words on receipts. Always within the place
 * (the place in every `where`); every change is audited in its own transaction.
 *
 * Prices are not edited: a change is a new row from a day on, and past sales keep the price their
 * lines copied. Two prices of one rate for the same day (the unique (item, category, valid_from))
 * are settled so: the new price replaces the row while that row has served no sale — a price
 * planned for a later day, or today's price when the item has not been sold since it was written
 * (a typo corrected at once); once the item was sold at today's price, the new one is refused with
 * a message asking for a later day, so that one day's sales of a rate have one price. Either way
 * the sale lines keep the price they copied, and the audit log keeps both amounts.
 */
import { and, asc, desc, eq, gte, max, ne, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { pgErrorCode, UNIQUE_VIOLATION } from "~/db/errors";
import { priceCategories, saleLines, sales, salesSettings, tariffItems, tariffPrices } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import type { IsoDate } from "~/features/time/calendar";
import { isUuid } from "~/lib/ids";
import { priceOn, type DatedPrice } from "./pricing";
import type { SalesSettingsInput, TariffItemInput, TariffPriceInput } from "./tariff-form";

export type PriceCategory = { id: string; name: string; position: number; active: boolean };
export type TariffPrice = DatedPrice & { id: string };
export type TariffItem = TariffItemInput & { id: string };
/** A category's price of an item on the day: its own, or the normal rate when it has none (`own` false). */
export type CategoryRate = { categoryId: string; price: DatedPrice | null; own: boolean };
export type TariffLine = TariffItem & {
  /** The normal rate in force on the day (null: none yet). */
  normal: DatedPrice | null;
  /** Each category's price in force on the day, in the order of `categories`. */
  rates: CategoryRate[];
  /** Prices that take effect after the day, soonest first. */
  upcoming: TariffPrice[];
  /** Every dated price of the item (for priceOn on another day). */
  prices: TariffPrice[];
};
export type Tariff = { categories: PriceCategory[]; items: TariffLine[] };

const itemColumns = {
  id: tariffItems.id,
  kind: tariffItems.kind,
  name: tariffItems.name,
  unit: tariffItems.unit,
  position: tariffItems.position,
  active: tariffItems.active,
  membershipMonths: tariffItems.membershipMonths,
  allowanceQuantity: tariffItems.allowanceQuantity,
  allowancePeriod: tariffItems.allowancePeriod,
  allowanceMembersOnly: tariffItems.allowanceMembersOnly,
};
const priceColumns = { id: tariffPrices.id, itemId: tariffPrices.itemId, categoryId: tariffPrices.categoryId, unitPriceCents: tariffPrices.unitPriceCents, validFrom: tariffPrices.validFrom };

/** The place's reduced-rate categories: active ones first, then by position and name. */
export async function listPriceCategories(db: Db, input: { placeId: string }): Promise<PriceCategory[]> {
  return db
    .select({ id: priceCategories.id, name: priceCategories.name, position: priceCategories.position, active: priceCategories.active })
    .from(priceCategories)
    .where(eq(priceCategories.placeId, input.placeId))
    .orderBy(desc(priceCategories.active), asc(priceCategories.position), asc(priceCategories.name), asc(priceCategories.id));
}

/**
 * The place's tariff on `day`: its categories (active first) and its items by position, each with
 * the prices in force that day (normal rate and per category, by pricing's priceOn) and its
 * changes planned after it. Inactive items are included (`active` false).
 */
export async function listTariff(db: Db, input: { placeId: string; day: IsoDate }): Promise<Tariff> {
  const [categories, items, prices] = await Promise.all([
    listPriceCategories(db, input),
    db.select(itemColumns).from(tariffItems).where(eq(tariffItems.placeId, input.placeId)).orderBy(asc(tariffItems.position), asc(tariffItems.name), asc(tariffItems.id)),
    db
      .select(priceColumns)
      .from(tariffPrices)
      .innerJoin(tariffItems, eq(tariffItems.id, tariffPrices.itemId))
      .where(eq(tariffItems.placeId, input.placeId))
      .orderBy(asc(tariffPrices.validFrom), asc(tariffPrices.id)),
  ]);
  const byItem = new Map<string, TariffPrice[]>();
  for (const { itemId, ...price } of prices) {
    const list = byItem.get(itemId) ?? [];
    list.push(price);
    byItem.set(itemId, list);
  }
  return {
    categories,
    items: items.map((item) => {
      const own = byItem.get(item.id) ?? [];
      return {
        ...item,
        normal: priceOn(own, input.day, null) ?? null,
        rates: categories.map((c) => {
          const price = priceOn(own, input.day, c.id) ?? null;
          return { categoryId: c.id, price, own: price?.categoryId === c.id };
        }),
        upcoming: own.filter((p) => p.validFrom > input.day),
        prices: own,
      };
    }),
  };
}

export type TariffItemDetail = { item: TariffItem; prices: (TariffPrice & { createdAt: Date })[]; categories: PriceCategory[] };

/** One item of the place with all its prices (latest day first), and the place's categories; null when it is not the place's. */
export async function getTariffItem(db: Db, input: { placeId: string; itemId: string }): Promise<TariffItemDetail | null> {
  if (!isUuid(input.itemId)) return null;
  const [item] = await db.select(itemColumns).from(tariffItems).where(and(eq(tariffItems.id, input.itemId), eq(tariffItems.placeId, input.placeId)));
  if (!item) return null;
  const [prices, categories] = await Promise.all([
    db
      .select({ id: tariffPrices.id, categoryId: tariffPrices.categoryId, unitPriceCents: tariffPrices.unitPriceCents, validFrom: tariffPrices.validFrom, createdAt: tariffPrices.createdAt })
      .from(tariffPrices)
      .where(eq(tariffPrices.itemId, item.id))
      .orderBy(desc(tariffPrices.validFrom), asc(tariffPrices.id)),
    listPriceCategories(db, input),
  ]);
  return { item, prices, categories };
}

/** Add an item to the place's tariff with its normal price from a day (today or later, checked by the form), audited. */
export async function createTariffItem(
  db: Db,
  input: { placeId: string; item: TariffItemInput; price: TariffPriceInput; actorUserId: string | null },
): Promise<{ kind: "created"; id: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(tariffItems)
      .values({ ...input.item, placeId: input.placeId })
      .returning({ id: tariffItems.id });
    const id = row!.id;
    await tx.insert(tariffPrices).values({ itemId: id, categoryId: null, unitPriceCents: input.price.unitPriceCents, validFrom: input.price.validFrom, createdBy: input.actorUserId });
    await recordAudit(tx, {
      actorUserId: input.actorUserId, action: "tariff.item-create", entityType: "tariff-item", entityId: id, placeId: input.placeId,
      after: { ...input.item, unitPriceCents: input.price.unitPriceCents, validFrom: input.price.validFrom },
    });
    return { kind: "created" as const, id };
  });
}

export type UpdateTariffItemResult = "saved" | "unchanged" | "not-found";

/** Change an item of the place (its prices are changed by addTariffPrice), audited with the fields changed. */
export async function updateTariffItem(db: Db, input: { placeId: string; itemId: string; item: TariffItemInput; actorUserId: string | null }): Promise<UpdateTariffItemResult> {
  if (!isUuid(input.itemId)) return "not-found";
  return db.transaction(async (tx): Promise<UpdateTariffItemResult> => {
    const where = and(eq(tariffItems.id, input.itemId), eq(tariffItems.placeId, input.placeId));
    const [before] = await tx.select(itemColumns).from(tariffItems).where(where).for("update");
    if (!before) return "not-found";
    const changed = (Object.keys(input.item) as (keyof TariffItemInput)[]).filter((k) => before[k] !== input.item[k]);
    if (changed.length === 0) return "unchanged";
    await tx.update(tariffItems).set({ ...input.item, updatedAt: new Date() }).where(where);
    await recordAudit(tx, {
      actorUserId: input.actorUserId, action: "tariff.item-update", entityType: "tariff-item", entityId: input.itemId, placeId: input.placeId,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, input.item[k]])),
    });
    return "saved";
  });
}

export type AddTariffPriceResult =
  | { kind: "added" }
  /** A price of this rate was set for that very day and has served no sale: the new one replaced it. */
  | { kind: "replaced"; previousCents: number }
  /** A price of this rate is in force since today and the item was sold since: a change is from tomorrow on. */
  | { kind: "in-force-today" }
  /** The day is before today: past sales keep their prices. */
  | { kind: "past" }
  | { kind: "category-unknown" }
  | { kind: "not-found" };

/**
 * A new price of an item of the place, for the normal rate or one of the place's active
 * categories, from `price.validFrom` on (`today`: the place's today; the form already refuses an
 * earlier day, this says it again for any caller). See the module's comment for the same day.
 * The item's row is locked, so two managers adding a price to it at once are served in turn.
 */
export async function addTariffPrice(
  db: Db,
  input: { placeId: string; itemId: string; price: TariffPriceInput; today: IsoDate; actorUserId: string | null },
): Promise<AddTariffPriceResult> {
  if (!isUuid(input.itemId)) return { kind: "not-found" };
  const { categoryId, unitPriceCents, validFrom } = input.price;
  if (validFrom < input.today) return { kind: "past" };
  if (categoryId !== null && !isUuid(categoryId)) return { kind: "category-unknown" };
  return db.transaction(async (tx): Promise<AddTariffPriceResult> => {
    const [item] = await tx.select({ id: tariffItems.id }).from(tariffItems).where(and(eq(tariffItems.id, input.itemId), eq(tariffItems.placeId, input.placeId))).for("update");
    if (!item) return { kind: "not-found" };
    let categoryName: string | null = null;
    if (categoryId !== null) {
      const [category] = await tx
        .select({ name: priceCategories.name })
        .from(priceCategories)
        .where(and(eq(priceCategories.id, categoryId), eq(priceCategories.placeId, input.placeId), eq(priceCategories.active, true)));
      if (!category) return { kind: "category-unknown" };
      categoryName = category.name;
    }
    const sameRate = categoryId === null ? sql`${tariffPrices.categoryId} is null` : eq(tariffPrices.categoryId, categoryId);
    const [existing] = await tx
      .select({ id: tariffPrices.id, unitPriceCents: tariffPrices.unitPriceCents, createdAt: tariffPrices.createdAt })
      .from(tariffPrices)
      .where(and(eq(tariffPrices.itemId, item.id), sameRate, eq(tariffPrices.validFrom, validFrom)));
    const audit = { actorUserId: input.actorUserId, entityType: "tariff-item", entityId: item.id, placeId: input.placeId };
    const after = { category: categoryName, unitPriceCents, validFrom };
    if (existing) {
      if (validFrom <= input.today && (await soldSince(tx, item.id, existing.createdAt))) return { kind: "in-force-today" };
      await tx.update(tariffPrices).set({ unitPriceCents, createdBy: input.actorUserId, createdAt: new Date() }).where(eq(tariffPrices.id, existing.id));
      await recordAudit(tx, { ...audit, action: "tariff.price-replace", before: { unitPriceCents: existing.unitPriceCents }, after });
      return { kind: "replaced", previousCents: existing.unitPriceCents };
    }
    await tx.insert(tariffPrices).values({ itemId: item.id, categoryId, unitPriceCents, validFrom, createdBy: input.actorUserId });
    await recordAudit(tx, { ...audit, action: "tariff.price-add", after });
    return { kind: "added" };
  });
}

/** Whether the item was sold (a sale line, a correction included) since `since`. */
async function soldSince(db: Db, itemId: string, since: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: saleLines.id })
    .from(saleLines)
    .innerJoin(sales, eq(sales.id, saleLines.saleId))
    .where(and(eq(saleLines.itemId, itemId), gte(sales.soldAt, since)))
    .limit(1);
  return row !== undefined;
}

/** The same name, whatever the case and spaces: two categories « Étudiants » and « étudiants » would confuse the till. */
const sameName = (name: string) => sql`lower(${priceCategories.name}) = lower(${name})`;

export type CreatePriceCategoryResult = { kind: "created"; id: string } | { kind: "name-taken" };

/** Add a reduced-rate category to the place (last in order), audited. A name the place already has is refused. */
export async function createPriceCategory(db: Db, input: { placeId: string; name: string; actorUserId: string | null }): Promise<CreatePriceCategoryResult> {
  try {
    return await db.transaction(async (tx): Promise<CreatePriceCategoryResult> => {
      const [taken] = await tx.select({ id: priceCategories.id }).from(priceCategories).where(and(eq(priceCategories.placeId, input.placeId), sameName(input.name)));
      if (taken) return { kind: "name-taken" };
      const [last] = await tx.select({ position: max(priceCategories.position) }).from(priceCategories).where(eq(priceCategories.placeId, input.placeId));
      const [row] = await tx
        .insert(priceCategories)
        .values({ placeId: input.placeId, name: input.name, position: (last?.position ?? -1) + 1 })
        .returning({ id: priceCategories.id });
      await recordAudit(tx, { actorUserId: input.actorUserId, action: "tariff.category-create", entityType: "price-category", entityId: row!.id, placeId: input.placeId, after: { name: input.name } });
      return { kind: "created", id: row!.id };
    });
  } catch (error) {
    // Two managers adding the same name at once: the unique index settles it.
    if (pgErrorCode(error) === UNIQUE_VIOLATION) return { kind: "name-taken" };
    throw error;
  }
}

export type RenamePriceCategoryResult = "saved" | "unchanged" | "name-taken" | "not-found";

/** Rename a category of the place, audited. Prices and past sales keep pointing at it. */
export async function renamePriceCategory(db: Db, input: { placeId: string; categoryId: string; name: string; actorUserId: string | null }): Promise<RenamePriceCategoryResult> {
  if (!isUuid(input.categoryId)) return "not-found";
  try {
    return await db.transaction(async (tx): Promise<RenamePriceCategoryResult> => {
      const where = and(eq(priceCategories.id, input.categoryId), eq(priceCategories.placeId, input.placeId));
      const [before] = await tx.select({ name: priceCategories.name }).from(priceCategories).where(where).for("update");
      if (!before) return "not-found";
      if (before.name === input.name) return "unchanged";
      const [taken] = await tx
        .select({ id: priceCategories.id })
        .from(priceCategories)
        .where(and(eq(priceCategories.placeId, input.placeId), ne(priceCategories.id, input.categoryId), sameName(input.name)));
      if (taken) return "name-taken";
      await tx.update(priceCategories).set({ name: input.name }).where(where);
      await recordAudit(tx, {
        actorUserId: input.actorUserId, action: "tariff.category-rename", entityType: "price-category", entityId: input.categoryId, placeId: input.placeId,
        before: { name: before.name }, after: { name: input.name },
      });
      return "saved";
    });
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION) return "name-taken";
    throw error;
  }
}

export type SetPriceCategoryActiveResult = "saved" | "unchanged" | "not-found";

/**
 * Offer a category at the till, or no longer (nothing is deleted: past sales and memberships name
 * it). Its prices stay; a deactivated category takes no new price. Audited.
 */
export async function setPriceCategoryActive(db: Db, input: { placeId: string; categoryId: string; active: boolean; actorUserId: string | null }): Promise<SetPriceCategoryActiveResult> {
  if (!isUuid(input.categoryId)) return "not-found";
  return db.transaction(async (tx): Promise<SetPriceCategoryActiveResult> => {
    const where = and(eq(priceCategories.id, input.categoryId), eq(priceCategories.placeId, input.placeId));
    const [before] = await tx.select({ active: priceCategories.active, name: priceCategories.name }).from(priceCategories).where(where).for("update");
    if (!before) return "not-found";
    if (before.active === input.active) return "unchanged";
    await tx.update(priceCategories).set({ active: input.active }).where(where);
    await recordAudit(tx, {
      actorUserId: input.actorUserId, action: "tariff.category-active", entityType: "price-category", entityId: input.categoryId, placeId: input.placeId,
      before: { name: before.name, active: before.active }, after: { active: input.active },
    });
    return "saved";
  });
}

/** The place's cash office's words on receipts (empty until a manager writes them). */
export async function getSalesSettings(db: Db, input: { placeId: string }): Promise<SalesSettingsInput> {
  const [row] = await db
    .select({ cashOfficeName: salesSettings.cashOfficeName, receiptFooter: salesSettings.receiptFooter })
    .from(salesSettings)
    .where(eq(salesSettings.placeId, input.placeId));
  return row ?? { cashOfficeName: "", receiptFooter: "" };
}

/** Save the cash office's words, audited with what changed. */
export async function saveSalesSettings(db: Db, input: { placeId: string; values: SalesSettingsInput; actorUserId: string | null }): Promise<"saved" | "unchanged"> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ cashOfficeName: salesSettings.cashOfficeName, receiptFooter: salesSettings.receiptFooter })
      .from(salesSettings)
      .where(eq(salesSettings.placeId, input.placeId))
      .for("update");
    const before = row ?? { cashOfficeName: "", receiptFooter: "" };
    const changed = (Object.keys(input.values) as (keyof SalesSettingsInput)[]).filter((k) => before[k] !== input.values[k]);
    if (changed.length === 0) return "unchanged";
    await tx
      .insert(salesSettings)
      .values({ placeId: input.placeId, ...input.values, updatedBy: input.actorUserId })
      .onConflictDoUpdate({ target: salesSettings.placeId, set: { ...input.values, updatedBy: input.actorUserId, updatedAt: new Date() } });
    await recordAudit(tx, {
      actorUserId: input.actorUserId, action: "sales.settings", entityType: "place", entityId: input.placeId, placeId: input.placeId,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, input.values[k]])),
    });
    return "saved";
  });
}
