/** A place's label over time, pure: grants that follow each other make one period (« depuis 2017 »). */
import { addDays } from "~/features/time/calendar";

export type LabelPeriod = { network: string; label: string; since: string; until: string | null; current: boolean; themes: string[] };

/**
 * A place's label periods per network and label: grants that follow each other (the next starts
 * by the day after the previous ends) make one period, so a label renewed since 2017 reads « depuis 2017 ».
 * Newest first. `today` on France's calendar.
 */
export function labelPeriods(grants: { network: string; label: string; validFrom: string; validUntil: string | null; themes: string[] }[], today: string): LabelPeriod[] {
  const periods: LabelPeriod[] = [];
  const sorted = [...grants].sort((a, b) => a.network.localeCompare(b.network) || a.label.localeCompare(b.label) || a.validFrom.localeCompare(b.validFrom));
  for (const g of sorted) {
    const last = periods.at(-1);
    if (last && last.network === g.network && last.label === g.label && (last.until === null || addDays(last.until, 1) >= g.validFrom)) {
      last.until = last.until === null || g.validUntil === null ? null : last.until > g.validUntil ? last.until : g.validUntil;
      last.themes = g.themes;
    } else {
      periods.push({ network: g.network, label: g.label, since: g.validFrom, until: g.validUntil, current: false, themes: g.themes });
    }
  }
  for (const period of periods) period.current = period.since <= today && (period.until === null || period.until >= today);
  return periods.sort((a, b) => Number(b.current) - Number(a.current) || b.since.localeCompare(a.since));
}

