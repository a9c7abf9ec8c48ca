import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { auditLog, memberships, sessions, users } from "~/db/schema";
import { csrfTokenFor, isSameOrigin, safeReturnPath, sessionCookie, sessionCookieName } from "~/features/accounts/auth.server";
import { createSession, deleteOtherSessions, deleteSession, getSession, listSessions, purgeExpiredSessions, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "~/features/accounts/sessions.server";
import { SIGN_IN_FIELDS } from "~/features/accounts/sign-in";
import { SIGN_IN_LIMITS, signIn } from "~/features/accounts/sign-in.server";
import { addMembership, createUser, loadPrincipal } from "~/features/accounts/users.server";
import { recordAudit } from "~/features/audit/record.server";
import { DEMO_ACCOUNTS, DEMO_NETWORK, DEMO_PASSWORD, seedDemoAccounts } from "~/features/demo/demo.server";
import { attachToNetwork, createLabelGrant, createNetwork, createPlace } from "~/features/demo/factories.server";
import { createTestDatabase } from "../support/database";

let database: Database;
let userId: string;
let placeId: string;
let networkId: string;
const SECRET = "s".repeat(40);

/** The database's error, whichever driver wrapped it (Drizzle puts it in `cause`). */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as { message: string; cause?: { message: string } };
    return `${e.message} ${e.cause?.message ?? ""}`;
  }
  throw new Error("expected a failure");
}

beforeAll(async () => {
  database = await createTestDatabase();
  userId = await createUser(database.db, { email: "  Alice.Martin@Exemple.FR ", name: "Alice Martin", password: "un mot de passe solide" });
  placeId = (await createPlace(database.db)).id;
  networkId = (await createNetwork(database.db)).id;
});
afterAll(async () => {
  await database?.close();
});

describe("users and memberships", () => {
  it("stores emails lower-case, once", async () => {
    const [row] = await database.db.select({ email: users.email }).from(users).where(eq(users.id, userId));
    expect(row!.email).toBe("alice.martin@exemple.fr");
    expect(await failure(createUser(database.db, { email: "ALICE.MARTIN@exemple.fr", name: "Autre" }))).toMatch(/users_email_unique|duplicate/);
    expect(await failure(database.db.insert(users).values({ email: "Bob@Exemple.fr", name: "Bob" }))).toMatch(/users_email_lower_case|check/);
  });

  it("ties the scope to the role and refuses the same role twice in a scope", async () => {
    await addMembership(database.db, userId, { role: "mediator", placeId });
    await addMembership(database.db, userId, { role: "mediator", placeId }); // no-op
    await addMembership(database.db, userId, { role: "coordinator", networkId });
    expect(await failure(database.db.insert(memberships).values({ userId, role: "coordinator", placeId }))).toMatch(/memberships_scope_matches_role|check/);
    expect(await failure(database.db.insert(memberships).values({ userId, role: "manager", placeId, networkId }))).toMatch(/memberships_scope_matches_role|check/);
    expect(await failure(database.db.insert(memberships).values({ userId, role: "mediator", placeId }))).toMatch(/memberships_unique_idx|duplicate/);
    const loaded = await loadPrincipal(database.db, userId);
    expect(loaded!.principal.memberships).toEqual(expect.arrayContaining([{ role: "mediator", placeId }, { role: "coordinator", networkId }]));
    expect(loaded!.principal.memberships).toHaveLength(2);
  });

  it("loads no principal for a disabled account", async () => {
    const id = await createUser(database.db, { email: "ancien@exemple.fr", name: "Ancien" });
    await database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, id));
    expect(await loadPrincipal(database.db, id)).toBeNull();
  });
});

describe("audit log", () => {
  it("accepts new lines and refuses updates, deletes and truncation", async () => {
    await recordAudit(database.db, { actorUserId: userId, action: "place.edit", entityType: "place", entityId: placeId, placeId, before: { name: "A" }, after: { name: "B" } });
    const [row] = await database.db.select({ id: auditLog.id, after: auditLog.after }).from(auditLog);
    expect(row!.after).toEqual({ name: "B" });
    expect(await failure(database.db.update(auditLog).set({ action: "autre" }).where(eq(auditLog.id, row!.id)))).toMatch(/append-only/);
    expect(await failure(database.db.delete(auditLog).where(eq(auditLog.id, row!.id)))).toMatch(/append-only/);
    expect(await failure(database.db.execute(sql`truncate audit_log`))).toMatch(/append-only/);
    expect(await database.db.select({ id: auditLog.id }).from(auditLog)).toHaveLength(1);
  });
});

describe("sessions", () => {
  const t0 = new Date("2026-03-10T08:00:00Z");
  const later = (ms: number) => new Date(t0.getTime() + ms);

  it("stores only the token's hash", async () => {
    const { token, session } = await createSession(database.db, userId, t0);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(session.id).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    const rows = await database.db.select({ id: sessions.id }).from(sessions);
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(session.expiresAt.getTime() - t0.getTime()).toBe(12 * 3600_000);
  });

  it("slides the idle expiry on use, ends after 2 h idle or 12 h in all", async () => {
    const { token } = await createSession(database.db, userId, t0);
    // Used every 90 minutes: never idle for 2 h, but ends at 12 h.
    let at = 0;
    while (at + 90 * 60_000 < SESSION_ABSOLUTE_MS) {
      at += 90 * 60_000;
      expect(await getSession(database.db, token, later(at)), `at ${at / 60_000} min`).not.toBeNull();
    }
    expect(await getSession(database.db, token, later(SESSION_ABSOLUTE_MS))).toBeNull();
    // Gone for good, even at an earlier time.
    expect(await getSession(database.db, token, later(at))).toBeNull();

    const idle = await createSession(database.db, userId, t0);
    expect(await getSession(database.db, idle.token, later(SESSION_IDLE_MS - 1000))).not.toBeNull();
    expect(await getSession(database.db, idle.token, later(2 * SESSION_IDLE_MS))).toBeNull();
    expect(await getSession(database.db, "inconnu", t0)).toBeNull();
  });

  it("lists, ends one, ends all the others, purges expired ones", async () => {
    const other = await createUser(database.db, { email: "sessions@exemple.fr", name: "S" });
    const a = await createSession(database.db, other, t0);
    const b = await createSession(database.db, other, later(60_000));
    const c = await createSession(database.db, other, later(120_000));
    expect((await listSessions(database.db, other, later(180_000))).map((s) => s.id)).toEqual([c.session.id, b.session.id, a.session.id]);
    await deleteSession(database.db, c.session.id);
    expect(await deleteOtherSessions(database.db, other, a.session.id)).toBe(1);
    expect((await listSessions(database.db, other, later(180_000))).map((s) => s.id)).toEqual([a.session.id]);
    expect(await purgeExpiredSessions(database.db, later(SESSION_ABSOLUTE_MS + 1))).toBeGreaterThanOrEqual(1);
    expect(await listSessions(database.db, other, later(180_000))).toEqual([]);
  });
});

describe("cookie, CSRF, return path", () => {
  it("uses a __Host- cookie, Secure, only over HTTPS", () => {
    const expires = new Date("2026-03-10T20:00:00Z");
    expect(sessionCookieName({ baseUrl: "http://localhost:3000" })).toBe("epn_session");
    expect(sessionCookie({ baseUrl: "http://localhost:3000" }, "tok", expires)).toBe("epn_session=tok; Path=/; HttpOnly; SameSite=Lax; Expires=Tue, 10 Mar 2026 20:00:00 GMT");
    expect(sessionCookie({ baseUrl: "https://epn.example.fr" }, "tok", expires)).toBe("__Host-epn_session=tok; Path=/; HttpOnly; SameSite=Lax; Expires=Tue, 10 Mar 2026 20:00:00 GMT; Secure");
  });

  it("derives the CSRF token from the session and the secret", () => {
    expect(csrfTokenFor(SECRET, "a")).toBe(csrfTokenFor(SECRET, "a"));
    expect(csrfTokenFor(SECRET, "a")).not.toBe(csrfTokenFor(SECRET, "b"));
    expect(csrfTokenFor(SECRET, "a")).not.toBe(csrfTokenFor("t".repeat(40), "a"));
  });

  it("refuses cross-site requests", () => {
    const env = { baseUrl: "https://epn.example.fr" };
    const post = (headers: Record<string, string>) => new Request("https://epn.example.fr/gestion", { method: "POST", headers });
    expect(isSameOrigin(post({ origin: "https://epn.example.fr", "sec-fetch-site": "same-origin" }), env)).toBe(true);
    expect(isSameOrigin(post({}), env)).toBe(true);
    expect(isSameOrigin(post({ origin: "https://evil.example" }), env)).toBe(false);
    expect(isSameOrigin(post({ "sec-fetch-site": "cross-site" }), env)).toBe(false);
    expect(isSameOrigin(post({ "sec-fetch-site": "same-site" }), env)).toBe(false);
    expect(isSameOrigin(post({ origin: "null" }), env)).toBe(false);
  });

  it("only comes back to a path of this site", () => {
    expect(safeReturnPath("/gestion/sessions?x=1")).toBe("/gestion/sessions?x=1");
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", "gestion", null, "/a\nb"]) expect(safeReturnPath(bad)).toBeNull();
  });
});

describe("signIn", () => {
  const form = (email: string, password: string) => {
    const f = new FormData();
    f.set(SIGN_IN_FIELDS.email, email);
    f.set(SIGN_IN_FIELDS.password, password);
    return f;
  };
  const now = new Date("2026-03-11T10:01:00Z");

  it("signs in with the right password whatever the case of the address, refuses otherwise", async () => {
    const ok = await signIn(database.db, { form: form("ALICE.martin@exemple.fr", "un mot de passe solide"), clientAddress: "198.51.100.1", secret: SECRET, now });
    expect(ok.kind).toBe("signed-in");
    if (ok.kind === "signed-in") expect((await getSession(database.db, ok.token, now))!.userId).toBe(userId);
    expect((await signIn(database.db, { form: form("alice.martin@exemple.fr", "mauvais mot de passe"), clientAddress: "198.51.100.1", secret: SECRET, now })).kind).toBe("wrong");
    expect((await signIn(database.db, { form: form("personne@exemple.fr", "mauvais mot de passe"), clientAddress: "198.51.100.1", secret: SECRET, now })).kind).toBe("wrong");
    expect(await signIn(database.db, { form: form("pas-une-adresse", ""), clientAddress: "198.51.100.1", secret: SECRET, now })).toMatchObject({
      kind: "invalid",
      errors: { email: expect.stringContaining("adresse électronique valide"), password: "Saisissez votre mot de passe." },
      values: { email: "pas-une-adresse" },
    });
  });

  it("refuses the 11th try for one address in 15 minutes, even with the right password, then lets the person in", async () => {
    const limit = SIGN_IN_LIMITS.perEmail.limit;
    for (let i = 0; i < limit; i++) {
      expect((await signIn(database.db, { form: form("alice.martin@exemple.fr", "essai"), clientAddress: `203.0.113.${i}`, secret: SECRET, now: new Date("2026-03-12T10:00:00Z") })).kind).toBe("wrong");
    }
    const refused = await signIn(database.db, { form: form("alice.martin@exemple.fr", "un mot de passe solide"), clientAddress: "203.0.113.200", secret: SECRET, now: new Date("2026-03-12T10:05:00Z") });
    expect(refused).toMatchObject({ kind: "limited", retryAfterSeconds: 600 });
    // Another address is not affected; the window ends and the person gets in.
    expect((await signIn(database.db, { form: form("autre@exemple.fr", "essai"), clientAddress: "203.0.113.201", secret: SECRET, now: new Date("2026-03-12T10:05:00Z") })).kind).toBe("wrong");
    expect((await signIn(database.db, { form: form("alice.martin@exemple.fr", "un mot de passe solide"), clientAddress: "203.0.113.200", secret: SECRET, now: new Date("2026-03-12T10:15:00Z") })).kind).toBe("signed-in");
  });

  it("refuses a client after 50 tries in 15 minutes, whatever the addresses", async () => {
    const at = new Date("2026-03-13T10:00:00Z");
    for (let i = 0; i < SIGN_IN_LIMITS.perClient.limit; i++) {
      await signIn(database.db, { form: form(`x${i}@exemple.fr`, "essai"), clientAddress: "192.0.2.99", secret: SECRET, now: at });
    }
    expect((await signIn(database.db, { form: form("alice.martin@exemple.fr", "un mot de passe solide"), clientAddress: "192.0.2.99", secret: SECRET, now: at })).kind).toBe("limited");
  });
});

describe("demo accounts", () => {
  it("are created for the demo network only, once, with the documented password", async () => {
    expect(await seedDemoAccounts(database.db)).toBe(false); // no demo network
    const demo = await createNetwork(database.db, { slug: DEMO_NETWORK.slug, name: DEMO_NETWORK.name, isDemo: true });
    const labelled = (await createPlace(database.db)).id;
    await attachToNetwork(database.db, { placeId: labelled, networkId: demo.id });
    await createLabelGrant(database.db, { networkId: demo.id, placeId: labelled, label: "EPN", validFrom: "2020-01-01" });
    expect(await seedDemoAccounts(database.db)).toBe(true);
    expect(await seedDemoAccounts(database.db)).toBe(false);
    const rows = await database.db
      .select({ email: users.email, role: memberships.role, placeId: memberships.placeId, networkId: memberships.networkId })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(sql`${users.email} like '%@demo.reseau-epn.fr'`);
    expect(rows).toEqual(
      expect.arrayContaining([
        { email: DEMO_ACCOUNTS.coordinator.email, role: "coordinator", placeId: null, networkId: demo.id },
        { email: DEMO_ACCOUNTS.manager.email, role: "manager", placeId: labelled, networkId: null },
        { email: DEMO_ACCOUNTS.mediator.email, role: "mediator", placeId: labelled, networkId: null },
      ]),
    );
    const [admin] = await database.db.select({ isPlatformAdmin: users.isPlatformAdmin }).from(users).where(eq(users.email, DEMO_ACCOUNTS.admin.email));
    expect(admin).toEqual({ isPlatformAdmin: true });
    const f = new FormData();
    f.set(SIGN_IN_FIELDS.email, DEMO_ACCOUNTS.mediator.email);
    f.set(SIGN_IN_FIELDS.password, DEMO_PASSWORD);
    expect((await signIn(database.db, { form: f, clientAddress: "192.0.2.50", secret: SECRET })).kind).toBe("signed-in");
  });
});

