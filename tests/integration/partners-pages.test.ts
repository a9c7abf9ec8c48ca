/**
 * A network's partner organisations through the real request handler (tests/support/harness.ts),
 * on PGlite or PostgreSQL: the coordinator adds an organisation (bad SIRET, a name the network
 * already has: French errors, nothing written), invites an adviser who accepts and becomes the
 * organisation's adviser for the policy, sets the webhook (its secret made, shown, regenerated,
 * never in the log), makes an API key (shown once, kept hashed, found by the API helper, revoked),
 * and sets the referral rules within their bounds. Another network's partner is 404; another
 * network's coordinator and the partner's advisers themselves are 403.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { auditLog, emailOutbox, invitations, memberships, partnerApiTokens, partners, referralSettings, users } from "~/db/schema";
import { hashToken } from "~/features/accounts/tokens.server";
import { loadPrincipal } from "~/features/accounts/users.server";
import { createNetwork, createPartner } from "~/features/demo/factories.server";
import { bearerToken, findPartnerByApiToken } from "~/features/partners/api-tokens.server";
import { fr } from "~/lib/messages";
import { createTestDatabase } from "../support/database";
import { decodeEntities, html, ORIGIN, startHarness, type Harness } from "../support/harness";

const m = fr.partners;
let database: Database;
let h: Harness;
const ids = { network: "", otherNetwork: "", otherPartner: "", ccas: "" };
const list = "/gestion/reseaux/loiret/partenaires";
const page = () => `${list}/${ids.ccas}`;
const text = async (response: Response) => decodeEntities((await html(response)).replace(/<!-- -->/g, ""));
const body = (fields: Record<string, string>) => new URLSearchParams(fields);
const partnerBody = (fields: Record<string, string> = {}) => body({ intent: "ajouter", nom: "CCAS d'Orléans", type: "ccas", siret: "", courriel: "", ...fields });
const count = async (table: typeof partners | typeof referralSettings) => (await database.db.select().from(table)).length;
/** Every audit line of the network, as text: what must never hold a secret. */
const auditText = async () => JSON.stringify(await database.db.select({ action: auditLog.action, before: auditLog.before, after: auditLog.after }).from(auditLog).where(eq(auditLog.networkId, ids.network)));

beforeAll(async () => {
  database = await createTestDatabase();
  h = await startHarness(database);
  ids.network = (await createNetwork(database.db, { slug: "loiret", name: "Loiret numérique" })).id;
  ids.otherNetwork = (await createNetwork(database.db, { slug: "cher", name: "Cher numérique" })).id;
  ids.otherPartner = (await createPartner(database.db, { networkId: ids.otherNetwork, name: "Mission locale de Bourges", kind: "mission-locale" })).id;
  await h.person("coordinator", { role: "coordinator", networkId: ids.network });
  await h.person("otherCoordinator", { role: "coordinator", networkId: ids.otherNetwork });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await database?.close();
});

describe("the network's partners page", () => {
  it("is linked from the network's page", async () => {
    expect(await html(await h.get("coordinator", "/gestion/reseaux/loiret"))).toContain(`href="${list}"`);
    const shown = await text(await h.get("coordinator", list));
    expect(shown).toContain(m.listPageTitle("Loiret numérique"));
    expect(shown).toContain(m.listNone);
    // The rules' defaults before anyone sets them.
    expect(shown).toMatch(/name="expiration"[^>]*value="30"|value="30"[^>]*name="expiration"/);
  });

  it("refuses a bad SIRET, an unknown kind and a bad address in French, writing nothing", async () => {
    const before = await count(partners);
    const bad = await h.post("coordinator", list, partnerBody({ siret: "1234 5678", type: "agence", courriel: "contact@" }));
    expect(bad.status).toBe(400);
    const shown = await text(bad);
    expect(shown).toContain(m.errors.siret);
    expect(shown).toContain(m.errors.kind);
    expect(shown).toContain(m.errors.email);
    expect(shown).toContain('value="1234 5678"');
    expect(shown).toContain('href="#champ-siret"');
    expect(await count(partners)).toBe(before);
  });

  it("adds an organisation, then refuses the same name in the network whatever the case", async () => {
    const created = await h.post("coordinator", list, partnerBody({ siret: "130 005 481 00010", courriel: "Accueil@CCAS-Orleans.fr" }));
    expect(created.status).toBe(303);
    const location = created.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^${list}/[0-9a-f-]{36}\\?cree$`));
    ids.ccas = location.slice(list.length + 1, list.length + 37);
    const [row] = await database.db.select().from(partners).where(eq(partners.id, ids.ccas));
    expect(row).toMatchObject({ networkId: ids.network, name: "CCAS d'Orléans", kind: "ccas", siret: "13000548100010", email: "accueil@ccas-orleans.fr", webhookUrl: null, webhookPersonalData: false });
    expect(await text(await h.get("coordinator", location))).toContain(m.created);

    const before = await count(partners);
    const twice = await h.post("coordinator", list, partnerBody({ nom: "ccas D'ORLÉANS" }));
    expect(twice.status).toBe(400);
    expect(await text(twice)).toContain(m.errors.nameTaken);
    expect(await count(partners)).toBe(before);
    // Another network may have the same name.
    expect((await h.post("otherCoordinator", "/gestion/reseaux/cher/partenaires", partnerBody())).status).toBe(303);

    const shown = await text(await h.get("coordinator", list));
    expect(shown).toContain(`<a href="${list}/${ids.ccas}">CCAS d'Orléans</a>`);
    expect(shown).toContain(`<td>${m.kinds.ccas}</td>`);
    // The log says an address was given, not which.
    const audit = await auditText();
    expect(audit).toContain('"partner.create"');
    expect(audit).not.toContain("accueil@ccas-orleans.fr");
  });

  it("edits the organisation, refusing another partner's name", async () => {
    await createPartner(database.db, { networkId: ids.network, name: "France Travail — Orléans Nord" });
    const taken = await h.post("coordinator", page(), partnerBody({ intent: "modifier", nom: "France Travail — Orléans Nord" }));
    expect(taken.status).toBe(400);
    expect(await text(taken)).toContain(m.errors.nameTaken);
    const saved = await h.post("coordinator", page(), partnerBody({ intent: "modifier", nom: "CCAS d'Orléans", type: "ccas", siret: "13000548100010", courriel: "" }));
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`${page()}?enregistre`);
    expect((await database.db.select({ email: partners.email }).from(partners).where(eq(partners.id, ids.ccas)))[0]!.email).toBeNull();
    const same = await h.post("coordinator", page(), partnerBody({ intent: "modifier", siret: "13000548100010" }));
    expect(same.headers.get("location")).toBe(`${page()}?inchange`);
  });

  it("answers 404 for another network's partner or a malformed id, 403 to another network's coordinator and to advisers", async () => {
    expect((await h.get("coordinator", `${list}/${ids.otherPartner}`)).status).toBe(404);
    expect((await h.post("coordinator", `${list}/${ids.otherPartner}`, body({ intent: "regenerer-secret" }))).status).toBe(404);
    expect((await h.get("coordinator", `${list}/pas-un-id`)).status).toBe(404);
    expect((await h.get("otherCoordinator", page())).status).toBe(403);
    expect((await h.post("otherCoordinator", list, partnerBody({ nom: "Intrus" }))).status).toBe(403);
    await h.person("ccasAdviser", { role: "partner", partnerId: ids.ccas, networkId: ids.network });
    expect((await h.get("ccasAdviser", page())).status).toBe(403);
    expect((await h.get("ccasAdviser", list)).status).toBe(403);
  });
});

describe("a partner's advisers", () => {
  it("invites an adviser, who accepts and becomes the organisation's adviser", async () => {
    const bad = await h.post("coordinator", page(), body({ intent: "inviter", email: "pas-une-adresse" }));
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain(m.inviteErrors.email);

    const invited = await h.post("coordinator", page(), body({ intent: "inviter", email: "Lea.Conseil@CCAS-Orleans.fr" }));
    expect(invited.status).toBe(200);
    expect(await text(invited)).toContain(m.invited("lea.conseil@ccas-orleans.fr"));
    const [mail] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "lea.conseil@ccas-orleans.fr")).orderBy(desc(emailOutbox.createdAt)).limit(1);
    expect(mail!.subject).toBe("Invitation à rejoindre CCAS d'Orléans sur Réseau EPN");
    expect(mail!.textBody).toContain(`rôle : ${fr.mail.roles.partner}`);
    const token = new RegExp(`${ORIGIN}/invitation/([A-Za-z0-9_-]{43})`).exec(mail!.textBody)![1]!;
    const [stored] = await database.db.select({ role: invitations.role, partnerId: invitations.partnerId, placeId: invitations.placeId }).from(invitations).where(eq(invitations.tokenHash, hashToken(token)));
    expect(stored).toEqual({ role: "partner", partnerId: ids.ccas, placeId: null });
    expect(await text(await h.get("coordinator", page()))).toContain("lea.conseil@ccas-orleans.fr");

    const open = await h.get(null, `/invitation/${token}`);
    expect(open.status).toBe(200);
    expect(await text(open)).toContain("Rejoindre CCAS d'Orléans");
    const accepted = await h.post(null, `/invitation/${token}`, body({ nom: "Léa Conseil", mot_de_passe: "une phrase de passe", confirmation: "une phrase de passe" }), { csrf: null });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toBe("/gestion");
    const [lea] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, "lea.conseil@ccas-orleans.fr"));
    expect((await loadPrincipal(database.db, lea!.id))!.principal.memberships).toEqual([{ role: "partner", partnerId: ids.ccas, networkId: ids.network }]);
    const audit = await auditText();
    expect(audit).toContain('"invitation.created"');
    expect(audit).toContain('"invitation.accepted"');
    expect(audit).not.toContain("lea.conseil");

    const shown = await text(await h.get("coordinator", page()));
    expect(shown).toContain("Léa Conseil");
    expect(shown).toContain(m.pendingNone);
    const again = await h.post("coordinator", page(), body({ intent: "inviter", email: "lea.conseil@ccas-orleans.fr" }));
    expect(again.status).toBe(400);
    expect(await text(again)).toContain(m.alreadyAdviser);
  });

  it("cancels an invitation and removes an adviser", async () => {
    await h.post("coordinator", page(), body({ intent: "inviter", email: "sam@ccas-orleans.fr" }));
    const [pending] = await database.db.select({ id: invitations.id }).from(invitations).where(eq(invitations.email, "sam@ccas-orleans.fr"));
    const revoked = await h.post("coordinator", page(), body({ intent: "annuler-invitation", invitation: pending!.id }));
    expect(revoked.headers.get("location")).toBe(`${page()}?invitation-annulee#conseillers`);
    expect((await database.db.select({ revokedAt: invitations.revokedAt }).from(invitations).where(eq(invitations.id, pending!.id)))[0]!.revokedAt).not.toBeNull();
    // Another network's coordinator cannot cancel it, even through their own partner's URL.
    expect((await h.post("otherCoordinator", `/gestion/reseaux/cher/partenaires/${ids.otherPartner}`, body({ intent: "annuler-invitation", invitation: pending!.id }))).status).toBe(404);

    const [lea] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, "lea.conseil@ccas-orleans.fr"));
    const removed = await h.post("coordinator", page(), body({ intent: "retirer", personne: lea!.id }));
    expect(removed.headers.get("location")).toBe(`${page()}?retire#conseillers`);
    expect(await database.db.select().from(memberships).where(and(eq(memberships.userId, lea!.id), eq(memberships.role, "partner")))).toEqual([]);
    expect((await h.post("coordinator", page(), body({ intent: "retirer", personne: lea!.id }))).status).toBe(404);
  });
});

describe("a partner's webhook", () => {
  const secretOf = async () => (await database.db.select({ secret: partners.webhookSecret, url: partners.webhookUrl, personal: partners.webhookPersonalData }).from(partners).where(eq(partners.id, ids.ccas)))[0]!;

  it("refuses an address that is not https, in French, writing nothing", async () => {
    const bad = await h.post("coordinator", page(), body({ intent: "webhook", url: "http://api.ccas-orleans.fr/orientations", donnees_personnelles: "oui" }));
    expect(bad.status).toBe(400);
    const shown = await text(bad);
    expect(shown).toContain(m.webhookErrors.https);
    expect(shown).toContain('value="http://api.ccas-orleans.fr/orientations"');
    expect(await secretOf()).toEqual({ secret: null, url: null, personal: false });
    expect((await h.post("coordinator", page(), body({ intent: "regenerer-secret" }))).status).toBe(400);
  });

  it("makes a secret with the first address, shows it, regenerates it, and keeps it out of the log", async () => {
    const saved = await h.post("coordinator", page(), body({ intent: "webhook", url: "https://api.ccas-orleans.fr/orientations/cle-privee-du-recepteur" }));
    expect(saved.headers.get("location")).toBe(`${page()}?webhook#webhook`);
    const first = await secretOf();
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.personal).toBe(false);
    const shown = await text(await h.get("coordinator", page()));
    expect(shown).toContain(first.secret);
    expect(shown).toContain(m.personalDataOff);
    expect(shown).toContain(m.webhookPersonalDataWarning);

    // The personal data, ticked: the address is unchanged, so is the secret.
    await h.post("coordinator", page(), body({ intent: "webhook", url: "https://api.ccas-orleans.fr/orientations/cle-privee-du-recepteur", donnees_personnelles: "oui" }));
    expect(await secretOf()).toMatchObject({ secret: first.secret, personal: true });

    const regenerated = await h.post("coordinator", page(), body({ intent: "regenerer-secret" }));
    expect(regenerated.headers.get("location")).toBe(`${page()}?secret#secret`);
    const second = await secretOf();
    expect(second.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.secret).not.toBe(first.secret);
    expect(await text(await h.get("coordinator", `${page()}?secret`))).toContain(m.secretRegenerated);

    const audit = await auditText();
    expect(audit).toContain('"partner.webhook-secret"');
    expect(audit).toContain("https://api.ccas-orleans.fr");
    expect(audit).not.toContain("cle-privee-du-recepteur");
    expect(audit).not.toContain(first.secret!);
    expect(audit).not.toContain(second.secret!);
  });

  it("takes a local receiver on a platform that runs locally, and removes the webhook with its secret", async () => {
    // The harness's platform is at http://localhost:3000: a receiver on the machine itself is accepted.
    expect((await h.post("coordinator", page(), body({ intent: "webhook", url: "http://127.0.0.1:4567/recepteur" }))).status).toBe(303);
    expect((await secretOf()).url).toBe("http://127.0.0.1:4567/recepteur");
    const cleared = await h.post("coordinator", page(), body({ intent: "webhook", url: "", donnees_personnelles: "oui" }));
    expect(cleared.headers.get("location")).toBe(`${page()}?webhook-retire#webhook`);
    expect(await secretOf()).toEqual({ secret: null, url: null, personal: false });
    // A platform on a public address refuses it.
    const production = { ...h.env, NODE_ENV: "production" as const, baseUrl: "http://epn.exemple.fr" };
    const refused = await h.post("coordinator", page(), body({ intent: "webhook", url: "http://127.0.0.1:4567/recepteur" }), { env: production });
    expect(refused.status).toBe(400);
    expect(await text(refused)).toContain(m.webhookErrors.https);
  });
});

describe("a partner's API keys", () => {
  it("shows a new key once, keeps its hash and prefix, finds its partner, then revokes it", async () => {
    const empty = await h.post("coordinator", page(), body({ intent: "creer-cle", libelle: " " }));
    expect(empty.status).toBe(400);
    expect(await text(empty)).toContain(m.keyErrors.labelEmpty);
    expect(await database.db.select().from(partnerApiTokens)).toEqual([]);

    const created = await h.post("coordinator", page(), body({ intent: "creer-cle", libelle: "Logiciel du CCAS" }));
    expect(created.status).toBe(200);
    const shown = await text(created);
    const token = /epn_[A-Za-z0-9_-]{43}/.exec(shown)![0];
    expect(shown).toContain(m.keyCreated);
    const [row] = await database.db.select().from(partnerApiTokens).where(eq(partnerApiTokens.partnerId, ids.ccas));
    expect(row).toMatchObject({ label: "Logiciel du CCAS", tokenHash: hashToken(token), prefix: token.slice(0, 12), lastUsedAt: null, revokedAt: null });
    // Never shown again: the page has its prefix only.
    const later = await text(await h.get("coordinator", page()));
    expect(later).not.toContain(token);
    expect(later).toContain(`${token.slice(0, 12)}…`);
    expect(later).toContain("Logiciel du CCAS");
    expect(await auditText()).not.toContain(token.slice(4, 12));

    // The API's helper: the key's partner and network, its use noted.
    const now = new Date("2026-12-10T09:00:00Z");
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`Basic ${token}`)).toBeNull();
    expect(await findPartnerByApiToken(database.db, bearerToken(`Bearer ${token}`), now)).toEqual({ partnerId: ids.ccas, networkId: ids.network, tokenId: row!.id });
    expect((await database.db.select({ at: partnerApiTokens.lastUsedAt }).from(partnerApiTokens).where(eq(partnerApiTokens.id, row!.id)))[0]!.at).toEqual(now);
    expect(await findPartnerByApiToken(database.db, `${token.slice(0, -1)}x`, now)).toBeNull();
    expect(await findPartnerByApiToken(database.db, "epn_court", now)).toBeNull();
    expect(await findPartnerByApiToken(database.db, null, now)).toBeNull();

    // Another network's coordinator cannot revoke it.
    expect((await h.post("otherCoordinator", `/gestion/reseaux/cher/partenaires/${ids.otherPartner}`, body({ intent: "revoquer-cle", cle: row!.id }))).status).toBe(404);
    const revoked = await h.post("coordinator", page(), body({ intent: "revoquer-cle", cle: row!.id }));
    expect(revoked.headers.get("location")).toBe(`${page()}?cle-revoquee#cles`);
    expect(await findPartnerByApiToken(database.db, token, now)).toBeNull();
    expect(await text(await h.get("coordinator", page()))).toContain("révoquée le");
    expect((await h.post("coordinator", page(), body({ intent: "revoquer-cle", cle: row!.id }))).status).toBe(404);
    const audit = await auditText();
    expect(audit).toContain('"partner.api-key-create"');
    expect(audit).toContain('"partner.api-key-revoke"');
  });
});

describe("the network's referral rules", () => {
  const rules = (fields: Record<string, string>) => h.post("coordinator", list, body({ intent: "regles", ...fields }));

  it("refuses values out of the database's bounds in French, writing nothing", async () => {
    const out = await rules({ expiration: "1", relance: "0", conservation: "61" });
    expect(out.status).toBe(400);
    const shown = await text(out);
    expect(shown).toContain(m.settingsErrors.expiry);
    expect(shown).toContain(m.settingsErrors.reminder);
    expect(shown).toContain(m.settingsErrors.retention);
    const late = await rules({ expiration: "20", relance: "20", conservation: "6" });
    expect(late.status).toBe(400);
    expect(await text(late)).toContain(m.settingsErrors.reminderTooLate(20));
    expect(await count(referralSettings)).toBe(0);
  });

  it("saves the rules, then changes them", async () => {
    const saved = await rules({ expiration: "45", relance: "7", conservation: "12" });
    expect(saved.headers.get("location")).toBe(`${list}?regles#regles`);
    expect(await database.db.select({ e: referralSettings.expiryDays, r: referralSettings.reminderDays, c: referralSettings.retentionMonths }).from(referralSettings).where(eq(referralSettings.networkId, ids.network))).toEqual([{ e: 45, r: 7, c: 12 }]);
    await rules({ expiration: "2", relance: "1", conservation: "60" });
    expect(await database.db.select({ e: referralSettings.expiryDays, r: referralSettings.reminderDays, c: referralSettings.retentionMonths }).from(referralSettings).where(eq(referralSettings.networkId, ids.network))).toEqual([{ e: 2, r: 1, c: 60 }]);
    expect((await rules({ expiration: "2", relance: "1", conservation: "60" })).headers.get("location")).toBe(`${list}?inchange#regles`);
    const shown = await text(await h.get("coordinator", `${list}?regles`));
    expect(shown).toContain(m.settingsSaved);
    expect(await auditText()).toContain('"referral-settings.update"');
  });

  it("are told in words on the network's log, with the partners' changes", async () => {
    const log = await text(await h.get("coordinator", "/gestion/reseaux/loiret/journal"));
    const words = fr.backoffice.audit;
    for (const action of ["partner.create", "partner.update", "partner.webhook", "partner.webhook-secret", "partner.api-key-create", "partner.adviser-remove", "referral-settings.update"]) {
      expect(log).toContain(words.actions[action]);
    }
    expect(log).toContain(words.change(m.audit.fieldNames.partnerKind!, fr.backoffice.edit.empty, m.kinds.ccas));
    expect(log).toContain(words.change(m.audit.fieldNames.expiryDays!, "45", "2"));
  });
});
