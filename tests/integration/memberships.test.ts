/**
 * Memberships (app/features/memberships) on the test database — PGlite, or PostgreSQL with
 * TEST_DATABASE_URL: the dates of a membership granted and of a renewal (which continues the
 * current one), cancelling those of a sale; « Réservé aux adhérents » refused online, at the desk
 * (unless a manager overrides) and for a workshop, accepted for a member known by phone or email;
 * the reminder job a month before the end, sent by mail, skipped after a renewal or a
 * cancellation; retention keeps a member; the members page for the place's staff only.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "~/db/client.server";
import { beneficiaries, emailOutbox, jobs, placeMemberships, sales } from "~/db/schema";
import {
  attachToNetwork, createBeneficiary, createCashDay, createNetwork, createPlace, createPlaceMembership, createPriceCategory, createResource, createStaffUser, createTariffItem, createWorkshop,
} from "~/features/demo/factories.server";
import { runDueJobs } from "~/features/jobs/queue.server";
import { anonymiseInactiveBeneficiaries } from "~/features/mediation/people-retention.server";
import {
  activeMembershipOn, cancelMembershipsOfSale, grantMembership, isMemberByContact, listMembers, MEMBERSHIP_REMIND, membershipReminderKey, membershipRemindHandler,
  memberUntil, sendMembershipReminder,
} from "~/features/memberships/memberships.server";
import { refusalMessage, type Person } from "~/features/scheduling/booking-form";
import { createBooking, type BookRequest } from "~/features/scheduling/bookings.server";
import { bookOnBehalf } from "~/features/scheduling/desk.server";
import { registerFromPublic } from "~/features/workshops/public-session.server";
import { registerForSession } from "~/features/workshops/seats.server";
import { fr } from "~/lib/messages";
import { createTestDatabase } from "../support/database";
import { startHarness, type Harness } from "../support/harness";

let database: Database;
let h: Harness;
beforeAll(async () => {
  database = await createTestDatabase();
  h = await startHarness(database);
}, 120_000);
afterAll(async () => {
  await h?.close();
  await database?.close();
});

const MINUTE = 60_000;
/** Monday 7 December 2026, 8 h in Paris (UTC+1). */
const NOW = Date.parse("2026-12-07T07:00:00Z");
const at = (hhmm: string, day: string) => Date.parse(`${day}T${hhmm}:00+01:00`);
const options = { now: NOW, secret: "secret-de-test-secret-de-test-0123456789", baseUrl: "https://epn.example" };
const phone = (n: number) => `+33612${String(n).padStart(6, "0")}`;
const person = (n: number, extra: Partial<Person> = {}): Person => ({ firstName: `Personne ${n}`, phone: phone(n), email: null, note: null, reason: null, ...extra });
const m = fr.memberships;

/** A place whose phone is known, a member (by phone n) whose membership covers December 2026. */
async function placeWithMember(n: number, extra: Partial<Parameters<typeof createBeneficiary>[1]> = {}) {
  const place = await createPlace(database.db, { openingHours: "Mo-Fr 09:00-12:00,14:00-18:00", phone: "+33545000000" });
  const member = await createBeneficiary(database.db, { placeId: place.id, firstName: "Lucienne", lastName: "B.", phone: phone(n), ...extra });
  await createPlaceMembership(database.db, { placeId: place.id, beneficiaryId: member.id, startsOn: "2026-12-01", endsOn: "2027-11-30" });
  return { place, member };
}

describe("granting and renewing", () => {
  it("starts today and lasts the months asked, less a day; a renewal continues the current one; the reminder a month before the end at 10:00", async () => {
    const place = await createPlace(database.db);
    const person = await createBeneficiary(database.db, { placeId: place.id });
    const item = await createTariffItem(database.db, { placeId: place.id, kind: "membership", name: "Adhésion annuelle", unit: "period", membershipMonths: 12, prices: [{ unitPriceCents: 1000 }] });
    const category = await createPriceCategory(database.db, { placeId: place.id });
    const grant = (today: string, months = 12) =>
      database.db.transaction((tx) => grantMembership(tx, { placeId: place.id, beneficiaryId: person.id, itemId: item.id, categoryId: category.id, months, saleId: null, actorUserId: null, today }));

    const first = await grant("2026-12-07");
    expect(first).toMatchObject({ startsOn: "2026-12-07", endsOn: "2027-12-06" });
    const [job] = await database.db.select().from(jobs).where(eq(jobs.key, membershipReminderKey(first.id)));
    expect(job?.kind).toBe(MEMBERSHIP_REMIND);
    expect(job?.runAt.toISOString()).toBe("2027-11-06T09:00:00.000Z");
    expect(job?.payload).toEqual({ membershipId: first.id });

    const renewal = await grant("2027-10-20");
    expect(renewal).toMatchObject({ startsOn: "2027-12-07", endsOn: "2028-12-06" });
    expect(await activeMembershipOn(database.db, { placeId: place.id, beneficiaryId: person.id, day: "2027-12-06" })).toMatchObject({ id: first.id, categoryId: category.id });
    expect(await activeMembershipOn(database.db, { placeId: place.id, beneficiaryId: person.id, day: "2027-12-07" })).toMatchObject({ id: renewal.id });
    expect(await activeMembershipOn(database.db, { placeId: place.id, beneficiaryId: person.id, day: "2026-12-06" })).toBeUndefined();
    expect(await memberUntil(database.db, { placeId: place.id, beneficiaryId: person.id, day: "2027-01-01" })).toBe("2028-12-06");

    // After it ended, a new membership starts on the day it is bought; a summer month ends the day before the same date.
    const other = await createBeneficiary(database.db, { placeId: place.id });
    await createPlaceMembership(database.db, { placeId: place.id, beneficiaryId: other.id, startsOn: "2025-01-01", endsOn: "2025-12-31" });
    const again = await database.db.transaction((tx) => grantMembership(tx, { placeId: place.id, beneficiaryId: other.id, itemId: item.id, categoryId: null, months: 1, saleId: null, actorUserId: null, today: "2026-07-14" }));
    expect(again).toMatchObject({ startsOn: "2026-07-14", endsOn: "2026-08-13" });
  });

  it("cancels the memberships of a cancelled sale and their reminders; a cancelled one is not continued", async () => {
    const place = await createPlace(database.db);
    const person = await createBeneficiary(database.db, { placeId: place.id });
    const day = await createCashDay(database.db, { placeId: place.id, businessDate: "2026-12-07" });
    const [sale] = await database.db.insert(sales).values({ placeId: place.id, cashDayId: day.id, year: 2026, number: 1, beneficiaryId: person.id, paymentMethod: "cash", totalCents: 1000 }).returning({ id: sales.id });
    const granted = await database.db.transaction((tx) => grantMembership(tx, { placeId: place.id, beneficiaryId: person.id, itemId: null, categoryId: null, months: 12, saleId: sale!.id, actorUserId: null, today: "2026-12-07" }));
    expect(await database.db.transaction((tx) => cancelMembershipsOfSale(tx, { saleId: sale!.id, now: NOW }))).toBe(1);
    const [row] = await database.db.select({ cancelledAt: placeMemberships.cancelledAt }).from(placeMemberships).where(eq(placeMemberships.id, granted.id));
    expect(row?.cancelledAt?.getTime()).toBe(NOW);
    expect(await database.db.select().from(jobs).where(eq(jobs.key, membershipReminderKey(granted.id)))).toHaveLength(0);
    expect(await activeMembershipOn(database.db, { placeId: place.id, beneficiaryId: person.id, day: "2026-12-08" })).toBeUndefined();
    expect(await sendMembershipReminder(database.db, { membershipId: granted.id, now: NOW })).toBe("cancelled");
    const next = await database.db.transaction((tx) => grantMembership(tx, { placeId: place.id, beneficiaryId: person.id, itemId: null, categoryId: null, months: 12, saleId: null, actorUserId: null, today: "2026-12-08" }));
    expect(next.startsOn).toBe("2026-12-08");
  });
});

describe("who is a member, by contact", () => {
  it("finds a member by phone (E.164) or by email in any case; not an anonymised person, not another place's, not outside the dates", async () => {
    const { place } = await placeWithMember(1, { email: "lucienne@exemple.fr" });
    const day = "2026-12-10";
    expect(await isMemberByContact(database.db, { placeId: place.id, phone: phone(1), day })).toBe(true);
    expect(await isMemberByContact(database.db, { placeId: place.id, email: "Lucienne@Exemple.FR", day })).toBe(true);
    expect(await isMemberByContact(database.db, { placeId: place.id, phone: phone(2), email: "autre@exemple.fr", day })).toBe(false);
    expect(await isMemberByContact(database.db, { placeId: place.id, phone: phone(1), day: "2027-12-01" })).toBe(false);
    expect(await isMemberByContact(database.db, { placeId: place.id, day })).toBe(false);
    const elsewhere = await createPlace(database.db);
    expect(await isMemberByContact(database.db, { placeId: elsewhere.id, phone: phone(1), day })).toBe(false);
  });
});

describe("« Réservé aux adhérents » when booking", () => {
  async function station(n: number) {
    const { place, member } = await placeWithMember(n);
    const resource = await createResource(database.db, { placeId: place.id, minMinutes: 60, maxMinutes: 60, gridMinutes: 30, requiresMembership: true });
    const request = (start: number, p: Person, extra: Partial<BookRequest> = {}): BookRequest => ({ placeId: place.id, resourceId: resource.id, start, end: start + 60 * MINUTE, person: p, source: "online", ...extra });
    return { place, member, resource, request };
  }

  it("refuses a non-member online in plain words with the place's phone, writes nothing, and books a member known by phone", async () => {
    const { resource, request } = await station(10);
    const refused = await createBooking(database.db, request(at("14:00", "2026-12-10"), person(11)), options);
    expect(refused).toEqual({ kind: "refused", reason: "members-only", detail: "05 45 00 00 00" });
    if (refused.kind === "refused") expect(refusalMessage(refused.reason, refused.detail)).toBe("Cette réservation est ouverte aux adhérents de l'EPN seulement. Pour adhérer, passez à l'accueil ou appelez le 05 45 00 00 00.");
    expect(await queryRows(database.db, sql`select 1 from bookings where resource_id = ${resource.id}`)).toHaveLength(0);
    expect((await createBooking(database.db, request(at("14:00", "2026-12-10"), person(10)), options)).kind).toBe("booked");
    // The API goes through the same command: a refusal with its code.
    expect((await createBooking(database.db, request(at("15:00", "2026-12-10"), person(12), { source: "api" }), options)).kind).toBe("refused");
  });

  it("at the desk: refuses a non-member with words for the staff; a manager's override books them", async () => {
    const { place, resource } = await station(20);
    const form = (extra: Record<string, string> = {}) => {
      const f = new FormData();
      const entries = { ressource: resource.id, debut: new Date(at("10:00", "2026-12-11")).toISOString(), duree: "60", prenom: "Marcel", telephone: "06 12 00 00 21", cle: `cle-de-test-${Math.random().toString(36).slice(2, 12)}`, ...extra };
      for (const [k, v] of Object.entries(entries)) f.set(k, v);
      return f;
    };
    const refused = await bookOnBehalf(database.db, { placeId: place.id, form: form(), actorUserId: (await staffId(place.id)), mayOverride: false, options });
    expect(refused).toMatchObject({ kind: "invalid", problem: m.deskRefused });
    const notAllowed = await bookOnBehalf(database.db, { placeId: place.id, form: form({ forcer: "1" }), actorUserId: (await staffId(place.id)), mayOverride: false, options });
    expect(notAllowed).toMatchObject({ kind: "invalid", problem: m.deskRefused });
    const forced = await bookOnBehalf(database.db, { placeId: place.id, form: form({ forcer: "1" }), actorUserId: (await staffId(place.id)), mayOverride: true, options });
    expect(forced.kind).toBe("booked");
    const member = await bookOnBehalf(database.db, { placeId: place.id, form: form({ telephone: "06 12 00 00 20", debut: new Date(at("14:00", "2026-12-11")).toISOString() }), actorUserId: (await staffId(place.id)), mayOverride: false, options });
    expect(member.kind).toBe("booked");
  });
});

async function staffId(placeId: string): Promise<string> {
  return (await createStaffUser(database.db, { role: "mediator", placeId })).id;
}

describe("« Réservé aux adhérents » for a workshop", () => {
  it("refuses a non-member online and at the desk, registers a member known by email", async () => {
    const { place } = await placeWithMember(30, { email: "membre@exemple.fr" });
    const { sessionIds } = await createWorkshop(database.db, { placeId: place.id, requiresMembership: true, published: true, sessions: [new Date(at("14:00", "2026-12-15"))] });
    const sessionId = sessionIds[0]!;
    expect(await registerForSession(database.db, { sessionId, person: { firstName: "Marcel", phone: phone(31), email: null }, source: "online" }, options)).toEqual({ kind: "refused", reason: "members-only", placePhone: "+33545000000" });
    expect(await registerForSession(database.db, { sessionId, placeId: place.id, person: { firstName: "Marcel", phone: phone(31), email: null }, source: "desk" }, options)).toMatchObject({ kind: "refused", reason: "members-only" });
    const publicOutcome = await registerFromPublic(database.db, { sessionId, fields: { prenom: "Marcel", telephone: "06 12 00 00 31" }, clientAddress: "192.0.2.31", options });
    expect(publicOutcome).toMatchObject({ kind: "refused", reason: "members-only", message: "Cet atelier est réservé aux adhérents de l'EPN. Pour adhérer, passez à l'accueil ou appelez le 05 45 00 00 00." });
    expect(await queryRows(database.db, sql`select 1 from workshop_registrations where session_id = ${sessionId}`)).toHaveLength(0);
    const done = await registerForSession(database.db, { sessionId, person: { firstName: "Lucienne", phone: null, email: "membre@exemple.fr" }, source: "online" }, options);
    expect(done.kind).toBe("done");
  });
});

describe("the reminder", () => {
  it("mails the member a month before the end; skipped after a renewal", async () => {
    const place = await createPlace(database.db, { name: "EPN de Ruffec", phone: "+33545000001" });
    const email = `membre-${Math.random().toString(36).slice(2, 8)}@exemple.fr`;
    const person = await createBeneficiary(database.db, { placeId: place.id, firstName: "Lucienne", email });
    await database.db.transaction((tx) => grantMembership(tx, { placeId: place.id, beneficiaryId: person.id, itemId: null, categoryId: null, months: 12, saleId: null, actorUserId: null, today: "2026-12-07" }));
    const handlers = { [MEMBERSHIP_REMIND]: membershipRemindHandler() };
    await runDueJobs(database.db, handlers, { now: new Date("2027-11-06T09:00:01Z") });
    const mails = await database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Votre adhésion à EPN de Ruffec se termine bientôt");
    expect(mails[0]!.textBody).toContain("Votre adhésion à EPN de Ruffec se termine le 6 décembre 2027.");
    expect(mails[0]!.textBody).toContain("05 45 00 00 01");

    const other = await createBeneficiary(database.db, { placeId: place.id, firstName: "Marcel", email: `autre-${email}` });
    const first = await database.db.transaction((tx) => grantMembership(tx, { placeId: place.id, beneficiaryId: other.id, itemId: null, categoryId: null, months: 12, saleId: null, actorUserId: null, today: "2026-12-07" }));
    await database.db.transaction((tx) => grantMembership(tx, { placeId: place.id, beneficiaryId: other.id, itemId: null, categoryId: null, months: 12, saleId: null, actorUserId: null, today: "2027-10-01" }));
    expect(await sendMembershipReminder(database.db, { membershipId: first.id, now: NOW })).toBe("renewed");
    expect(await database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, `autre-${email}`))).toHaveLength(0);
  });
});

describe("retention", () => {
  it("does not anonymise a followed person inactive for long who holds a membership not ended", async () => {
    const place = await createPlace(database.db);
    const long = new Date(Date.now() - 3 * 365 * 86_400_000);
    const member = await createBeneficiary(database.db, { placeId: place.id, firstName: "Lucienne", lastActivityAt: long });
    const former = await createBeneficiary(database.db, { placeId: place.id, firstName: "Marcel", lastActivityAt: long });
    await createPlaceMembership(database.db, { placeId: place.id, beneficiaryId: member.id });
    await createPlaceMembership(database.db, { placeId: place.id, beneficiaryId: former.id, startsOn: "2023-01-01", endsOn: "2023-12-31" });
    await anonymiseInactiveBeneficiaries(database.db, new Date());
    const rows = await database.db.select({ id: beneficiaries.id, anonymisedAt: beneficiaries.anonymisedAt }).from(beneficiaries).where(eq(beneficiaries.placeId, place.id));
    expect(rows.find((r) => r.id === member.id)?.anonymisedAt).toBeNull();
    expect(rows.find((r) => r.id === former.id)?.anonymisedAt).not.toBeNull();
  });
});

describe("the members page", () => {
  it("lists members in force, ending within a month, ended in the last 3 months; the place's staff only (a coordinator gets 403)", async () => {
    const { db } = database;
    const place = await createPlace(db, { name: "Médiathèque de Confolens" });
    const network = await createNetwork(db, { slug: `reseau-adherents-${Math.random().toString(36).slice(2, 8)}` });
    await attachToNetwork(db, { placeId: place.id, networkId: network.id });
    const category = await createPriceCategory(db, { placeId: place.id, name: "Étudiants" });
    const day = "2026-12-07";
    const a = await createBeneficiary(db, { placeId: place.id, firstName: "Alice", lastName: "Active" });
    const e = await createBeneficiary(db, { placeId: place.id, firstName: "Emile", lastName: "Endingsoon" });
    const x = await createBeneficiary(db, { placeId: place.id, firstName: "Xavier", lastName: "Expired" });
    const o = await createBeneficiary(db, { placeId: place.id, firstName: "Odile", lastName: "Old" });
    await createPlaceMembership(db, { placeId: place.id, beneficiaryId: a.id, startsOn: "2026-06-01", endsOn: "2027-05-31", categoryId: category.id });
    await createPlaceMembership(db, { placeId: place.id, beneficiaryId: e.id, startsOn: "2026-01-01", endsOn: "2026-12-31" });
    await createPlaceMembership(db, { placeId: place.id, beneficiaryId: x.id, startsOn: "2025-11-01", endsOn: "2026-10-31" });
    await createPlaceMembership(db, { placeId: place.id, beneficiaryId: o.id, startsOn: "2025-01-01", endsOn: "2025-12-31" });
    const names = async (filter: "active" | "ending" | "expired") => (await listMembers(db, { placeId: place.id, day, filter })).map((r) => r.firstName);
    expect(await names("active")).toEqual(["Alice", "Emile"]);
    expect(await names("ending")).toEqual(["Emile"]);
    expect(await names("expired")).toEqual(["Xavier"]);
    expect((await listMembers(db, { placeId: place.id, day, filter: "active" }))[0]).toMatchObject({ since: "2026-06-01", until: "2027-05-31", category: "Étudiants" });

    const url = `/gestion/lieux/${place.id}/caisse/adherents`;
    await h.person("coordinator", { role: "coordinator", networkId: network.id });
    await h.person("mediator", { role: "mediator", placeId: place.id });
    const refused = await h.get("coordinator", url);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain("Alice");
    const page = await h.get("mediator", url);
    expect(page.status).toBe(200);
    const body = (await page.text()).replace(/<!-- -->/g, "");
    expect(body).toContain(`/gestion/lieux/${place.id}/beneficiaires/${a.id}`);
    expect(body).toContain(m.tabs.active);
    const person = await h.get("mediator", `/gestion/lieux/${place.id}/beneficiaires/${a.id}`);
    expect((await person.text()).replace(/<!-- -->/g, "")).toContain("Adhérent jusqu&#x27;au 31 mai 2027");
  });
});

describe("the public pages and the booking API", () => {
  it("say « Réservé aux adhérents »; the API refuses a non-member (422, code members-only) and books a member", async () => {
    const { db } = database;
    const slug = `epn-adherents-${Math.random().toString(36).slice(2, 8)}`;
    const place = await createPlace(db, { slug, openingHours: "Mo-Su 08:00-20:00", phone: "+33545000002" });
    const member = await createBeneficiary(db, { placeId: place.id, firstName: "Lucienne", phone: phone(40) });
    await createPlaceMembership(db, { placeId: place.id, beneficiaryId: member.id, startsOn: "2020-01-01", endsOn: "2099-12-31" });
    const room = await createResource(db, { placeId: place.id, kind: "room", name: "Salle de formation", minMinutes: 60, maxMinutes: 60, requiresMembership: true });
    const { sessionIds } = await createWorkshop(db, { placeId: place.id, requiresMembership: true, published: true, sessions: [new Date(Date.now() + 7 * 86_400_000)] });

    const offers = (await (await h.get(null, `/lieux/${slug}/reserver`)).text()).replace(/<!-- -->/g, "");
    expect(offers).toContain("Réservé aux adhérents");
    expect((await (await h.get(null, `/lieux/${slug}/reserver/${room.id}`)).text()).replace(/<!-- -->/g, "")).toContain("Réservé aux adhérents");
    expect((await (await h.get(null, `/ateliers/${sessionIds[0]}`)).text()).replace(/<!-- -->/g, "")).toContain("Réservé aux adhérents");

    const free = (await (await h.get(null, `/api/v1/lieux/${slug}/disponibilites`)).json()) as { ressources: { id: string; creneaux: { debut: string }[] }[] };
    const debut = free.ressources.find((r) => r.id === room.id)!.creneaux[0]!.debut;
    const reserve = (telephone: string, key: string) =>
      h.send(null, "/api/v1/reservations", { method: "POST", body: JSON.stringify({ lieu: slug, ressource: room.id, debut, prenom: "Marcel", telephone }), headers: { "content-type": "application/json", "idempotency-key": key }, clientAddress: "198.51.100.40" });
    const refused = await reserve("06 12 00 00 41", `cle-adherents-refus-${Date.now()}`);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({ erreur: "Cette réservation est ouverte aux adhérents de l'EPN seulement. Pour adhérer, passez à l'accueil ou appelez le 05 45 00 00 02.", code: "members-only" });
    expect((await reserve("06 12 00 00 40", `cle-adherents-ok-${Date.now()}`)).status).toBe(201);
  });
});
