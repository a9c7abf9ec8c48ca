/**
 * What the place manager's booking set-up page shows, in one call: the place's resources (inactive
 * ones too), its booking settings, upcoming closures, active calendar feeds, and its staff (who
 * may hold appointments or a feed).
 */
import type { Db } from "~/db/client.server";
import { todayIn } from "~/features/time/today";
import { listFeeds } from "./feeds.server";
import { listClosures, listPlaceStaff, listResources, settingsOf } from "./resources.server";

export async function bookingSetup(db: Db, place: { id: string; timeZone: string }, now: number = Date.now()) {
  const today = todayIn(place.timeZone, now);
  const [resources, settings, closures, feeds, staff] = await Promise.all([
    listResources(db, place.id, { includeInactive: true }),
    settingsOf(db, place.id),
    listClosures(db, place.id, today),
    listFeeds(db, place.id),
    listPlaceStaff(db, place.id),
  ]);
  return { today, resources, settings, closures, feeds, staff };
}
