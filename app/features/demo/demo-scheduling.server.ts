/**
 * The demo's bookings: the demo network's first labelled places get resources (six computer
 * stations, the "Salle visio", a 3D printer, a mediator's appointments) and a realistic
 * fortnight of bookings around today — past ones with attendance — so the demo mediator sees a
 * full agenda at once. Run at each start: resources are made once, and each day of the
 * fortnight that has no booking yet gets its own (so the demo stays around today).
 * Demo people have made-up first names and phone numbers from the range set aside for fiction
 * (06 39 98 xx xx).
 */
import { and, asc, eq, gte, lt } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { bookings, bookingSettings, labelGrants, networks, places, users } from "~/db/schema";
import { freeSlots } from "~/features/scheduling/availability";
import { availabilityInputs, listResources, placeById } from "~/features/scheduling/resources.server";
import { addDays, isoDate } from "~/features/time/calendar";
import { todayIn } from "~/features/time/today";
import { startOfDay, toWallTime } from "~/features/time/zone";
import { logger } from "~/lib/logger";
import { seededRandom } from "~/lib/random";
import { createBookingRow, createResource } from "./factories.server";

/** How many of the demo network's labelled places get resources and bookings. */
const DEMO_PLACES = 4;
const DAYS_BEFORE = 7;
const DAYS_AFTER = 7;
const NAMES = ["Nadia", "Jean-Pierre", "Fatou", "Mehdi", "Sylvie", "Kevin", "Monique", "Ibrahima", "Chantal", "Lucas", "Aïcha", "Gérard", "Inès", "Patrick", "Yasmina", "Bernard", "Léa", "Mamadou", "Josiane", "Thomas"];
const NOTES = ["Un entretien d'embauche en visio", "Mettre à jour mon CV", "Ma déclaration de revenus", "Imprimer des papiers pour la CAF", null, null, null];
const REASONS = ["Démarches en ligne", "Emploi, CV", "Prendre en main mon smartphone", "Envoyer des e-mails"];

/** The demo accounts' place (the first labelled one by name) and the next ones. */
export async function demoPlaces(db: Db): Promise<{ id: string; openingHours: string | null }[]> {
  return db
    .select({ id: places.id, openingHours: places.openingHours })
    .from(labelGrants)
    .innerJoin(places, eq(places.id, labelGrants.placeId))
    .innerJoin(networks, eq(networks.id, labelGrants.networkId))
    .where(eq(networks.isDemo, true))
    .orderBy(asc(places.name))
    .limit(DEMO_PLACES);
}

/** Bookable hours of the resources of a demo place that publishes no hours (real data often has none). */
const HOURS_WHEN_NONE = "Mo-Fr 09:00-12:30,13:30-18:00; Sa 09:00-12:00";

async function ensureResources(db: Db, placeId: string, hours: string | null, mediatorId: string | null) {
  const existing = await listResources(db, placeId, { includeInactive: true });
  if (existing.length > 0) return;
  const station = { placeId, hours, kind: "station" as const, minMinutes: 30, maxMinutes: 120, gridMinutes: 30, minLeadMinutes: 30, maxLeadDays: 14, maxPerDay: 2, maxMinutesPerDay: 180 };
  for (let n = 1; n <= 6; n++) {
    await createResource(db, { ...station, name: `Poste ${n}`, position: n, description: n <= 2 ? "Avec webcam et casque" : n === 6 ? "Avec scanner" : "" });
  }
  await createResource(db, {
    placeId, hours, kind: "room", name: "Salle visio", position: 10, minMinutes: 30, maxMinutes: 90, gridMinutes: 30, minLeadMinutes: 60, maxLeadDays: 14, maxPerWeek: 2, bufferMinutes: 15,
    description: "Une petite salle au calme, avec un ordinateur, une webcam et un casque, pour un entretien d'embauche ou un rendez-vous à distance.",
  });
  await createResource(db, {
    placeId, hours, kind: "machine", name: "Imprimante 3D", position: 20, minMinutes: 60, maxMinutes: 240, gridMinutes: 60, minLeadMinutes: 24 * 60, maxLeadDays: 30, priceCents: 200, needsConfirmation: true,
    description: "Une imprimante 3D (PLA). Apportez votre fichier sur une clé USB. 2 € de l'heure.",
  });
  await createResource(db, {
    placeId, hours, kind: "appointment", name: "Rendez-vous avec un médiateur", position: 30, minMinutes: 30, maxMinutes: 60, gridMinutes: 30, minLeadMinutes: 120, maxLeadDays: 21, maxPerWeek: 1,
    staffUserId: mediatorId, reasons: REASONS, description: "Un moment seul à seul avec un médiateur numérique pour avancer sur ce qui vous bloque.",
  });
  await db.insert(bookingSettings).values({ placeId }).onConflictDoNothing();
}

/** A small number derived from the place's id, so that two demo places do not share their regulars. */
function offsetOf(placeId: string): number {
  return Number.parseInt(placeId.slice(0, 4), 16);
}

/** Fill each day of the fortnight around `now` that has no booking yet. Returns the number of bookings made. */
async function fillDays(db: Db, placeId: string, now: number): Promise<number> {
  const place = (await placeById(db, placeId))!;
  const list = await listResources(db, placeId);
  const today = todayIn(place.timeZone, now);
  let made = 0;
  for (let offset = -DAYS_BEFORE; offset <= DAYS_AFTER; offset++) {
    const date = addDays(today, offset);
    const from = startOfDay(place.timeZone, date);
    const to = startOfDay(place.timeZone, addDays(date, 1));
    const [any] = await db.select({ id: bookings.id }).from(bookings).where(and(eq(bookings.placeId, placeId), gte(bookings.startsAt, new Date(from)), lt(bookings.startsAt, new Date(to)))).limit(1);
    if (any) continue;
    const rand = seededRandom(Number.parseInt(placeId.slice(0, 8), 16) ^ (offset + 1000) * 7919);
    // The rules as on the day itself, a little before opening: lead times play no part.
    const inputs = await availabilityInputs(db, place, list, { start: from, end: to }, { now: from - 3_600_000 });
    for (const r of list) {
      const own = inputs.get(r.id)!;
      const input = { ...own, rules: { ...own.rules, minLeadMinutes: 0, maxLeadDays: 366 } };
      const share = r.kind === "station" ? 0.55 : r.kind === "appointment" ? 0.5 : 0.25;
      for (const slot of freeSlots(input, from, to)) {
        if (input.busy.some((b) => slot.start < b.end + r.bufferMinutes * 60_000 && slot.end + r.bufferMinutes * 60_000 > b.start)) continue;
        if (rand() > share) continue;
        const minutes = r.minMinutes === r.maxMinutes ? r.minMinutes : Math.min(Math.floor((slot.maxEnd - slot.start) / 60_000), r.minMinutes + r.gridMinutes * Math.floor(rand() * 2));
        const end = slot.start + minutes * 60_000;
        // Three hundred regulars per place, each with a name and a number of the fiction range.
        const who = Math.floor(rand() * 300);
        const n = who % NAMES.length;
        const phone = `+3363998${String(who + 1000 * (offsetOf(placeId) % 9)).padStart(4, "0")}`;
        const past = end < now;
        const attendance = past ? (rand() < 0.82 ? "present" : rand() < 0.6 ? "absent" : "excused") : null;
        await createBookingRow(db, {
          resource: r, startsAt: new Date(slot.start), minutes,
          firstName: NAMES[n]!, phone, personKey: phone, email: null,
          note: r.kind === "room" ? "Un entretien d'embauche en visio" : NOTES[Math.floor(rand() * NOTES.length)]!, reason: r.kind === "appointment" ? REASONS[n % REASONS.length]! : null,
          source: rand() < 0.6 ? "online" : "desk", attendance, status: r.needsConfirmation && !past && rand() < 0.5 ? "pending" : "confirmed",
          createdAt: new Date(Math.min(now, slot.start) - 2 * 86_400_000),
        });
        input.busy.push({ start: slot.start, end });
        made++;
      }
    }
  }
  return made;
}

/** Resources and a fortnight of bookings for the demo network's first labelled places. Idempotent. */
export async function seedDemoScheduling(db: Db, now = Date.now()): Promise<number> {
  const list = await demoPlaces(db);
  if (list.length === 0) return 0;
  const [mediator] = await db.select({ id: users.id }).from(users).where(eq(users.email, "mediation@demo.reseau-epn.fr"));
  let made = 0;
  for (const [i, place] of list.entries()) {
    await ensureResources(db, place.id, place.openingHours ? null : HOURS_WHEN_NONE, i === 0 ? (mediator?.id ?? null) : null);
    made += await fillDays(db, place.id, now);
  }
  if (made > 0) logger.info({ bookings: made, places: list.length, day: isoDate(toWallTime("Europe/Paris", now)) }, "demo bookings created");
  return made;
}
