/** Today in metropolitan France ("YYYY-MM-DD"), for the standard's date_maj. */
export function todayInFrance(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
