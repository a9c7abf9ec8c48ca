/**
 * « Orientations des partenaires » on the network's statistics (app/features/referrals/partner-stats*)
 * on PGlite or PostgreSQL (TEST_DATABASE_URL): per partner organisation, the referrals sent in the
 * period (by the day in France) to the chosen places and what became of them — answered, booked,
 * came (help given included, closed afterwards included), no-show, expired, refused — and the
 * median delay to the first answer; every partner listed, the total apart; the page's table.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import type { ReferralStatus } from "~/db/schema";
import { attachToNetwork, createNetwork, createPartner, createPlace, createReferralRow } from "~/features/demo/factories.server";
import { partnerFigures } from "~/features/referrals/partner-stats.server";
import { createTestDatabase } from "../support/database";
import { html, startHarness, type Harness } from "../support/harness";

let database: Database;
let h: Harness;
const HOUR = 3_600_000;
const ids = { network: "", place: "", otherPlace: "", franceTravail: "", ccas: "", missionLocale: "" };

/** A referral sent at `sent`, answered `answeredAfter` hours later (or never), then moved through `steps` (status, hours after sending) by the platform's own function. */
async function referral(partnerId: string, sent: string, options: { placeId?: string; answeredAfter?: number; steps?: [ReferralStatus, number][]; erased?: boolean } = {}) {
  const { db } = database;
  const createdAt = new Date(sent);
  const row = await createReferralRow(db, { partnerId, networkId: ids.network, placeId: options.placeId ?? ids.place, status: "sent", createdAt, statusAt: createdAt });
  for (const [status, after] of options.steps ?? []) {
    if (status === "refused") await db.execute(sql`update referrals set refusal_reason = 'Hors de notre secteur' where id = ${row.id}::uuid`);
    await db.execute(sql`select referral_move(${row.id}::uuid, ${status}, 'status', null, null, ${new Date(createdAt.getTime() + after * HOUR).toISOString()}::timestamptz)`);
  }
  if (options.answeredAfter !== undefined) {
    await db.execute(sql`update referrals set first_answered_at = ${new Date(createdAt.getTime() + options.answeredAfter * HOUR).toISOString()}::timestamptz where id = ${row.id}::uuid`);
  }
  if (options.erased) {
    await db.execute(sql`update referrals set first_name = null, last_name = null, phone = null, email = null, note = null, erased_at = now() where id = ${row.id}::uuid`);
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  h = await startHarness(database);
  const network = await createNetwork(db, { slug: "reseau-chiffres", name: "Réseau Chiffres" });
  ids.network = network.id;
  ids.place = (await createPlace(db, { name: "EPN de la Source" })).id;
  ids.otherPlace = (await createPlace(db, { name: "Cyber-base du Centre" })).id;
  await attachToNetwork(db, { placeId: ids.place, networkId: network.id });
  await attachToNetwork(db, { placeId: ids.otherPlace, networkId: network.id });
  ids.franceTravail = (await createPartner(db, { networkId: network.id, name: "France Travail — Orléans Nord" })).id;
  ids.ccas = (await createPartner(db, { networkId: network.id, name: "CCAS d'Orléans", kind: "ccas" })).id;
  ids.missionLocale = (await createPartner(db, { networkId: network.id, name: "Mission locale", kind: "mission-locale" })).id;
  const elsewhere = await createNetwork(db, { slug: "reseau-voisin" });
  await createPartner(db, { networkId: elsewhere.id, name: "Partenaire d'un autre réseau" });

  const ft = ids.franceTravail;
  // Came, then closed by hand: still came.
  await referral(ft, "2026-11-02T09:00:00Z", { answeredAfter: 2, steps: [["accepted", 2], ["booked", 3], ["came", 72], ["closed", 80]] });
  await referral(ft, "2026-11-03T09:00:00Z", { answeredAfter: 4, steps: [["booked", 4], ["no_show", 48]] });
  await referral(ft, "2026-11-04T09:00:00Z", { steps: [["expired", 30 * 24]] });
  await referral(ft, "2026-11-05T09:00:00Z", { answeredAfter: 10, steps: [["refused", 10]] });
  // Came and help given.
  await referral(ft, "2026-11-06T09:00:00Z", { answeredAfter: 1, steps: [["accepted", 1], ["booked", 5], ["came", 50], ["helped", 51]] });
  // 1 November at 0 h 30 in Orléans: in November.
  await referral(ft, "2026-10-31T23:30:00Z");
  // Came, the person erased since: still counted.
  await referral(ft, "2026-11-10T09:00:00Z", { answeredAfter: 3, steps: [["booked", 3], ["came", 24]], erased: true });
  // 1 December at 0 h 30 in Orléans: not in November.
  await referral(ft, "2026-11-30T23:30:00Z", { answeredAfter: 1, steps: [["accepted", 1]] });
  // To the other place.
  await referral(ft, "2026-11-12T09:00:00Z", { placeId: ids.otherPlace, answeredAfter: 100, steps: [["accepted", 100]] });
  // Booked, then the booking cancelled (to contact again): it had an appointment.
  await referral(ids.ccas, "2026-11-16T09:00:00Z", { answeredAfter: 50, steps: [["booked", 50], ["accepted", 60]] });
});

afterAll(async () => {
  await h?.close();
  await database?.close();
});

const NOVEMBER = { from: "2026-11-01", to: "2026-11-30" } as const;

describe("partnerFigures", () => {
  it("counts per partner what became of the referrals sent in the period to the chosen places, with the median delay to the first answer", async () => {
    const figures = await partnerFigures(database.db, { networkId: ids.network, placeIds: [ids.place], ...NOVEMBER });
    expect(figures.partners).toEqual([
      { partnerId: ids.ccas, name: "CCAS d'Orléans", sent: 1, answered: 1, booked: 1, came: 0, noShow: 0, expired: 0, refused: 0, medianDelaySeconds: 50 * 3600 },
      { partnerId: ids.franceTravail, name: "France Travail — Orléans Nord", sent: 7, answered: 5, booked: 4, came: 3, noShow: 1, expired: 1, refused: 1, medianDelaySeconds: 3 * 3600 },
      { partnerId: ids.missionLocale, name: "Mission locale", sent: 0, answered: 0, booked: 0, came: 0, noShow: 0, expired: 0, refused: 0, medianDelaySeconds: null },
    ]);
    // The median of 1, 2, 3, 4, 10 and 50 hours.
    expect(figures.total).toEqual({ partnerId: null, name: "", sent: 8, answered: 6, booked: 5, came: 3, noShow: 1, expired: 1, refused: 1, medianDelaySeconds: 3.5 * 3600 });
  });

  it("counts the other places when they are chosen, and nothing outside the period", async () => {
    const both = await partnerFigures(database.db, { networkId: ids.network, placeIds: [ids.place, ids.otherPlace], ...NOVEMBER });
    expect(both.partners.find((p) => p.partnerId === ids.franceTravail)).toMatchObject({ sent: 8, answered: 6 });
    const december = await partnerFigures(database.db, { networkId: ids.network, placeIds: [ids.place, ids.otherPlace], from: "2026-12-01", to: "2026-12-31" });
    expect(december.total).toMatchObject({ sent: 1, answered: 1 });
    const none = await partnerFigures(database.db, { networkId: ids.network, placeIds: [], ...NOVEMBER });
    expect(none.total.sent).toBe(0);
    expect(none.partners).toHaveLength(3);
  });

  it("has no rows for a network without partners", async () => {
    const lonely = await createNetwork(database.db, { slug: "reseau-sans-partenaire" });
    const figures = await partnerFigures(database.db, { networkId: lonely.id, placeIds: [ids.place], ...NOVEMBER });
    expect(figures.partners).toEqual([]);
    expect(figures.total.sent).toBe(0);
  });
});

describe("the network's statistics page", () => {
  it("shows the partners' table to the coordinator: a caption, headers with their scope, delays in words, no person", async () => {
    await h.person("coordinator", { role: "coordinator", networkId: ids.network });
    const response = await h.get("coordinator", "/gestion/reseaux/reseau-chiffres/statistiques?du=2026-11-01&au=2026-11-30");
    expect(response.status).toBe(200);
    const page = await html(response);
    const section = page.slice(page.indexOf('id="orientations-partenaires"'));
    expect(section).toContain("<h2 id=\"titre-orientations-partenaires\">Orientations des partenaires</h2>");
    expect(section).toContain("<caption>Orientations par partenaire, envoyées du 1er novembre 2026 au 30 novembre 2026</caption>");
    expect(section).toContain('<th scope="col" class="num">Délai médian avant le premier contact</th>');
    expect(section).toMatch(/<th scope="row">France Travail — Orléans Nord<\/th><td class="num">8<\/td><td class="num">6<\/td><td class="num">4<\/td><td class="num">3<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">4 heures<\/td>/);
    expect(section).toContain('<th scope="row">CCAS d\'Orléans</th>');
    expect(section).toContain("2 jours");
    expect(section).toMatch(/<th scope="row">Mission locale<\/th>(<td class="num">0<\/td>){7}<td class="num">—<\/td>/);
    expect(section).toMatch(/<tfoot><tr><th scope="row">Tous les partenaires<\/th><td class="num">9<\/td>/);
    expect(page).not.toContain("Partenaire d'un autre réseau");
    expect(page).not.toContain("Prénom");
  });
});
