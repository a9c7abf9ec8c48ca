/**
 * The demo's label: the « Web O Centre 2017-2020 » call of the State and the Region (its two
 * themes, decided in 2017: accepted places with their letters, a refusal), and the current
 * renewal call, open, with applications in every state — the demo manager's place holds a draft,
 * others are submitted, under review (one review given with its scores, one awaiting its
 * declaration), sent back for corrections, accepted with a letter, refused, closed — an outside
 * expert who can sign in, and two labels ending soon (their notices go with the next reminders).
 * Everything through the feature's own functions, dated as it happened. Made once.
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { applicationReviews, calls, emailOutbox, jobs, labelGrants, memberships, networkExperts, networks, places, users } from "~/db/schema";
import { mailJobKey } from "~/features/mail/outbox.server";
import { addFile, decide, networkMove, postMessage, saveSection, startApplication, submitApplication } from "~/features/calls/applications.server";
import { renderDecisionLetter } from "~/features/calls/decision-letter.server";
import { assignReviewer, declare, saveScores } from "~/features/calls/reviews.server";
import { addDays } from "~/features/time/calendar";
import { todayInFrance } from "~/features/time/today";
import { logger } from "~/lib/logger";
import { createPublishedCall, INCLUSION, INNOVATION } from "./call-factories.server";
import { DEMO_ACCOUNTS, DEMO_LABEL, DEMO_PASSWORD } from "./demo.server";
import { createStaffUser } from "./factories.server";

const DAY = 86_400_000;
export const DEMO_EXPERT = { email: "expertise@demo.reseau-epn.fr", name: "Hélène Expertise (démo)" };

/** A tiny but real PDF, as a place would join its deliberation. */
export const DEMO_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

const form = (entries: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) for (const value of Array.isArray(v) ? v : [v]) f.append(k, value);
  return f;
};

function answersFor(place: string, theme: string) {
  return {
    s1: form({ q_q1: "oui", q_q2: theme, q_q3: theme === INCLUSION ? `Permanence hebdomadaire de l'agence France Travail à ${place}, ateliers CV et candidatures en ligne.` : "", q_q4: "8" }),
    s2: form({
      q_q5: `À ${place} : accès libre, ateliers d'initiation, accompagnement des démarches en ligne et des recherches d'emploi.`,
      q_q6: ["Demandeurs d'emploi", "Seniors"],
      q_q7_label: ["Poste d'animateur (mi-temps)", "Renouvellement de 4 ordinateurs", "Abonnement internet"],
      q_q7_amount: ["16 500", "3 200", "480"],
      q_q8: "6 000",
      q_q9: "2017-09-01",
    }),
  };
}

/** The demo's calls, applications, reviews and decisions (once; needs the demo network, its labelled places and accounts). */
export async function seedDemoCalls(db: Db, now: number = Date.now()): Promise<number> {
  const [network] = await db.select({ id: networks.id }).from(networks).where(eq(networks.isDemo, true)).limit(1);
  if (!network) return 0;
  const [done] = await db.select({ id: calls.id }).from(calls).where(eq(calls.networkId, network.id)).limit(1);
  if (done) return 0;
  const [coordinator] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS.coordinator.email));
  const [manager] = await db
    .select({ id: users.id, placeId: memberships.placeId })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.role, "manager")))
    .where(eq(users.email, DEMO_ACCOUNTS.manager.email));
  if (!coordinator || !manager?.placeId) return 0;
  const labelled = await db
    .selectDistinct({ id: places.id, name: places.name, commune: places.commune })
    .from(labelGrants)
    .innerJoin(places, eq(places.id, labelGrants.placeId))
    .where(eq(labelGrants.networkId, network.id))
    .orderBy(asc(places.name))
    .limit(12);
  const others = labelled.filter((p) => p.id !== manager.placeId);
  if (others.length < 8) return 0;
  const started = Date.now();
  // The mails these past steps queue are not sent at start (no flood): kept out like the referrals' past notices.
  const mailsBefore = new Set((await db.select({ id: emailOutbox.id }).from(emailOutbox)).map((r) => r.id));

  // Each demo place's applications are written by an account of its own (the places' managers are not demo accounts).
  const applicant = async (placeId: string) => {
    const [existing] = await db.select({ id: memberships.userId }).from(memberships).where(and(eq(memberships.placeId, placeId), eq(memberships.role, "manager"))).limit(1);
    return existing?.id ?? (await createStaffUser(db, { role: "manager", placeId })).id;
  };
  const expert = await createStaffUser(db, { ...DEMO_EXPERT, password: DEMO_PASSWORD, emailVerified: true });
  await db.insert(networkExperts).values({ networkId: network.id, userId: expert.id, organisation: "Région Centre-Val de Loire", invitedBy: coordinator.id });
  const base = { baseUrl: "", renderLetter: renderDecisionLetter };

  // 1. « Web O Centre 2017-2020 »: opened in March 2017, decided in July.
  const first = await createPublishedCall(db, {
    networkId: network.id, actorUserId: coordinator.id, title: "Web O Centre 2017-2020", label: DEMO_LABEL.label, labelValidUntil: "2020-12-31", reviewsRequired: 1,
    opensAt: new Date("2017-03-01T00:00:00+01:00"), closesAt: new Date("2017-06-30T12:00:00+02:00"),
  });
  const at = (iso: string) => new Date(iso);
  const fill = async (call: typeof first, place: { id: string; name: string; commune: string }, theme: string, when: Date, submit = true) => {
    const actor = await applicant(place.id);
    const s = await startApplication(db, { call, placeId: place.id, actorUserId: actor, now: when });
    if (s.kind !== "started") throw new Error(`demo application: ${s.kind}`);
    const a = answersFor(place.commune, theme);
    await saveSection(db, { applicationId: s.applicationId, sectionId: "s1", form: a.s1, actorUserId: actor, now: when });
    await saveSection(db, { applicationId: s.applicationId, sectionId: "s2", form: a.s2, actorUserId: actor, now: when });
    await addFile(db, { applicationId: s.applicationId, questionId: "q10", fileName: `deliberation-${place.commune.toLowerCase()}.pdf`, bytes: DEMO_PDF, actorUserId: actor, now: when });
    if (submit) {
      const r = await submitApplication(db, { applicationId: s.applicationId, actorUserId: actor, baseUrl: "", now: new Date(when.getTime() + DAY) });
      if (r.kind !== "submitted") throw new Error(`demo submission: ${r.kind}`);
    }
    return { id: s.applicationId, actor };
  };
  const review = async (applicationId: string, reviewerId: string, scores: [number, number, number] | null, when: Date) => {
    await assignReviewer(db, { applicationId, networkId: network.id, reviewerId, actorUserId: coordinator.id, baseUrl: "", now: when });
    const [row] = await db.select({ id: applicationReviews.id }).from(applicationReviews).where(and(eq(applicationReviews.applicationId, applicationId), eq(applicationReviews.reviewerId, reviewerId)));
    if (!scores) return;
    await declare(db, { reviewId: row!.id, reviewerId, declaration: "no-conflict", networkId: network.id, baseUrl: "", now: when });
    await saveScores(db, {
      reviewId: row!.id, reviewerId, networkId: network.id, submit: true, now: when,
      form: form({ score_c1: String(scores[0]), comment_c1: "Lieu bien identifié par les habitants.", score_c2: String(scores[1]), comment_c2: "Partenariats à formaliser.", score_c3: String(scores[2]), commentaire: "Projet cohérent avec les priorités du contrat de plan." }),
    });
  };
  const firstPlaces = others.slice(0, 4);
  for (const [i, place] of firstPlaces.entries()) {
    const app = await fill(first, place, i % 2 ? INNOVATION : INCLUSION, at(`2017-04-${String(3 + i).padStart(2, "0")}T09:00:00+02:00`));
    await networkMove(db, { applicationId: app.id, to: "under_review", actorUserId: coordinator.id, baseUrl: "", now: at("2017-07-03T09:00:00+02:00") });
    await review(app.id, expert.id, i === 3 ? [1, 2, 1] : [4, 4 - (i % 2), 3], at("2017-07-06T15:00:00+02:00"));
    const accepted = i !== 3;
    await decide(db, { ...base, applicationId: app.id, decision: accepted ? "accepted" : "refused", reason: accepted ? "" : "Le projet ne prévoit pas d'ouverture au public en dehors des ateliers.", themes: [i % 2 ? INNOVATION : INCLUSION], actorUserId: coordinator.id, now: at("2017-07-12T10:00:00+02:00") });
  }
  await db.update(calls).set({ status: "archived" }).where(eq(calls.id, first.id));

  // 2. The renewal call, open now: every state.
  const today = todayInFrance(now);
  const renewal = await createPublishedCall(db, {
    networkId: network.id, actorUserId: coordinator.id, title: "Web O Centre 2027-2030 : renouvellement et nouveaux lieux", label: DEMO_LABEL.label, labelValidUntil: "2030-12-31", reviewsRequired: 1,
    opensAt: new Date(now - 40 * DAY), closesAt: new Date(now + 20 * DAY),
  });
  const ago = (days: number) => new Date(now - days * DAY);
  const [p1, p2, p3, p4, p5, p6, p7] = others.slice(4, 11) as [(typeof others)[0], ...(typeof others)[0][]];
  // The demo manager's own place: a draft, its first section saved.
  const mine = await startApplication(db, { call: renewal, placeId: manager.placeId, actorUserId: manager.id, now: ago(3) });
  if (mine.kind === "started") {
    const [place] = await db.select({ commune: places.commune }).from(places).where(eq(places.id, manager.placeId));
    await saveSection(db, { applicationId: mine.applicationId, sectionId: "s1", form: answersFor(place?.commune ?? "", INCLUSION).s1, actorUserId: manager.id, now: ago(3) });
  }
  await fill(renewal, p1!, INCLUSION, ago(10));
  const underReview = await fill(renewal, p2!, INNOVATION, ago(20));
  await networkMove(db, { applicationId: underReview.id, to: "under_review", actorUserId: coordinator.id, baseUrl: "", now: ago(15) });
  await review(underReview.id, expert.id, [4, 3, 4], ago(8));
  await review(underReview.id, coordinator.id, null, ago(8));
  const corrections = await fill(renewal, p3!, INCLUSION, ago(18));
  await networkMove(db, { applicationId: corrections.id, to: "corrections", reason: "Le budget ne mentionne pas le cofinancement de la commune : ajoutez-le, avec la délibération du conseil municipal.", actorUserId: coordinator.id, baseUrl: "", now: ago(12) });
  await postMessage(db, { applicationId: corrections.id, side: "applicant", body: "La délibération passe au conseil du 15 : nous déposerons le dossier corrigé ensuite.", actorUserId: corrections.actor, baseUrl: "", now: ago(11) });
  for (const [place, decision, reason] of [
    [p4!, "accepted", ""],
    [p5!, "refused", "Le lieu n'est ouvert au public que six heures par semaine ; l'appel en demande vingt."],
    [p6!, "closed", "Le lieu a fusionné avec la médiathèque voisine, qui dépose son propre dossier."],
  ] as const) {
    const app = await fill(renewal, place, INCLUSION, ago(30));
    await networkMove(db, { applicationId: app.id, to: "under_review", actorUserId: coordinator.id, baseUrl: "", now: ago(25) });
    if (decision !== "closed") await review(app.id, expert.id, decision === "accepted" ? [5, 4, 4] : [2, 1, 2], ago(9));
    await decide(db, { ...base, applicationId: app.id, decision, reason, themes: [INCLUSION, INNOVATION], actorUserId: coordinator.id, now: ago(5) });
  }
  if (p7) await fill(renewal, p7, INNOVATION, ago(2), false);

  // 3. Two labels ending soon (their places are told 90 and 30 days before, by the reminders job).
  const ending = others.slice(0, 2).map((p) => p.id);
  const open = await db.select({ id: labelGrants.id, placeId: labelGrants.placeId }).from(labelGrants).where(and(eq(labelGrants.networkId, network.id), inArray(labelGrants.placeId, ending), isNull(labelGrants.validUntil)));
  for (const [i, grant] of open.entries()) await db.update(labelGrants).set({ validUntil: addDays(today, i === 0 ? 25 : 80) }).where(eq(labelGrants.id, grant.id));

  const seeded = (await db.select({ id: emailOutbox.id }).from(emailOutbox)).map((r) => r.id).filter((id) => !mailsBefore.has(id));
  if (seeded.length) {
    await db.delete(jobs).where(inArray(jobs.key, seeded.map(mailJobKey)));
    await db.delete(emailOutbox).where(inArray(emailOutbox.id, seeded));
  }
  logger.info({ ms: Date.now() - started }, "demo calls for projects created");
  return 1;
}
