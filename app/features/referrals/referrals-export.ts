/**
 * The partner's follow-up as a spreadsheet (…/orientations.xlsx): its columns and one row per
 * referral, pure. The organisation reads its own people there (names, phone, mail: it sent them);
 * an erased person's row keeps its dates and statuses only. Dates and times are written as the
 * place's clock showed them (a spreadsheet has no time zone).
 */
import type { ReferralStatus } from "~/db/schema/referrals";
import { THEME_LABELS } from "~/features/mediation/coop-model";
import { toWallTime } from "~/features/time/zone";
import { fr } from "~/lib/messages";
import { formatPhone } from "~/lib/phone";

const m = fr.referrals.exportSheet;
const c = m.columns;

export type ExportReferral = {
  createdAt: Date;
  adviserName: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  themes: readonly string[];
  placeName: string;
  /** The place's zone: the dates are its clock's. */
  timeZone: string;
  status: ReferralStatus;
  statusAt: Date;
  appointmentAt: Date | null;
  firstAnsweredAt: Date | null;
  partnerReference: string | null;
  erased: boolean;
};

/** How a column's cells are written: text, a date and time, a number of hours with one decimal. */
export type ColumnFormat = "text" | "datetime" | "hours";
export type ExportColumn = { header: string; width: number; format: ColumnFormat };
export type ExportCell = string | number | Date | null;

export const REFERRAL_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: c.sentOn, width: 17, format: "datetime" },
  { header: c.adviser, width: 24, format: "text" },
  { header: c.firstName, width: 18, format: "text" },
  { header: c.lastName, width: 20, format: "text" },
  { header: c.phone, width: 16, format: "text" },
  { header: c.email, width: 28, format: "text" },
  { header: c.needs, width: 40, format: "text" },
  { header: c.place, width: 32, format: "text" },
  { header: c.status, width: 24, format: "text" },
  { header: c.statusOn, width: 17, format: "datetime" },
  { header: c.appointment, width: 17, format: "datetime" },
  { header: c.firstAnswerHours, width: 16, format: "hours" },
  { header: c.reference, width: 18, format: "text" },
];

/** An instant as the zone's clock shows it, in a Date whose UTC fields are that clock (what a spreadsheet cell shows). */
export function wallClockDate(at: Date, timeZone: string): Date {
  const w = toWallTime(timeZone, at);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}

/** Hours from sending to the place's first answer, one decimal; null while it has not answered. */
export function firstAnswerHours(createdAt: Date, firstAnsweredAt: Date | null): number | null {
  if (!firstAnsweredAt) return null;
  return Math.round((firstAnsweredAt.getTime() - createdAt.getTime()) / 360_000) / 10;
}

/** One referral's row, in REFERRAL_EXPORT_COLUMNS' order. */
export function referralExportRow(r: ExportReferral): ExportCell[] {
  const when = (at: Date | null) => (at ? wallClockDate(at, r.timeZone) : null);
  const needs = r.themes.map((t) => (THEME_LABELS as Record<string, string>)[t] ?? t).join(", ");
  return [
    when(r.createdAt),
    r.adviserName,
    r.erased ? m.erased : r.firstName,
    r.erased ? null : r.lastName,
    r.phone ? formatPhone(r.phone) : null,
    r.email,
    needs,
    r.placeName,
    fr.referrals.statuses[r.status],
    when(r.statusAt),
    when(r.appointmentAt),
    firstAnswerHours(r.createdAt, r.firstAnsweredAt),
    r.partnerReference,
  ];
}
