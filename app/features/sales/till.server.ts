/**
 * What the till shows (« Caisse »): today's cash day, the items on sale at today's prices for the
 * rate chosen, the person chosen (membership, credit, allowances left), what the sale pays for,
 * and today's receipts.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import {
  beneficiaries, bookings, priceCategories, resources, sales, tariffItems, tariffPrices, workshopRegistrations, workshops,
  type AllowancePeriod, type PaymentMethod, type TariffKind, type TariffUnit,
} from "~/db/schema";
import { activeMembershipOn } from "~/features/memberships/memberships.server";
import { cashDaySummary, daysLeftOpen, lastCountedCash, type CashDaySummary } from "./cash-days.server";
import { creditBalance } from "./credit.server";
import { allowanceWindow, priceOn } from "./pricing";
import { allowanceUsed } from "./sales.server";

export type TillItem = {
  id: string;
  kind: TariffKind;
  name: string;
  unit: TariffUnit;
  unitPriceCents: number | null;
  allowance: { quantity: number; period: AllowancePeriod; membersOnly: boolean } | null;
  /** For the person chosen: what is still free in the period (null: no allowance for them). */
  freeLeft: number | null;
};

export type TillPerson = { id: string; name: string; memberUntil: string | null; membershipCategoryId: string | null; balanceCents: number };

export type TillSale = { id: string; number: number; year: number; soldAt: Date; who: "member" | "named" | "walk-in"; lines: string; method: PaymentMethod; totalCents: number; cancelled: boolean; cancels: number | null };

export type Till = {
  today: string;
  day: CashDaySummary | undefined;
  suggestedFloatCents: number | undefined;
  leftOpen: string[];
  categories: { id: string; name: string }[];
  categoryId: string | null;
  items: TillItem[];
  person: TillPerson | null;
  link: { kind: "booking" | "registration"; id: string; label: string; suggestedItemId: string | null; quantity: number } | null;
  sales: TillSale[];
};

const personName = (p: { firstName: string | null; lastName: string | null }) => [p.firstName, p.lastName].filter(Boolean).join(" ");

/** The person chosen at the till (a followed person of the place, not anonymised). */
export async function tillPerson(db: Db, input: { placeId: string; beneficiaryId: string; today: string }): Promise<TillPerson | null> {
  const [p] = await db
    .select({ id: beneficiaries.id, firstName: beneficiaries.firstName, lastName: beneficiaries.lastName })
    .from(beneficiaries)
    .where(and(eq(beneficiaries.id, input.beneficiaryId), eq(beneficiaries.placeId, input.placeId), isNull(beneficiaries.anonymisedAt)));
  if (!p) return null;
  const membership = await activeMembershipOn(db, { placeId: input.placeId, beneficiaryId: p.id, day: input.today });
  return {
    id: p.id, name: personName(p), memberUntil: membership?.endsOn ?? null, membershipCategoryId: membership?.categoryId ?? null,
    balanceCents: await creditBalance(db, { placeId: input.placeId, beneficiaryId: p.id }),
  };
}

async function itemsOnSale(db: Db, input: { placeId: string; today: string; categoryId: string | null; person: TillPerson | null }): Promise<TillItem[]> {
  const items = await db
    .select({
      id: tariffItems.id, kind: tariffItems.kind, name: tariffItems.name, unit: tariffItems.unit, allowanceQuantity: tariffItems.allowanceQuantity,
      allowancePeriod: tariffItems.allowancePeriod, allowanceMembersOnly: tariffItems.allowanceMembersOnly,
    })
    .from(tariffItems)
    .where(and(eq(tariffItems.placeId, input.placeId), eq(tariffItems.active, true)))
    .orderBy(asc(tariffItems.position), asc(tariffItems.name));
  if (items.length === 0) return [];
  const prices = await db
    .select({ itemId: tariffPrices.itemId, categoryId: tariffPrices.categoryId, validFrom: tariffPrices.validFrom, unitPriceCents: tariffPrices.unitPriceCents })
    .from(tariffPrices)
    .where(inArray(tariffPrices.itemId, items.map((i) => i.id)));
  const out: TillItem[] = [];
  for (const item of items) {
    const allowance = item.allowanceQuantity && item.allowancePeriod ? { quantity: item.allowanceQuantity, period: item.allowancePeriod, membersOnly: item.allowanceMembersOnly } : null;
    let freeLeft: number | null = null;
    if (allowance && input.person && (input.person.memberUntil || !allowance.membersOnly)) {
      const used = await allowanceUsed(db, { beneficiaryId: input.person.id, itemId: item.id, ...allowanceWindow(allowance.period, input.today) });
      freeLeft = Math.max(0, allowance.quantity - used);
    }
    const price = priceOn(prices.filter((p) => p.itemId === item.id), input.today, input.categoryId);
    out.push({ id: item.id, kind: item.kind, name: item.name, unit: item.unit, unitPriceCents: price?.unitPriceCents ?? null, allowance, freeLeft });
  }
  return out;
}

/** What a sale from a booking or a registration pays for, and the item to suggest (the first of the matching kind). */
async function tillLink(db: Db, input: { placeId: string; bookingId: string | null; registrationId: string | null; items: TillItem[] }): Promise<Till["link"]> {
  if (input.bookingId) {
    const [b] = await db
      .select({ id: bookings.id, startsAt: bookings.startsAt, endsAt: bookings.endsAt, firstName: bookings.firstName, resource: resources.name, kind: resources.kind })
      .from(bookings)
      .innerJoin(resources, eq(resources.id, bookings.resourceId))
      .where(and(eq(bookings.id, input.bookingId), eq(bookings.placeId, input.placeId)));
    if (!b) return null;
    const hours = Math.max(1, Math.round((b.endsAt.getTime() - b.startsAt.getTime()) / 3_600_000));
    const item = input.items.find((i) => i.kind === (b.kind === "station" ? "station" : b.kind === "machine" ? "print3d" : "other"));
    return { kind: "booking", id: b.id, label: `${b.resource}${b.firstName ? ` — ${b.firstName}` : ""}`, suggestedItemId: item?.id ?? null, quantity: item?.unit === "hour" ? hours : 1 };
  }
  if (input.registrationId) {
    const [r] = await db
      .select({ id: workshopRegistrations.id, firstName: workshopRegistrations.firstName, title: workshops.title })
      .from(workshopRegistrations)
      .innerJoin(workshops, eq(workshops.id, workshopRegistrations.workshopId))
      .where(and(eq(workshopRegistrations.id, input.registrationId), eq(workshops.placeId, input.placeId)));
    if (!r) return null;
    const item = input.items.find((i) => i.kind === "workshop");
    return { kind: "registration", id: r.id, label: `${r.title}${r.firstName ? ` — ${r.firstName}` : ""}`, suggestedItemId: item?.id ?? null, quantity: 1 };
  }
  return null;
}

/** Receipts of a cash day, newest first, with a short summary of their lines (no names). */
export async function salesOfDay(db: Db, input: { placeId: string; dayId: string }): Promise<TillSale[]> {
  const rows = await db
    .select({
      id: sales.id, number: sales.number, year: sales.year, soldAt: sales.soldAt, beneficiaryId: sales.beneficiaryId, method: sales.paymentMethod, totalCents: sales.totalCents,
      cancelsSaleId: sales.cancelsSaleId,
      lines: sql<string>`(select string_agg(case when l.unit in ('page', 'gram', 'hour') or abs(l.quantity) > 1 then abs(l.quantity) || ' × ' || l.label else l.label end, ', ' order by l.position) from sale_lines l where l.sale_id = "sales"."id")`,
      cancelled: sql<boolean>`exists (select 1 from sales c where c.cancels_sale_id = "sales"."id")`,
      cancels: sql<number | null>`(select o.number from sales o where o.id = "sales"."cancels_sale_id")`,
      member: sql<boolean>`exists (select 1 from place_memberships pm join cash_days d on d.id = "sales"."cash_day_id"
        where pm.beneficiary_id = "sales"."beneficiary_id" and pm.cancelled_at is null and d.business_date between pm.starts_on and pm.ends_on)`,
    })
    .from(sales)
    .where(and(eq(sales.placeId, input.placeId), eq(sales.cashDayId, input.dayId)))
    .orderBy(desc(sales.number));
  return rows.map((r) => ({
    id: r.id, number: r.number, year: r.year, soldAt: r.soldAt, who: r.beneficiaryId ? (r.member ? "member" : "named") : "walk-in", lines: r.lines ?? "", method: r.method,
    totalCents: r.totalCents, cancelled: Boolean(r.cancelled), cancels: r.cancels === null ? null : Number(r.cancels),
  }));
}

export async function loadTill(
  db: Db,
  input: { placeId: string; today: string; beneficiaryId: string | null; categoryId: string | null | undefined; bookingId: string | null; registrationId: string | null },
): Promise<Till> {
  const day = await cashDaySummary(db, { placeId: input.placeId, date: input.today });
  const categories = await db
    .select({ id: priceCategories.id, name: priceCategories.name })
    .from(priceCategories)
    .where(and(eq(priceCategories.placeId, input.placeId), eq(priceCategories.active, true)))
    .orderBy(asc(priceCategories.position), asc(priceCategories.name));
  const person = input.beneficiaryId ? await tillPerson(db, { placeId: input.placeId, beneficiaryId: input.beneficiaryId, today: input.today }) : null;
  // The rate: as chosen, else the person's membership category.
  const wanted = input.categoryId === undefined ? (person?.membershipCategoryId ?? null) : input.categoryId;
  const categoryId = wanted && categories.some((c) => c.id === wanted) ? wanted : null;
  const items = await itemsOnSale(db, { placeId: input.placeId, today: input.today, categoryId, person });
  return {
    today: input.today,
    day,
    suggestedFloatCents: day ? undefined : await lastCountedCash(db, input.placeId),
    leftOpen: await daysLeftOpen(db, { placeId: input.placeId, today: input.today }),
    categories,
    categoryId,
    items,
    person,
    link: await tillLink(db, { placeId: input.placeId, bookingId: input.bookingId, registrationId: input.registrationId, items }),
    sales: day ? await salesOfDay(db, { placeId: input.placeId, dayId: day.id }) : [],
  };
}

/** Whether a booking or registration has a sale that was not cancelled (« payé » in the agenda). */
export async function paidLinks(db: Db, input: { bookingIds?: string[]; registrationIds?: string[] }): Promise<Set<string>> {
  const paid = new Set<string>();
  const notCancelled = sql`"sales"."cancels_sale_id" is null and not exists (select 1 from sales c where c.cancels_sale_id = "sales"."id")`;
  if (input.bookingIds?.length) {
    const rows = await db.select({ id: sales.bookingId }).from(sales).where(and(inArray(sales.bookingId, input.bookingIds), notCancelled));
    for (const r of rows) if (r.id) paid.add(r.id);
  }
  if (input.registrationIds?.length) {
    const rows = await db.select({ id: sales.registrationId }).from(sales).where(and(inArray(sales.registrationId, input.registrationIds), notCancelled));
    for (const r of rows) if (r.id) paid.add(r.id);
  }
  return paid;
}

