import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { placeReports, rateLimits } from "~/db/schema";
import { createPlace } from "~/features/demo/factories.server";
import { hitRateLimit, purgeRateLimits } from "~/features/rate-limit/rate-limit.server";
import { FIELDS } from "~/features/reports/report-form";
import { clientRateKey, createPlaceReport, purgeOldReports, REPORT_LIMITS, submitPlaceReport } from "~/features/reports/reports.server";
import { createTestDatabase } from "../support/database";

let database: Database;

/** A place of its own for each test: its reports are its test's only. */
const newPlace = async () => (await createPlace(database.db)).id;

function form(topic: string, message: string, honeypot = "") {
  const f = new FormData();
  f.set(FIELDS.topic, topic);
  f.set(FIELDS.message, message);
  f.set(FIELDS.honeypot, honeypot);
  return f;
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("hitRateLimit", () => {
  const at = (iso: string) => new Date(iso);

  it("allows N hits in a window, refuses the next with the time left, and allows again in the next window", async () => {
    const { db } = database;
    const options = { key: "test:window", limit: 5, windowSeconds: 3600 };
    for (let i = 1; i <= 5; i++) {
      expect(await hitRateLimit(db, { ...options, now: at(`2026-03-10T10:${String(i).padStart(2, "0")}:00Z`) })).toEqual({ allowed: true, hits: i, retryAfterSeconds: 0 });
    }
    // 10:20 → the hour window ends at 11:00: 40 minutes left.
    expect(await hitRateLimit(db, { ...options, now: at("2026-03-10T10:20:00Z") })).toEqual({ allowed: false, hits: 6, retryAfterSeconds: 2400 });
    expect((await hitRateLimit(db, { ...options, now: at("2026-03-10T10:59:59.500Z") })).retryAfterSeconds).toBe(1);
    expect(await hitRateLimit(db, { ...options, now: at("2026-03-10T11:00:00Z") })).toEqual({ allowed: true, hits: 1, retryAfterSeconds: 0 });
  });

  it("keeps keys apart", async () => {
    const { db } = database;
    const now = at("2026-03-10T12:00:00Z");
    await hitRateLimit(db, { key: "test:a", limit: 1, windowSeconds: 60, now });
    expect((await hitRateLimit(db, { key: "test:a", limit: 1, windowSeconds: 60, now })).allowed).toBe(false);
    expect((await hitRateLimit(db, { key: "test:b", limit: 1, windowSeconds: 60, now })).allowed).toBe(true);
  });

  it("counts concurrent hits exactly (one atomic upsert each)", async () => {
    const { db } = database;
    const now = at("2026-03-10T13:00:00Z");
    const results = await Promise.all(Array.from({ length: 12 }, () => hitRateLimit(db, { key: "test:concurrent", limit: 5, windowSeconds: 3600, now })));
    expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it("purges old windows", async () => {
    const { db } = database;
    await hitRateLimit(db, { key: "test:old", limit: 1, windowSeconds: 3600, now: at("2026-01-01T00:00:00Z") });
    await hitRateLimit(db, { key: "test:recent", limit: 1, windowSeconds: 3600, now: at("2026-03-09T23:00:00Z") });
    await purgeRateLimits(db, at("2026-03-10T12:00:00Z"));
    const keys = (await db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key);
    expect(keys).not.toContain("test:old");
    expect(keys).toContain("test:recent");
  });
});

describe("submitPlaceReport", () => {
  it("stores a valid report, without the client address", async () => {
    const { db } = database;
    const placeId = await newPlace();
    const outcome = await submitPlaceReport(db, { placeId, clientAddress: "203.0.113.7", form: form("horaires", "Le lieu est fermé le mercredi après-midi."), now: new Date("2026-04-01T09:00:00Z") });
    expect(outcome.kind).toBe("stored");
    const rows = await db.select().from(placeReports).where(eq(placeReports.placeId, placeId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ topic: "horaires", message: "Le lieu est fermé le mercredi après-midi.", status: "new" });
    const keys = (await db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key);
    expect(keys.some((k) => k.includes("203.0.113.7"))).toBe(false);
    expect(keys).toContain(clientRateKey("203.0.113.7"));
    expect(clientRateKey("203.0.113.7")).toMatch(/^report:client:[0-9a-f]{64}$/);
  });

  it("returns French errors and what was typed, and stores nothing", async () => {
    const { db } = database;
    const otherPlaceId = await newPlace();
    const outcome = await submitPlaceReport(db, { placeId: otherPlaceId, clientAddress: "203.0.113.8", form: form("", "court") });
    expect(outcome).toEqual({
      kind: "invalid",
      errors: { topic: "Choisissez ce qui est faux.", message: "Votre message est trop court : écrivez au moins 10 caractères." },
      values: { topic: "", message: "court" },
    });
    expect(await db.select().from(placeReports).where(eq(placeReports.placeId, otherPlaceId))).toHaveLength(0);
  });

  it("ignores a filled honeypot without storing anything", async () => {
    const { db } = database;
    const otherPlaceId = await newPlace();
    const outcome = await submitPlaceReport(db, { placeId: otherPlaceId, clientAddress: "203.0.113.9", form: form("autre", "Achetez nos montres pas chères", "http://spam.example") });
    expect(outcome).toEqual({ kind: "ignored" });
    expect(await db.select().from(placeReports).where(eq(placeReports.placeId, otherPlaceId))).toHaveLength(0);
  });

  it("refuses the 6th report in an hour from one address, then accepts again in the next hour", async () => {
    const { db } = database;
    const otherPlaceId = await newPlace();
    const send = (now: string) => submitPlaceReport(db, { placeId: otherPlaceId, clientAddress: "198.51.100.1", form: form("services", "Il n'y a plus d'imprimante ici."), now: new Date(now) });
    for (let i = 0; i < REPORT_LIMITS.perClient.limit; i++) expect((await send("2026-05-05T14:05:00Z")).kind).toBe("stored");
    expect(await send("2026-05-05T14:20:00Z")).toMatchObject({ kind: "limited", scope: "client", retryAfterSeconds: 2400 });
    expect((await send("2026-05-05T15:00:00Z")).kind).toBe("stored");
  });

  it("refuses the 21st report of the day for one place, whoever sends it", async () => {
    const { db } = database;
    const target = await newPlace();
    for (let i = 0; i < REPORT_LIMITS.perPlace.limit; i++) {
      const outcome = await submitPlaceReport(db, { placeId: target, clientAddress: `192.0.2.${i}`, form: form("autre", "Le nom du lieu a changé."), now: new Date("2026-06-01T08:00:00Z") });
      expect(outcome.kind).toBe("stored");
    }
    const refused = await submitPlaceReport(db, { placeId: target, clientAddress: "192.0.2.200", form: form("autre", "Le nom du lieu a changé."), now: new Date("2026-06-01T20:00:00Z") });
    expect(refused).toMatchObject({ kind: "limited", scope: "place", retryAfterSeconds: 4 * 3600 });
  });
});

describe("purgeOldReports", () => {
  it("deletes reports sent more than 12 months ago and keeps the others", async () => {
    const { db } = database;
    const target = await newPlace();
    await createPlaceReport(db, { placeId: target, topic: "autre", message: "Vieux signalement", now: new Date("2025-06-30T23:59:59Z") });
    await createPlaceReport(db, { placeId: target, topic: "autre", message: "Signalement récent", now: new Date("2025-07-01T00:00:01Z") });
    expect(await purgeOldReports(db, new Date("2026-07-01T00:00:00Z"))).toBeGreaterThanOrEqual(1);
    const left = (await db.select({ message: placeReports.message }).from(placeReports).where(eq(placeReports.placeId, target))).map((r) => r.message);
    expect(left).toEqual(["Signalement récent"]);
  });
});
