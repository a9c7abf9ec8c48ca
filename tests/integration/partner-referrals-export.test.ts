/**
 * The partner's follow-up as XLSX (/gestion/partenaires/:partnerId/orientations.xlsx) through the
 * real request handler, read back with exceljs, on PGlite or PostgreSQL (TEST_DATABASE_URL): one
 * row per referral of the organisation with the person, the needs and the status in words, the
 * appointment, the delay to the first answer; `?conseiller=moi`; never another organisation's
 * referrals; an erased person's row without them; only the organisation's advisers.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { attachToNetwork, createNetwork, createPartner, createPlace, createReferralRow, createResource } from "~/features/demo/factories.server";
import { ReferralSchema } from "~/features/referrals/referral-form";
import { wallClockDate } from "~/features/referrals/referrals-export";
import { createReferral, referralPlace } from "~/features/referrals/referrals.server";
import { parseForm } from "~/lib/forms";
import { createTestDatabase } from "../support/database";
import { startHarness, type Harness } from "../support/harness";

let database: Database;
let h: Harness;
const ids = { partner: "", adviser: "", colleague: "" };
let slotStart = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  h = await startHarness(database);
  const network = await createNetwork(db, { slug: "reseau-suivi" });
  const partner = await createPartner(db, { networkId: network.id, name: "CCAS d'Orléans" });
  const other = await createPartner(db, { networkId: network.id, name: "Mission locale" });
  ids.partner = partner.id;
  const place = await createPlace(db, { name: "EPN de la Source", openingHours: "Mo-Su 00:00-24:00" });
  await attachToNetwork(db, { placeId: place.id, networkId: network.id });
  await createResource(db, { placeId: place.id, name: "Poste 1", minMinutes: 60, maxMinutes: 60, gridMinutes: 60, minLeadMinutes: 0 });
  ids.adviser = await h.person("adviser", { role: "partner", partnerId: partner.id, networkId: network.id, name: "Claire Conseillère" });
  ids.colleague = await h.person("colleague", { role: "partner", partnerId: partner.id, networkId: network.id, name: "Karim Collègue" });
  await h.person("otherAdviser", { role: "partner", partnerId: other.id, networkId: network.id });
  await h.person("mediator", { role: "mediator", placeId: place.id });
  await h.person("coordinator", { role: "coordinator", networkId: network.id });

  const common = { partnerId: partner.id, networkId: network.id, placeId: place.id };
  // Sent on Tuesday 24 November 2026 at 10 h 15 in Orléans, answered 26 h 30 later, the person came.
  await createReferralRow(db, {
    ...common, adviserId: ids.adviser, firstName: "Mehdi", lastName: "Benali", phone: "+33612345678", email: "mehdi@exemple.fr", contactPreference: "sms",
    themes: ["InsertionProfessionnelle", "Email"], partnerReference: "DOS-4512", status: "came",
    createdAt: new Date("2026-11-24T09:15:00Z"), firstAnsweredAt: new Date("2026-11-25T11:45:00Z"), statusAt: new Date("2026-11-27T13:00:00Z"),
  });
  // The colleague's, erased after the retention period.
  await createReferralRow(db, {
    ...common, adviserId: ids.colleague, firstName: null, lastName: null, phone: null, email: null, status: "expired",
    createdAt: new Date("2026-03-02T08:00:00Z"), statusAt: new Date("2026-04-01T08:00:00Z"), closedAt: new Date("2026-04-01T08:00:00Z"), erasedAt: new Date("2026-10-02T08:00:00Z"),
  });
  // Another organisation's: never in this one's file.
  await createReferralRow(db, { ...common, partnerId: other.id, firstName: "Inès", lastName: "Autre", createdAt: new Date("2026-11-20T09:00:00Z") });
  // Referred with a computer slot booked at once (the adviser's form), today.
  const where = (await referralPlace(db, { networkId: network.id, slug: place.slug, now: Date.now() }))!;
  const slot = where.offers[0]!.slots[0]!;
  slotStart = slot.start;
  const parsed = parseForm(ReferralSchema, {
    prenom: "Awa", nom: "Diallo", telephone: "07 11 22 33 44", courriel: "", contact: "phone", besoins: ["AideAuxDemarchesAdministratives"], note: "", reference: "",
    consentement: "oui", rendez_vous: `creneau:${where.offers[0]!.key}:${new Date(slot.start).toISOString()}`, cle: "",
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const created = await createReferral(db, { partner, adviserId: ids.adviser, place, values: parsed.values, baseUrl: "https://epn.example", options: { secret: "s".repeat(40), baseUrl: "https://epn.example" } });
  expect(created).toMatchObject({ kind: "created", status: "booked" });
});

afterAll(async () => {
  await h?.close();
  await database?.close();
});

const url = () => `/gestion/partenaires/${ids.partner}/orientations.xlsx`;

async function sheetOf(response: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("Orientations")!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe("the follow-up as a spreadsheet", () => {
  it("has one row per referral of the organisation, newest first, with the person, the needs and the status in words", async () => {
    const response = await h.get("adviser", url());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="orientations-ccas-d-orleans-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const [header, ...rows] = await sheetOf(response);
    expect(header).toEqual([
      "Envoyée le", "Conseiller", "Prénom", "Nom", "Téléphone", "Adresse mail", "Besoins", "Lieu", "Où en est-elle ?", "Depuis le", "Rendez-vous",
      "Délai de première réponse (heures)", "Votre référence",
    ]);
    expect(rows.map((r) => r[2])).toEqual(["Awa", "Mehdi", "(coordonnées effacées)"]);
    const [booked, came, erased] = rows as unknown[][];
    expect(booked!.slice(1, 9)).toEqual(["Claire Conseillère", "Awa", "Diallo", "07 11 22 33 44", undefined, "Aide aux démarches administratives", "EPN de la Source", "Rendez-vous pris"]);
    expect(booked![10]).toEqual(wallClockDate(new Date(slotStart), "Europe/Paris"));
    // Dates as the place's clock showed them (10 h 15 in Orléans is 9 h 15 UTC in November).
    expect(came).toEqual([
      new Date("2026-11-24T10:15:00Z"), "Claire Conseillère", "Mehdi", "Benali", "06 12 34 56 78", "mehdi@exemple.fr", "Insertion professionnelle, E-mail", "EPN de la Source",
      "Venue", new Date("2026-11-27T14:00:00Z"), undefined, 26.5, "DOS-4512",
    ]);
    expect(erased!.slice(0, 10)).toEqual([
      new Date("2026-03-02T09:00:00Z"), "Karim Collègue", "(coordonnées effacées)", undefined, undefined, undefined, "Aide aux démarches administratives", "EPN de la Source",
      "Expirée sans réponse", new Date("2026-04-01T10:00:00Z"),
    ]);
    expect(JSON.stringify(rows)).not.toContain("Inès");
  });

  it("keeps the signed-in adviser's referrals only with ?conseiller=moi", async () => {
    const mine = (await sheetOf(await h.get("colleague", `${url()}?conseiller=moi`))).slice(1);
    expect(mine.map((r) => r[1])).toEqual(["Karim Collègue"]);
  });

  it("is the organisation's advisers' only: another organisation's, the place's staff, the coordinator get 403; a visitor signs in", async () => {
    for (const who of ["otherAdviser", "mediator", "coordinator"]) expect((await h.get(who, url())).status).toBe(403);
    const anonymous = await h.get(null, url());
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe(`/connexion?retour=${encodeURIComponent(url())}`);
  });
});
