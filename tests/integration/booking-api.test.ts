/**
 * The booking API through the real request handler: a place's free times (offsets of the place's
 * zone, CORS, short cache), booking with an Idempotency-Key (201, the manage link, the SMS
 * queued; a retry gets the same booking), 409 with the next free times, 422 with the form's
 * French messages and nothing written, 400/404/405/413/415, a forged resource of another place,
 * and the rate limits (429 with Retry-After).
 */
import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { bookings, smsOutbox } from "~/db/schema";
import { createBookingRow, createPlace, createResource, type PlaceRow, type ResourceRow } from "~/features/demo/factories.server";
import { BOOKING_LIMITS } from "~/features/scheduling/public-booking.server";
import { addDays } from "~/features/time/calendar";
import { todayIn } from "~/features/time/today";
import { toZonedIso } from "~/features/time/zone";
import { fr } from "~/lib/messages";
import { createTestDatabase } from "../support/database";
import { ORIGIN, startHarness, type Harness } from "../support/harness";

const m = fr.booking;
const OPEN_EVERY_DAY = "Mo-Su 08:00-20:00";
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

type SlotJson = { debut: string; fin_min: string; fin_max: string };
type OfferJson = { id: string; type: string; nom: string; description: string; tarif_centimes: number | null; duree_min: number; duree_max: number; creneaux: SlotJson[] };
type Availability = { lieu: { slug: string; nom: string; fuseau: string }; du: string; au: string; ressources: OfferJson[] };

let database: Database;
let h: Harness;
let place: PlaceRow;
let room: ResourceRow;
let other: PlaceRow;
let otherRoom: ResourceRow;

beforeAll(async () => {
  database = await createTestDatabase();
  h = await startHarness(database);
  const { db } = database;
  place = await createPlace(db, { slug: "espace-api", name: "Espace API", openingHours: OPEN_EVERY_DAY });
  await createResource(db, { placeId: place.id, kind: "station", name: "Poste 1", minMinutes: 60, maxMinutes: 120, gridMinutes: 30 });
  room = await createResource(db, { placeId: place.id, kind: "room", name: "Salle de réunion", description: "12 places", priceCents: 500, minMinutes: 60, maxMinutes: 60 });
  await createResource(db, { placeId: place.id, kind: "machine", name: "Imprimante 3D (à l'accueil)", publicOnline: false });
  other = await createPlace(db, { slug: "autre-lieu", openingHours: OPEN_EVERY_DAY });
  otherRoom = await createResource(db, { placeId: other.id, kind: "room", name: "Salle de l'autre lieu" });
});
afterAll(async () => {
  await h?.close();
  await database?.close();
});

const availability = async (slug: string, query = "") => h.get(null, `/api/v1/lieux/${slug}/disponibilites${query}`);

/** The first free start of an offer, from the API itself. */
/** The first free slot of a resource (or a pool), or the first that can last `minutes` (not cut by the closing time). */
async function firstSlot(key: string, slug = place.slug, minutes = 0): Promise<SlotJson> {
  const body = (await (await availability(slug)).json()) as Availability;
  const slot = body.ressources.find((r) => r.id === key)!.creneaux.find((s) => Date.parse(s.fin_max) - Date.parse(s.debut) >= minutes * 60_000);
  expect(slot, `a free slot for ${key}`).toBeDefined();
  return slot!;
}

let keys = 0;
const newKey = () => `cle-de-test-${String(++keys).padStart(6, "0")}-${Date.now()}`;

function reserve(body: unknown, options: { key?: string | null; clientAddress?: string; contentType?: string; raw?: string } = {}) {
  const headers: Record<string, string> = { "content-type": options.contentType ?? "application/json" };
  if (options.key !== null) headers["idempotency-key"] = options.key ?? newKey();
  return fetchLike(options.raw ?? JSON.stringify(body), headers, options.clientAddress ?? "198.51.100.1");
}

/** A POST with a JSON body (the harness's `post` sends forms). */
async function fetchLike(body: string, headers: Record<string, string>, clientAddress: string) {
  return h.send(null, "/api/v1/reservations", { method: "POST", body, headers, clientAddress });
}

const activeOf = (resourceId: string) => database.db.select({ id: bookings.id, source: bookings.source }).from(bookings).where(and(eq(bookings.resourceId, resourceId), ne(bookings.status, "cancelled")));

describe("GET /api/v1/lieux/:slug/disponibilites", () => {
  it("gives the public offers with their free times in the place's offset, with CORS and a short cache", async () => {
    const response = await availability(place.slug);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    const body = (await response.json()) as Availability;
    const today = todayIn("Europe/Paris", Date.now());
    expect(body.lieu).toEqual({ slug: "espace-api", nom: "Espace API", fuseau: "Europe/Paris" });
    expect([body.du, body.au]).toEqual([today, addDays(today, 13)]);
    expect(body.ressources.map((r) => [r.id, r.type, r.tarif_centimes, r.duree_min, r.duree_max])).toEqual([
      ["ordinateur", "station", null, 60, 120],
      [room.id, "room", 500, 60, 60],
    ]);
    const station = body.ressources[0]!;
    expect(station.creneaux.length).toBeGreaterThan(10);
    for (const slot of station.creneaux) {
      for (const instant of [slot.debut, slot.fin_min, slot.fin_max]) {
        expect(instant).toMatch(ZONED);
        expect(toZonedIso("Europe/Paris", Date.parse(instant))).toBe(instant); // the offset in force in Paris then
      }
      expect(Date.parse(slot.fin_min) - Date.parse(slot.debut)).toBe(60 * 60_000);
      expect(Date.parse(slot.fin_max)).toBeGreaterThanOrEqual(Date.parse(slot.fin_min));
      expect(slot.debut.slice(0, 10) >= today && slot.debut.slice(0, 10) <= addDays(today, 13)).toBe(true);
      const hour = Number(slot.debut.slice(11, 13));
      expect(hour >= 8 && hour < 20).toBe(true);
    }
  });

  it("writes an overseas place's times with its own offset, and filters by type", async () => {
    const cayenne = await createPlace(database.db, { slug: "espace-cayenne", openingHours: OPEN_EVERY_DAY, timeZone: "America/Cayenne" });
    await createResource(database.db, { placeId: cayenne.id, kind: "appointment", name: "Rendez-vous" });
    await createResource(database.db, { placeId: cayenne.id, kind: "station" });
    const body = (await (await availability("espace-cayenne", "?type=appointment")).json()) as Availability;
    expect(body.lieu.fuseau).toBe("America/Cayenne");
    expect(body.ressources.map((r) => r.type)).toEqual(["appointment"]);
    expect(body.ressources[0]!.creneaux.length).toBeGreaterThan(0);
    for (const slot of body.ressources[0]!.creneaux) expect(slot.debut).toMatch(/T(0[89]|1\d):\d{2}:00-03:00$/);
  });

  it("takes du and au (at most 31 days) and refuses bad values in French", async () => {
    const today = todayIn("Europe/Paris", Date.now());
    const one = (await (await availability(place.slug, `?du=${addDays(today, 2)}&au=${addDays(today, 2)}`)).json()) as Availability;
    expect(one.ressources[0]!.creneaux.every((s) => s.debut.startsWith(addDays(today, 2)))).toBe(true);
    expect(one.ressources[0]!.creneaux.length).toBeGreaterThan(0);
    const cases: [string, string][] = [
      [`?du=${today}&au=${addDays(today, 31)}`, "On peut demander au plus 31 jours à la fois."],
      [`?du=${addDays(today, 3)}&au=${today}`, m.api.periodBackwards],
      ["?du=10/12/2026", "« du » est une date au format AAAA-MM-JJ, par exemple 2026-12-10."],
      ["?type=ordinateur", m.api.typeInvalid],
      ["?jour=lundi", "Paramètre inconnu : « jour »."],
    ];
    for (const [query, message] of cases) {
      const response = await availability(place.slug, query);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { erreur: string; details: { message: string }[] };
      expect(body.erreur).toBe("Requête invalide");
      expect(body.details.map((d) => d.message).join(" "), query).toContain(message);
    }
    expect((await availability(place.slug, `?du=${today}&au=${addDays(today, 30)}`)).status).toBe(200);
  });

  it("gives prise_rdv = our booking page in the places API for a place booked online here", async () => {
    const body = (await (await h.get(null, "/api/v1/lieux?par_page=1000")).json()) as { data: { nom: string; prise_rdv?: string }[] };
    expect(body.data.find((p) => p.nom === "Espace API")!.prise_rdv).toBe(`${ORIGIN}/lieux/espace-api/reserver`);
  });

  it("answers 404 in JSON for an unknown or unpublished place", async () => {
    await createPlace(database.db, { slug: "pas-publie", status: "draft" });
    for (const slug of ["nulle-part", "pas-publie"]) {
      const response = await availability(slug);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ erreur: m.api.placeUnknown });
    }
  });
});

describe("POST /api/v1/reservations", () => {
  it("books (201) with the manage link, queues the SMS, and a retry with the same key gets the same booking", async () => {
    const slot = await firstSlot(room.id);
    const key = newKey();
    const body = { lieu: place.slug, ressource: room.id, debut: slot.debut, prenom: "Aïcha", telephone: "06 12 34 56 01", note: "Réunion d'association" };
    const response = await reserve(body, { key });
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const booked = (await response.json()) as { id: string; statut: string; debut: string; fin: string; lien_gestion: string };
    expect(booked).toEqual({ id: expect.any(String), statut: "confirmee", debut: slot.debut, fin: slot.fin_min, lien_gestion: expect.stringMatching(new RegExp(`^${ORIGIN}/reservation/[A-Za-z0-9_-]{40,}$`)) });
    expect(await activeOf(room.id)).toEqual([{ id: booked.id, source: "api" }]);
    const sms = await database.db.select({ body: smsOutbox.body }).from(smsOutbox).where(eq(smsOutbox.toNumber, "+33612345601"));
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toContain(booked.lien_gestion);
    expect((await h.get(null, booked.lien_gestion.slice(ORIGIN.length))).status).toBe(200);

    const again = await reserve(body, { key });
    expect([200, 201]).toContain(again.status);
    expect(await again.json()).toEqual(booked);
    expect(await activeOf(room.id)).toHaveLength(1);
    expect(await database.db.select({ id: smsOutbox.id }).from(smsOutbox).where(eq(smsOutbox.toNumber, "+33612345601"))).toHaveLength(1);
    // The slot is no longer offered.
    const after = (await (await availability(place.slug)).json()) as Availability;
    expect(after.ressources.find((r) => r.id === room.id)!.creneaux.map((s) => s.debut)).not.toContain(slot.debut);
  });

  it("books a pooled computer for the chosen length, on the next station when the first is busy; a retry comes back to it", async () => {
    const pool = await createPlace(database.db, { slug: "deux-postes", openingHours: OPEN_EVERY_DAY });
    const first = await createResource(database.db, { placeId: pool.id, kind: "station", name: "Poste A", position: 1, minMinutes: 60, maxMinutes: 120 });
    const second = await createResource(database.db, { placeId: pool.id, kind: "station", name: "Poste B", position: 2, minMinutes: 60, maxMinutes: 120, needsConfirmation: true });
    // A slot that can last 90 minutes whatever the hour the test runs (late in the day, the first one cannot).
    const slot = await firstSlot("ordinateur", "deux-postes", 90);
    await createBookingRow(database.db, { resource: first, startsAt: new Date(Date.parse(slot.debut)), minutes: 120 });
    const key = newKey();
    const body = { lieu: "deux-postes", ressource: "ordinateur", debut: slot.debut, duree: 90, prenom: "Bruno", courriel: "bruno@exemple.fr" };
    const response = await reserve(body, { key });
    expect(response.status).toBe(201);
    const booked = (await response.json()) as { id: string; statut: string; fin: string };
    expect(booked.statut).toBe("a_confirmer");
    expect(Date.parse(booked.fin) - Date.parse(slot.debut)).toBe(90 * 60_000);
    expect((await activeOf(second.id)).map((b) => b.id)).toEqual([booked.id]);
    const again = await reserve(body, { key });
    expect([200, 201]).toContain(again.status);
    expect(((await again.json()) as { id: string }).id).toBe(booked.id);
  });

  it("answers 409 with the next free times when the slot is taken", async () => {
    const slot = await firstSlot(room.id);
    await createBookingRow(database.db, { resource: room, startsAt: new Date(Date.parse(slot.debut)) });
    const response = await reserve({ lieu: place.slug, ressource: room.id, debut: slot.debut, prenom: "Chloé", telephone: "0612345602" });
    expect(response.status).toBe(409);
    const body = (await response.json()) as { erreur: string; prochains_creneaux: SlotJson[] };
    expect(body.erreur).toBe(m.refusals.taken);
    expect(body.prochains_creneaux.length).toBeGreaterThan(0);
    for (const s of body.prochains_creneaux) {
      expect(s.debut).toMatch(ZONED);
      expect(Date.parse(s.debut)).toBeGreaterThan(Date.parse(slot.debut));
    }
  });

  it("answers 422 with the form's French messages per field, and writes nothing", async () => {
    const slot = await firstSlot(room.id);
    const before = (await activeOf(room.id)).length;
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ prenom: "", telephone: "12" }, { prenom: m.errors.firstNameEmpty, telephone: m.errors.phoneInvalid }],
      [{ prenom: "Dan" }, { telephone: m.errors.contactMissing }],
      [{ prenom: "Dan", courriel: "pas-une-adresse" }, { courriel: m.errors.emailInvalid }],
      [{ prenom: "Dan", telephone: "0612345603", debut: "2026-12-10T14:00" }, { debut: m.api.startInvalid }],
      [{ prenom: "Dan", telephone: "0612345603", duree: "une heure" }, { duree: m.api.durationInvalid }],
      [{ prenom: 42, telephone: "0612345603" }, { prenom: "« prenom » doit être un texte." }],
      [{ prenom: "Dan", telephone: "0612345603", motif: "Impôts" }, { motif: m.errors.reasonUnknown }],
    ];
    for (const [fields, champs] of cases) {
      const response = await reserve({ lieu: place.slug, ressource: room.id, debut: slot.debut, ...fields });
      expect(response.status, JSON.stringify(fields)).toBe(422);
      expect(await response.json()).toEqual({ erreur: m.api.invalid, champs });
    }
    // A rule: a time in the past.
    const past = await reserve({ lieu: place.slug, ressource: room.id, debut: "2020-01-06T10:00:00+01:00", prenom: "Dan", telephone: "0612345603" });
    expect(past.status).toBe(422);
    expect(await past.json()).toEqual({ erreur: m.refusals.past, code: "past" });
    expect(await activeOf(room.id)).toHaveLength(before);
  });

  it("refuses a request without a valid Idempotency-Key (400), not JSON (415), too large (413), not an object (400), and GET (405)", async () => {
    const slot = await firstSlot(room.id);
    const before = (await activeOf(room.id)).length;
    const body = { lieu: place.slug, ressource: room.id, debut: slot.debut, prenom: "Eve", telephone: "0612345604" };
    for (const key of [null, "court", "x".repeat(65), "avec des espaces !!"]) {
      const response = await reserve(body, { key });
      expect(response.status, String(key)).toBe(400);
      expect(await response.json()).toEqual({ erreur: m.api.keyMissing });
    }
    const form = await reserve(body, { contentType: "application/x-www-form-urlencoded", raw: "lieu=espace-api" });
    expect(form.status).toBe(415);
    expect(await form.json()).toEqual({ erreur: m.api.notJson });
    const large = await reserve({ ...body, note: "x".repeat(17_000) });
    expect(large.status).toBe(413);
    expect(await large.json()).toEqual({ erreur: m.api.tooLarge });
    for (const raw of ["{pas du json", "[1, 2]", "null"]) {
      const response = await reserve(null, { raw });
      expect(response.status, raw).toBe(400);
      expect(await response.json()).toEqual({ erreur: m.api.badJson });
    }
    const get = await h.get(null, "/api/v1/reservations");
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect(await get.json()).toEqual({ erreur: m.api.postOnly });
    expect(await activeOf(room.id)).toHaveLength(before);
  });

  it("answers 404 for an unknown place and for another place's resource, and writes nothing", async () => {
    const slot = await firstSlot(room.id);
    const person = { prenom: "Fanny", telephone: "0612345605", debut: slot.debut };
    const unknown = await reserve({ lieu: "nulle-part", ressource: "ordinateur", ...person });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ erreur: m.api.placeUnknown });
    for (const ressource of [otherRoom.id, "00000000-0000-4000-8000-000000000000", "salle"]) {
      const forged = await reserve({ lieu: place.slug, ressource, ...person });
      expect(forged.status, ressource).toBe(404);
      expect(await forged.json()).toEqual({ erreur: m.api.offerUnknown });
    }
    expect(await activeOf(otherRoom.id)).toHaveLength(0);
    expect(await database.db.select({ id: bookings.id }).from(bookings).where(eq(bookings.phone, "+33612345605"))).toHaveLength(0);
  });

  it("limits the attempts per address and per person (429 with Retry-After)", async () => {
    // The limits count in fixed one-hour windows: do not straddle two.
    const toWindowEnd = 3_600_000 - (Date.now() % 3_600_000);
    if (toWindowEnd < 20_000) await new Promise((resolve) => setTimeout(resolve, toWindowEnd + 100));
    const past = "2020-01-06T10:00:00+01:00"; // refused by the rules: counted, nothing written
    const base = { lieu: place.slug, ressource: room.id, debut: past, prenom: "Gaël" };
    for (let i = 0; i < BOOKING_LIMITS.perClient.limit; i++) {
      const response = await reserve({ ...base, telephone: `06 98 76 ${String(i).padStart(2, "0")} 00` }, { clientAddress: "203.0.113.9" });
      expect(response.status).toBe(422);
    }
    const refused = await reserve({ ...base, telephone: "06 98 76 99 00" }, { clientAddress: "203.0.113.9" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { erreur: string }).erreur).toMatch(/^Trop de demandes de réservation\. Réessayez dans \d+ min\.$/);

    for (let i = 0; i < BOOKING_LIMITS.perPerson.limit; i++) {
      expect((await reserve({ ...base, telephone: "06 98 76 54 32" }, { clientAddress: `203.0.113.${100 + i}` })).status).toBe(422);
    }
    const person = await reserve({ ...base, telephone: "+33 6 98 76 54 32" }, { clientAddress: "203.0.113.200" });
    expect(person.status).toBe(429);
    expect(Number(person.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
