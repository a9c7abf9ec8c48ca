/** "Today": the calendar day a zone's clock shows at an instant. */
import { isoDate, type IsoDate } from "~/features/time/calendar";
import { FRANCE_TIME_ZONE, toWallTime } from "~/features/time/zone";

/** The day in `timeZone` at `now`: "YYYY-MM-DD" (Nouméa is already tomorrow when Paris is at 15 h). */
export function todayIn(timeZone: string, now: Date | number): IsoDate {
  return isoDate(toWallTime(timeZone, now));
}

/** Today in metropolitan France ("YYYY-MM-DD"): the standard's date_maj, label validity, staleness. */
export function todayInFrance(now: Date | number): IsoDate {
  return todayIn(FRANCE_TIME_ZONE, now);
}
