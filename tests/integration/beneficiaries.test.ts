/**
 * People followed by name (app/features/mediation, beneficiaries): consent required and stored as
 * shown; the commune settled offline; search (accents, case, words, phone); history across records,
 * bookings and registrations; merge (links moved, counts kept); erasure (identity gone, figures
 * kept, links removed); export (everything, nothing from another place); the retention job on both
 * sides of the limit, with a place's own setting, idempotent; and audit lines that hold no
 * personal value.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "~/db/client.server";
import { auditLog, beneficiaries, bookings, helpRecordPeople, helpRecords, workshopAttendance, workshopRegistrations } from "~/db/schema";
import { createUser } from "~/features/accounts/users.server";
import { createBeneficiary, createBookingRow, createHelpRecord, createPlace, createResource, createWorkshop } from "~/features/demo/factories.server";
import {
  addBeneficiary, currentConsent, editBeneficiary, getBeneficiary, getRetentionMonths, listBeneficiaries, placeCommune, recordConsent, searchBeneficiaries, setRetentionMonths, touchBeneficiaries,
} from "~/features/mediation/beneficiaries.server";
import type { BeneficiaryInput } from "~/features/mediation/beneficiary-form";
import { beneficiaryExportJson } from "~/features/mediation/beneficiary-export";
import { beneficiaryHistory, exportBeneficiary } from "~/features/mediation/beneficiary-history.server";
import { eraseBeneficiary, mergeBeneficiaries } from "~/features/mediation/beneficiary-rights.server";
import { consentFingerprint, consentWording, CURRENT_CONSENT_VERSION } from "~/features/mediation/consent";
import { anonymiseInactiveBeneficiaries } from "~/features/mediation/people-retention.server";
import { purgeExpiredData } from "~/features/retention/retention.server";
import { createTestDatabase } from "../support/database";

let database: Database;
let db: Db;
let mediatorId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  mediatorId = await createUser(db, { email: "mediatrice@exemple.fr", name: "Mireille Médiatrice" });
});
afterAll(async () => {
  await database?.close();
});

const input = (values: Partial<BeneficiaryInput> = {}): BeneficiaryInput => ({
  firstName: "Hélène", lastName: "Dupont", phone: "+33612345678", email: "helene.dupont@exemple.fr", birthYear: 1950, ageBand: "NonCommunique",
  gender: "Feminin", socialStatus: "Retraite", commune: "Ruffec", postcode: "16700", notes: "Veut écrire à sa petite-fille.", ...values,
});
/** Every personal value the tests type: none may reach the audit log. */
const PERSONAL = ["Hélène", "Dupont", "0612345678", "+33612345678", "helene.dupont@exemple.fr", "1950", "petite-fille", "Jeanne", "Martin", "+33698765432", "jeanne@exemple.fr", "Lucienne", "1962"];

async function add(placeId: string, values: Partial<BeneficiaryInput> = {}, now = new Date()) {
  const consent = (await currentConsent(db, placeId))!;
  const result = await addBeneficiary(db, { placeId, values: input(values), consentFingerprint: consent.fingerprint, actorUserId: mediatorId, now });
  if (result.kind !== "created") throw new Error(`not created: ${result.kind}`);
  return result.id;
}
const row = async (id: string) => (await db.select().from(beneficiaries).where(eq(beneficiaries.id, id)))[0]!;
const auditOf = (placeId: string) => db.select({ action: auditLog.action, entityId: auditLog.entityId, before: auditLog.before, after: auditLog.after }).from(auditLog).where(eq(auditLog.placeId, placeId));

describe("adding a person followed by name", () => {
  it("stores their consent as shown — the wording with the place's name and period, when, by whom — and moves their last activity", async () => {
    const place = await createPlace(db, { name: "Médiathèque de Ruffec" });
    const now = new Date("2026-11-20T10:00:00Z");
    const id = await add(place.id, {}, now);
    const stored = await row(id);
    expect(stored).toMatchObject({
      placeId: place.id, firstName: "Hélène", lastName: "Dupont", phone: "+33612345678", email: "helene.dupont@exemple.fr", birthYear: 1950,
      ageBand: "SoixanteDixPlus", gender: "Feminin", socialStatus: "Retraite", communeInsee: "16292", communeName: "Ruffec",
      consentWording: consentWording({ placeName: "Médiathèque de Ruffec", retentionMonths: 12 }), consentAt: now, consentBy: mediatorId, createdBy: mediatorId, lastActivityAt: now,
    });
    expect(stored.consentWording).toContain("pendant 12 mois");
    const [created] = await auditOf(place.id);
    expect(created).toMatchObject({ action: "beneficiary.create", entityId: id, after: { consentVersion: CURRENT_CONSENT_VERSION } });
    expect((created!.after as { fields: string[] }).fields.sort()).toEqual(["ageBand", "birthYear", "commune", "email", "firstName", "gender", "lastName", "notes", "phone", "socialStatus"]);
    expect(await auditOf(place.id)).toHaveLength(1);
  });

  it("refuses consent to a text other than the one on screen, and writes nothing", async () => {
    const place = await createPlace(db, { name: "Cyber-base" });
    const shown = (await currentConsent(db, place.id))!;
    await setRetentionMonths(db, { placeId: place.id, months: 6, actorUserId: mediatorId });
    const result = await addBeneficiary(db, { placeId: place.id, values: input(), consentFingerprint: shown.fingerprint, actorUserId: mediatorId });
    expect(result).toEqual({ kind: "consent-changed" });
    expect(await db.select().from(beneficiaries).where(eq(beneficiaries.placeId, place.id))).toEqual([]);
    const now = (await currentConsent(db, place.id))!;
    expect(now.wording).toContain("pendant 6 mois");
    expect(now.fingerprint).toBe(consentFingerprint(now.wording));
  });

  it("settles the commune offline, and refuses a homonym or a shared postcode rather than guess", () => {
    expect(placeCommune({ commune: null, postcode: null })).toEqual({ ok: true, insee: null, name: null });
    expect(placeCommune({ commune: "ruffec", postcode: "16700" })).toEqual({ ok: true, insee: "16292", name: "Ruffec" });
    expect(placeCommune({ commune: "Confolens", postcode: null })).toEqual({ ok: true, insee: "16106", name: "Confolens" });
    expect(placeCommune({ commune: "Ruffec", postcode: null })).toEqual({ ok: false, kind: "commune-ambiguous" });
    expect(placeCommune({ commune: null, postcode: "16700" })).toEqual({ ok: false, kind: "commune-ambiguous" });
    expect(placeCommune({ commune: "Ruffec", postcode: "75011" })).toEqual({ ok: false, kind: "commune-unknown" });
    expect(placeCommune({ commune: "Nulle-Part-sur-Rien", postcode: null })).toEqual({ ok: false, kind: "commune-unknown" });
  });

  it("edits, naming the fields changed in the log, moves the last activity, and says when nothing changed", async () => {
    const place = await createPlace(db);
    const id = await add(place.id, {}, new Date("2026-01-01T10:00:00Z"));
    const later = new Date("2026-06-01T10:00:00Z");
    const saved = await editBeneficiary(db, { placeId: place.id, beneficiaryId: id, values: input({ phone: null, birthYear: null, ageBand: "SoixanteDixPlus", commune: null, postcode: null }), actorUserId: mediatorId, now: later });
    expect(saved).toEqual({ kind: "saved", id });
    expect(await row(id)).toMatchObject({ phone: null, birthYear: null, ageBand: "SoixanteDixPlus", communeInsee: null, lastActivityAt: later });
    const update = (await auditOf(place.id)).find((a) => a.action === "beneficiary.update")!;
    expect(update).toMatchObject({ entityId: id, before: null });
    expect((update.after as { fields: string[] }).fields.sort()).toEqual(["birthYear", "commune", "phone"]);
    expect(await editBeneficiary(db, { placeId: place.id, beneficiaryId: id, values: input({ phone: null, birthYear: null, ageBand: "SoixanteDixPlus", commune: null, postcode: null }), actorUserId: mediatorId })).toEqual({ kind: "unchanged", id });
    // Another place's person cannot be edited from here.
    const other = await createPlace(db);
    expect(await editBeneficiary(db, { placeId: other.id, beneficiaryId: id, values: input(), actorUserId: mediatorId })).toEqual({ kind: "not-found" });
  });

  it("records consent again to today's text", async () => {
    const place = await createPlace(db);
    const id = await add(place.id, {}, new Date("2026-01-01T10:00:00Z"));
    await setRetentionMonths(db, { placeId: place.id, months: 24, actorUserId: mediatorId });
    const today = (await currentConsent(db, place.id))!;
    expect(await recordConsent(db, { placeId: place.id, beneficiaryId: id, consentFingerprint: "00000000", actorUserId: mediatorId })).toEqual({ kind: "consent-changed" });
    const now = new Date("2026-03-01T10:00:00Z");
    expect(await recordConsent(db, { placeId: place.id, beneficiaryId: id, consentFingerprint: today.fingerprint, actorUserId: mediatorId, now })).toEqual({ kind: "saved", id });
    expect(await row(id)).toMatchObject({ consentWording: today.wording, consentAt: now, lastActivityAt: now });
  });
});

describe("finding a person", () => {
  it("ignores accents and case, matches every word at a word's start, or the phone as typed, or the email; never another place's or an erased person", async () => {
    const place = await createPlace(db);
    const other = await createPlace(db);
    const helene = await add(place.id, { firstName: "Hélène", lastName: "Dupont-Lefèvre", phone: "+33612345678" });
    const jeanne = await add(place.id, { firstName: "Jeanne", lastName: "Martin", phone: "+33698765432", email: "jeanne@exemple.fr", commune: null, postcode: null });
    await add(other.id, { firstName: "Hélène", lastName: "Dupont" });
    const gone = await add(place.id, { firstName: "Hélène", lastName: "Durand" });
    await eraseBeneficiary(db, { placeId: place.id, beneficiaryId: gone, actorUserId: mediatorId });
    const ids = async (q: string) => (await searchBeneficiaries(db, { placeId: place.id, q })).map((p) => p.id);
    expect(await ids("helene")).toEqual([helene]);
    expect(await ids("LEFEVRE")).toEqual([helene]);
    expect(await ids("dup hél")).toEqual([helene]);
    expect(await ids("pont")).toEqual([]);
    expect(await ids("06 98 76 54 32")).toEqual([jeanne]);
    expect(await ids("Jeanne@Exemple.fr")).toEqual([jeanne]);
    expect(await ids("   ")).toEqual([]);
    expect(await ids("%")).toEqual([]);
    const found = (await searchBeneficiaries(db, { placeId: place.id, q: "jeanne" }))[0]!;
    expect(found).toMatchObject({ firstName: "Jeanne", lastName: "Martin", ageBand: "SoixanteDixPlus", gender: "Feminin", socialStatus: "Retraite" });
    expect((await searchBeneficiaries(db, { placeId: place.id, q: "e", excludeId: helene })).map((p) => p.id)).not.toContain(helene);
    const list = await listBeneficiaries(db, { placeId: place.id });
    expect(list.rows.map((r) => r.id)).toEqual([helene, jeanne]);
    expect(list.total).toBe(2);
  });
});

/** A registration of `beneficiaryId` to the first session of a workshop of the place. */
async function register(placeId: string, beneficiaryId: string | null, startsAt: Date, title = "Premiers pas") {
  const { workshop, sessionIds } = await createWorkshop(db, { placeId, title, sessions: [startsAt] });
  const [reg] = await db
    .insert(workshopRegistrations)
    .values({ workshopId: workshop.id, sessionId: sessionIds[0]!, placeId, status: "registered", source: "desk", firstName: "Hélène", phone: "+33612345678", personKey: "+33612345678", beneficiaryId })
    .returning({ id: workshopRegistrations.id });
  await db.insert(workshopAttendance).values({ sessionId: sessionIds[0]!, registrationId: reg!.id, attendance: "present" });
  return reg!.id;
}

describe("a person's history, merge, erasure and export", () => {
  it("reads their records, bookings and registrations at this place, newest first", async () => {
    const place = await createPlace(db);
    const other = await createPlace(db);
    const id = await add(place.id);
    const person = (await db.select().from(beneficiaries).where(eq(beneficiaries.id, id)))[0]!;
    const record = await createHelpRecord(db, { placeId: place.id, people: [person], date: "2026-10-01" });
    const station = await createResource(db, { placeId: place.id, name: "Poste 1" });
    const booking = await createBookingRow(db, { resource: station, startsAt: new Date("2026-11-02T09:00:00Z"), beneficiaryId: id, attendance: "present" });
    const registration = await register(place.id, id, new Date("2026-09-15T13:00:00Z"));
    // A link from another place's booking is never shown here.
    const elsewhere = await createResource(db, { placeId: other.id });
    await createBookingRow(db, { resource: elsewhere, startsAt: new Date("2026-11-10T09:00:00Z"), beneficiaryId: id });
    const history = await beneficiaryHistory(db, { placeId: place.id, beneficiaryId: id, timeZone: "Europe/Paris" });
    expect(history.map((h) => [h.kind, h.id])).toEqual([["booking", booking], ["record", record.id], ["registration", registration]]);
    expect(history[0]).toMatchObject({ resource: "Poste 1", status: "confirmed", attendance: "present", day: "2026-11-02" });
    expect(history[1]).toMatchObject({ activity: "individuel", themes: ["NavigationSurInternet"], durationMinutes: 30 });
    expect(history[2]).toMatchObject({ title: "Premiers pas", status: "registered", attendance: "present", cycle: false });
  });

  it("merges a duplicate: its links move to the kept row in one go, a record holding both keeps one line, the counts stay, the duplicate is anonymised", async () => {
    const place = await createPlace(db);
    const keptId = await add(place.id, { phone: null, email: null, notes: null, commune: null, postcode: null }, new Date("2026-05-01T10:00:00Z"));
    const duplicateId = await add(place.id, { firstName: "Helene", lastName: "D.", birthYear: null, gender: "NonCommunique" }, new Date("2026-08-01T10:00:00Z"));
    const [kept, duplicate] = [await row(keptId), await row(duplicateId)];
    const alone = await createHelpRecord(db, { placeId: place.id, people: [duplicate] });
    const both = await createHelpRecord(db, { placeId: place.id, people: [kept, duplicate], kind: "collectif" });
    const station = await createResource(db, { placeId: place.id });
    const booking = await createBookingRow(db, { resource: station, startsAt: new Date("2026-08-01T09:00:00Z"), beneficiaryId: duplicateId });
    const registration = await register(place.id, duplicateId, new Date("2026-08-02T09:00:00Z"));
    const countsBefore = await db.select({ id: helpRecords.id, participants: helpRecords.participants, named: helpRecords.named, genderFemale: helpRecords.genderFemale, genderUnknown: helpRecords.genderUnknown }).from(helpRecords).where(eq(helpRecords.placeId, place.id));

    const other = await createPlace(db);
    const stranger = await add(other.id);
    expect(await mergeBeneficiaries(db, { placeId: place.id, keptId, duplicateId: stranger, actorUserId: mediatorId })).toEqual({ kind: "not-found" });
    expect(await mergeBeneficiaries(db, { placeId: place.id, keptId, duplicateId: keptId, actorUserId: mediatorId })).toEqual({ kind: "same" });

    const now = new Date("2026-09-01T10:00:00Z");
    const result = await mergeBeneficiaries(db, { placeId: place.id, keptId, duplicateId, actorUserId: mediatorId, now });
    expect(result).toMatchObject({ kind: "merged", records: 1, bookings: 1, registrations: 1 });
    if (result.kind === "merged") expect(result.filled.sort()).toEqual(["commune", "email", "notes", "phone"]);

    const lines = await db.select({ recordId: helpRecordPeople.recordId, beneficiaryId: helpRecordPeople.beneficiaryId }).from(helpRecordPeople).innerJoin(helpRecords, eq(helpRecords.id, helpRecordPeople.recordId)).where(eq(helpRecords.placeId, place.id));
    expect(lines.sort((a, b) => a.recordId.localeCompare(b.recordId))).toEqual([{ recordId: alone.id, beneficiaryId: keptId }, { recordId: both.id, beneficiaryId: keptId }].sort((a, b) => a.recordId.localeCompare(b.recordId)));
    expect(await db.select({ id: helpRecords.id, participants: helpRecords.participants, named: helpRecords.named, genderFemale: helpRecords.genderFemale, genderUnknown: helpRecords.genderUnknown }).from(helpRecords).where(eq(helpRecords.placeId, place.id))).toEqual(countsBefore);
    expect((await db.select({ b: bookings.beneficiaryId }).from(bookings).where(eq(bookings.id, booking)))[0]!.b).toBe(keptId);
    expect((await db.select({ b: workshopRegistrations.beneficiaryId }).from(workshopRegistrations).where(eq(workshopRegistrations.id, registration)))[0]!.b).toBe(keptId);
    expect(await row(keptId)).toMatchObject({ firstName: "Hélène", phone: "+33612345678", email: "helene.dupont@exemple.fr", communeInsee: "16292", birthYear: 1950, gender: "Feminin", lastActivityAt: new Date("2026-08-01T10:00:00Z") });
    expect(await row(duplicateId)).toMatchObject({ firstName: null, lastName: null, phone: null, email: null, notes: null, anonymisedAt: now, anonymisedReason: "merge", mergedInto: keptId });
    expect((await getBeneficiary(db, { placeId: place.id, beneficiaryId: duplicateId }))!.mergedInto).toBe(keptId);
    const merge = (await auditOf(place.id)).find((a) => a.action === "beneficiary.merge")!;
    expect(merge).toMatchObject({ entityId: keptId, after: { mergedFrom: duplicateId } });
  });

  it("erases the identity on request: names, phone, email, notes and birth year gone, the figures and the record's line kept, bookings and registrations unlinked", async () => {
    const place = await createPlace(db);
    const id = await add(place.id);
    const person = await row(id);
    const record = await createHelpRecord(db, { placeId: place.id, people: [person] });
    const station = await createResource(db, { placeId: place.id });
    const booking = await createBookingRow(db, { resource: station, startsAt: new Date("2026-08-01T09:00:00Z"), beneficiaryId: id });
    const registration = await register(place.id, id, new Date("2026-08-02T09:00:00Z"));
    const now = new Date("2026-09-01T10:00:00Z");
    expect(await eraseBeneficiary(db, { placeId: (await createPlace(db)).id, beneficiaryId: id, actorUserId: mediatorId })).toBe("not-found");
    expect(await eraseBeneficiary(db, { placeId: place.id, beneficiaryId: id, actorUserId: mediatorId, now })).toBe("erased");
    expect(await row(id)).toMatchObject({
      firstName: null, lastName: null, phone: null, email: null, birthYear: null, notes: null, anonymisedAt: now, anonymisedReason: "erasure",
      ageBand: "SoixanteDixPlus", gender: "Feminin", socialStatus: "Retraite", communeInsee: "16292", communeName: "Ruffec",
    });
    expect(await db.select({ r: helpRecordPeople.recordId }).from(helpRecordPeople).where(eq(helpRecordPeople.beneficiaryId, id))).toEqual([{ r: record.id }]);
    expect((await db.select().from(helpRecords).where(eq(helpRecords.id, record.id)))[0]).toMatchObject({ participants: 1, named: 1, genderFemale: 1, age70Plus: 1, statusRetired: 1 });
    expect((await db.select({ b: bookings.beneficiaryId }).from(bookings).where(eq(bookings.id, booking)))[0]!.b).toBeNull();
    expect((await db.select({ b: workshopRegistrations.beneficiaryId }).from(workshopRegistrations).where(eq(workshopRegistrations.id, registration)))[0]!.b).toBeNull();
    expect(await eraseBeneficiary(db, { placeId: place.id, beneficiaryId: id, actorUserId: mediatorId })).toBe("not-found");
    expect((await searchBeneficiaries(db, { placeId: place.id, q: "Hélène" })).length).toBe(0);
  });

  it("exports everything the place holds about the person, and nothing from another place", async () => {
    const place = await createPlace(db, { name: "EPN de Ruffec" });
    const other = await createPlace(db, { name: "EPN d'ailleurs" });
    const id = await add(place.id);
    const person = await row(id);
    await createHelpRecord(db, { placeId: place.id, people: [person], date: "2026-10-01", notes: "A créé son adresse mail.", themes: ["Email"] });
    const station = await createResource(db, { placeId: place.id, name: "Poste 2" });
    await createBookingRow(db, { resource: station, startsAt: new Date("2026-11-02T09:00:00Z"), beneficiaryId: id, firstName: "Hélène", reason: "Un CV" });
    await register(place.id, id, new Date("2026-09-15T13:00:00Z"), "Les mails");
    const elsewhere = await createResource(db, { placeId: other.id, name: "Poste d'ailleurs" });
    await createBookingRow(db, { resource: elsewhere, startsAt: new Date("2026-11-03T09:00:00Z"), beneficiaryId: id, reason: "Ailleurs" });
    await createHelpRecord(db, { placeId: other.id, people: [person], notes: "Note d'ailleurs" });

    const now = new Date(Date.now() + 1000);
    const exported = await exportBeneficiary(db, { placeId: place.id, placeName: place.name, beneficiaryId: id, format: "json", actorUserId: mediatorId, now });
    expect(exported).not.toBeNull();
    const json = beneficiaryExportJson(exported!);
    expect(json).toMatchObject({
      lieu: "EPN de Ruffec",
      personne: { prenom: "Hélène", nom: "Dupont", telephone: "+33612345678", courriel: "helene.dupont@exemple.fr", annee_naissance: 1950, tranche_age: "70 ans et plus", genre: "Femme", situation: "Retraité", commune: "Ruffec", notes: "Veut écrire à sa petite-fille." },
      accord: { recueilli_par: "Mireille Médiatrice" },
      accompagnements: [{ date: "2026-10-01", type: "Accompagnement individuel", thematiques: ["E-mail"], notes: "A créé son adresse mail." }],
      reservations: [{ poste_ou_salle: "Poste 2", prenom: "Hélène", motif: "Un CV" }],
      inscriptions_ateliers: [{ atelier: "Les mails", presence: "present" }],
    });
    expect((json.accord as { texte: string }).texte).toContain("EPN de Ruffec");
    expect((json.operations as { operation: string }[]).map((o) => o.operation)).toEqual(["beneficiary.create", "beneficiary.export"]);
    const text = JSON.stringify(json);
    expect(text).not.toContain("ailleurs");
    expect((json.accompagnements as unknown[]).length).toBe(1);
    expect((json.reservations as unknown[]).length).toBe(1);
    // Not followed here (another place's staff asking): nothing, and no export line.
    expect(await exportBeneficiary(db, { placeId: other.id, placeName: other.name, beneficiaryId: id, format: "page", actorUserId: mediatorId })).toBeNull();
    expect((await auditOf(other.id)).filter((a) => a.action === "beneficiary.export")).toEqual([]);
  });
});

describe("retention of followed people", () => {
  it("anonymises those inactive for longer than their place's period (12 months by default, or its own), on both sides of the limit, once", async () => {
    const now = new Date("2026-12-01T10:00:00Z");
    const byDefault = await createPlace(db);
    const short = await createPlace(db);
    expect(await getRetentionMonths(db, byDefault.id)).toBe(12);
    expect(await setRetentionMonths(db, { placeId: short.id, months: 3, actorUserId: mediatorId })).toBe("saved");
    expect(await setRetentionMonths(db, { placeId: short.id, months: 3, actorUserId: mediatorId })).toBe("unchanged");
    const at = (iso: string) => new Date(iso);
    const person = async (placeId: string, lastActivityAt: Date, firstName: string) => (await createBeneficiary(db, { placeId, lastActivityAt, firstName, phone: "+33600000000", birthYear: 1962, ageBand: "SoixanteSoixanteNeuf" })).id;
    const oldDefault = await person(byDefault.id, at("2025-11-30T10:00:00Z"), "Lucienne");
    const recentDefault = await person(byDefault.id, at("2025-12-20T10:00:00Z"), "Lucienne");
    const oldShort = await person(short.id, at("2026-08-31T10:00:00Z"), "Lucienne");
    const recentShort = await person(short.id, at("2026-09-02T10:00:00Z"), "Lucienne");
    const record = await createHelpRecord(db, { placeId: byDefault.id, people: [await row(oldDefault)] });
    const station = await createResource(db, { placeId: byDefault.id });
    const booking = await createBookingRow(db, { resource: station, startsAt: at("2025-11-30T09:00:00Z"), beneficiaryId: oldDefault });

    // Anonymising only those of the places of this test: other tests' rows are recent (created now) or already anonymised.
    const first = await anonymiseInactiveBeneficiaries(db, now);
    expect(first).toBe(2);
    for (const id of [oldDefault, oldShort]) {
      expect(await row(id)).toMatchObject({ firstName: null, phone: null, birthYear: null, anonymisedAt: now, anonymisedReason: "retention", ageBand: "SoixanteSoixanteNeuf" });
    }
    for (const id of [recentDefault, recentShort]) expect(await row(id)).toMatchObject({ firstName: "Lucienne", anonymisedAt: null });
    expect((await db.select().from(helpRecords).where(eq(helpRecords.id, record.id)))[0]).toMatchObject({ participants: 1, named: 1, age60To69: 1 });
    expect((await db.select({ b: bookings.beneficiaryId }).from(bookings).where(eq(bookings.id, booking)))[0]!.b).toBeNull();
    const lines = await db.select({ entityId: auditLog.entityId, actor: auditLog.actorUserId }).from(auditLog).where(eq(auditLog.action, "beneficiary.retention"));
    expect(lines.map((l) => l.entityId).sort()).toEqual([oldDefault, oldShort].sort());
    expect(lines.every((l) => l.actor === null)).toBe(true);

    expect(await anonymiseInactiveBeneficiaries(db, now)).toBe(0);
    expect((await purgeExpiredData(db, { now, sendsMail: false, sendsSms: false })).beneficiaries).toBe(0);
    // A day later, the recent one of the short place passes its limit: the hourly purge does it.
    expect((await purgeExpiredData(db, { now: new Date("2026-12-03T10:00:00Z"), sendsMail: false, sendsSms: false })).beneficiaries).toBe(1);
    expect(await row(recentShort)).toMatchObject({ firstName: null, anonymisedReason: "retention" });
    expect(await row(recentDefault)).toMatchObject({ firstName: "Lucienne" });
  });

  it("counts from the last activity, which the record, booking and registration commands move forward only, at their place only", async () => {
    const place = await createPlace(db);
    const other = await createPlace(db);
    const id = (await createBeneficiary(db, { placeId: place.id, lastActivityAt: new Date("2026-05-01T10:00:00Z") })).id;
    expect(await touchBeneficiaries(db, { placeId: other.id, beneficiaryIds: [id], at: new Date("2026-06-01T10:00:00Z") })).toBe(0);
    expect(await touchBeneficiaries(db, { placeId: place.id, beneficiaryIds: [id, "pas-un-id"], at: new Date("2026-04-01T10:00:00Z") })).toBe(0);
    expect(await touchBeneficiaries(db, { placeId: place.id, beneficiaryIds: [id], at: new Date("2026-06-01T10:00:00Z") })).toBe(1);
    expect((await row(id)).lastActivityAt).toEqual(new Date("2026-06-01T10:00:00Z"));
  });
});

describe("the audit log", () => {
  it("holds ids and names of fields, never a personal value", async () => {
    const lines = await db.select({ action: auditLog.action, before: auditLog.before, after: auditLog.after }).from(auditLog).where(sql`${auditLog.action} like 'beneficiary.%' or ${auditLog.action} = 'mediation.settings'`);
    expect(new Set(lines.map((l) => l.action))).toEqual(new Set(["beneficiary.create", "beneficiary.consent", "beneficiary.update", "beneficiary.merge", "beneficiary.erase", "beneficiary.export", "beneficiary.retention", "mediation.settings"]));
    const text = JSON.stringify(lines);
    for (const value of PERSONAL) expect(text, value).not.toContain(value);
    const allowedKeys = new Set(["fields", "consentVersion", "format", "reason", "mergedFrom", "filled", "retentionMonths"]);
    for (const l of lines) for (const part of [l.before, l.after]) if (part) for (const key of Object.keys(part)) expect(allowedKeys.has(key), key).toBe(true);
  });

  it("is written with the change: a failed merge leaves nothing behind", async () => {
    const place = await createPlace(db);
    const id = await add(place.id);
    const before = (await auditOf(place.id)).length;
    expect((await mergeBeneficiaries(db, { placeId: place.id, keptId: id, duplicateId: "00000000-0000-4000-8000-000000000000", actorUserId: mediatorId })).kind).toBe("not-found");
    expect((await auditOf(place.id)).length).toBe(before);
    expect(await db.select().from(beneficiaries).where(and(eq(beneficiaries.placeId, place.id), eq(beneficiaries.id, id)))).toHaveLength(1);
  });
});
