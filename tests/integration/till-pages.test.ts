/**
 * The till's pages through the real request handler (tests/support/harness.ts): a mediator opens
 * the day, finds a member, sells 12 pages (10 free by the allowance) in one post, sees bad input
 * refused in words with nothing written; the manager closes the day with a counted difference and
 * its reason; a coordinator never reaches the till.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { cashDays, sales, workshopRegistrations } from "~/db/schema";
import { attachToNetwork, createBeneficiary, createCashDay, createNetwork, createPlace, createPlaceMembership, createTariffItem, createWorkshop } from "~/features/demo/factories.server";
import { fr } from "~/lib/messages";
import { createTestDatabase } from "../support/database";
import { html, startHarness, type Harness } from "../support/harness";

const m = fr.sales;
let database: Database;
let h: Harness;
const ids = { place: "", person: "", print: "" };
const till = () => `/gestion/lieux/${ids.place}/caisse`;
const text = async (response: Response) => (await html(response)).replace(/<!-- -->/g, "");

beforeAll(async () => {
  database = await createTestDatabase();
  h = await startHarness(database);
  const { db } = database;
  ids.place = (await createPlace(db, { name: "EPN de Vierzon" })).id;
  const network = await createNetwork(db, { slug: "berry", name: "Berry numérique" });
  await attachToNetwork(db, { placeId: ids.place, networkId: network.id });
  ids.person = (await createBeneficiary(db, { placeId: ids.place, firstName: "Odette", lastName: "M." })).id;
  await createPlaceMembership(db, { placeId: ids.place, beneficiaryId: ids.person });
  ids.print = (await createTariffItem(db, { placeId: ids.place, name: "Impression noir et blanc", allowanceQuantity: 10, allowancePeriod: "day", prices: [{ unitPriceCents: 15 }] })).id;
  await h.person("manager", { role: "manager", placeId: ids.place });
  await h.person("mediator", { role: "mediator", placeId: ids.place });
  await h.person("coordinator", { role: "coordinator", networkId: network.id });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await database?.close();
});

describe("the till", () => {
  it("opens the day, then sells 12 pages to a member: 2 paid, a numbered receipt", async () => {
    let page = await text(await h.get("mediator", till()));
    expect(page).toContain(m.notOpenYet);
    // A float that is not an amount: refused in words, nothing written.
    let response = await h.post("mediator", till(), new URLSearchParams({ intent: "ouvrir", fond: "beaucoup" }));
    expect(response.status).toBe(400);
    expect(await text(response)).toContain(m.errors.float);
    expect(await database.db.select().from(cashDays)).toHaveLength(0);
    response = await h.post("mediator", till(), new URLSearchParams({ intent: "ouvrir", fond: "50" }));
    expect(response.status).toBe(303);
    page = await text(await h.get("mediator", `${till()}?q=Odette`));
    expect(page).toContain(m.choose("Odette M."));
    page = await text(await h.get("mediator", `${till()}?personne=${ids.person}`));
    expect(page).toContain(m.chosen("Odette M."));
    expect(page).toContain("encore 10 offertes (par jour)");
    // A quantity that is not a number: refused, nothing sold.
    response = await h.post("mediator", till(), new URLSearchParams({ intent: "vendre", personne: ids.person, paiement: "cash", [`qte-${ids.print}`]: "douze" }));
    expect(response.status).toBe(400);
    expect(await text(response)).toContain(m.errors.quantity);
    expect(await database.db.select().from(sales)).toHaveLength(0);
    response = await h.post("mediator", till(), new URLSearchParams({ intent: "vendre", personne: ids.person, paiement: "cash", [`qte-${ids.print}`]: "12" }));
    expect(response.status).toBe(303);
    const [sale] = await database.db.select().from(sales);
    expect(sale).toMatchObject({ number: 1, totalCents: 30, paymentMethod: "cash", beneficiaryId: ids.person });
    expect(response.headers.get("location")).toBe(`${till()}/ventes/${sale!.id}?enregistree`);
    page = await text(await h.get("mediator", till()));
    expect(page).toContain("12 × Impression noir et blanc");
    // The receipt as a page, with the allowance said; then its correction, which needs a reason.
    const salePage = `${till()}/ventes/${sale!.id}`;
    page = await text(await h.get("mediator", `${salePage}?enregistree`));
    expect(page).toContain(m.sold("2026-000001".replace("2026", String(sale!.year)), "0,30\u00a0€"));
    expect(page).toContain("dont 10 offertes");
    expect(page).toContain(m.printReceipt);
    response = await h.post("mediator", salePage, new URLSearchParams({ intent: "annuler", motif: " " }));
    expect(response.status).toBe(400);
    expect(await text(response)).toContain(m.cancelErrors.reason);
    response = await h.post("mediator", salePage, new URLSearchParams({ intent: "annuler", motif: "Pages imprimées en double" }));
    expect(response.status).toBe(303);
    page = await text(await h.get("mediator", response.headers.get("location")!));
    expect(page).toContain("Annule le reçu n° ");
    expect(page).toContain("Pages imprimées en double");
    expect((await h.post("mediator", salePage, new URLSearchParams({ intent: "annuler", motif: "Encore" }))).status).toBe(409);
    // The correction gave the allowance back: 12 pages again cost 0,30 €.
    response = await h.post("mediator", till(), new URLSearchParams({ intent: "vendre", personne: ids.person, paiement: "cash", [`qte-${ids.print}`]: "12" }));
    expect(response.status).toBe(303);
  });

  it("lets the manager close the day with a counted difference and its reason, not a mediator", async () => {
    const journal = `${till()}/journal`;
    const { businessDate } = (await database.db.select({ businessDate: cashDays.businessDate }).from(cashDays))[0]!;
    const url = `${journal}?jour=${businessDate}`;
    expect((await h.post("mediator", url, new URLSearchParams({ intent: "cloturer", comptees: "50" }))).status).toBe(403);
    let response = await h.post("manager", url, new URLSearchParams({ intent: "cloturer", comptees: "50" }));
    expect(response.status).toBe(400);
    expect(await text(response)).toContain(m.closeErrors.reasonNeeded("−0,30\u00a0€"));
    response = await h.post("manager", url, new URLSearchParams({ intent: "cloturer", comptees: "50", explication: "Monnaie rendue en trop" }));
    expect(response.status).toBe(303);
    const [day] = await database.db.select().from(cashDays).where(eq(cashDays.placeId, ids.place));
    // 50 € float + 0,30 − 0,30 (corrected) + 0,30.
    expect(day).toMatchObject({ expectedCashCents: 5030, countedCashCents: 5000, differenceReason: "Monnaie rendue en trop" });
    const page = await text(await h.get("mediator", url));
    expect(page).toContain("Monnaie rendue en trop");
    expect(await text(await h.get("mediator", till()))).toContain(m.closedToday);
  });

  it("charges a paid workshop's registrant from the session desk: « Encaisser », then « Payé »", async () => {
    const { db } = database;
    const other = (await createPlace(db, { name: "EPN de Mehun" })).id;
    await h.person("mediatorMehun", { role: "mediator", placeId: other });
    await createCashDay(db, { placeId: other });
    const item = await createTariffItem(db, { placeId: other, kind: "workshop", name: "Atelier", unit: "item", prices: [{ unitPriceCents: 200 }] });
    const { workshop, sessionIds } = await createWorkshop(db, { placeId: other, priceCents: 200, sessions: [new Date(Date.now() + 86_400_000)] });
    const [registration] = await db
      .insert(workshopRegistrations)
      .values({ workshopId: workshop.id, sessionId: sessionIds[0]!, placeId: other, status: "registered", source: "desk", firstName: "Gisèle", personKey: "gisele@exemple.fr" })
      .returning({ id: workshopRegistrations.id });
    const desk = `/gestion/lieux/${other}/ateliers/seances/${sessionIds[0]}`;
    let page = await text(await h.get("mediatorMehun", desk));
    expect(page).toContain(`/gestion/lieux/${other}/caisse?inscription=${registration!.id}`);
    page = await text(await h.get("mediatorMehun", `/gestion/lieux/${other}/caisse?inscription=${registration!.id}`));
    expect(page).toContain(m.forRegistration(`${workshop.title} — Gisèle`));
    const response = await h.post("mediatorMehun", `/gestion/lieux/${other}/caisse`, new URLSearchParams({ intent: "vendre", inscription: registration!.id, paiement: "card", [`qte-${item.id}`]: "1" }));
    expect(response.status).toBe(303);
    page = await text(await h.get("mediatorMehun", desk));
    expect(page).toContain(`<td>${m.paid}</td>`);
  });

  it("is not the coordinator's", async () => {
    expect((await h.get("coordinator", till())).status).toBe(403);
    expect((await h.get("coordinator", `${till()}/journal`)).status).toBe(403);
  });
});
