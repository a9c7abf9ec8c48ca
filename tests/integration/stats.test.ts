/**
 * The figures of the help given (getMediationStatistics), on a fresh database and a small dataset
 * whose every indicator is computed by hand below: records (done only, in the period, in the
 * places), people (named, new, anonymous), themes and sub-themes, durations, where, equipment,
 * autonomy, orientation, ages, genders, statuses, communes, months; the filters (places, mediator,
 * kind, themes); bookings (attendance, no-show rate, stations' occupancy on the place's clock, a
 * booking just after midnight on New Year's Day counted in the new year) and workshops (sessions
 * held, fill rate, present, walk-ins, waiting).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "~/db/client.server";
import { attachToNetwork, createBeneficiary, createBookingRow, createHelpRecord, createNetwork, createPlace, createResource, createStaffUser, createWorkshop } from "~/features/demo/factories.server";
import { getMediationStatistics } from "~/features/mediation/stats.server";
import type { Breakdown, MediationStatistics, StatisticsFilters } from "~/features/mediation/stats";
import { createTestDatabase } from "../support/database";

let database: Database;
const ids = { a: "", b: "", c: "", m1: "", m2: "", m3: "" };
const YEAR = { from: "2025-01-01", to: "2025-12-31" };
const NOW = new Date("2026-06-01T10:00:00Z");
const NONE = { total: 0, alreadyHelped: 0, gender: {}, age: {}, status: {} };
/** An instant on the clock of Paris (winter: UTC+1; summer: UTC+2 from the last Sunday of March). */
const paris = (local: string, offset: "+01:00" | "+02:00" = "+01:00") => new Date(`${local}${offset}`);

/** The counts of a breakdown that are not zero, as an object. */
const nonZero = <K extends string>(list: Breakdown<K>) => Object.fromEntries(list.filter((b) => b.count !== 0).map((b) => [b.key, b.count]));

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const network = await createNetwork(db, { slug: "cher", name: "Cher numérique" });
  ids.a = (await createPlace(db, { name: "Espace A" })).id;
  ids.b = (await createPlace(db, { name: "Espace B" })).id;
  ids.c = (await createPlace(db, { name: "Espace C, ailleurs" })).id;
  await attachToNetwork(db, { placeId: ids.a, networkId: network.id });
  await attachToNetwork(db, { placeId: ids.b, networkId: network.id });
  ids.m1 = (await createStaffUser(db, { role: "mediator", placeId: ids.a })).id;
  ids.m2 = (await createStaffUser(db, { role: "mediator", placeId: ids.a })).id;
  ids.m3 = (await createStaffUser(db, { role: "mediator", placeId: ids.b })).id;

  const ben1 = await createBeneficiary(db, { placeId: ids.a, gender: "Feminin", ageBand: "SoixanteSoixanteNeuf", socialStatus: "Retraite", communeInsee: "18033", communeName: "Bourges" });
  const ben2 = await createBeneficiary(db, { placeId: ids.a, gender: "Masculin", ageBand: "VingtCinqTrenteNeuf", socialStatus: "EnEmploi" });

  // 1. Individual, 30 min at the place, two themes, a computer, autonomous, a named person helped for the first time.
  await createHelpRecord(db, {
    placeId: ids.a, mediatorId: ids.m1, date: "2025-03-10", durationMinutes: 30, themes: ["NavigationSurInternet", "Email"], equipment: ["Ordinateur"],
    autonomy: "Autonome", people: [ben1], firstTime: 1,
  });
  // 2. Individual, 90 min at home, administrative help (two sub-themes), phone and tablet, sent to social help; an anonymous man of 70+, retired.
  await createHelpRecord(db, {
    placeId: ids.a, mediatorId: ids.m2, date: "2025-03-20", durationMinutes: 90, placeKind: "Domicile", communeInsee: "18033", communeName: "Bourges",
    themes: ["AideAuxDemarchesAdministratives"], adminThemes: ["ArgentImpots", "Logement"], equipment: ["Telephone", "Tablette"],
    autonomy: "EntierementAccompagne", oriented: true, orientation: "AideSociale",
    anonymous: { total: 1, alreadyHelped: 0, gender: { Masculin: 1 }, age: { SoixanteDixPlus: 1 }, status: { Retraite: 1 } },
  });
  // 3. Collective, 2 h: two named people and three anonymous (two women, one of 40–59, one job seeker).
  await createHelpRecord(db, {
    placeId: ids.a, mediatorId: ids.m1, kind: "collectif", title: "Bien utiliser son traitement de texte", date: "2025-04-05", durationMinutes: 120, themes: ["Bureautique"],
    equipment: ["Ordinateur"], people: [ben1, ben2],
    anonymous: { total: 3, alreadyHelped: 1, gender: { Feminin: 2 }, age: { QuaranteCinquanteNeuf: 1 }, status: { SansEmploi: 1 } },
  });
  // 4. At place B, 15 min remotely, e-mail, no equipment, partly autonomous, someone anonymous.
  await createHelpRecord(db, {
    placeId: ids.b, mediatorId: ids.m3, date: "2025-11-02", durationMinutes: 15, placeKind: "ADistance", themes: ["Email"], equipment: ["Aucun"], autonomy: "PartiellementAutonome",
  });
  // 8. The last day of the period: 200 min elsewhere, security, other equipment, autonomy not said.
  await createHelpRecord(db, {
    placeId: ids.a, date: "2025-12-31", durationMinutes: 200, placeKind: "Autre", communeInsee: "18279", communeName: "Vierzon", themes: ["SecuriteNumerique"], equipment: ["Autre"],
  });
  // Left out: a draft, the day before the period, a place outside the scope.
  await createHelpRecord(db, { placeId: ids.a, status: "draft", date: "2025-05-01", themes: ["Email"] });
  await createHelpRecord(db, { placeId: ids.a, date: "2024-12-31", themes: ["Email"] });
  await createHelpRecord(db, { placeId: ids.c, date: "2025-06-01", themes: ["Email"], anonymous: { ...NONE, total: 1 } });

  // Bookings of place A: a station and a mediator's appointments.
  const station = await createResource(db, { placeId: ids.a, kind: "station" });
  const appointments = await createResource(db, { placeId: ids.a, kind: "appointment", name: "Rendez-vous" });
  await createBookingRow(db, { resource: station, startsAt: paris("2025-03-03T09:30:00"), minutes: 90, attendance: "present" }); // Monday
  await createBookingRow(db, { resource: station, startsAt: paris("2025-03-04T14:00:00"), attendance: "absent" }); // Tuesday
  await createBookingRow(db, { resource: station, startsAt: paris("2025-03-05T10:00:00"), status: "cancelled", cancelledAt: paris("2025-03-04T10:00:00") });
  await createBookingRow(db, { resource: appointments, startsAt: paris("2025-03-06T10:00:00"), minutes: 30, attendance: "present" });
  await createBookingRow(db, { resource: station, startsAt: paris("2025-07-07T09:00:00", "+02:00"), attendance: "excused" }); // Monday, summer time
  await createBookingRow(db, { resource: station, startsAt: paris("2025-01-01T00:30:00") }); // Wednesday, 23:30 UTC the day before
  await createBookingRow(db, { resource: station, startsAt: paris("2024-12-31T23:00:00") }); // the day before the period, on the place's clock
  const stationC = await createResource(db, { placeId: ids.c, kind: "station" });
  await createBookingRow(db, { resource: stationC, startsAt: paris("2025-03-03T09:30:00"), attendance: "absent" });

  // Workshops of place A: a session held (6 of 8 seats, 2 walk-ins, one registered person present, one absent), one cancelled,
  // one full with two people waiting, a drop-in without a limit (4 walk-ins); one after the period.
  const { sessionIds } = await createWorkshop(db, {
    placeId: ids.a, capacity: 8,
    sessions: [paris("2025-02-10T14:00:00"), paris("2025-02-17T14:00:00"), paris("2025-03-10T14:00:00"), paris("2026-01-12T14:00:00")],
  });
  const [held, cancelled, full, later] = sessionIds as [string, string, string, string];
  const dropIn = (await createWorkshop(db, { placeId: ids.a, kind: "dropin", capacity: null, registration: "none", sessions: [paris("2025-05-05T14:00:00")] })).sessionIds[0]!;
  await queryRows(db, sql`update workshop_sessions set seats_taken = 6, walk_ins = 2 where id = ${held}`);
  await queryRows(db, sql`update workshop_sessions set status = 'cancelled', cancelled_at = now() where id = ${cancelled}`);
  await queryRows(db, sql`update workshop_sessions set seats_taken = 8 where id in (${full}, ${later})`);
  await queryRows(db, sql`update workshop_sessions set walk_ins = 4 where id = ${dropIn}`);
  const register = async (sessionId: string, status: string, key: string) =>
    String((await queryRows(db, sql`insert into workshop_registrations (workshop_id, session_id, place_id, status, source, person_key)
      select workshop_id, id, place_id, ${status}, 'desk', ${key} from workshop_sessions where id = ${sessionId} returning id`))[0]!.id);
  const came = await register(held, "registered", "+33611111111");
  const missed = await register(held, "registered", "+33622222222");
  await queryRows(db, sql`insert into workshop_attendance (session_id, registration_id, attendance) values (${held}, ${came}, 'present'), (${held}, ${missed}, 'absent')`);
  await register(full, "waiting", "+33633333333");
  await register(full, "waiting", "+33644444444");
  await register(later, "waiting", "+33655555555");
}, 120_000);

afterAll(async () => {
  await database?.close();
});

const statistics = (filters: Partial<StatisticsFilters> = {}) => getMediationStatistics(database.db, { ...YEAR, placeIds: [ids.a, ids.b], ...filters }, { now: NOW });

describe("the figures of the help given", () => {
  let s: MediationStatistics;
  beforeAll(async () => {
    s = await statistics();
  });

  it("counts the done records of the places and the period, and their time", () => {
    expect(s.records).toEqual({ total: 5, individual: 4, collective: 1, minutes: 30 + 90 + 120 + 15 + 200 });
  });

  it("counts the people: participants, those followed by name (distinct), the new ones, the anonymous", () => {
    // Participants 1 + 1 + 5 + 1 + 1; named participations 1 + 2 (the first person twice): two people.
    expect(s.people).toEqual({ participants: 9, collectiveParticipants: 5, named: 2, firstTime: 1, anonymous: 6 });
  });

  it("counts the records per theme, administrative sub-theme and equipment", () => {
    expect(nonZero(s.themes)).toEqual({ NavigationSurInternet: 1, Email: 2, AideAuxDemarchesAdministratives: 1, Bureautique: 1, SecuriteNumerique: 1 });
    expect(s.themes).toHaveLength(19);
    expect(nonZero(s.adminThemes)).toEqual({ ArgentImpots: 1, Logement: 1 });
    expect(nonZero(s.equipment)).toEqual({ Ordinateur: 2, Telephone: 1, Tablette: 1, Aucun: 1, Autre: 1 });
  });

  it("puts durations in La Coop's buckets and counts where the help was given", () => {
    expect(s.durations).toEqual([
      { key: "under30", count: 1 },
      { key: "30to60", count: 1 },
      { key: "60to120", count: 2 },
      { key: "over120", count: 1 },
    ]);
    expect(nonZero(s.placeKinds)).toEqual({ LieuActivite: 2, Domicile: 1, ADistance: 1, Autre: 1 });
  });

  it("counts autonomy and orientation over the individual records", () => {
    expect(nonZero(s.autonomy)).toEqual({ Autonome: 1, EntierementAccompagne: 1, PartiellementAutonome: 1, NonRenseigne: 1 });
    expect(s.orientation.oriented).toBe(1);
    expect(nonZero(s.orientation.kinds)).toEqual({ AideSociale: 1 });
  });

  it("sums ages, genders and statuses over the participants, « Non communiqué » for the rest", () => {
    expect(nonZero(s.ages)).toEqual({ SoixanteSoixanteNeuf: 2, SoixanteDixPlus: 1, VingtCinqTrenteNeuf: 1, QuaranteCinquanteNeuf: 1, NonCommunique: 4 });
    expect(nonZero(s.genders)).toEqual({ Feminin: 4, Masculin: 2, NonCommunique: 3 });
    expect(nonZero(s.statuses)).toEqual({ Retraite: 3, EnEmploi: 1, SansEmploi: 1, NonCommunique: 4 });
    for (const list of [s.ages, s.genders, s.statuses]) expect(list.reduce((a, b) => a + b.count, 0)).toBe(s.people.participants);
  });

  it("counts participants per commune of the people followed by name, the others not known", () => {
    expect(s.communes).toEqual([
      { commune: "Bourges", participants: 2 },
      { commune: null, participants: 7 },
    ]);
  });

  it("gives every month of the period", () => {
    expect(s.months).toHaveLength(12);
    const shown = s.months.filter((m) => m.records > 0);
    expect(shown).toEqual([
      { month: "2025-03", records: 2, individual: 2, collective: 0, participants: 2 },
      { month: "2025-04", records: 1, individual: 0, collective: 1, participants: 5 },
      { month: "2025-11", records: 1, individual: 1, collective: 0, participants: 1 },
      { month: "2025-12", records: 1, individual: 1, collective: 0, participants: 1 },
    ]);
  });

  it("counts the bookings of the places on their clock: attendance, no-show rate, stations' occupancy by hour of the week", () => {
    expect(s.bookings).toMatchObject({ booked: 5, cancelled: 1, present: 2, absent: 1, excused: 1 });
    expect(s.bookings.noShowRate).toBeCloseTo(1 / 3, 10);
    expect(s.bookings.occupancy).toEqual([
      { weekday: 1, hour: 9, minutes: 30 + 60 },
      { weekday: 1, hour: 10, minutes: 60 },
      { weekday: 2, hour: 14, minutes: 60 },
      { weekday: 3, hour: 0, minutes: 30 },
      { weekday: 3, hour: 1, minutes: 30 },
    ]);
  });

  it("counts the workshop sessions held, their fill rate, who came and who waits", () => {
    expect(s.workshops).toEqual({ held: 3, cancelled: 1, capacity: 16, seatsTaken: 14, fillRate: 14 / 16, present: 1, walkIns: 6, waiting: 2 });
  });
});

describe("the filters", () => {
  it("keeps one place", async () => {
    const s = await statistics({ placeIds: [ids.b] });
    expect(s.records).toEqual({ total: 1, individual: 1, collective: 0, minutes: 15 });
    expect(s.people).toMatchObject({ participants: 1, named: 0, anonymous: 1 });
    expect(s.bookings.booked).toBe(0);
    expect(s.workshops.held).toBe(0);
  });

  it("keeps a mediator's records (« Mes chiffres »)", async () => {
    const s = await statistics({ mediatorIds: [ids.m1] });
    expect(s.records).toMatchObject({ total: 2, individual: 1, collective: 1 });
    expect(s.people).toMatchObject({ participants: 6, named: 2, firstTime: 1, anonymous: 3 });
    expect(s.communes).toEqual([
      { commune: "Bourges", participants: 2 },
      { commune: null, participants: 4 },
    ]);
  });

  it("keeps a kind", async () => {
    const s = await statistics({ kinds: ["collectif"] });
    expect(s.records).toMatchObject({ total: 1, collective: 1 });
    expect(nonZero(s.autonomy)).toEqual({});
    expect((await statistics({ kinds: ["individuel", "collectif"] })).records.total).toBe(5);
  });

  it("keeps the records of any of the themes chosen", async () => {
    expect((await statistics({ themes: ["Email"] })).records.total).toBe(2);
    expect((await statistics({ themes: ["Email", "Bureautique"] })).records.total).toBe(3);
    expect((await statistics({ themes: ["Email"], placeIds: [ids.a] })).records.total).toBe(1);
  });

  it("keeps the period, days included", async () => {
    const s = await statistics({ from: "2025-03-20", to: "2025-04-05" });
    expect(s.records.total).toBe(2);
    expect(s.months.map((m) => m.month)).toEqual(["2025-03", "2025-04"]);
  });

  it("answers zeros without a place", async () => {
    const s = await statistics({ placeIds: [] });
    expect(s.records.total).toBe(0);
    expect(s.people.participants).toBe(0);
    expect(s.communes).toEqual([]);
    expect(s.bookings.noShowRate).toBeNull();
    expect(s.workshops.fillRate).toBeNull();
  });
});
