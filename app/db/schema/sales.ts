/**
 * Paid services at the desk (« Caisse », app/features/sales): tariffs and their dated prices,
 * reduced-rate categories, memberships, prepaid credit, sales with their gap-free receipt numbers,
 * and the cash journal's days.
 *
 * What the database guarantees (the triggers are in drizzle/0018_sales-integrity.sql):
 * - receipts (`sales`, `sale_lines`) and the credit ledger are append-only: UPDATE, DELETE and
 *   TRUNCATE are refused, as for the audit log; a correction is a new sale that cancels the old;
 * - receipt numbers are gap-free per place and year: `receipt_counters` is incremented in the
 *   sale's own transaction (its row lock orders concurrent sales; a rolled-back sale rolls its
 *   number back) and `sales (place_id, year, number)` is unique;
 * - a credit balance never goes below zero: `credit_balances.balance_cents >= 0`, changed by one
 *   UPDATE per movement (the row lock serialises concurrent movements of one person);
 * - a closed cash day is locked: no sale is written into it, and the day itself can no longer change.
 * Amounts are integer cents.
 */
import { sql } from "drizzle-orm";
import { type AnyPgColumn, bigserial, boolean, check, date, index, integer, pgTable, primaryKey, smallint, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { beneficiaries, inList } from "./people";
import { places } from "./places";
import { bookings } from "./scheduling";
import { workshopRegistrations } from "./workshops";

export const TARIFF_KINDS = ["print", "copy", "scan", "print3d", "station", "workshop", "membership", "other"] as const;
export type TariffKind = (typeof TARIFF_KINDS)[number];
/** A sale line's kind: a tariff item's, or a top-up of prepaid credit (no item). */
export const SALE_LINE_KINDS = [...TARIFF_KINDS, "topup"] as const;
export type SaleLineKind = (typeof SALE_LINE_KINDS)[number];
export const TARIFF_UNITS = ["page", "gram", "hour", "item", "period"] as const;
export type TariffUnit = (typeof TARIFF_UNITS)[number];
export const ALLOWANCE_PERIODS = ["day", "week", "month", "year"] as const;
export type AllowancePeriod = (typeof ALLOWANCE_PERIODS)[number];
export const PAYMENT_METHODS = ["cash", "cheque", "card", "credit", "free"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const CREDIT_MOVEMENTS = ["topup", "spend", "refund", "transfer"] as const;
export type CreditMovement = (typeof CREDIT_MOVEMENTS)[number];

/** The place's cash office: the words its receipts carry. */
export const salesSettings = pgTable(
  "sales_settings",
  {
    placeId: uuid("place_id").primaryKey().references(() => places.id, { onDelete: "cascade" }),
    /** « Régie de recettes de l'EPN de … » — the issuer printed on receipts. */
    cashOfficeName: text("cash_office_name").notNull().default(""),
    /** A legal mention at the foot of receipts (e.g. « TVA non applicable, article 293 B du CGI »). */
    receiptFooter: text("receipt_footer").notNull().default(""),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("sales_settings_text_check", sql`length(${t.cashOfficeName}) <= 200 and length(${t.receiptFooter}) <= 500`)],
);

/** A reduced-rate category the place defines (« Demandeurs d'emploi », « Étudiants »…). */
export const priceCategories = pgTable(
  "price_categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position").notNull().default(0),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("price_categories_name_idx").on(t.placeId, t.name), check("price_categories_name_check", sql`length(${t.name}) between 1 and 80`)],
);

/**
 * Something the place sells: a kind (what the figures group by), a name and a unit. Its prices are
 * in `tariff_prices`, dated. A free allowance (e.g. 10 pages a day) applies to a known person,
 * members only unless said otherwise. A membership item lasts `membership_months`.
 */
export const tariffItems = pgTable(
  "tariff_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: TARIFF_KINDS }).notNull(),
    name: text("name").notNull(),
    unit: text("unit", { enum: TARIFF_UNITS }).notNull().default("item"),
    position: integer("position").notNull().default(0),
    active: boolean("active").notNull().default(true),
    membershipMonths: smallint("membership_months"),
    allowanceQuantity: integer("allowance_quantity"),
    allowancePeriod: text("allowance_period", { enum: ALLOWANCE_PERIODS }),
    allowanceMembersOnly: boolean("allowance_members_only").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("tariff_items_place_idx").on(t.placeId, t.position),
    check("tariff_items_kind_check", sql.raw(inList("kind", TARIFF_KINDS))),
    check("tariff_items_unit_check", sql.raw(inList("unit", TARIFF_UNITS))),
    check("tariff_items_name_check", sql`length(${t.name}) between 1 and 120`),
    check(
      "tariff_items_membership_check",
      sql`(${t.kind} = 'membership') = (${t.membershipMonths} is not null) and coalesce(${t.membershipMonths}, 1) between 1 and 36`,
    ),
    check(
      "tariff_items_allowance_check",
      sql`(${t.allowanceQuantity} is null) = (${t.allowancePeriod} is null) and coalesce(${t.allowanceQuantity}, 1) between 1 and 100000
        and (${t.allowancePeriod} is null or ${sql.raw(inList("allowance_period", ALLOWANCE_PERIODS))})`,
    ),
  ],
);

/**
 * A unit price of an item, for the normal rate (category null) or a reduced-rate category, from a
 * date on. The price of a sale is the one with the latest `valid_from` on or before the sale's
 * day; the sale line keeps it, so a later change never touches past sales.
 */
export const tariffPrices = pgTable(
  "tariff_prices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id").notNull().references(() => tariffItems.id, { onDelete: "cascade" }),
    categoryId: uuid("category_id").references(() => priceCategories.id, { onDelete: "cascade" }),
    unitPriceCents: integer("unit_price_cents").notNull(),
    validFrom: date("valid_from").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("tariff_prices_when_key").on(t.itemId, t.categoryId, t.validFrom).nullsNotDistinct(),
    check("tariff_prices_amount_check", sql`${t.unitPriceCents} between 0 and 10000000`),
  ],
);

/** Receipt numbers handed out, per place and year: the last one. Incremented in the sale's transaction. */
export const receiptCounters = pgTable(
  "receipt_counters",
  {
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    year: smallint("year").notNull(),
    lastNumber: integer("last_number").notNull(),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.year] }), check("receipt_counters_number_check", sql`${t.lastNumber} >= 1`)],
);

/**
 * A day of the cash journal: the opening float counted in the morning, then at closing the cash
 * counted, the cash expected (float + cash received that day) and the reason for any difference.
 * Once closed, the day is locked (trigger) and no sale is written into it.
 */
export const cashDays = pgTable(
  "cash_days",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    businessDate: date("business_date").notNull(),
    openingFloatCents: integer("opening_float_cents").notNull(),
    openedBy: uuid("opened_by").references(() => users.id, { onDelete: "set null" }),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: uuid("closed_by").references(() => users.id, { onDelete: "set null" }),
    countedCashCents: integer("counted_cash_cents"),
    expectedCashCents: integer("expected_cash_cents"),
    differenceReason: text("difference_reason"),
  },
  (t) => [
    uniqueIndex("cash_days_place_date_idx").on(t.placeId, t.businessDate),
    check("cash_days_float_check", sql`${t.openingFloatCents} between 0 and 10000000`),
    check(
      "cash_days_close_check",
      sql`(${t.closedAt} is null and ${t.countedCashCents} is null and ${t.expectedCashCents} is null)
        or (${t.closedAt} is not null and ${t.countedCashCents} >= 0 and ${t.expectedCashCents} is not null
            and (${t.countedCashCents} = ${t.expectedCashCents} or length(trim(coalesce(${t.differenceReason}, ''))) > 0))`,
    ),
    check("cash_days_reason_check", sql`length(${t.differenceReason}) <= 1000`),
  ],
);

/**
 * A sale, and its receipt: number `number` of the place's year `year`, gap-free. A known person
 * (`beneficiary_id`) or anonymous; the rate category applied; one means of payment. A correction is
 * a sale whose `cancels_sale_id` names the sale it cancels, with the opposite amounts (one at most).
 * `booking_id` / `registration_id`: what it paid for, when there is one. Append-only.
 */
export const sales = pgTable(
  "sales",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "restrict" }),
    cashDayId: uuid("cash_day_id").notNull().references(() => cashDays.id, { onDelete: "restrict" }),
    year: smallint("year").notNull(),
    number: integer("number").notNull(),
    soldAt: timestamp("sold_at", { withTimezone: true }).notNull().defaultNow(),
    beneficiaryId: uuid("beneficiary_id").references(() => beneficiaries.id, { onDelete: "restrict" }),
    categoryId: uuid("category_id").references(() => priceCategories.id, { onDelete: "restrict" }),
    paymentMethod: text("payment_method", { enum: PAYMENT_METHODS }).notNull(),
    totalCents: integer("total_cents").notNull(),
    cancelsSaleId: uuid("cancels_sale_id").references((): AnyPgColumn => sales.id, { onDelete: "restrict" }),
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "restrict" }),
    registrationId: uuid("registration_id").references(() => workshopRegistrations.id, { onDelete: "restrict" }),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "restrict" }),
  },
  (t) => [
    uniqueIndex("sales_number_idx").on(t.placeId, t.year, t.number),
    uniqueIndex("sales_cancels_idx").on(t.cancelsSaleId),
    index("sales_day_idx").on(t.cashDayId),
    index("sales_place_time_idx").on(t.placeId, t.soldAt),
    index("sales_beneficiary_idx").on(t.beneficiaryId),
    index("sales_booking_idx").on(t.bookingId),
    index("sales_registration_idx").on(t.registrationId),
    check("sales_number_check", sql`${t.number} >= 1 and ${t.year} between 2000 and 2200`),
    check("sales_method_check", sql.raw(inList("payment_method", PAYMENT_METHODS))),
    check("sales_total_check", sql`(${t.cancelsSaleId} is null and ${t.totalCents} >= 0) or (${t.cancelsSaleId} is not null and ${t.totalCents} <= 0)`),
    check("sales_free_check", sql`${t.paymentMethod} <> 'credit' or ${t.beneficiaryId} is not null`),
    check("sales_note_check", sql`length(${t.note}) <= 500 and (${t.cancelsSaleId} is null or length(trim(${t.note})) > 0)`),
  ],
);

/**
 * A line of a sale: quantity × unit price, less the free allowance used. A correction's lines have
 * the opposite quantities. `label` and the price are copied at the time of sale. Append-only.
 */
export const saleLines = pgTable(
  "sale_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    saleId: uuid("sale_id").notNull().references(() => sales.id, { onDelete: "restrict" }),
    position: smallint("position").notNull(),
    itemId: uuid("item_id").references(() => tariffItems.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: SALE_LINE_KINDS }).notNull(),
    label: text("label").notNull(),
    unit: text("unit", { enum: TARIFF_UNITS }).notNull(),
    quantity: integer("quantity").notNull(),
    freeQuantity: integer("free_quantity").notNull().default(0),
    unitPriceCents: integer("unit_price_cents").notNull(),
    amountCents: integer("amount_cents").notNull(),
  },
  (t) => [
    uniqueIndex("sale_lines_position_idx").on(t.saleId, t.position),
    index("sale_lines_item_idx").on(t.itemId),
    check("sale_lines_kind_check", sql.raw(inList("kind", SALE_LINE_KINDS))),
    check("sale_lines_unit_check", sql.raw(inList("unit", TARIFF_UNITS))),
    check("sale_lines_item_check", sql`(${t.kind} = 'topup') = (${t.itemId} is null)`),
    check("sale_lines_quantity_check", sql`${t.quantity} <> 0 and abs(${t.quantity}) <= 100000 and abs(${t.freeQuantity}) <= abs(${t.quantity}) and sign(${t.freeQuantity}) * sign(${t.quantity}) >= 0`),
    check("sale_lines_amount_check", sql`${t.unitPriceCents} >= 0 and ${t.amountCents} = (${t.quantity} - ${t.freeQuantity}) * ${t.unitPriceCents}`),
    check("sale_lines_label_check", sql`length(${t.label}) between 1 and 200`),
  ],
);

/**
 * A person's membership of the place, from `starts_on` to `ends_on` (inclusive), bought by a sale
 * (or given: `sale_id` null). Cancelling the sale cancels it. A reminder goes a month before the end.
 */
export const placeMemberships = pgTable(
  "place_memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "cascade" }),
    beneficiaryId: uuid("beneficiary_id").notNull().references(() => beneficiaries.id, { onDelete: "cascade" }),
    itemId: uuid("item_id").references(() => tariffItems.id, { onDelete: "set null" }),
    categoryId: uuid("category_id").references(() => priceCategories.id, { onDelete: "set null" }),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    saleId: uuid("sale_id").references(() => sales.id, { onDelete: "restrict" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  },
  (t) => [
    index("place_memberships_person_idx").on(t.beneficiaryId, t.endsOn),
    index("place_memberships_place_idx").on(t.placeId, t.endsOn),
    check("place_memberships_dates_check", sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** A known person's prepaid credit at the place. Never below zero: the CHECK refuses the movement. */
export const creditBalances = pgTable(
  "credit_balances",
  {
    beneficiaryId: uuid("beneficiary_id").primaryKey().references(() => beneficiaries.id, { onDelete: "restrict" }),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "restrict" }),
    balanceCents: integer("balance_cents").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("credit_balances_non_negative", sql`${t.balanceCents} >= 0`)],
);

/** Every movement of prepaid credit, with the balance after it. Append-only. */
export const creditLedger = pgTable(
  "credit_ledger",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    placeId: uuid("place_id").notNull().references(() => places.id, { onDelete: "restrict" }),
    beneficiaryId: uuid("beneficiary_id").notNull().references(() => beneficiaries.id, { onDelete: "restrict" }),
    saleId: uuid("sale_id").references(() => sales.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: CREDIT_MOVEMENTS }).notNull(),
    deltaCents: integer("delta_cents").notNull(),
    balanceAfterCents: integer("balance_after_cents").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("credit_ledger_person_idx").on(t.beneficiaryId, t.id),
    check("credit_ledger_kind_check", sql.raw(inList("kind", CREDIT_MOVEMENTS))),
    check("credit_ledger_amount_check", sql`${t.deltaCents} <> 0 and ${t.balanceAfterCents} >= 0`),
  ],
);
