/** « Orientations des partenaires » in words: the median delay to first contact, pure. */
import { fr } from "~/lib/messages";

const m = fr.referrals.figures;
const HOUR = 3600;

/**
 * « moins d'une heure », « 5 heures » (under two days), « 3 jours »; « — » when no referral was
 * answered. Rounded to the nearest hour or day.
 */
export function delayWords(seconds: number | null): string {
  if (seconds === null) return m.noDelay;
  if (seconds < HOUR) return m.lessThanAnHour;
  const hours = Math.round(seconds / HOUR);
  if (hours < 48) return m.hours(hours);
  return m.days(Math.round(seconds / (24 * HOUR)));
}
