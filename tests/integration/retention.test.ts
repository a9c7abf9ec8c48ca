/**
 * Retention of personal data (app/features/retention): one pass deletes what is past its
 * period — expired sessions, old invitations, used or expired one-time links, old mails and SMS,
 * old reports, finished jobs of the queue, bookings' personal data — and keeps everything still in use.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { bookings, emailOutbox, emailTokens, invitations, jobs, placeReports, sessions, smsOutbox, workshopRegistrations } from "~/db/schema";
import { createSession } from "~/features/accounts/sessions.server";
import { hashToken } from "~/features/accounts/tokens.server";
import { createUser } from "~/features/accounts/users.server";
import { createBookingRow, createInvitationRow, createPlace, createReport, createResource, createWorkshop } from "~/features/demo/factories.server";
import { queueMail } from "~/features/mail/outbox.server";
import { purgeExpiredData } from "~/features/retention/retention.server";
import { queueSms } from "~/features/sms/outbox.server";
import { createTestDatabase } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const DAY = 86_400_000;

describe("retention of personal data", () => {
  it("deletes what is past its period and keeps what is still in use", async () => {
    const { db } = database;
    const now = new Date("2026-12-01T10:00:00Z");
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const userId = await createUser(db, { email: "claire@exemple.fr", name: "Claire" });
    const place = await createPlace(db);

    const oldSession = await createSession(db, userId, ago(1));
    const liveSession = await createSession(db, userId, new Date(now.getTime() - 60_000));
    const invite = (email: string, values: { expiresAt?: Date; acceptedAt?: Date }) => createInvitationRow(db, { placeId: place.id, email, createdAt: ago(1), expiresAt: new Date(now.getTime() + DAY), ...values });
    await invite("expiree@exemple.fr", { expiresAt: ago(91) });
    await invite("acceptee@exemple.fr", { acceptedAt: ago(100), expiresAt: ago(95) });
    const recent = await invite("recente@exemple.fr", { expiresAt: ago(10) });
    const pending = await invite("en-cours@exemple.fr", {});
    await db.insert(emailTokens).values([
      { tokenHash: hashToken("a"), userId, purpose: "reset-password", expiresAt: ago(8), createdAt: ago(8) },
      { tokenHash: hashToken("b"), userId, purpose: "verify-email", expiresAt: new Date(now.getTime() + DAY), usedAt: ago(1), createdAt: ago(2) },
    ]);
    await queueMail(db, { to: "claire@exemple.fr", subject: "Ancien", text: "…" }, ago(40));
    const freshMail = await queueMail(db, { to: "claire@exemple.fr", subject: "Récent", text: "…" }, ago(2));
    await queueSms(db, { to: "06 12 34 56 78", text: "Ancien" }, ago(40));
    const freshSms = await queueSms(db, { to: "06 12 34 56 78", text: "Récent" }, ago(2));
    await createReport(db, { placeId: place.id, topic: "hours", message: "Fermé le lundi", createdAt: ago(400) });
    const job = (key: string, status: "pending" | "done" | "failed", finishedDaysAgo: number | null) => ({ kind: "test.retention", key, status, runAt: ago(100), finishedAt: finishedDaysAgo === null ? null : ago(finishedDaysAgo) });
    await db.insert(jobs).values([job("done-old", "done", 8), job("done-recent", "done", 2), job("failed-old", "failed", 91), job("failed-recent", "failed", 30), job("waiting", "pending", null)]);

    const station = await createResource(db, { placeId: place.id });
    const oldBooking = await createBookingRow(db, { resource: station, startsAt: ago(91), note: "Un CV" });
    const recentBooking = await createBookingRow(db, { resource: station, startsAt: ago(89) });

    // A workshop's registrations: a session that ended 91 days ago, and a cycle whose last session ended 10 days ago.
    const ended = await createWorkshop(db, { placeId: place.id, sessions: [ago(91)] });
    const cycle = await createWorkshop(db, { placeId: place.id, registration: "cycle", sessions: [ago(120), ago(10)] });
    const registration = (workshopId: string, sessionId: string | null, n: number) =>
      db.insert(workshopRegistrations).values({ workshopId, sessionId, placeId: place.id, status: "registered", source: "online", firstName: `Personne ${n}`, phone: `+3361200000${n}`, personKey: `+3361200000${n}`, createdAt: ago(130) }).returning({ id: workshopRegistrations.id });
    const [oldRegistration] = await registration(ended.workshop.id, ended.sessionIds[0]!, 1);
    const [cycleRegistration] = await registration(cycle.workshop.id, null, 2);

    const report = await purgeExpiredData(db, { now, sendsMail: false, sendsSms: false });
    expect(report).toEqual({ sessions: 1, mails: 1, sms: 1, invitations: 2, emailTokens: 1, reports: 1, jobs: 2, bookings: 1, registrations: 1, beneficiaries: 0, referrals: 0 });
    const registrations = await db.select({ id: workshopRegistrations.id, firstName: workshopRegistrations.firstName, phone: workshopRegistrations.phone, personKey: workshopRegistrations.personKey, erasedAt: workshopRegistrations.erasedAt }).from(workshopRegistrations);
    expect(registrations.find((r) => r.id === oldRegistration!.id)).toEqual({ id: oldRegistration!.id, firstName: null, phone: null, personKey: null, erasedAt: now });
    expect(registrations.find((r) => r.id === cycleRegistration!.id)?.firstName).toBe("Personne 2");
    // A booking's personal data goes 90 days after its end; the row stays for the figures.
    const kept = await db.select({ id: bookings.id, firstName: bookings.firstName, phone: bookings.phone, note: bookings.note, personKey: bookings.personKey }).from(bookings);
    expect(kept.find((b) => b.id === oldBooking)).toEqual({ id: oldBooking, firstName: null, phone: null, note: null, personKey: null });
    expect(kept.find((b) => b.id === recentBooking)?.firstName).toBeTruthy();
    expect((await db.select({ id: sessions.id }).from(sessions)).map((s) => s.id)).toEqual([liveSession.session.id]);
    expect(oldSession.session.id).not.toBe(liveSession.session.id);
    expect((await db.select({ id: invitations.id }).from(invitations)).map((i) => i.id).sort()).toEqual([recent, pending].sort());
    expect((await db.select({ hash: emailTokens.tokenHash }).from(emailTokens)).map((t) => t.hash)).toEqual([hashToken("b")]);
    expect((await db.select({ id: emailOutbox.id }).from(emailOutbox)).map((m) => m.id)).toEqual([freshMail]);
    expect((await db.select({ id: smsOutbox.id }).from(smsOutbox)).map((m) => m.id)).toEqual([freshSms]);
    expect(await db.select().from(placeReports).where(eq(placeReports.placeId, place.id))).toEqual([]);
    // Done jobs go after 7 days, failed ones after 90; waiting ones stay.
    expect((await db.select({ key: jobs.key }).from(jobs).where(eq(jobs.kind, "test.retention"))).map((j) => j.key).sort()).toEqual(["done-recent", "failed-recent", "waiting"]);

    // A second pass finds nothing more.
    expect(await purgeExpiredData(db, { now, sendsMail: false, sendsSms: false })).toEqual({ sessions: 0, mails: 0, sms: 0, invitations: 0, emailTokens: 0, reports: 0, jobs: 0, bookings: 0, registrations: 0, beneficiaries: 0, referrals: 0 });
  });
});
