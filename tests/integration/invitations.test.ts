/**
 * Invitations, password reset and email verification, through the real request handler
 * (the React Router server build compiled in memory by Vite), on PGlite or PostgreSQL.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { auditLog, emailOutbox, invitations, memberships, sessions, users } from "~/db/schema";
import { createEmailToken, requestPasswordReset } from "~/features/accounts/email-tokens.server";
import { verifyPassword } from "~/features/accounts/password.server";
import { createSession } from "~/features/accounts/sessions.server";
import { createUser, loadPrincipal } from "~/features/accounts/users.server";
import { attachToNetwork, createNetwork, createPlace, createStaffUser } from "~/features/demo/factories.server";
import { createInvitation, INVITATION_LIMIT } from "~/features/invitations/invitations.server";
import type { Env } from "~/lib/env";
import { createTestDatabase } from "../support/database";
import { ORIGIN, startHarness, type Harness } from "../support/harness";

let database: Database;
let h: Harness;
let placeA = "";
let coordinatorId = "";
let mediatorId = "";
let address = 0;

/** A page or a form sent as `who` (null: nobody signed in), each from another client address. */
async function call(who: string | null, url: string, fields?: Record<string, string>, env?: Env) {
  const options = { env, clientAddress: `203.0.113.${++address % 250}` };
  const response = fields ? await h.post(who, url, new URLSearchParams(fields), { ...options, csrf: fields.csrf }) : await h.get(who, url, options);
  return { status: response.status, location: response.headers.get("location"), setCookie: response.headers.get("set-cookie"), text: await response.text() };
}

/** Sign the account in with a new session; `call` knows it by its id. */
async function signInAs(userId: string): Promise<string> {
  await h.signIn(userId, userId);
  return userId;
}

async function lastMailTo(email: string) {
  const [row] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).orderBy(desc(emailOutbox.createdAt)).limit(1);
  return row ?? null;
}

const tokenIn = (text: string, path: string) => new RegExp(`${ORIGIN}/${path}/([A-Za-z0-9_-]{43})`).exec(text)?.[1] ?? null;
/** React's HTML escapes apostrophes. */
const html = (text: string) => text.replaceAll("'", "&#x27;");

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  placeA = (await createPlace(db, { name: "Espace numérique Alpha" })).id;
  const network = await createNetwork(db, { slug: "reseau-a", name: "Réseau Alpha" });
  await attachToNetwork(db, { placeId: placeA, networkId: network.id });
  coordinatorId = (await createStaffUser(db, { email: "coordination@exemple.fr", name: "Claire Coordination", role: "coordinator", networkId: network.id })).id;
  mediatorId = (await createStaffUser(db, { email: "mediation@exemple.fr", name: "Marc Médiation", role: "mediator", placeId: placeA })).id;
  h = await startHarness(database);
});
afterAll(async () => {
  await h?.close();
  await database?.close();
});

describe("invitations", () => {
  it("coordinator invites a manager → mail queued → accepted with a password → the manager invites a mediator", async () => {
    const coordinator = await signInAs(coordinatorId);
    const staffUrl = `/gestion/lieux/${placeA}/equipe`;
    const page = await call(coordinator, staffUrl);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Marc Médiation");

    // Bad input: French message next to the field, the address typed kept.
    const bad = await call(coordinator, staffUrl, { intent: "inviter", email: "pas-une-adresse", role: "manager" });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("Saisissez une adresse électronique valide");
    expect(bad.text).toContain('value="pas-une-adresse"');

    const invited = await call(coordinator, staffUrl, { intent: "inviter", email: "Rose.Responsable@Exemple.fr", role: "manager" });
    expect(invited.status).toBe(200);
    expect(invited.text).toContain("Invitation envoyée à rose.responsable@exemple.fr");
    const mail = await lastMailTo("rose.responsable@exemple.fr");
    expect(mail!.subject).toBe("Invitation à rejoindre Espace numérique Alpha sur Réseau EPN");
    expect(mail!.textBody).toContain("Claire Coordination vous invite");
    const token = tokenIn(mail!.textBody, "invitation")!;
    expect(token).toBeTruthy();
    // Only the hash is stored.
    const stored = await database.db.select({ tokenHash: invitations.tokenHash }).from(invitations);
    expect(stored.some((r) => r.tokenHash === token)).toBe(false);
    expect((await call(coordinator, staffUrl)).text).toContain("rose.responsable@exemple.fr");
    // The demo page shows the mail with its link.
    expect((await call(coordinator, "/gestion/dev/mails")).text).toContain(`/invitation/${token}`);

    const open = await call(null, `/invitation/${token}`);
    expect(open.status).toBe(200);
    expect(open.text).toContain("Rejoindre Espace numérique Alpha");
    const mismatch = await call(null, `/invitation/${token}`, { nom: "Rose", mot_de_passe: "une phrase de passe", confirmation: "autre chose ici" });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain("Les deux mots de passe ne sont pas identiques.");
    const short = await call(null, `/invitation/${token}`, { nom: "", mot_de_passe: "court", confirmation: "court" });
    expect(short.status).toBe(400);
    expect(short.text).toContain("Saisissez votre nom.");
    expect(short.text).toContain("Le mot de passe doit faire au moins 12 caractères");

    const accepted = await call(null, `/invitation/${token}`, { nom: "Rose Responsable", mot_de_passe: "une phrase de passe", confirmation: "une phrase de passe" });
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe("/gestion");
    const [rose] = await database.db.select().from(users).where(eq(users.email, "rose.responsable@exemple.fr"));
    expect(rose!.emailVerifiedAt).not.toBeNull();
    expect(await verifyPassword(rose!.passwordHash!, "une phrase de passe")).toBe(true);
    expect((await loadPrincipal(database.db, rose!.id))!.principal.memberships).toEqual([{ role: "manager", placeId: placeA }]);
    const actions = (await database.db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["invitation.created", "invitation.accepted"]));

    // Signed in by the acceptance: the manager invites a mediator (and may not invite a manager).
    h.useSession("rose", accepted.setCookie!.split(";")[0]!.split("=")[1]!);
    const home = await call("rose", "/gestion");
    expect(home.text).toContain(`/gestion/lieux/${placeA}/equipe`);
    expect((await call("rose", staffUrl, { intent: "inviter", email: "autre.responsable@exemple.fr", role: "manager" })).status).toBe(403);
    const second = await call("rose", staffUrl, { intent: "inviter", email: "mediation2@exemple.fr", role: "mediator" });
    expect(second.status).toBe(200);
    const mediatorMail = await lastMailTo("mediation2@exemple.fr");
    expect(mediatorMail!.textBody).toContain("rôle : médiation");

    // Used once.
    const again = await call(null, `/invitation/${token}`);
    expect(again.status).toBe(410);
    expect(again.text).toContain("Cette invitation a déjà été acceptée.");
  });

  it("an existing account signs in, then accepts; another account cannot", async () => {
    const existing = await createUser(database.db, { email: "deja@exemple.fr", name: "Déjà Là", password: "une phrase de passe" });
    const principal = (await loadPrincipal(database.db, coordinatorId))!.principal;
    const outcome = await createInvitation(database.db, { principal, inviterName: "Claire", placeId: placeA, email: "deja@exemple.fr", role: "mediator", baseUrl: ORIGIN });
    if (outcome.kind !== "invited") throw new Error(outcome.kind);
    const anonymous = await call(null, `/invitation/${outcome.token}`);
    expect(anonymous.text).toContain(html("Vous avez déjà un compte avec cette adresse"));
    expect(anonymous.text).toContain(`/connexion?retour=${encodeURIComponent(`/invitation/${outcome.token}`)}`);
    // A new-account form sent anyway does not take over the account.
    const takeover = await call(null, `/invitation/${outcome.token}`, { nom: "X", mot_de_passe: "une phrase de passe", confirmation: "une phrase de passe" });
    expect(takeover.status).toBe(302);
    const other = await signInAs(mediatorId);
    expect((await call(other, `/invitation/${outcome.token}`)).text).toContain("Vous êtes connecté avec une autre adresse");
    expect((await call(other, `/invitation/${outcome.token}`, {})).status).toBe(403);
    const me = await signInAs(existing);
    expect((await call(me, `/invitation/${outcome.token}`, { csrf: "x".repeat(43) })).status).toBe(403);
    const done = await call(me, `/invitation/${outcome.token}`, {});
    expect(done.status).toBe(303);
    expect((await loadPrincipal(database.db, existing))!.principal.memberships).toEqual([{ role: "mediator", placeId: placeA }]);
  });

  it("refuses unknown, expired and revoked links with French messages", async () => {
    const unknown = await call(null, "/invitation/jeton-inconnu");
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain(html("Ce lien d'invitation n'est pas valable."));

    const principal = (await loadPrincipal(database.db, coordinatorId))!.principal;
    const old = await createInvitation(database.db, { principal, inviterName: "Claire", placeId: placeA, email: "tard@exemple.fr", role: "mediator", baseUrl: ORIGIN, now: new Date(Date.now() - 8 * 86_400_000) });
    if (old.kind !== "invited") throw new Error(old.kind);
    const expired = await call(null, `/invitation/${old.token}`);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain(html("Ce lien d'invitation a expiré"));
    expect((await call(null, `/invitation/${old.token}`, { nom: "T", mot_de_passe: "une phrase de passe", confirmation: "une phrase de passe" })).status).toBe(410);

    const fresh = await createInvitation(database.db, { principal, inviterName: "Claire", placeId: placeA, email: "annule@exemple.fr", role: "mediator", baseUrl: ORIGIN });
    if (fresh.kind !== "invited") throw new Error(fresh.kind);
    const coordinator = await signInAs(coordinatorId);
    const revoked = await call(coordinator, `/gestion/lieux/${placeA}/equipe`, { intent: "annuler", invitation: fresh.invitationId });
    expect(revoked.status).toBe(200);
    expect(revoked.text).toContain("Invitation annulée.");
    const refused = await call(null, `/invitation/${fresh.token}`);
    expect(refused.status).toBe(410);
    expect(refused.text).toContain("Cette invitation a été annulée.");
    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, "invitation.revoked"), eq(auditLog.entityId, fresh.invitationId)));
    expect(audit!.actorUserId).toBe(coordinatorId);
  });

  it("a mediator cannot invite, nor open the staff page; a forged POST is refused", async () => {
    const mediator = await signInAs(mediatorId);
    expect((await call(mediator, `/gestion/lieux/${placeA}/equipe`)).status).toBe(403);
    expect((await call(mediator, `/gestion/lieux/${placeA}/equipe`, { intent: "inviter", email: "x@exemple.fr", role: "mediator" })).status).toBe(403);
    const principal = (await loadPrincipal(database.db, mediatorId))!.principal;
    expect((await createInvitation(database.db, { principal, inviterName: "Marc", placeId: placeA, email: "y@exemple.fr", role: "mediator", baseUrl: ORIGIN })).kind).toBe("forbidden");
    const coordinator = await signInAs(coordinatorId);
    expect((await call(coordinator, `/gestion/lieux/${placeA}/equipe`, { csrf: "faux".repeat(10), intent: "inviter", email: "z@exemple.fr", role: "mediator" })).status).toBe(403);
    expect(await lastMailTo("z@exemple.fr")).toBeNull();
  });

  it("changes a role and removes a person, with the audit log", async () => {
    // A mediator of its own: the one every other test uses stays as it is.
    const { id: personId } = await createStaffUser(database.db, { role: "mediator", placeId: placeA });
    const coordinator = await signInAs(coordinatorId);
    const url = `/gestion/lieux/${placeA}/equipe`;
    const changed = await call(coordinator, url, { intent: "role", personne: personId, de: "mediator", vers: "manager" });
    expect(changed.status).toBe(200);
    expect(changed.text).toContain("Rôle modifié.");
    expect((await loadPrincipal(database.db, personId))!.principal.memberships).toEqual([{ role: "manager", placeId: placeA }]);
    const removed = await call(coordinator, url, { intent: "retirer", personne: personId, role: "manager" });
    expect(removed.text).toContain("Personne retirée de l");
    expect(await database.db.select().from(memberships).where(eq(memberships.userId, personId))).toEqual([]);
    const actions = (await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, personId))).map((r) => r.action);
    expect(actions.sort()).toEqual(["staff.removed", "staff.role-changed"]);
  });

  it("refuses the 21st invitation in an hour, and the next hour is open again", async () => {
    const principal = (await loadPrincipal(database.db, coordinatorId))!.principal;
    const now = new Date("2026-09-01T10:05:00Z");
    for (let i = 0; i < INVITATION_LIMIT.limit; i++) {
      expect((await createInvitation(database.db, { principal, inviterName: "C", placeId: placeA, email: `n${i}@exemple.fr`, role: "mediator", baseUrl: ORIGIN, now })).kind).toBe("invited");
    }
    const refused = await createInvitation(database.db, { principal, inviterName: "C", placeId: placeA, email: "trop@exemple.fr", role: "mediator", baseUrl: ORIGIN, now });
    expect(refused).toEqual({ kind: "limited", retryAfterSeconds: 55 * 60 });
    expect(await lastMailTo("trop@exemple.fr")).toBeNull();
    const later = await createInvitation(database.db, { principal, inviterName: "C", placeId: placeA, email: "trop@exemple.fr", role: "mediator", baseUrl: ORIGIN, now: new Date("2026-09-01T11:00:00Z") });
    expect(later.kind).toBe("invited");
  });
});

describe("demo mails page", () => {
  it("shows the latest mails to signed-in staff only, and is 404 once SMTP_URL is set", async () => {
    const coordinator = await signInAs(coordinatorId);
    expect((await call(null, "/gestion/dev/mails")).status).toBe(302);
    const page = await call(coordinator, "/gestion/dev/mails");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Courriels de démonstration");
    expect((await call(coordinator, "/gestion/dev/mails", undefined, { ...h.env, SMTP_URL: "smtp://127.0.0.1:2525" })).status).toBe(404);
  });
});

describe("password reset", () => {
  it("answers the same whether or not the account exists, and mails a one-hour link", async () => {
    const userId = await createUser(database.db, { email: "oubli@exemple.fr", name: "Odile", password: "ancienne phrase de passe" });
    await createSession(database.db, userId);
    await createSession(database.db, userId);
    expect((await call(null, "/mot-de-passe-oublie")).status).toBe(200);
    const known = await call(null, "/mot-de-passe-oublie", { email: "Oubli@exemple.fr" });
    const unknown = await call(null, "/mot-de-passe-oublie", { email: "personne@exemple.fr" });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(known.text).toContain("Si un compte existe avec cette adresse");
    expect(unknown.text.replace(/<[^>]+>/g, "")).toBe(known.text.replace(/<[^>]+>/g, ""));
    expect(await lastMailTo("personne@exemple.fr")).toBeNull();
    const mail = await lastMailTo("oubli@exemple.fr");
    const token = tokenIn(mail!.textBody, "mot-de-passe")!;
    expect(token).toBeTruthy();

    expect((await call(null, `/mot-de-passe/${token}`)).status).toBe(200);
    const mismatch = await call(null, `/mot-de-passe/${token}`, { mot_de_passe: "nouvelle phrase de passe", confirmation: "autre" });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain("Les deux mots de passe ne sont pas identiques.");
    const done = await call(null, `/mot-de-passe/${token}`, { mot_de_passe: "nouvelle phrase de passe", confirmation: "nouvelle phrase de passe" });
    expect(done.status).toBe(200);
    expect(done.text).toContain("Votre mot de passe est changé et vos sessions ouvertes sont fermées.");
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, userId))).toEqual([]);
    const [user] = await database.db.select().from(users).where(eq(users.id, userId));
    expect(await verifyPassword(user!.passwordHash!, "nouvelle phrase de passe")).toBe(true);
    // Once only.
    const reused = await call(null, `/mot-de-passe/${token}`);
    expect(reused.status).toBe(200);
    expect(reused.text).toContain(html("Ce lien n'est pas valable ou a expiré"));
    expect((await call(null, `/mot-de-passe/${token}`, { mot_de_passe: "encore une phrase", confirmation: "encore une phrase" })).status).toBe(404);
  });

  it("refuses a link older than an hour", async () => {
    const userId = await createUser(database.db, { email: "vieux@exemple.fr", name: "V" });
    const token = await createEmailToken(database.db, userId, "reset-password", new Date(Date.now() - 61 * 60_000));
    expect((await call(null, `/mot-de-passe/${token}`)).status).toBe(404);
  });

  it("limits requests per address and per client", async () => {
    const now = new Date("2026-09-02T10:00:00Z");
    const ask = (email: string, clientAddress: string) => requestPasswordReset(database.db, { email, clientAddress, secret: h.env.sessionSecret, baseUrl: ORIGIN, now });
    for (let i = 0; i < 3; i++) expect((await ask("limite@exemple.fr", `198.51.100.${i}`)).kind).toBe("done");
    expect((await ask("limite@exemple.fr", "198.51.100.9")).kind).toBe("limited");
    for (let i = 0; i < 20; i++) await ask(`c${i}@exemple.fr`, "198.51.100.200");
    expect(await ask("encore@exemple.fr", "198.51.100.200")).toEqual({ kind: "limited", retryAfterSeconds: 3600 });
  });
});

describe("email verification", () => {
  it("verifies the address with its one-time link, once", async () => {
    const userId = await createUser(database.db, { email: "verif@exemple.fr", name: "Véra" });
    const token = await createEmailToken(database.db, userId, "verify-email");
    expect((await call(null, `/verification/${token}`)).status).toBe(200);
    const [before] = await database.db.select().from(users).where(eq(users.id, userId));
    expect(before!.emailVerifiedAt).toBeNull();
    const done = await call(null, `/verification/${token}`, {});
    expect(done.status).toBe(200);
    expect(done.text).toContain("Votre adresse électronique est vérifiée.");
    const [after] = await database.db.select().from(users).where(eq(users.id, userId));
    expect(after!.emailVerifiedAt).not.toBeNull();
    expect((await call(null, `/verification/${token}`, {})).status).toBe(404);
    expect((await call(null, "/verification/jeton-inconnu")).text).toContain(html("Ce lien de vérification n'est pas valable"));
  });
});
