/**
 * A place's tariffs (app/features/sales/tariffs.server.ts) and their pages (/gestion/lieux/:placeId/caisse/tarifs):
 * an item created with its normal price; a price change from a later day leaves today's price and
 * shows as planned; the same day's planned price is replaced, today's is kept; categories (a name
 * once per place, renamed, deactivated); the receipts' words; every change audited; bad input
 * answers 400 in French and writes nothing; the place's mediators get 403; another place's item is 404.
 */
import { and, count, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { auditLog, priceCategories, saleLines, sales, salesSettings, tariffItems, tariffPrices } from "~/db/schema";
import { createCashDay, createPlace, createPriceCategory as createCategoryRow, createTariffItem as createItemRow } from "~/features/demo/factories.server";
import { TARIFF_ITEM_PATH, TARIFFS_PATH } from "~/features/sales/paths";
import {
  addTariffPrice, createPriceCategory, createTariffItem, getSalesSettings, getTariffItem, listTariff, renamePriceCategory, saveSalesSettings, setPriceCategoryActive,
  updateTariffItem,
} from "~/features/sales/tariffs.server";
import type { TariffItemInput } from "~/features/sales/tariff-form";
import { addDays } from "~/features/time/calendar";
import { formatDate } from "~/features/time/format";
import { todayIn } from "~/features/time/today";
import { fr } from "~/lib/messages";
import { createTestDatabase } from "../support/database";
import { html, startHarness, type Harness } from "../support/harness";

const m = fr.tariffs;
let database: Database;
let h: Harness;
const ids = { placeA: "", placeB: "", manager: "", mediator: "", cashDay: "" };
let receipts = 0;
let today = "";
const print: TariffItemInput = {
  kind: "print", name: "Impression couleur", unit: "page", position: 2, active: true, membershipMonths: null, allowanceQuantity: 10, allowancePeriod: "day", allowanceMembersOnly: true,
};

async function rows() {
  const db = database.db;
  const [[items], [prices], [categories], [settings], [audits]] = await Promise.all([
    db.select({ n: count() }).from(tariffItems),
    db.select({ n: count() }).from(tariffPrices),
    db.select({ n: count() }).from(priceCategories),
    db.select({ n: count() }).from(salesSettings),
    db.select({ n: count() }).from(auditLog).where(like(auditLog.action, "%.%")),
  ]);
  return { items: items!.n, prices: prices!.n, categories: categories!.n, settings: settings!.n, audits: audits!.n };
}

/** One page of the item sold at place A now (rows written as the till would: the lead's recordSale is not used here). */
async function sellOne(itemId: string, unitPriceCents: number) {
  const [sale] = await database.db
    .insert(sales)
    .values({ placeId: ids.placeA, cashDayId: ids.cashDay, year: Number(today.slice(0, 4)), number: ++receipts, paymentMethod: "cash", totalCents: unitPriceCents })
    .returning({ id: sales.id });
  await database.db.insert(saleLines).values({ saleId: sale!.id, position: 1, itemId, kind: "scan", label: "Numérisation", unit: "page", quantity: 1, unitPriceCents, amountCents: unitPriceCents });
}

/** The audit lines about a row, by action (sorted: lines written within a millisecond have no order). */
const auditActions = async (entityId: string) =>
  (await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, entityId))).map((r) => r.action).sort();

beforeAll(async () => {
  database = await createTestDatabase();
  h = await startHarness(database);
  const place = await createPlace(database.db, { name: "Espace numérique Alpha" });
  ids.placeA = place.id;
  today = todayIn(place.timeZone, Date.now());
  ids.placeB = (await createPlace(database.db, { name: "Cyber-base Bêta" })).id;
  ids.cashDay = (await createCashDay(database.db, { placeId: ids.placeA, businessDate: today })).id;
  ids.manager = await h.person("manager", { role: "manager", placeId: ids.placeA, name: "Manon Responsable" });
  ids.mediator = await h.person("mediator", { role: "mediator", placeId: ids.placeA, name: "Mehdi Médiateur" });
  await h.person("managerB", { role: "manager", placeId: ids.placeB, name: "Bruno Ailleurs" });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await database?.close();
});

describe("the tariff's commands", () => {
  it("creates an item with its normal price; a change from a later day leaves today's price and shows as planned", async () => {
    const db = database.db;
    const created = await createTariffItem(db, { placeId: ids.placeA, item: print, price: { categoryId: null, unitPriceCents: 50, validFrom: today }, actorUserId: ids.manager });
    const later = addDays(today, 30);
    expect(await addTariffPrice(db, { placeId: ids.placeA, itemId: created.id, price: { categoryId: null, unitPriceCents: 60, validFrom: later }, today, actorUserId: ids.manager })).toEqual({ kind: "added" });

    const now = await listTariff(db, { placeId: ids.placeA, day: today });
    const line = now.items.find((i) => i.id === created.id)!;
    expect(line).toMatchObject({ name: "Impression couleur", allowanceQuantity: 10, allowancePeriod: "day", normal: { unitPriceCents: 50, validFrom: today } });
    expect(line.upcoming).toMatchObject([{ categoryId: null, unitPriceCents: 60, validFrom: later }]);
    const then = await listTariff(db, { placeId: ids.placeA, day: later });
    expect(then.items.find((i) => i.id === created.id)).toMatchObject({ normal: { unitPriceCents: 60 }, upcoming: [] });
    expect(await auditActions(created.id)).toEqual(["tariff.item-create", "tariff.price-add"]);
  });

  it("gives each category its own price or the normal one, and lists active categories first", async () => {
    const db = database.db;
    const jobSeekers = await createPriceCategory(db, { placeId: ids.placeA, name: "Demandeurs d'emploi", actorUserId: ids.manager });
    const students = await createPriceCategory(db, { placeId: ids.placeA, name: "Étudiants", actorUserId: ids.manager });
    expect(jobSeekers.kind === "created" && students.kind === "created").toBe(true);
    if (jobSeekers.kind !== "created" || students.kind !== "created") return;
    const item = await createItemRow(db, { placeId: ids.placeA, name: "Photocopie", position: 1, prices: [{ unitPriceCents: 20, validFrom: "2020-01-01" }] });
    expect(await addTariffPrice(db, { placeId: ids.placeA, itemId: item.id, price: { categoryId: jobSeekers.id, unitPriceCents: 10, validFrom: today }, today, actorUserId: ids.manager })).toEqual({ kind: "added" });
    expect(await setPriceCategoryActive(db, { placeId: ids.placeA, categoryId: jobSeekers.id, active: false, actorUserId: ids.manager })).toBe("saved");
    expect(await setPriceCategoryActive(db, { placeId: ids.placeA, categoryId: jobSeekers.id, active: false, actorUserId: ids.manager })).toBe("unchanged");

    const tariff = await listTariff(db, { placeId: ids.placeA, day: today });
    expect(tariff.categories.map((c) => [c.name, c.active])).toEqual([["Étudiants", true], ["Demandeurs d'emploi", false]]);
    expect(tariff.items.map((i) => i.name)).toEqual(["Photocopie", "Impression couleur"]);
    const copy = tariff.items[0]!;
    expect(copy.rates).toMatchObject([
      { categoryId: students.id, price: { unitPriceCents: 20, categoryId: null }, own: false },
      { categoryId: jobSeekers.id, price: { unitPriceCents: 10 }, own: true },
    ]);
    // A deactivated category takes no new price; it comes back when offered again.
    const price = { categoryId: jobSeekers.id, unitPriceCents: 5, validFrom: addDays(today, 1) };
    expect(await addTariffPrice(db, { placeId: ids.placeA, itemId: item.id, price, today, actorUserId: ids.manager })).toEqual({ kind: "category-unknown" });
    expect(await setPriceCategoryActive(db, { placeId: ids.placeA, categoryId: jobSeekers.id, active: true, actorUserId: ids.manager })).toBe("saved");
    expect(await addTariffPrice(db, { placeId: ids.placeA, itemId: item.id, price, today, actorUserId: ids.manager })).toEqual({ kind: "added" });
    expect(await auditActions(jobSeekers.id)).toEqual(["tariff.category-active", "tariff.category-active", "tariff.category-create"]);
  });

  it("replaces a price of the same day while it has served no sale, keeps it once the item is sold, refuses a past day", async () => {
    const db = database.db;
    const item = await createItemRow(db, { placeId: ids.placeA, name: "Numérisation", kind: "scan", prices: [{ unitPriceCents: 100, validFrom: today }] });
    const tomorrow = addDays(today, 1);
    const at = (unitPriceCents: number, validFrom: string) => addTariffPrice(db, { placeId: ids.placeA, itemId: item.id, price: { categoryId: null, unitPriceCents, validFrom }, today, actorUserId: ids.manager });
    expect(await at(15, tomorrow)).toEqual({ kind: "added" });
    expect(await at(12, tomorrow)).toEqual({ kind: "replaced", previousCents: 15 });
    // Today's price typed wrong and not sold yet: corrected at once.
    expect(await at(10, today)).toEqual({ kind: "replaced", previousCents: 100 });
    await sellOne(item.id, 10);
    expect(await at(11, today)).toEqual({ kind: "in-force-today" });
    expect(await at(11, addDays(today, -1))).toEqual({ kind: "past" });
    const prices = await db.select({ cents: tariffPrices.unitPriceCents, from: tariffPrices.validFrom }).from(tariffPrices).where(eq(tariffPrices.itemId, item.id)).orderBy(tariffPrices.validFrom);
    expect(prices).toEqual([{ cents: 10, from: today }, { cents: 12, from: tomorrow }]);
    expect(await auditActions(item.id)).toEqual(["tariff.price-add", "tariff.price-replace", "tariff.price-replace"]);
  });

  it("keeps everything within the place: another place's item or category is not found", async () => {
    const db = database.db;
    const theirs = await createItemRow(db, { placeId: ids.placeB });
    const theirCategory = await createCategoryRow(db, { placeId: ids.placeB });
    const mine = await createItemRow(db, { placeId: ids.placeA, name: "Impression A3" });
    expect(await getTariffItem(db, { placeId: ids.placeA, itemId: theirs.id })).toBeNull();
    expect(await getTariffItem(db, { placeId: ids.placeA, itemId: "pas-un-id" })).toBeNull();
    expect(await updateTariffItem(db, { placeId: ids.placeA, itemId: theirs.id, item: print, actorUserId: ids.manager })).toBe("not-found");
    expect(await addTariffPrice(db, { placeId: ids.placeA, itemId: theirs.id, price: { categoryId: null, unitPriceCents: 1, validFrom: today }, today, actorUserId: ids.manager })).toEqual({ kind: "not-found" });
    expect(await addTariffPrice(db, { placeId: ids.placeA, itemId: mine.id, price: { categoryId: theirCategory.id, unitPriceCents: 1, validFrom: today }, today, actorUserId: ids.manager })).toEqual({ kind: "category-unknown" });
    expect(await renamePriceCategory(db, { placeId: ids.placeA, categoryId: theirCategory.id, name: "x", actorUserId: ids.manager })).toBe("not-found");
    expect(await setPriceCategoryActive(db, { placeId: ids.placeA, categoryId: theirCategory.id, active: false, actorUserId: ids.manager })).toBe("not-found");
    expect((await listTariff(db, { placeId: ids.placeA, day: today })).items.map((i) => i.id)).not.toContain(theirs.id);
  });

  it("changes an item with the fields changed in the log, and says when nothing changed", async () => {
    const db = database.db;
    const item = await createItemRow(db, { placeId: ids.placeA, name: "Impression 3D", kind: "print3d", unit: "gram" });
    const values: TariffItemInput = { kind: "print3d", name: "Impression 3D PLA", unit: "gram", position: 0, active: true, membershipMonths: null, allowanceQuantity: null, allowancePeriod: null, allowanceMembersOnly: true };
    expect(await updateTariffItem(db, { placeId: ids.placeA, itemId: item.id, item: values, actorUserId: ids.manager })).toBe("saved");
    expect(await updateTariffItem(db, { placeId: ids.placeA, itemId: item.id, item: values, actorUserId: ids.manager })).toBe("unchanged");
    const [line] = await db.select({ before: auditLog.before, after: auditLog.after }).from(auditLog).where(and(eq(auditLog.entityId, item.id), eq(auditLog.action, "tariff.item-update")));
    expect(line).toEqual({ before: { name: item.name }, after: { name: "Impression 3D PLA" } });
  });

  it("names a category once per place, whatever the case, and renames it", async () => {
    const db = database.db;
    const made = await createPriceCategory(db, { placeId: ids.placeA, name: "Bénéficiaires du RSA", actorUserId: ids.manager });
    expect(await createPriceCategory(db, { placeId: ids.placeA, name: "bénéficiaires du rsa", actorUserId: ids.manager })).toEqual({ kind: "name-taken" });
    expect((await createPriceCategory(db, { placeId: ids.placeB, name: "Bénéficiaires du RSA", actorUserId: null })).kind).toBe("created");
    if (made.kind !== "created") throw new Error("not created");
    expect(await renamePriceCategory(db, { placeId: ids.placeA, categoryId: made.id, name: "Étudiants", actorUserId: ids.manager })).toBe("name-taken");
    expect(await renamePriceCategory(db, { placeId: ids.placeA, categoryId: made.id, name: "Minima sociaux", actorUserId: ids.manager })).toBe("saved");
    expect(await renamePriceCategory(db, { placeId: ids.placeA, categoryId: made.id, name: "Minima sociaux", actorUserId: ids.manager })).toBe("unchanged");
  });

  it("keeps the cash office's words, audited when they change", async () => {
    const db = database.db;
    expect(await getSalesSettings(db, { placeId: ids.placeB })).toEqual({ cashOfficeName: "", receiptFooter: "" });
    expect(await saveSalesSettings(db, { placeId: ids.placeB, values: { cashOfficeName: "", receiptFooter: "" }, actorUserId: null })).toBe("unchanged");
    const values = { cashOfficeName: "Régie de recettes de Bêta", receiptFooter: "TVA non applicable, article 293 B du CGI" };
    expect(await saveSalesSettings(db, { placeId: ids.placeB, values, actorUserId: null })).toBe("saved");
    expect(await saveSalesSettings(db, { placeId: ids.placeB, values, actorUserId: null })).toBe("unchanged");
    expect(await getSalesSettings(db, { placeId: ids.placeB })).toEqual(values);
  });
});

/** The new item form as the browser sends it (unticked boxes absent). */
const newItem = (fields: Record<string, string> = {}) =>
  new URLSearchParams({ intent: "article", type: "copy", nom: "Photocopie couleur A4", unite: "page", position: "5", adhesion_mois: "", gratuite_quantite: "", gratuite_periode: "", prix: "0,50", a_partir_du: today, ...fields });

describe("the tariff pages", () => {
  it("refuses the place's mediators and other places' managers (403), before reading the form", async () => {
    const item = await createItemRow(database.db, { placeId: ids.placeA });
    for (const who of ["mediator", "managerB"]) {
      expect((await h.get(who, TARIFFS_PATH(ids.placeA))).status, who).toBe(403);
      expect((await h.get(who, TARIFF_ITEM_PATH(ids.placeA, item.id))).status, who).toBe(403);
      expect((await h.post(who, TARIFFS_PATH(ids.placeA), newItem())).status, who).toBe(403);
      expect((await h.post(who, TARIFF_ITEM_PATH(ids.placeA, item.id), new URLSearchParams({ intent: "prix", prix: "1", categorie: "normal", a_partir_du: today }))).status, who).toBe(403);
    }
  });

  it("adds an item with its price, then shows it in the table and on its page", async () => {
    const response = await h.post("manager", TARIFFS_PATH(ids.placeA), newItem({ gratuite_quantite: "10", gratuite_periode: "day", gratuite_adherents: "oui" }));
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^${TARIFFS_PATH(ids.placeA)}/[0-9a-f-]{36}\\?cree$`));
    const id = location.split("/").pop()!.split("?")[0]!;
    const [row] = await database.db.select().from(tariffItems).where(eq(tariffItems.id, id));
    expect(row).toMatchObject({ placeId: ids.placeA, kind: "copy", name: "Photocopie couleur A4", position: 5, allowanceQuantity: 10, allowancePeriod: "day", allowanceMembersOnly: true, active: true });

    const itemPage = await html(await h.get("manager", location));
    expect(itemPage).toContain(m.itemTitle("Photocopie couleur A4"));
    expect(itemPage).toContain(m.notices.itemCreated);
    expect(itemPage).toContain("0,50\u00a0€");
    const list = await html(await h.get("manager", TARIFFS_PATH(ids.placeA)));
    expect(list).toContain(`href="${TARIFF_ITEM_PATH(ids.placeA, id)}"`);
    expect(list).toContain("Photocopie couleur A4");
    expect(list).toContain(m.allowance(10, "page", "day", true));
    expect(list).toContain("<th scope=\"col\">Étudiants</th>");
    expect(list).toContain(m.newItemTitle);
  });

  it("plans a new price from a later day on the item's page: today's price stays, the change is shown « à partir du »", async () => {
    const item = await createItemRow(database.db, { placeId: ids.placeA, name: "Impression noir et blanc A4", prices: [{ unitPriceCents: 20, validFrom: "2020-01-01" }] });
    const later = addDays(today, 10);
    const response = await h.post("manager", TARIFF_ITEM_PATH(ids.placeA, item.id), new URLSearchParams({ intent: "prix", prix: "0,25", categorie: "normal", a_partir_du: later }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${TARIFF_ITEM_PATH(ids.placeA, item.id)}?prix`);
    const tariff = await listTariff(database.db, { placeId: ids.placeA, day: today });
    expect(tariff.items.find((i) => i.id === item.id)).toMatchObject({ normal: { unitPriceCents: 20 }, upcoming: [{ unitPriceCents: 25, validFrom: later }] });
    const list = await html(await h.get("manager", TARIFFS_PATH(ids.placeA)));
    expect(list).toContain(m.upcoming(m.normalRate, "0,25\u00a0€", formatDate(later)));
    const page = await html(await h.get("manager", TARIFF_ITEM_PATH(ids.placeA, item.id)));
    expect(page).toContain(m.priceStates.future);
    expect(page).toContain(m.priceStates.current);

    // The same day again replaces the planned price; today, once a price is in force today, is refused in words.
    const again = await h.post("manager", TARIFF_ITEM_PATH(ids.placeA, item.id), new URLSearchParams({ intent: "prix", prix: "0,30", categorie: "normal", a_partir_du: later }));
    expect(again.headers.get("location")).toBe(`${TARIFF_ITEM_PATH(ids.placeA, item.id)}?remplace`);
  });

  it("answers bad input with French messages beside the fields, and writes nothing", async () => {
    const item = await createItemRow(database.db, { placeId: ids.placeA, name: "Scanner", prices: [{ unitPriceCents: 0, validFrom: today }] });
    await sellOne(item.id, 0);
    const before = await rows();

    const badItem = await h.post("manager", TARIFFS_PATH(ids.placeA), newItem({ nom: "", prix: "cinq", a_partir_du: addDays(today, -1) }));
    expect(badItem.status).toBe(400);
    const page = await html(badItem);
    for (const message of [m.errors.nameEmpty, m.errors.price, m.errors.datePast(formatDate(today))]) expect(page).toContain(message);
    expect(page).toContain('value="cinq"');

    const allowance = await h.post("manager", TARIFFS_PATH(ids.placeA), newItem({ gratuite_quantite: "10" }));
    expect(allowance.status).toBe(400);
    expect(await html(allowance)).toContain(m.errors.allowancePeriod);
    const membership = await h.post("manager", TARIFFS_PATH(ids.placeA), newItem({ type: "membership", adhesion_mois: "48" }));
    expect(membership.status).toBe(400);
    expect(await html(membership)).toContain(m.errors.membershipMonths);

    const badPrice = await h.post("manager", TARIFF_ITEM_PATH(ids.placeA, item.id), new URLSearchParams({ intent: "prix", prix: "200000", categorie: "normal", a_partir_du: today }));
    expect(badPrice.status).toBe(400);
    expect(await html(badPrice)).toContain(m.errors.price);
    const inForce = await h.post("manager", TARIFF_ITEM_PATH(ids.placeA, item.id), new URLSearchParams({ intent: "prix", prix: "1", categorie: "normal", a_partir_du: today }));
    expect(inForce.status).toBe(400);
    expect(await html(inForce)).toContain(m.errors.priceInForceToday);

    const badEdit = await h.post("manager", TARIFF_ITEM_PATH(ids.placeA, item.id), new URLSearchParams({ intent: "article", type: "scan", nom: "x".repeat(121), unite: "page", position: "0", actif: "oui" }));
    expect(badEdit.status).toBe(400);
    expect(await html(badEdit)).toContain(m.errors.nameLong);

    const taken = await h.post("manager", TARIFFS_PATH(ids.placeA), new URLSearchParams({ intent: "categorie", nom: "étudiants" }));
    expect(taken.status).toBe(400);
    expect(await html(taken)).toContain(m.errors.categoryTaken);
    const footer = await h.post("manager", TARIFFS_PATH(ids.placeA), new URLSearchParams({ intent: "mentions", regie: "Régie", pied_recu: "y".repeat(501) }));
    expect(footer.status).toBe(400);
    expect(await html(footer)).toContain(m.errors.receiptFooterLong);

    expect(await rows()).toEqual(before);
  });

  it("adds, renames and deactivates a category, and saves the receipts' words, from the page", async () => {
    const added = await h.post("manager", TARIFFS_PATH(ids.placeA), new URLSearchParams({ intent: "categorie", nom: "Collégiens" }));
    expect(added.status).toBe(303);
    const [category] = await database.db.select({ id: priceCategories.id }).from(priceCategories).where(and(eq(priceCategories.placeId, ids.placeA), eq(priceCategories.name, "Collégiens")));
    const renamed = await h.post("manager", TARIFFS_PATH(ids.placeA), new URLSearchParams({ intent: "renommer", categorie: category!.id, nom: "Collégiens et lycéens" }));
    expect(renamed.headers.get("location")).toBe(`${TARIFFS_PATH(ids.placeA)}?renommee#categories`);
    const off = await h.post("manager", TARIFFS_PATH(ids.placeA), new URLSearchParams({ intent: "activer", categorie: category!.id, actif: "non" }));
    expect(off.headers.get("location")).toBe(`${TARIFFS_PATH(ids.placeA)}?desactivee#categories`);
    const words = await h.post("manager", TARIFFS_PATH(ids.placeA), new URLSearchParams({ intent: "mentions", regie: "Régie de recettes d'Alpha", pied_recu: "TVA non applicable" }));
    expect(words.status).toBe(303);
    const page = await html(await h.get("manager", `${TARIFFS_PATH(ids.placeA)}?mentions`));
    expect(page).toContain(m.notices.settingsSaved);
    expect(page).toContain("Régie de recettes d'Alpha");
    expect(page).toContain(`${m.activateLabel("Collégiens et lycéens")}`);
    expect(await auditActions(category!.id)).toEqual(["tariff.category-active", "tariff.category-create", "tariff.category-rename"]);
    // The place's log names the changes in French.
    expect(await html(await h.get("manager", `/gestion/lieux/${ids.placeA}/journal`))).toContain(fr.backoffice.audit.actions["tariff.category-rename"]!);
  });

  it("answers 404 for another place's item or an unknown one", async () => {
    const theirs = await createItemRow(database.db, { placeId: ids.placeB });
    expect((await h.get("manager", TARIFF_ITEM_PATH(ids.placeA, theirs.id))).status).toBe(404);
    expect((await h.get("manager", TARIFF_ITEM_PATH(ids.placeA, "inconnu"))).status).toBe(404);
    const post = await h.post("manager", TARIFF_ITEM_PATH(ids.placeA, theirs.id), new URLSearchParams({ intent: "prix", prix: "1", categorie: "normal", a_partir_du: addDays(today, 1) }));
    expect(post.status).toBe(404);
    expect(await database.db.select({ id: tariffPrices.id }).from(tariffPrices).where(eq(tariffPrices.itemId, theirs.id))).toHaveLength(1);
  });
});
