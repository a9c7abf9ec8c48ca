/**
 * Referrals (app/features/referrals) on the test database — PGlite, or PostgreSQL with
 * TEST_DATABASE_URL: referring with or without a booking, writing nothing on bad input; the place's
 * answers and their race; the referral following its booking's attendance, a workshop seat's and the
 * help record by itself (drizzle/0020's triggers); reminders and expiry on a controlled clock; erasure
 * after the retention period.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { queryRows } from "~/db/client.server";
import { bookings, emailOutbox, jobs, referralEvents, referrals, referralSettings, workshopAttendance, workshopRegistrations } from "~/db/schema";
import {
  attachToNetwork, createHelpRecord, createNetwork, createPartner, createPlace, createReferralRow, createResource, createStaffUser, createWorkshop,
} from "~/features/demo/factories.server";
import { ReferralSchema } from "~/features/referrals/referral-form";
import { answerReferral, createReferral, followUpReferrals, getReferral, listPartnerReferrals, listPlaceReferrals, referralPlace } from "~/features/referrals/referrals.server";
import { eraseClosedReferrals } from "~/features/referrals/retention.server";
import { cancelBooking, setAttendance } from "~/features/scheduling/bookings.server";
import { parseForm } from "~/lib/forms";
import { createTestDatabase } from "../support/database";

let database: Database;
const DAY = 86_400_000;
const options = { secret: "secret-de-test-secret-de-test-0123456789", baseUrl: "https://epn.example" };

let network: { id: string };
let partner: { id: string; name: string; networkId: string };
let place: { id: string; slug: string; name: string };
let adviser: { id: string };
let mediator: { id: string; email: string };

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  network = await createNetwork(db, { slug: "reseau-orientations" });
  partner = await createPartner(db, { networkId: network.id, name: "France Travail — agence d'Orléans Nord" });
  // Open every day, all day: a slot is free whatever the hour the test runs.
  const p = await createPlace(db, { name: "EPN de la Source", openingHours: "Mo-Su 00:00-24:00" });
  place = { id: p.id, slug: p.slug, name: p.name };
  await attachToNetwork(db, { placeId: place.id, networkId: network.id });
  await createResource(db, { placeId: place.id, name: "Poste 1", minMinutes: 60, maxMinutes: 60, gridMinutes: 60, minLeadMinutes: 0 });
  adviser = await createStaffUser(db, { role: "partner", partnerId: partner.id, networkId: network.id });
  mediator = await createStaffUser(db, { role: "mediator", placeId: place.id });
});
afterAll(async () => database?.close());

const form = (extra: Record<string, string | string[]> = {}) => ({
  prenom: "Mehdi", nom: "Benali", telephone: "06 12 34 56 78", courriel: "", contact: "sms", besoins: ["InsertionProfessionnelle", "Email"],
  note: "Créer son espace France Travail.", reference: "DOS-4512", consentement: "oui", rendez_vous: "", cle: "", ...extra,
});

function values(extra: Record<string, string | string[]> = {}) {
  const parsed = parseForm(ReferralSchema, form(extra));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.values;
}

const refer = (extra: Record<string, string | string[]> = {}, now = Date.now()) =>
  createReferral(database.db, { partner, adviserId: adviser.id, place, values: values(extra), baseUrl: options.baseUrl, options: { ...options, now } });

async function statusOf(id: string) {
  const [row] = await database.db.select({ status: referrals.status, closedAt: referrals.closedAt }).from(referrals).where(eq(referrals.id, id));
  return row!;
}
const eventsOf = (id: string) => database.db.select().from(referralEvents).where(eq(referralEvents.referralId, id)).orderBy(referralEvents.seq);

describe("the referral form", () => {
  it("refuses in French what the table would refuse: no consent, no way to reach the person, SMS to a landline", () => {
    const bad = (extra: Record<string, string | string[]>) => {
      const parsed = parseForm(ReferralSchema, form(extra));
      return parsed.ok ? {} : parsed.errors;
    };
    expect(bad({ consentement: "" }).consentement).toMatch(/d'accord/);
    expect(bad({ telephone: "", courriel: "" }).telephone).toMatch(/téléphone ou une adresse mail/);
    expect(bad({ contact: "email" }).courriel).toMatch(/adresse mail/);
    expect(bad({ telephone: "02 38 00 00 00" }).telephone).toMatch(/fixe/);
    expect(bad({ besoins: [] }).besoins).toMatch(/au moins un besoin/);
    expect(bad({ besoins: ["Inconnu"] }).besoins).toMatch(/au moins un besoin/);
    expect(bad({ rendez_vous: "creneau:ordinateur:demain" }).rendez_vous).toMatch(/n'existe pas/);
    expect(bad({ prenom: " " }).prenom).toMatch(/prénom/);
  });
});

describe("referring", () => {
  it("sends a referral the place must answer: the first event, the mail to the place's staff, the notice job, the consent stored", async () => {
    const before = (await database.db.select().from(emailOutbox)).length;
    const result = await refer();
    expect(result.kind).toBe("created");
    if (result.kind !== "created") return;
    expect(result.status).toBe("sent");
    const detail = (await getReferral(database.db, result.id))!;
    expect(detail).toMatchObject({ firstName: "Mehdi", lastName: "Benali", phone: "+33612345678", contactPreference: "sms", partnerReference: "DOS-4512", status: "sent" });
    expect(detail.consentWording).toContain("France Travail — agence d'Orléans Nord");
    expect(detail.consentWording).toContain("6 mois");
    expect(detail.events.map((e) => e.status)).toEqual(["sent"]);
    const mails = (await database.db.select().from(emailOutbox)).slice(before);
    expect(mails.map((m) => m.toAddress)).toEqual([mediator.email]);
    expect(mails[0]!.subject).toBe("Nouvelle orientation : Mehdi B., envoyée par France Travail — agence d'Orléans Nord");
    const [notice] = await database.db.select().from(jobs).where(eq(jobs.key, `referral.notice:${detail.events[0]!.id}`));
    expect(notice?.kind).toBe("referral.notice");
    expect(JSON.stringify(notice?.payload)).not.toContain("Mehdi");
  });

  it("books a computer slot for the person at once: « Rendez-vous pris », the booking made by the adviser with the public's rules, the person's SMS queued", async () => {
    const where = (await referralPlace(database.db, { networkId: network.id, slug: place.slug, now: Date.now() }))!;
    const slot = where.offers[0]!.slots[0]!;
    const result = await refer({ rendez_vous: `creneau:${where.offers[0]!.key}:${new Date(slot.start).toISOString()}` });
    expect(result).toMatchObject({ kind: "created", status: "booked", start: slot.start });
    if (result.kind !== "created") return;
    const detail = (await getReferral(database.db, result.id))!;
    expect(detail.events.map((e) => e.status)).toEqual(["booked", "sent"]);
    const [booking] = await database.db.select().from(bookings).where(eq(bookings.id, detail.bookingId!));
    expect(booking).toMatchObject({ source: "api", createdBy: adviser.id, firstName: "Mehdi", phone: "+33612345678", status: "confirmed" });
    const sms = await queryRows(database.db, sql`select count(*)::int as n from sms_outbox where to_number = '+33612345678'`);
    expect(Number(sms[0]!.n)).toBeGreaterThan(0);
  });

  it("writes nothing when the slot was taken meanwhile: no referral, no booking", async () => {
    const where = (await referralPlace(database.db, { networkId: network.id, slug: place.slug, now: Date.now() }))!;
    const slot = where.offers[0]!.slots[1]!;
    const choice = `creneau:${where.offers[0]!.key}:${new Date(slot.start).toISOString()}`;
    expect((await refer({ rendez_vous: choice, telephone: "06 00 00 00 01" })).kind).toBe("created");
    const [{ n: before }] = (await queryRows(database.db, sql`select count(*)::int as n from referrals`)) as { n: number }[];
    const again = await refer({ rendez_vous: choice, telephone: "06 00 00 00 02" });
    expect(again).toEqual({ kind: "invalid", errors: { rendez_vous: expect.stringMatching(/vient d'être pris/) } });
    const [{ n: after }] = (await queryRows(database.db, sql`select count(*)::int as n from referrals`)) as { n: number }[];
    expect(Number(after)).toBe(Number(before));
  });

  it("makes one referral of a form sent twice at once (its key)", async () => {
    const key = "cle-orientation-0123456789abcd";
    const [a, b] = await Promise.all([refer({ cle: key }), refer({ cle: key })]);
    expect(a.kind === "created" && b.kind === "created" && a.id === b.id).toBe(true);
    const rows = await database.db.select().from(referrals).where(eq(referrals.idempotencyKey, key));
    expect(rows).toHaveLength(1);
  });

  it("refuses a place outside the partner's network", async () => {
    const other = await createPlace(database.db, { name: "EPN d'ailleurs" });
    expect(await referralPlace(database.db, { networkId: network.id, slug: other.slug, now: Date.now() })).toBeNull();
  });
});

describe("the place answers", () => {
  const answer = (id: string, a: Parameters<typeof answerReferral>[1]["answer"], scope: { placeId: string } | { partnerId: string } = { placeId: place.id }) =>
    answerReferral(database.db, { referralId: id, scope, answer: a, actorUserId: mediator.id, baseUrl: options.baseUrl, options });

  it("accepts, notes a contact attempt, then books: each step an event; the first answer dated", async () => {
    const r = await createReferralRow(database.db, { partnerId: partner.id, networkId: network.id, placeId: place.id, adviserId: adviser.id });
    expect(await answer(r.id, { kind: "contact", note: "Pas de réponse, message laissé." })).toMatchObject({ kind: "done", status: "accepted" });
    const where = (await referralPlace(database.db, { networkId: network.id, slug: place.slug, now: Date.now() }))!;
    const slot = where.offers[0]!.slots.at(-1)!;
    const booked = await answer(r.id, { kind: "book", appointment: { kind: "slot", offer: where.offers[0]!.key, start: slot.start } });
    expect(booked).toMatchObject({ kind: "done", status: "booked", start: slot.start });
    const events = await eventsOf(r.id);
    expect(events.map((e) => [e.kind, e.status])).toEqual([["status", "sent"], ["status", "accepted"], ["contact-attempt", "accepted"], ["status", "booked"]]);
    expect(events[2]!.detail).toBe("Pas de réponse, message laissé.");
    const [row] = await database.db.select().from(referrals).where(eq(referrals.id, r.id));
    expect(row!.firstAnsweredAt).not.toBeNull();
    const [booking] = await database.db.select().from(bookings).where(eq(bookings.id, row!.bookingId!));
    expect(booking!.source).toBe("desk");
  });

  it("refuses with the reason; then nothing else is possible", async () => {
    const r = await createReferralRow(database.db, { partnerId: partner.id, networkId: network.id, placeId: place.id });
    expect(await answer(r.id, { kind: "refuse", reason: "Nous ne faisons pas d'accompagnement à l'emploi." })).toMatchObject({ kind: "done", status: "refused" });
    expect(await answer(r.id, { kind: "accept" })).toEqual({ kind: "invalid", errors: { form: "Ce n'est plus possible : l'orientation est maintenant « Refusée »." } });
    expect((await statusOf(r.id)).closedAt).not.toBeNull();
  });

  it("lets two mediators answer at once: one acts, the other is told what it became", async () => {
    const r = await createReferralRow(database.db, { partnerId: partner.id, networkId: network.id, placeId: place.id });
    const results = await Promise.all([answer(r.id, { kind: "accept" }), answer(r.id, { kind: "accept" })]);
    expect(results.filter((x) => x.kind === "done")).toHaveLength(1);
    expect(results.filter((x) => x.kind === "invalid")).toHaveLength(1);
    expect((await eventsOf(r.id)).filter((e) => e.status !== "sent")).toHaveLength(1);
  });

  it("keeps a referral to its place and its partner: another place's staff or another partner cannot act on it", async () => {
    const r = await createReferralRow(database.db, { partnerId: partner.id, networkId: network.id, placeId: place.id });
    const otherPlace = await createPlace(database.db);
    const otherPartner = await createPartner(database.db, { networkId: network.id, kind: "ccas", name: "CCAS d'Orléans" });
    expect(await answer(r.id, { kind: "accept" }, { placeId: otherPlace.id })).toEqual({ kind: "not-found" });
    expect(await answer(r.id, { kind: "close", reason: null }, { partnerId: otherPartner.id })).toEqual({ kind: "not-found" });
    expect(await answer(r.id, { kind: "accept" }, { partnerId: partner.id })).toMatchObject({ kind: "invalid" });
    expect(await answer(r.id, { kind: "close", reason: "La personne a trouvé un emploi." }, { partnerId: partner.id })).toMatchObject({ kind: "done", status: "closed" });
  });

  it("lists the inbox by tab and the partner's follow-up", async () => {
    const fresh = await createReferralRow(database.db, { partnerId: partner.id, networkId: network.id, placeId: place.id, adviserId: adviser.id });
    const inbox = await listPlaceReferrals(database.db, { placeId: place.id, tab: "new" });
    expect(inbox.map((x) => x.id)).toContain(fresh.id);
    const mine = await listPartnerReferrals(database.db, { partnerId: partner.id, adviserId: adviser.id });
    expect(mine.map((x) => x.id)).toContain(fresh.id);
    expect(mine.every((x) => x.adviserName !== null)).toBe(true);
  });
});

describe("following the booking by itself", () => {
  it("came, no-show, excused from the booking's attendance; back to « À contacter » when it is cancelled", async () => {
    const result = await refer({ telephone: "06 11 11 11 11" });
    if (result.kind !== "created") throw new Error("not created");
    const where = (await referralPlace(database.db, { networkId: network.id, slug: place.slug, now: Date.now() }))!;
    const slot = where.offers[0]!.slots[2]!;
    await answerReferral(database.db, { referralId: result.id, scope: { placeId: place.id }, answer: { kind: "book", appointment: { kind: "slot", offer: where.offers[0]!.key, start: slot.start } }, actorUserId: mediator.id, baseUrl: options.baseUrl, options });
    const { bookingId } = (await getReferral(database.db, result.id))!;
    const mark = (attendance: "present" | "absent" | "excused" | null) => setAttendance(database.db, { bookingId: bookingId!, placeId: place.id, attendance, actorUserId: mediator.id });
    await mark("absent");
    expect((await statusOf(result.id)).status).toBe("no_show");
    await mark("excused");
    expect((await statusOf(result.id)).status).toBe("excused");
    await mark("present");
    expect(await statusOf(result.id)).toMatchObject({ status: "came", closedAt: expect.any(Date) });
    await mark(null);
    expect(await statusOf(result.id)).toMatchObject({ status: "booked", closedAt: null });
    await cancelBooking(database.db, { bookingId: bookingId!, by: "staff", placeId: place.id, actorUserId: mediator.id, baseUrl: options.baseUrl });
    const after = (await getReferral(database.db, result.id))!;
    expect(after.status).toBe("accepted");
    expect(after.bookingId).toBeNull();
    expect(after.events.map((e) => e.status).slice(0, 5)).toEqual(["accepted", "booked", "came", "excused", "no_show"]);
  });

  it("« Accompagnement réalisé » once the mediator's help record of that booking is done", async () => {
    const where = (await referralPlace(database.db, { networkId: network.id, slug: place.slug, now: Date.now() }))!;
    const slot = where.offers[0]!.slots[3]!;
    const result = await refer({ telephone: "06 22 22 22 22", rendez_vous: `creneau:${where.offers[0]!.key}:${new Date(slot.start).toISOString()}` });
    if (result.kind !== "created") throw new Error("not created");
    const { bookingId } = (await getReferral(database.db, result.id))!;
    await setAttendance(database.db, { bookingId: bookingId!, placeId: place.id, attendance: "present", actorUserId: mediator.id });
    const record = await createHelpRecord(database.db, { placeId: place.id, bookingId, mediatorId: mediator.id });
    const after = (await getReferral(database.db, result.id))!;
    expect(after.status).toBe("helped");
    const [row] = await database.db.select({ helpRecordId: referrals.helpRecordId }).from(referrals).where(eq(referrals.id, result.id));
    expect(row!.helpRecordId).toBe(record.id);
  });

  it("a workshop seat: registered at once, then came from the session's attendance", async () => {
    const { sessionIds } = await createWorkshop(database.db, { placeId: place.id, sessions: [new Date(Date.now() + 3 * DAY)], published: true });
    const where = (await referralPlace(database.db, { networkId: network.id, slug: place.slug, now: Date.now() }))!;
    expect(where.sessions.map((s) => s.id)).toContain(sessionIds[0]);
    const result = await refer({ telephone: "06 33 33 33 33", rendez_vous: `atelier:${sessionIds[0]}` });
    expect(result).toMatchObject({ kind: "created", status: "booked" });
    if (result.kind !== "created") return;
    const { registrationId } = (await getReferral(database.db, result.id))!;
    const [registration] = await database.db.select().from(workshopRegistrations).where(eq(workshopRegistrations.id, registrationId!));
    expect(registration).toMatchObject({ status: "registered", source: "api" });
    await database.db.insert(workshopAttendance).values({ sessionId: sessionIds[0]!, registrationId: registrationId!, attendance: "present" });
    expect((await statusOf(result.id)).status).toBe("came");
    await database.db.update(workshopAttendance).set({ attendance: "absent" }).where(and(eq(workshopAttendance.registrationId, registrationId!)));
    expect((await statusOf(result.id)).status).toBe("no_show");
  });
});

describe("reminders, expiry, erasure", () => {
  it("reminds the place every 10 days, then expires the referral after 30 days without answer (a controlled clock)", async () => {
    const created = new Date("2026-11-01T09:00:00Z");
    const r = await createReferralRow(database.db, { partnerId: partner.id, networkId: network.id, placeId: place.id, createdAt: created });
    const at = (days: number) => new Date(created.getTime() + days * DAY + 3_600_000);
    const run = (days: number) => followUpReferrals(database.db, { now: at(days), baseUrl: options.baseUrl });
    await run(5);
    expect((await eventsOf(r.id)).filter((e) => e.kind === "reminder")).toHaveLength(0);
    await run(10);
    await run(10); // idempotent: a second run the same day sends nothing more
    await run(20);
    const reminders = (await eventsOf(r.id)).filter((e) => e.kind === "reminder");
    expect(reminders.map((e) => e.detail)).toEqual(["1", "2"]);
    const mails = await database.db.select().from(emailOutbox).where(sql`${emailOutbox.subject} like 'Relance : orientation%'`);
    expect(mails.filter((m) => m.toAddress === mediator.email).length).toBeGreaterThanOrEqual(2);
    expect((await statusOf(r.id)).status).toBe("sent");
    await run(30);
    expect(await statusOf(r.id)).toMatchObject({ status: "expired", closedAt: at(30) });
  });

  it("follows the network's own rules", async () => {
    const strict = await createNetwork(database.db, { slug: "reseau-strict" });
    await database.db.insert(referralSettings).values({ networkId: strict.id, expiryDays: 7, reminderDays: 3, retentionMonths: 1 });
    const other = await createPartner(database.db, { networkId: strict.id });
    const created = new Date("2026-11-01T09:00:00Z");
    const r = await createReferralRow(database.db, { partnerId: other.id, networkId: strict.id, placeId: place.id, createdAt: created });
    await followUpReferrals(database.db, { now: new Date(created.getTime() + 7 * DAY), baseUrl: options.baseUrl });
    expect((await statusOf(r.id)).status).toBe("expired");
  });

  it("erases the person six months after the referral closed, keeping the anonymous row for the figures", async () => {
    const r = await createReferralRow(database.db, { partnerId: partner.id, networkId: network.id, placeId: place.id });
    await answerReferral(database.db, { referralId: r.id, scope: { placeId: place.id }, answer: { kind: "refuse", reason: "Hors de notre secteur." }, actorUserId: mediator.id, baseUrl: options.baseUrl, options });
    const closedAt = (await statusOf(r.id)).closedAt!;
    await eraseClosedReferrals(database.db, new Date(closedAt.getTime() + 5 * 30 * DAY));
    expect((await getReferral(database.db, r.id))!.erased).toBe(false);
    expect(await eraseClosedReferrals(database.db, new Date(closedAt.getTime() + 190 * DAY))).toBeGreaterThanOrEqual(1);
    const after = (await getReferral(database.db, r.id))!;
    expect(after).toMatchObject({ firstName: null, lastName: null, phone: null, email: null, note: null, refusalReason: null, status: "refused", erased: true });
    expect(after.events.every((e) => e.detail === null)).toBe(true);
  });
});
