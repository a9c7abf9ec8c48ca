/**
 * A referral's events told to the adviser and to the partner's system, on the test database
 * (PGlite, or PostgreSQL with TEST_DATABASE_URL): the event's trigger schedules the notice, the
 * queue runs it (the adviser's mail once, the webhook's job), and the webhook reaches a real HTTP
 * server on 127.0.0.1 — signed (verifyWebhook), without personal data unless the partner asked,
 * retried after a failure with the queue's backoff, sent to the current URL or not at all.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { bookings, emailOutbox, jobs, partners, referralEvents, referrals, workshopAttendance, workshopRegistrations } from "~/db/schema";
import { randomToken } from "~/features/accounts/tokens.server";
import { attachToNetwork, createBookingRow, createNetwork, createPartner, createPlace, createResource, createStaffUser, createWorkshop } from "~/features/demo/factories.server";
import { BACKOFF_MS, runDueJobs, scheduleJob, type JobHandlers } from "~/features/jobs/queue.server";
import { noticeJobKey, noticeReferralEvent, REFERRAL_NOTICE, referralNoticeHandler } from "~/features/referrals/notice.server";
import { answerReferral } from "~/features/referrals/referrals.server";
import { REFERRAL_WEBHOOK, referralWebhookHandler, webhookJobKey } from "~/features/referrals/webhooks.server";
import { verifyWebhook, WEBHOOK_USER_AGENT, type WebhookPayload } from "~/features/referrals/webhooks";
import { jobHandlers } from "~/jobs.server";
import { createTestDatabase } from "../support/database";

const BASE_URL = "https://epn.exemple.fr";

type Received = { method: string; path: string; headers: http.IncomingHttpHeaders; body: Buffer };

/** The partner's receiver: records every request; answers the next planned status (200 when none), or never for /lent. */
async function startReceiver() {
  const received: Received[] = [];
  const planned: number[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ method: request.method ?? "", path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks) });
      if (request.url === "/lent") return;
      const status = planned.shift() ?? 200;
      response.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "Erreur interne : Camille Durand +33612345678");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    planned,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

let database: Database;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let handlers: JobHandlers;
let network: { id: string };
let place: { id: string; name: string; slug: string };
let adviser: { id: string; email: string; name: string };
let mediator: { id: string };

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startReceiver();
  // The platform's own wiring (demo mode: mails stay in the outbox).
  handlers = jobHandlers(database, { mailFrom: "Réseau EPN <ne-pas-repondre@exemple.fr>", baseUrl: BASE_URL, allowInternalWebhooks: true });
  const { db } = database;
  network = await createNetwork(db);
  place = await createPlace(db, { name: "EPN du Centre" });
  await attachToNetwork(db, { placeId: place.id, networkId: network.id });
  mediator = await createStaffUser(db, { role: "mediator", placeId: place.id });
});
afterAll(async () => {
  await receiver?.close();
  await database?.close();
});

/** A partner with its webhook (personal data off unless told) and one adviser. */
async function setUpPartner(options: { personalData?: boolean; path?: string } = {}) {
  const secret = randomToken();
  const partner = await createPartner(database.db, { networkId: network.id, webhookUrl: `${receiver.url}${options.path ?? "/webhooks/epn"}`, webhookSecret: secret, webhookPersonalData: options.personalData ?? false });
  const user = await createStaffUser(database.db, { role: "partner", partnerId: partner.id, networkId: network.id });
  return { partner, secret, adviser: user };
}

/** A referral as stored (the lead's createReferral is not used here): Camille Durand, with her consent. */
async function createReferralRow(input: { partnerId: string; adviserId: string; status?: (typeof referrals.$inferInsert)["status"]; bookingId?: string; registrationId?: string }) {
  const [row] = await database.db
    .insert(referrals)
    .values({
      networkId: network.id, partnerId: input.partnerId, adviserId: input.adviserId, placeId: place.id,
      firstName: "Camille", lastName: "durand", phone: "+33612345678", email: "camille.durand@exemple.fr", contactPreference: "phone",
      note: "Cherche un emploi, n'a pas d'ordinateur", consentWording: "La personne accepte que ses coordonnées soient transmises au lieu.", consentedAt: new Date(),
      themes: ["RechercherUnEmploi"], partnerReference: "FT-2026-0042", status: input.status ?? "sent", bookingId: input.bookingId, registrationId: input.registrationId,
    })
    .returning({ id: referrals.id });
  return row!.id;
}

/** The SQL function every status change goes through (it appends the event, whose trigger schedules the notice). */
// Each move a distinct instant: two statements within one millisecond would share now() on PGlite,
// and an acceptance at the very instant of a contact attempt is rightly told as the attempt alone.
let lastMove = 0;
async function move(referralId: string, status: string, options: { kind?: string; actor?: string | null; detail?: string | null } = {}) {
  lastMove = Math.max(Date.now(), lastMove + 1);
  await database.db.execute(sql`select referral_move(${referralId}, ${status}, ${options.kind ?? "status"}, ${options.actor ?? null}, ${options.detail ?? null}, ${new Date(lastMove).toISOString()}::timestamptz)`);
}

const eventsOf = (referralId: string) => database.db.select().from(referralEvents).where(eq(referralEvents.referralId, referralId)).orderBy(referralEvents.seq);
const mailsTo = (email: string) => database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).orderBy(emailOutbox.createdAt);
const jobsWithKey = (key: string) => database.db.select().from(jobs).where(eq(jobs.key, key));
const requestsFor = (eventId: string) => receiver.received.filter((r) => r.headers["webhook-id"] === eventId);
const payloadOf = (r: Received) => JSON.parse(r.body.toString("utf8")) as WebhookPayload;

describe("an event told to the adviser and to the partner's system", () => {
  it("whole chain: the mediator marks the booking present → the referral is « venue », the adviser gets one mail, the receiver one signed POST without personal data", async () => {
    const { db } = database;
    const { partner, secret, adviser: a } = await setUpPartner();
    adviser = a;
    const resource = await createResource(db, { placeId: place.id });
    const startsAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3_600_000);
    const bookingId = await createBookingRow(db, { resource, startsAt, source: "desk" });
    const referralId = await createReferralRow({ partnerId: partner.id, adviserId: adviser.id, status: "booked", bookingId });
    // The adviser booked on the spot: told to the partner's system, not mailed to the adviser.
    await move(referralId, "booked", { actor: adviser.id });
    const [booked] = await eventsOf(referralId);
    expect(await jobsWithKey(noticeJobKey(booked!.id))).toMatchObject([{ kind: REFERRAL_NOTICE, status: "pending", payload: { eventId: booked!.id } }]);
    await runDueJobs(db, handlers);
    expect(await mailsTo(adviser.email)).toHaveLength(0);
    expect(requestsFor(booked!.id)).toHaveLength(1);
    expect(payloadOf(requestsFor(booked!.id)[0]!).orientation.statut).toBe("rendez_vous_pris");

    // The trigger on bookings moves the referral.
    await db.update(bookings).set({ attendance: "present" }).where(eq(bookings.id, bookingId));
    const [referral] = await db.select({ status: referrals.status }).from(referrals).where(eq(referrals.id, referralId));
    expect(referral!.status).toBe("came");
    const came = (await eventsOf(referralId)).at(-1)!;
    expect(came).toMatchObject({ kind: "status", status: "came", actorUserId: null, noticedAt: null });
    const report = await runDueJobs(db, handlers);
    // The notice, its mail's job (demo mode: kept in the outbox), the webhook.
    expect(report).toEqual({ done: 3, retried: 0, failed: 0 });

    const requests = requestsFor(came.id);
    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect(request).toMatchObject({ method: "POST", path: "/webhooks/epn" });
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["user-agent"]).toBe(WEBHOOK_USER_AGENT);
    expect(verifyWebhook(secret, request.headers, request.body)).toEqual({ ok: true, id: came.id, timestamp: Number(request.headers["webhook-timestamp"]) });
    expect(verifyWebhook(randomToken(), request.headers, request.body).ok).toBe(false);
    const payload = payloadOf(request);
    expect(payload).toEqual({
      id: came.id,
      type: "orientation.statut",
      cree_le: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/),
      orientation: {
        id: referralId,
        reference_partenaire: "FT-2026-0042",
        statut: "venue",
        lieu: { id: place.id, nom: "EPN du Centre", slug: place.slug },
        rendez_vous: { debut: expect.any(String), fin: expect.any(String) },
      },
    });
    expect(Date.parse(payload.orientation.rendez_vous!.debut)).toBe(startsAt.getTime());
    expect(Date.parse(payload.cree_le)).toBe(came.at.getTime() - (came.at.getTime() % 1000));
    for (const personal of ["Camille", "durand", "Durand", "+33612345678", "camille.durand", "ordinateur"]) expect(request.body.toString("utf8")).not.toContain(personal);

    const [event] = await db.select().from(referralEvents).where(eq(referralEvents.id, came.id));
    expect(event).toMatchObject({ webhookAttempts: 1, webhookLastError: null });
    expect(event!.noticedAt).not.toBeNull();
    expect(event!.webhookDeliveredAt).not.toBeNull();

    // The adviser's mail: first name and initial, the place, the day, the link.
    const mails = await mailsTo(adviser.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^Orientation de Camille D\. vers EPN du Centre : venu\(e\) le [a-z]+ \d{1,2}(er)? [a-zéû]+$/);
    expect(mails[0]!.textBody).toContain(`${BASE_URL}/gestion/partenaires/${partner.id}/orientations/${referralId}`);
    expect(mails[0]!.textBody).toContain(`Bonjour ${adviser.name},`);
    for (const personal of ["durand", "Durand", "+33612345678", "camille.durand", "ordinateur"]) expect(`${mails[0]!.subject}\n${mails[0]!.textBody}`).not.toContain(personal);

    // Nothing left: no second POST, no second mail.
    expect(await runDueJobs(db, handlers)).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(requestsFor(came.id)).toHaveLength(1);
  });

  it("a workshop seat: marked present at its session → « venue », the session as the appointment", async () => {
    const { db } = database;
    const { partner, adviser: a } = await setUpPartner();
    const startsAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 3 * 3_600_000);
    const { workshop, sessionIds } = await createWorkshop(db, { placeId: place.id, sessions: [startsAt], minutes: 90 });
    const [registration] = await db
      .insert(workshopRegistrations)
      .values({ workshopId: workshop.id, sessionId: sessionIds[0], placeId: place.id, status: "registered", source: "desk", firstName: "Camille", phone: "+33612345678", personKey: "+33612345678" })
      .returning({ id: workshopRegistrations.id });
    const referralId = await createReferralRow({ partnerId: partner.id, adviserId: a.id, status: "booked", registrationId: registration!.id });
    await db.insert(workshopAttendance).values({ sessionId: sessionIds[0]!, registrationId: registration!.id, attendance: "present", recordedBy: mediator.id });
    const came = (await eventsOf(referralId)).at(-1)!;
    expect(came.status).toBe("came");
    await runDueJobs(db, handlers);
    const [request] = requestsFor(came.id);
    const payload = payloadOf(request!);
    expect(payload.orientation.statut).toBe("venue");
    expect(Date.parse(payload.orientation.rendez_vous!.debut)).toBe(startsAt.getTime());
    expect(Date.parse(payload.orientation.rendez_vous!.fin)).toBe(startsAt.getTime() + 90 * 60_000);
    expect(await mailsTo(a.email)).toHaveLength(1);
  });

  it("with personal data on: the person's names and contact, and a refusal's reason; the adviser's mail gives the reason", async () => {
    const { db } = database;
    const { partner, secret, adviser: a } = await setUpPartner({ personalData: true });
    const referralId = await createReferralRow({ partnerId: partner.id, adviserId: a.id });
    await move(referralId, "sent", { actor: a.id });
    const reason = "Hors de notre secteur : l'EPN de Saint-Jean est plus près";
    // As the place's refusal does: the reason on the referral, then the move with it.
    await db.update(referrals).set({ refusalReason: reason }).where(eq(referrals.id, referralId));
    await move(referralId, "refused", { actor: mediator.id, detail: reason });
    await runDueJobs(db, handlers);
    const [sent, refused] = await eventsOf(referralId);
    const request = requestsFor(refused!.id)[0]!;
    expect(verifyWebhook(secret, request.headers, request.body).ok).toBe(true);
    const payload = payloadOf(request);
    expect(payload.orientation).toMatchObject({ statut: "refusee", motif_refus: "Hors de notre secteur : l'EPN de Saint-Jean est plus près" });
    expect(payload.personne).toEqual({ prenom: "Camille", nom: "durand", telephone: "+33612345678", courriel: "camille.durand@exemple.fr" });
    // Never the note.
    expect(request.body.toString("utf8")).not.toContain("ordinateur");
    expect(payloadOf(requestsFor(sent!.id)[0]!)).toMatchObject({ type: "orientation.statut", orientation: { statut: "envoyee" }, personne: { prenom: "Camille" } });
    const mails = await mailsTo(a.email);
    expect(mails.map((mail) => mail.subject)).toEqual(["Orientation de Camille D. vers EPN du Centre : refusée par le lieu"]);
    expect(mails[0]!.textBody).toContain("Motif donné par le lieu : Hors de notre secteur : l'EPN de Saint-Jean est plus près");
  });

  it("through the place's answers (answerReferral): a first contact attempt accepts the referral — two events, one mail; a refusal is mailed with its reason", async () => {
    const { db } = database;
    const { partner, secret, adviser: a } = await setUpPartner();
    const options = { secret: randomToken(), baseUrl: BASE_URL };
    const answer = (referralId: string, given: Parameters<typeof answerReferral>[1]["answer"]) =>
      answerReferral(db, { referralId, scope: { placeId: place.id }, answer: given, actorUserId: mediator.id, baseUrl: BASE_URL, options });
    const first = await createReferralRow({ partnerId: partner.id, adviserId: a.id });
    expect(await answer(first, { kind: "contact", note: "Pas de réponse, message laissé" })).toMatchObject({ kind: "done", status: "accepted" });
    await runDueJobs(db, handlers);
    const events = await eventsOf(first);
    expect(events.map((e) => [e.kind, e.status])).toEqual([["status", "accepted"], ["contact-attempt", "accepted"]]);
    expect(events.map((e) => requestsFor(e.id).map((r) => payloadOf(r).type))).toEqual([["orientation.statut"], ["orientation.tentative_contact"]]);
    for (const e of events) expect(verifyWebhook(secret, requestsFor(e.id)[0]!.headers, requestsFor(e.id)[0]!.body).ok).toBe(true);
    let subjects = (await mailsTo(a.email)).map((mail) => mail.subject);
    expect(subjects).toHaveLength(1);
    expect(subjects[0]).toMatch(/^Orientation de Camille D\. vers EPN du Centre : le lieu a essayé de joindre la personne le /);

    const second = await createReferralRow({ partnerId: partner.id, adviserId: a.id });
    expect(await answer(second, { kind: "refuse", reason: "Nous n'avons plus de créneau ce mois-ci" })).toMatchObject({ kind: "done", status: "refused" });
    await runDueJobs(db, handlers);
    const mails = await mailsTo(a.email);
    subjects = mails.map((mail) => mail.subject);
    expect(subjects.at(-1)).toBe("Orientation de Camille D. vers EPN du Centre : refusée par le lieu");
    expect(mails.at(-1)!.textBody).toContain("Motif donné par le lieu : Nous n'avons plus de créneau ce mois-ci");
    // Personal data off: not the reason.
    const [refused] = await eventsOf(second);
    expect(payloadOf(requestsFor(refused!.id)[0]!).orientation).not.toHaveProperty("motif_refus");
  });

  it("contact attempts are mailed, reminders and the adviser's own actions are not; all reach the receiver with their type", async () => {
    const { db } = database;
    const { partner, adviser: a } = await setUpPartner();
    const referralId = await createReferralRow({ partnerId: partner.id, adviserId: a.id });
    await move(referralId, "sent", { actor: a.id });
    await move(referralId, "sent", { kind: "reminder" });
    await move(referralId, "accepted", { actor: mediator.id });
    await move(referralId, "accepted", { kind: "contact-attempt", actor: mediator.id, detail: "Messagerie, rappeler lundi" });
    await move(referralId, "closed", { actor: a.id });
    await runDueJobs(db, handlers);
    const events = await eventsOf(referralId);
    expect(events.map((e) => requestsFor(e.id).map((r) => payloadOf(r).type))).toEqual([
      ["orientation.statut"], ["orientation.relance"], ["orientation.statut"], ["orientation.tentative_contact"], ["orientation.statut"],
    ]);
    expect(events.every((e) => e.noticedAt !== null && e.webhookDeliveredAt !== null)).toBe(true);
    const subjects = (await mailsTo(a.email)).map((mail) => mail.subject);
    expect(subjects).toHaveLength(2);
    expect(subjects[0]).toBe("Orientation de Camille D. vers EPN du Centre : acceptée par le lieu, qui va contacter la personne");
    expect(subjects[1]).toMatch(/^Orientation de Camille D\. vers EPN du Centre : le lieu a essayé de joindre la personne le /);
    expect(JSON.stringify(await mailsTo(a.email))).not.toContain("Messagerie");
  });

  it("a receiver answering 500 then 200: the attempt and its error counted, retried after the backoff, delivered once", async () => {
    const { db } = database;
    const { partner, secret, adviser: a } = await setUpPartner();
    const referralId = await createReferralRow({ partnerId: partner.id, adviserId: a.id });
    await move(referralId, "accepted", { actor: mediator.id });
    const [event] = await eventsOf(referralId);
    receiver.planned.push(500);
    expect(await runDueJobs(db, handlers)).toMatchObject({ retried: 1, failed: 0 });
    let [row] = await db.select().from(referralEvents).where(eq(referralEvents.id, event!.id));
    expect(row).toMatchObject({ webhookAttempts: 1, webhookLastError: "HTTP 500", webhookDeliveredAt: null });
    // The receiver's answer is never kept.
    const [job] = await jobsWithKey(webhookJobKey(event!.id));
    expect(job).toMatchObject({ kind: REFERRAL_WEBHOOK, status: "pending", attempts: 1, lastError: "HTTP 500" });
    expect(JSON.stringify([row, job])).not.toContain("Camille");
    const retryAt = job!.runAt.getTime();
    expect(retryAt - Date.now()).toBeGreaterThan(BACKOFF_MS[0] - 10_000);

    // Not before its time.
    expect(await runDueJobs(db, handlers, { now: new Date(retryAt - 1000) })).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(await runDueJobs(db, handlers, { now: new Date(retryAt) })).toEqual({ done: 1, retried: 0, failed: 0 });
    [row] = await db.select().from(referralEvents).where(eq(referralEvents.id, event!.id));
    expect(row).toMatchObject({ webhookAttempts: 2, webhookLastError: "HTTP 500" });
    expect(row!.webhookDeliveredAt).not.toBeNull();
    const requests = requestsFor(event!.id);
    expect(requests).toHaveLength(2);
    // The same id each time, each attempt signed with its own time.
    for (const r of requests) expect(verifyWebhook(secret, r.headers, r.body).ok).toBe(true);
    expect(requests.map((r) => payloadOf(r).id)).toEqual([event!.id, event!.id]);
    expect(await runDueJobs(db, handlers, { now: new Date(retryAt + 24 * 3_600_000) })).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(requestsFor(event!.id)).toHaveLength(2);
    // One mail for the one event, whatever the webhook did.
    expect(await mailsTo(a.email)).toHaveLength(1);
  });

  it("the notice runs twice (at least once delivery): one mail, one webhook", async () => {
    const { db } = database;
    const { partner, adviser: a } = await setUpPartner();
    const referralId = await createReferralRow({ partnerId: partner.id, adviserId: a.id });
    await move(referralId, "accepted", { actor: mediator.id });
    const [event] = await eventsOf(referralId);
    await runDueJobs(db, handlers);
    // The same job again, as a node that died before recording it would leave it.
    await scheduleJob(db, { kind: REFERRAL_NOTICE, key: noticeJobKey(event!.id), payload: { eventId: event!.id } });
    expect(await runDueJobs(db, handlers)).toEqual({ done: 1, retried: 0, failed: 0 });
    // Two at once: one does the work, the other finds it done.
    await db.update(referralEvents).set({ noticedAt: null }).where(eq(referralEvents.id, event!.id));
    const runs = await Promise.all([1, 2].map(() => noticeReferralEvent(db, { eventId: event!.id, baseUrl: BASE_URL, now: Date.now() })));
    expect(runs.map((r) => r.kind).sort()).toEqual(["already-noticed", "noticed"]);
    expect(await mailsTo(a.email)).toHaveLength(2);
    // The second notice moved nothing: the webhook was delivered, and its repeat finds it so.
    await runDueJobs(db, handlers);
    expect(requestsFor(event!.id)).toHaveLength(1);

    // Without the forced second notice: exactly one mail for a new event, however many runs.
    await move(referralId, "closed", { actor: mediator.id });
    const closed = (await eventsOf(referralId)).at(-1)!;
    await runDueJobs(db, handlers);
    for (let i = 0; i < 2; i++) {
      await scheduleJob(db, { kind: REFERRAL_NOTICE, key: noticeJobKey(closed.id), payload: { eventId: closed.id } });
      await runDueJobs(db, handlers);
    }
    expect((await mailsTo(a.email)).filter((mail) => mail.subject.endsWith("orientation close"))).toHaveLength(1);
    expect(requestsFor(closed.id)).toHaveLength(1);
  });

  it("the webhook changed meanwhile goes to the new URL with the new secret; removed, nothing is sent", async () => {
    const { db } = database;
    const { partner, adviser: a } = await setUpPartner();
    const referralId = await createReferralRow({ partnerId: partner.id, adviserId: a.id });
    await move(referralId, "accepted", { actor: mediator.id });
    const [first] = await eventsOf(referralId);
    // Only the notice: the webhook's job waits.
    await runDueJobs(db, { [REFERRAL_NOTICE]: referralNoticeHandler({ baseUrl: BASE_URL }) });
    expect(await jobsWithKey(webhookJobKey(first!.id))).toMatchObject([{ status: "pending" }]);
    const newSecret = randomToken();
    await db.update(partners).set({ webhookUrl: `${receiver.url}/v2/orientations`, webhookSecret: newSecret }).where(eq(partners.id, partner.id));
    await runDueJobs(db, handlers);
    const [request] = requestsFor(first!.id);
    expect(request!.path).toBe("/v2/orientations");
    expect(verifyWebhook(newSecret, request!.headers, request!.body).ok).toBe(true);

    await move(referralId, "closed", { actor: mediator.id });
    const closed = (await eventsOf(referralId)).at(-1)!;
    await runDueJobs(db, { [REFERRAL_NOTICE]: referralNoticeHandler({ baseUrl: BASE_URL }) });
    await db.update(partners).set({ webhookUrl: null, webhookSecret: null }).where(eq(partners.id, partner.id));
    expect(await runDueJobs(db, handlers)).toMatchObject({ retried: 0, failed: 0 });
    expect(await jobsWithKey(webhookJobKey(closed.id))).toMatchObject([{ status: "done" }]);
    expect(requestsFor(closed.id)).toHaveLength(0);
    const [row] = await db.select().from(referralEvents).where(eq(referralEvents.id, closed.id));
    expect(row).toMatchObject({ webhookAttempts: 0, webhookDeliveredAt: null });

    // No webhook when the event is noticed: no job at all.
    await move(referralId, "closed", { kind: "contact-attempt", actor: mediator.id });
    const later = (await eventsOf(referralId)).at(-1)!;
    await runDueJobs(db, handlers);
    expect(await jobsWithKey(webhookJobKey(later.id))).toHaveLength(0);
  });

  it("a receiver down or too slow: the network error's code or TIMEOUT, retried", async () => {
    const { db } = database;
    const closedPort = await new Promise<number>((resolve) => {
      const s = http.createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const { partner, adviser: a } = await setUpPartner();
    await db.update(partners).set({ webhookUrl: `http://127.0.0.1:${closedPort}/` }).where(eq(partners.id, partner.id));
    const referralId = await createReferralRow({ partnerId: partner.id, adviserId: a.id });
    await move(referralId, "accepted", { actor: mediator.id });
    const fast = { ...handlers, [REFERRAL_WEBHOOK]: referralWebhookHandler({ timeoutMs: 300, allowInternal: true }) };
    expect(await runDueJobs(db, fast)).toMatchObject({ retried: 1 });
    const [event] = await eventsOf(referralId);
    expect((await db.select().from(referralEvents).where(eq(referralEvents.id, event!.id)))[0]).toMatchObject({ webhookAttempts: 1, webhookLastError: "ECONNREFUSED" });

    await db.update(partners).set({ webhookUrl: `${receiver.url}/lent` }).where(eq(partners.id, partner.id));
    const [job] = await jobsWithKey(webhookJobKey(event!.id));
    expect(await runDueJobs(db, fast, { now: job!.runAt })).toMatchObject({ retried: 1 });
    expect((await db.select().from(referralEvents).where(eq(referralEvents.id, event!.id)))[0]).toMatchObject({ webhookAttempts: 2, webhookLastError: "TIMEOUT", webhookDeliveredAt: null });
    expect((await jobsWithKey(webhookJobKey(event!.id)))[0]).toMatchObject({ status: "pending", attempts: 2, lastError: "TIMEOUT" });
    // The next attempt after 5 minutes, per the queue's backoff.
    expect((await jobsWithKey(webhookJobKey(event!.id)))[0]!.runAt.getTime() - job!.runAt.getTime()).toBeGreaterThanOrEqual(BACKOFF_MS[1]);
  });

  it("from a public platform, refuses a receiver inside (loopback, private network) by the address its name resolves to: nothing sent", async () => {
    const { db } = database;
    const before = receiver.received.length;
    const { partner, adviser: a } = await setUpPartner();
    await db.update(partners).set({ webhookUrl: `http://localhost:${new URL(receiver.url).port}/interne` }).where(eq(partners.id, partner.id));
    const referralId = await createReferralRow({ partnerId: partner.id, adviserId: a.id });
    await move(referralId, "accepted", { actor: mediator.id });
    const public_ = { ...handlers, [REFERRAL_WEBHOOK]: referralWebhookHandler({ timeoutMs: 300 }) };
    await runDueJobs(db, public_);
    const [event] = await eventsOf(referralId);
    expect((await db.select().from(referralEvents).where(eq(referralEvents.id, event!.id)))[0]).toMatchObject({ webhookAttempts: 1, webhookLastError: "ADDRESS_REFUSED", webhookDeliveredAt: null });
    expect(receiver.received.length).toBe(before);
  });
});
