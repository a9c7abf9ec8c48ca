/** What the "book on behalf" page needs: the place's resources, the chosen one's free starts on a day, the lengths it allows. */
import type { Db } from "~/db/client.server";
import { addDays } from "~/features/time/calendar";
import { todayIn } from "~/features/time/today";
import { startOfDay } from "~/features/time/zone";
import { offersOf, offerSlots } from "./offers.server";
import { durationsFor } from "./public-booking.server";
import { listResources, placeById } from "./resources.server";

export async function deskDay(db: Db, placeId: string, resourceId: string | null, date: string | null, now: number) {
  const place = (await placeById(db, placeId))!;
  const today = todayIn(place.timeZone, now);
  const day = date ?? today;
  const resources = await listResources(db, place.id);
  const chosen = resources.find((r) => r.id === resourceId) ?? null;
  const slots = chosen
    ? await offerSlots(db, place, offersOf([chosen])[0]!, Math.max(now, startOfDay(place.timeZone, day)), startOfDay(place.timeZone, addDays(day, 1)), now)
    : [];
  return {
    place: { id: place.id, name: place.name, timeZone: place.timeZone },
    resources: resources.map((r) => ({ id: r.id, name: r.name })),
    resource: chosen
      ? { id: chosen.id, name: chosen.name, minMinutes: chosen.minMinutes, reasons: chosen.reasons, durations: durationsFor(chosen, { start: 0, end: 0, maxEnd: chosen.maxMinutes * 60_000 }) }
      : null,
    date: day, today, slots,
  };
}
