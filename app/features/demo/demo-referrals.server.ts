/**
 * The demo's partners and their referrals: an employment agency (France Travail) and a town's
 * social centre (CCAS) of the demo network, each with an adviser who can sign in, and referrals to
 * the first two demo places in every status — new today, waiting with a reminder, to contact, booked
 * today in the mediator's agenda and tomorrow in a workshop, came, help given, absent, excused,
 * refused, closed, expired — through the feature's own commands, the attendance and the help record
 * moving them as in real life. Past events are marked as told (no flood of mails at start). Made once.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { jobs, memberships, networks, partners, places, referralEvents, referrals, resources, users } from "~/db/schema";
import { parseForm } from "~/lib/forms";
import { logger } from "~/lib/logger";
import { ReferralSchema } from "~/features/referrals/referral-form";
import { answerReferral, createReferral, followUpReferrals, getPartner, referralPlace } from "~/features/referrals/referrals.server";
import { setAttendance } from "~/features/scheduling/bookings.server";
import { demoPlaces } from "./demo-scheduling.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo.server";
import { createBookingRow, createHelpRecord, createPartner, createStaffUser } from "./factories.server";

const DAY = 86_400_000;
const HOUR = 3_600_000;

export const DEMO_PARTNER_ACCOUNTS = {
  adviser: { email: "conseil@demo.reseau-epn.fr", name: "Nadia Conseil (démo)" },
  socialWorker: { email: "ccas@demo.reseau-epn.fr", name: "Julien Travailleur social (démo)" },
};

type Person = { prenom: string; nom: string; telephone: string; courriel?: string; contact: string; besoins: string[]; note?: string; reference?: string };
const PEOPLE: Person[] = [
  { prenom: "Mehdi", nom: "Benali", telephone: "06 12 34 56 78", contact: "sms", besoins: ["InsertionProfessionnelle", "Email"], note: "Créer son espace France Travail et envoyer un CV par mail.", reference: "FT-2026-4512" },
  { prenom: "Sylvie", nom: "Marchand", telephone: "06 23 45 67 89", contact: "phone", besoins: ["AideAuxDemarchesAdministratives"], note: "Dossier de retraite en ligne." },
  { prenom: "Kevin", nom: "Lefort", telephone: "07 34 56 78 90", contact: "sms", besoins: ["InsertionProfessionnelle", "Bureautique"], reference: "FT-2026-4620" },
  { prenom: "Awa", nom: "Diallo", telephone: "06 45 67 89 01", courriel: "awa.diallo@exemple.fr", contact: "email", besoins: ["NavigationSurInternet", "SecuriteNumerique"] },
  { prenom: "Jean-Pierre", nom: "Roux", telephone: "06 56 78 90 12", contact: "phone", besoins: ["PrendreEnMainDuMateriel"], note: "N'a jamais utilisé d'ordinateur." },
  { prenom: "Inès", nom: "Moreau", telephone: "06 67 89 01 23", contact: "sms", besoins: ["InsertionProfessionnelle"], reference: "FT-2026-4701" },
  { prenom: "Bernard", nom: "Petit", telephone: "06 78 90 12 34", contact: "phone", besoins: ["Sante", "AideAuxDemarchesAdministratives"] },
  { prenom: "Léa", nom: "Girard", telephone: "07 89 01 23 45", contact: "sms", besoins: ["Email", "InsertionProfessionnelle"] },
  { prenom: "Yacine", nom: "Haddad", telephone: "06 90 12 34 56", contact: "sms", besoins: ["BanqueEtAchatsEnLigne"] },
  { prenom: "Monique", nom: "Lambert", telephone: "06 01 23 45 67", contact: "phone", besoins: ["AideAuxDemarchesAdministratives"] },
  { prenom: "Thomas", nom: "Faure", telephone: "06 11 22 33 44", contact: "sms", besoins: ["InsertionProfessionnelle", "ReseauxSociaux"] },
  { prenom: "Fatou", nom: "Ndiaye", telephone: "06 22 33 44 55", contact: "phone", besoins: ["ScolariteEtNumerique"] },
  { prenom: "Gérard", nom: "Blanc", telephone: "06 33 44 55 66", contact: "phone", besoins: ["PrendreEnMainDuMateriel", "Email"] },
];

/** The demo's partner organisations, advisers and referrals (once; needs the demo network, its places and accounts). */
export async function seedDemoReferrals(db: Db, now: number = Date.now()): Promise<number> {
  const [network] = await db.select({ id: networks.id }).from(networks).where(eq(networks.isDemo, true)).limit(1);
  const demo = (await demoPlaces(db)).slice(0, 2);
  if (!network || demo.length === 0) return 0;
  const [done] = await db.select({ id: partners.id }).from(partners).where(eq(partners.networkId, network.id)).limit(1);
  if (done) return 0;
  const [mediator] = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.email, DEMO_ACCOUNTS.mediator.email), eq(memberships.placeId, demo[0]!.id)));
  if (!mediator) return 0;
  const [first] = await db.select({ commune: places.commune }).from(places).where(eq(places.id, demo[0]!.id));
  const agency = await createPartner(db, { networkId: network.id, kind: "france-travail", name: `France Travail — agence de ${first?.commune ?? "la ville"}`, email: "agence.demo@exemple.fr" });
  const ccas = await createPartner(db, { networkId: network.id, kind: "ccas", name: `CCAS de ${first?.commune ?? "la ville"}` });
  const account = { password: DEMO_PASSWORD, emailVerified: true };
  const adviser = await createStaffUser(db, { ...DEMO_PARTNER_ACCOUNTS.adviser, ...account, role: "partner", partnerId: agency.id, networkId: network.id });
  const social = await createStaffUser(db, { ...DEMO_PARTNER_ACCOUNTS.socialWorker, ...account, role: "partner", partnerId: ccas.id, networkId: network.id });
  const options = { secret: "demo-referrals", baseUrl: "" };

  const placeOf = async (i: number) => (await referralPlace(db, { networkId: network.id, slug: await slugOf(db, demo[i]!.id), now }))!;
  const main = await placeOf(0);
  let n = 0;
  const refer = async (partnerId: string, adviserId: string, person: Person, extra: { rendez_vous?: string; createdAt?: number; place?: typeof main } = {}) => {
    const partner = (await getPartner(db, partnerId))!;
    const parsed = parseForm(ReferralSchema, { ...person, consentement: "oui", rendez_vous: extra.rendez_vous ?? "lieu" });
    if (!parsed.ok) throw new Error(`demo referral: ${JSON.stringify(parsed.errors)}`);
    const created = await createReferral(db, { partner, adviserId, place: extra.place ?? main, values: parsed.values, baseUrl: "", options: { ...options, now: extra.createdAt ?? now } });
    if (created.kind !== "created") throw new Error(`demo referral: ${JSON.stringify(created)}`);
    n++;
    if (extra.createdAt !== undefined) await backdate(db, created.id, extra.createdAt);
    return created.id;
  };
  const answer = (id: string, a: Parameters<typeof answerReferral>[1]["answer"], at: number) =>
    answerReferral(db, { referralId: id, scope: { placeId: main.id }, answer: a, actorUserId: mediator.id, baseUrl: "", options: { ...options, now: at } });
  /** A past appointment at the main place, linked and « Rendez-vous pris », then its attendance. */
  const pastVisit = async (id: string, daysAgo: number, attendance: "present" | "absent" | "excused") => {
    const [resource] = await db.select({ id: resources.id, placeId: resources.placeId, bufferMinutes: resources.bufferMinutes }).from(resources).where(eq(resources.placeId, main.id)).limit(1);
    if (!resource) return null;
    const startsAt = new Date(Math.floor((now - daysAgo * DAY) / HOUR) * HOUR);
    startsAt.setUTCHours(8 + (n % 6), 0, 0, 0);
    const [r] = await db.select({ firstName: referrals.firstName, phone: referrals.phone }).from(referrals).where(eq(referrals.id, id));
    const bookingId = await createBookingRow(db, { resource, startsAt, source: "api", firstName: r!.firstName, phone: r!.phone, personKey: r!.phone, createdBy: adviser.id }).catch(() => null);
    if (!bookingId) return null;
    await db.update(referrals).set({ bookingId }).where(eq(referrals.id, id));
    await db.execute(sql`select referral_move(${id}::uuid, 'booked', 'status', ${mediator.id}::uuid, null, ${new Date(startsAt.getTime() - 2 * DAY).toISOString()}::timestamptz)`);
    await setAttendance(db, { bookingId, placeId: main.id, attendance, actorUserId: mediator.id, now: startsAt.getTime() + HOUR });
    await db.execute(sql`update referral_events set at = ${new Date(startsAt.getTime() + HOUR).toISOString()}::timestamptz where referral_id = ${id}::uuid and status in ('came', 'no_show', 'excused') and at > ${new Date(startsAt.getTime()).toISOString()}::timestamptz`);
    await db.execute(sql`update referrals set status_at = ${new Date(startsAt.getTime() + HOUR).toISOString()}::timestamptz, closed_at = ${new Date(startsAt.getTime() + HOUR).toISOString()}::timestamptz where id = ${id}::uuid`);
    return { bookingId, startsAt };
  };

  // New today, waiting for the place's first answer.
  await refer(agency.id, adviser.id, PEOPLE[0]!, { createdAt: now - 2 * HOUR });
  await refer(ccas.id, social.id, PEOPLE[1]!, { createdAt: now - 5 * HOUR });
  // Sent 12 days ago, still unanswered: one reminder sent to the place.
  await refer(agency.id, adviser.id, PEOPLE[2]!, { createdAt: now - 12 * DAY });
  await followUpReferrals(db, { now: new Date(now - 2 * DAY + HOUR), baseUrl: "" });
  // Accepted, a call without answer: to contact.
  const toCall = await refer(ccas.id, social.id, PEOPLE[3]!, { createdAt: now - 3 * DAY });
  await answer(toCall, { kind: "contact", note: "Pas de réponse, message laissé sur le répondeur." }, now - 2 * DAY);
  // Booked by the adviser: a computer slot today (or the next free one) — in the mediator's agenda.
  const station = main.offers.find((o) => o.slots.length > 0);
  if (station) await refer(agency.id, adviser.id, PEOPLE[4]!, { rendez_vous: `creneau:${station.key}:${new Date(station.slots[0]!.start).toISOString()}` });
  // A workshop seat booked by the place, after accepting.
  const seat = await refer(agency.id, adviser.id, PEOPLE[5]!, { createdAt: now - 4 * DAY });
  await answer(seat, { kind: "accept" }, now - 4 * DAY + 3 * HOUR);
  if (main.sessions[0]) await answer(seat, { kind: "book", appointment: { kind: "session", sessionId: main.sessions[0].id } }, now - 3 * DAY);
  // Came, then help given (the mediator's record of that appointment).
  const came = await refer(agency.id, adviser.id, PEOPLE[6]!, { createdAt: now - 10 * DAY });
  await answer(came, { kind: "accept" }, now - 9 * DAY);
  await pastVisit(came, 6, "present");
  const helped = await refer(ccas.id, social.id, PEOPLE[7]!, { createdAt: now - 16 * DAY });
  await answer(helped, { kind: "accept" }, now - 15 * DAY);
  const visit = await pastVisit(helped, 9, "present");
  if (visit) await createHelpRecord(db, { placeId: main.id, bookingId: visit.bookingId, mediatorId: mediator.id, themes: ["Email", "InsertionProfessionnelle"], durationMinutes: 60, date: visit.startsAt.toISOString().slice(0, 10) });
  // Absent, and absence excused.
  const absent = await refer(agency.id, adviser.id, PEOPLE[8]!, { createdAt: now - 8 * DAY });
  await answer(absent, { kind: "accept" }, now - 8 * DAY + 2 * HOUR);
  await pastVisit(absent, 4, "absent");
  const excused = await refer(ccas.id, social.id, PEOPLE[9]!, { createdAt: now - 7 * DAY });
  await answer(excused, { kind: "accept" }, now - 7 * DAY + HOUR);
  await pastVisit(excused, 3, "excused");
  // Refused with the reason; closed by the adviser; expired without answer (at the second place).
  const refused = await refer(agency.id, adviser.id, PEOPLE[10]!, { createdAt: now - 6 * DAY });
  await answer(refused, { kind: "refuse", reason: "Nous n'avons pas de créneau d'accompagnement à l'emploi ce mois-ci : essayez l'EPN voisin." }, now - 5 * DAY);
  const closed = await refer(agency.id, adviser.id, PEOPLE[11]!, { createdAt: now - 20 * DAY });
  await answerReferral(db, { referralId: closed, scope: { partnerId: agency.id }, answer: { kind: "close", reason: "La personne a été aidée par sa fille." }, actorUserId: adviser.id, baseUrl: "", options: { ...options, now: now - 18 * DAY } });
  const second = demo[1] ? await placeOf(1) : main;
  await refer(ccas.id, social.id, PEOPLE[12]!, { createdAt: now - 35 * DAY, place: second });
  for (const days of [10, 20, 30]) await followUpReferrals(db, { now: new Date(now - 35 * DAY + days * DAY + HOUR), baseUrl: "" });
  // Past events are history: told already (no mail or webhook for them at start).
  const demoIds = (await db.select({ id: referrals.id }).from(referrals).where(eq(referrals.networkId, network.id))).map((r) => r.id);
  const old = await db
    .update(referralEvents)
    .set({ noticedAt: sql`${referralEvents.at}` })
    .where(and(inArray(referralEvents.referralId, demoIds), sql`${referralEvents.at} < ${new Date(now - HOUR).toISOString()}::timestamptz`))
    .returning({ id: referralEvents.id });
  if (old.length) await db.delete(jobs).where(inArray(jobs.key, old.map((e) => `referral.notice:${e.id}`)));
  await db.execute(sql`delete from email_outbox where subject like 'Relance : orientation%' or (subject like 'Nouvelle orientation%' and created_at < ${new Date(now - HOUR).toISOString()}::timestamptz)`);
  logger.info({ referrals: n }, "demo referrals created");
  return n;
}

async function slugOf(db: Db, placeId: string): Promise<string> {
  const [row] = await db.select({ slug: places.slug }).from(places).where(eq(places.id, placeId));
  return row!.slug;
}

/** A referral made in the past: its creation, consent and first events dated then. */
async function backdate(db: Db, id: string, at: number): Promise<void> {
  const iso = new Date(at).toISOString();
  await db.execute(sql`update referrals set created_at = ${iso}::timestamptz, consented_at = ${iso}::timestamptz, status_at = ${iso}::timestamptz, updated_at = ${iso}::timestamptz where id = ${id}::uuid`);
  await db.execute(sql`update referral_events set at = ${iso}::timestamptz where referral_id = ${id}::uuid`);
}
