/** The month of a cash journal export (`?mois=2026-11`), pure. */
import { addDays, addMonths, type IsoDate } from "~/features/time/calendar";

/** « 2026-11 » → its first and last day; undefined when it is not a month (years 2000 to 2200). */
export function readJournalMonth(text: string | null | undefined): { month: string; from: IsoDate; to: IsoDate } | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec((text ?? "").trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  if (year < 2000 || year > 2200) return undefined;
  const from = `${match[1]}-${match[2]}-01` as IsoDate;
  return { month: `${match[1]}-${match[2]}`, from, to: addDays(addMonths(from, 1), -1) };
}
