/** The dates of a membership, pure: its period, and when its reminder goes. */
import { addDays, addMonths, readIsoDate, type IsoDate } from "~/features/time/calendar";
import { toInstant } from "~/features/time/zone";

/**
 * A membership of `months` months bought on `today`: it starts that day, or the day after the
 * person's last day as a member when they still are one (`currentUntil`, a renewal continues
 * it), and ends the day before the same date `months` later (or that month's last day, shorter).
 */
export function membershipPeriod(input: { today: IsoDate; months: number; currentUntil: IsoDate | null }): { startsOn: IsoDate; endsOn: IsoDate } {
  const startsOn = input.currentUntil && input.currentUntil >= input.today ? addDays(input.currentUntil, 1) : input.today;
  return { startsOn, endsOn: addDays(addMonths(startsOn, input.months), -1) };
}

/** The day the reminder goes: a month before the last day. */
export function reminderDay(endsOn: IsoDate): IsoDate {
  return addMonths(endsOn, -1);
}

/** When a membership's reminder goes: a month before its last day, at 10:00 on the place's clock. */
export function reminderTime(timeZone: string, endsOn: IsoDate): number {
  return toInstant(timeZone, { ...readIsoDate(reminderDay(endsOn)), hour: 10, minute: 0, second: 0 });
}
