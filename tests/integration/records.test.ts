/**
 * Help records on a fresh database: saved from the booking a person came to (linked, the booking
 * theirs, gone from « à compléter »), one record per booking even when two mediators complete it
 * at once, collective records from a session and who came, drafts, first helps, people and
 * sources of another place refused with nothing written, the audit line without notes or names,
 * and the mediator's usual choices.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Database } from "~/db/client.server";
import { auditLog, bookings, helpRecordPeople, helpRecords, workshopAttendance, workshopRegistrations, workshopSessions } from "~/db/schema";
import { createBeneficiary, createBookingRow, createPlace, createResource, createStaffUser, createWorkshop } from "~/features/demo/factories.server";
import { NO_ANONYMOUS } from "~/features/mediation/counts";
import { pendingRecords, prefillFromBooking, prefillFromSession } from "~/features/mediation/prefill.server";
import { recordSchema, type RecordInput } from "~/features/mediation/record-form";
import { getHelpRecord, saveHelpRecord, usualChoices } from "~/features/mediation/records.server";
import { createTestDatabase } from "../support/database";

let database: Database;
const NOW = new Date("2026-11-20T15:00:00Z");
const TZ = "Europe/Paris";
let placeId = "";
let otherPlaceId = "";
let mediatorId = "";

const individual = (over: Partial<RecordInput> = {}): RecordInput => ({
  kind: "individuel", date: "2026-11-20", durationMinutes: 45, placeKind: "LieuActivite", commune: "", themes: ["Email"], adminThemes: [], equipment: ["Ordinateur"],
  autonomy: "PartiellementAutonome", oriented: false, orientation: null, notes: null, personIds: [], title: null, level: null, anonymous: { ...NO_ANONYMOUS, total: 1 },
  bookingId: null, sessionId: null, ...over,
});

beforeAll(async () => {
  database = await createTestDatabase();
  placeId = (await createPlace(database.db, { timeZone: TZ })).id;
  otherPlaceId = (await createPlace(database.db)).id;
  mediatorId = (await createStaffUser(database.db, { role: "mediator", placeId })).id;
});
afterAll(() => database.close());

async function attendedBooking(options: { reason?: string; phone?: string } = {}) {
  const resource = await createResource(database.db, { placeId, kind: "appointment", name: "Rendez-vous avec un médiateur", staffUserId: mediatorId });
  return createBookingRow(database.db, { resource, startsAt: new Date("2026-11-20T09:00:00Z"), minutes: 45, attendance: "present", reason: options.reason ?? "Envoyer des e-mails", ...(options.phone ? { phone: options.phone, personKey: options.phone } : {}) });
}

describe("a record from the booking a person came to", () => {
  it("prefills it, saves it linked, makes the booking the person's, and leaves « à compléter »", async () => {
    const person = await createBeneficiary(database.db, { placeId, phone: "+33611223344", birthYear: 1950, gender: "Feminin", socialStatus: "Retraite" });
    const bookingId = await attendedBooking({ phone: "+33611223344" });
    expect((await pendingRecords(database.db, { placeIds: [placeId], mediatorId, now: NOW, limit: 10 })).map((p) => p.id)).toContain(bookingId);

    const prefill = await prefillFromBooking(database.db, { placeId, bookingId, timeZone: TZ });
    expect(prefill?.input).toMatchObject({ kind: "individuel", date: "2026-11-20", durationMinutes: 45, placeKind: "LieuActivite", themes: ["Email"], personIds: [person.id], bookingId });

    const saved = await saveHelpRecord(database.db, { placeId, input: individual({ ...prefill!.input, personIds: [person.id] }), status: "done", actorUserId: mediatorId, now: NOW });
    expect(saved.kind).toBe("saved");
    const id = saved.kind === "saved" ? saved.id : "";
    const [row] = await database.db.select().from(helpRecords).where(eq(helpRecords.id, id));
    // Born in 1950, 76 in 2026: counted as 70 and over, a woman, retired, helped here for the first time.
    expect(row).toMatchObject({ bookingId, participants: 1, named: 1, firstTime: 1, age70Plus: 1, genderFemale: 1, statusRetired: 1, mediatorId });
    const [booking] = await database.db.select({ beneficiaryId: bookings.beneficiaryId }).from(bookings).where(eq(bookings.id, bookingId));
    expect(booking?.beneficiaryId).toBe(person.id);
    expect((await pendingRecords(database.db, { placeIds: [placeId], now: NOW, limit: 10 })).map((p) => p.id)).not.toContain(bookingId);

    // A second help for the same person is not a first one.
    const again = await saveHelpRecord(database.db, { placeId, input: individual({ date: "2026-11-21", personIds: [person.id], anonymous: NO_ANONYMOUS }), status: "done", actorUserId: mediatorId, now: NOW });
    const [second] = await database.db.select({ firstTime: helpRecords.firstTime }).from(helpRecords).where(eq(helpRecords.id, again.kind === "saved" ? again.id : ""));
    expect(second?.firstTime).toBe(0);

    // The audit line holds figures, never the notes or a name.
    const audit = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "help-record.created")));
    expect(JSON.stringify(audit[0]?.after)).not.toContain(person.firstName!);
  });

  it("keeps one record per booking when two mediators complete it at the same moment", async () => {
    const bookingId = await attendedBooking();
    const results = await Promise.all(
      [0, 1].map(() => saveHelpRecord(database.db, { placeId, input: individual({ bookingId }), status: "done", actorUserId: mediatorId, now: NOW })),
    );
    expect(results.map((r) => r.kind).sort()).toEqual(["already-recorded", "saved"]);
    const rows = await database.db.select({ id: helpRecords.id }).from(helpRecords).where(eq(helpRecords.bookingId, bookingId));
    expect(rows).toHaveLength(1);
    const loser = results.find((r) => r.kind === "already-recorded");
    expect(loser).toEqual({ kind: "already-recorded", id: rows[0]!.id });
  });

  it("refuses a booking the person missed, a booking or a person of another place, and an unknown commune, writing nothing", async () => {
    const before = (await database.db.select({ id: helpRecords.id }).from(helpRecords)).length;
    const resource = await createResource(database.db, { placeId, kind: "appointment" });
    const missed = await createBookingRow(database.db, { resource, startsAt: new Date("2026-11-19T09:00:00Z"), attendance: "absent" });
    expect(await saveHelpRecord(database.db, { placeId, input: individual({ bookingId: missed }), status: "done", actorUserId: mediatorId, now: NOW })).toEqual({ kind: "source-unknown" });
    const stranger = await createBeneficiary(database.db, { placeId: otherPlaceId });
    expect(await saveHelpRecord(database.db, { placeId, input: individual({ personIds: [stranger.id] }), status: "done", actorUserId: mediatorId, now: NOW })).toEqual({ kind: "person-unknown" });
    expect(await saveHelpRecord(database.db, { placeId, input: individual({ placeKind: "Domicile", commune: "Nulle-Part-sur-Rien" }), status: "done", actorUserId: mediatorId, now: NOW })).toEqual({ kind: "commune-unknown" });
    expect((await database.db.select({ id: helpRecords.id }).from(helpRecords)).length).toBe(before);
  });

  it("settles « à domicile » at a commune given by name or postcode", async () => {
    const saved = await saveHelpRecord(database.db, { placeId, input: individual({ placeKind: "Domicile", commune: "18100" }), status: "done", actorUserId: mediatorId, now: NOW });
    const [row] = await database.db.select({ insee: helpRecords.communeInsee, name: helpRecords.communeName }).from(helpRecords).where(eq(helpRecords.id, saved.kind === "saved" ? saved.id : ""));
    expect(row).toEqual({ insee: "18279", name: "Vierzon" });
  });
});

describe("a collective record from a workshop session", () => {
  it("counts who came (named when linked, anonymous otherwise, walk-ins too) and keeps one record per session", async () => {
    const person = await createBeneficiary(database.db, { placeId, gender: "Masculin", ageBand: "QuaranteCinquanteNeuf" });
    const { workshop, sessionIds } = await createWorkshop(database.db, { placeId, sessions: [new Date("2026-11-18T13:00:00Z")], theme: "Bureautique", level: "intermediate", minutes: 90 });
    const sessionId = sessionIds[0]!;
    await database.db.update(workshopSessions).set({ walkIns: 2 }).where(eq(workshopSessions.id, sessionId));
    const registrations = await database.db
      .insert(workshopRegistrations)
      .values([
        { workshopId: workshop.id, sessionId, placeId, status: "registered", source: "desk", firstName: "Ali", beneficiaryId: person.id },
        { workshopId: workshop.id, sessionId, placeId, status: "registered", source: "desk", firstName: "Bea" },
        { workshopId: workshop.id, sessionId, placeId, status: "registered", source: "desk", firstName: "Cyl" },
      ])
      .returning({ id: workshopRegistrations.id });
    await database.db.insert(workshopAttendance).values([
      { sessionId, registrationId: registrations[0]!.id, attendance: "present" },
      { sessionId, registrationId: registrations[1]!.id, attendance: "present" },
      { sessionId, registrationId: registrations[2]!.id, attendance: "absent" },
    ]);
    expect((await pendingRecords(database.db, { placeIds: [placeId], now: NOW, limit: 50 })).find((p) => p.id === sessionId)).toMatchObject({ type: "session", present: 4 });

    const prefill = await prefillFromSession(database.db, { placeId, sessionId, timeZone: TZ, now: NOW });
    expect(prefill?.input).toMatchObject({ kind: "collectif", date: "2026-11-18", durationMinutes: 90, themes: ["Bureautique"], level: "Intermediaire", personIds: [person.id], anonymous: { total: 3 } });
    const input: RecordInput = { ...individual(), ...prefill!.input, title: "Tableur", anonymous: { total: 3, alreadyHelped: 1, gender: { Feminin: 2 }, age: {}, status: {} } } as RecordInput;
    const saved = await saveHelpRecord(database.db, { placeId, input, status: "done", actorUserId: mediatorId, now: NOW });
    expect(saved.kind).toBe("saved");
    const [row] = await database.db.select().from(helpRecords).where(eq(helpRecords.id, saved.kind === "saved" ? saved.id : ""));
    expect(row).toMatchObject({ kind: "collectif", sessionId, participants: 4, named: 1, alreadyHelped: 1, genderMale: 1, genderFemale: 2, genderUnknown: 1, age40To59: 1, ageUnknown: 3 });
    expect(await database.db.select().from(helpRecordPeople).where(eq(helpRecordPeople.recordId, row!.id))).toHaveLength(1);

    // Its form again: the anonymous part as the mediator typed it.
    const again = await getHelpRecord(database.db, { placeId, recordId: row!.id });
    expect(again?.input.anonymous).toMatchObject({ total: 3, alreadyHelped: 1, gender: { Feminin: 2, Masculin: 0 } });
    const twice = await saveHelpRecord(database.db, { placeId, input, status: "done", actorUserId: mediatorId, now: NOW });
    expect(twice).toEqual({ kind: "already-recorded", id: row!.id });
  });

  it("refuses a breakdown larger than the anonymous total, with nothing written", async () => {
    const input = individual({ kind: "collectif", title: "Atelier", anonymous: { total: 2, alreadyHelped: 0, gender: {}, age: { SoixanteDixPlus: 3 }, status: {} } });
    expect(await saveHelpRecord(database.db, { placeId, input, status: "done", actorUserId: mediatorId, now: NOW })).toEqual({ kind: "counts", problem: "age-over-total" });
  });
});

describe("drafts and the form's checks", () => {
  it("keeps a half-filled form as a draft, and a done record needs its three choices", async () => {
    const empty = { type: "individuel", date: "2026-11-20" };
    const schema = (draft: boolean) => recordSchema({ today: "2026-11-20", draft });
    const done = schema(false).safeParse(empty);
    expect(done.success).toBe(false);
    expect(done.error?.issues.map((i) => i.path[0]).sort()).toEqual(["duree", "lieu", "thematiques"]);
    const draft = schema(true).parse({ type: "collectif", date: "20/11/2026", titre: "" });
    const saved = await saveHelpRecord(database.db, { placeId, input: draft, status: "draft", actorUserId: mediatorId, now: NOW });
    expect(saved).toMatchObject({ kind: "saved", status: "draft" });
    // A done record cannot be stored half-filled, whatever the code does.
    await expect(queryRows(database.db, sql`update help_records set status = 'done' where id = ${saved.kind === "saved" ? saved.id : ""}`)).rejects.toThrow();
    expect(schema(false).safeParse({ ...empty, duree: "45", lieu: "LieuActivite", thematiques: "Email", date: "2026-11-21" }).error?.issues[0]?.path).toEqual(["date"]);
  });

  it("remembers a mediator's usual duration, place and equipment from their last records", async () => {
    const other = await createStaffUser(database.db, { role: "mediator", placeId });
    for (const minutes of [30, 60, 60]) await saveHelpRecord(database.db, { placeId, input: individual({ durationMinutes: minutes, placeKind: "ADistance", equipment: ["Telephone"] }), status: "done", actorUserId: other.id, now: NOW });
    expect(await usualChoices(database.db, { placeId, mediatorId: other.id })).toEqual({ durationMinutes: 60, placeKind: "ADistance", equipment: ["Telephone"] });
    const newcomer = await createStaffUser(database.db, { role: "mediator", placeId });
    expect(await usualChoices(database.db, { placeId, mediatorId: newcomer.id })).toEqual({ durationMinutes: null, placeKind: "LieuActivite", equipment: [] });
  });
});
