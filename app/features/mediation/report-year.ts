/** The year of a yearly report: absent → the current year; else a year from 2015 to the current one. */
export const FIRST_REPORT_YEAR = 2015;

export function readReportYear(value: string | null, today: string): number | undefined {
  const current = Number(today.slice(0, 4));
  if (value === null || value === "") return current;
  if (!/^\d{4}$/.test(value)) return undefined;
  const year = Number(value);
  return year >= FIRST_REPORT_YEAR && year <= current ? year : undefined;
}
