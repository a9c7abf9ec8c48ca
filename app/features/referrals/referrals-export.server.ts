/**
 * The partner's follow-up as an XLSX file (…/orientations.xlsx, `?conseiller=moi` for one
 * adviser's): every referral of the organisation, newest first, in the columns of
 * referrals-export.ts. Downloaded, never kept (no-store).
 */
import { sql, type SQL } from "drizzle-orm";
import ExcelJS from "exceljs";
import { type Db, queryRows } from "~/db/client.server";
import type { ReferralStatus } from "~/db/schema";
import { fr } from "~/lib/messages";
import { REFERRAL_EXPORT_COLUMNS, referralExportRow, type ExportReferral } from "./referrals-export";

const m = fr.referrals.exportSheet;

/** The organisation's referrals with the person's details (the caller checked `partner.follow`). */
export async function partnerReferralsForExport(db: Db, input: { partnerId: string; adviserId?: string }): Promise<ExportReferral[]> {
  const where: SQL[] = [sql`r.partner_id = ${input.partnerId}::uuid`];
  if (input.adviserId) where.push(sql`r.adviser_id = ${input.adviserId}::uuid`);
  const rows = await queryRows(
    db,
    sql`select r.created_at, u.name as adviser_name, r.first_name, r.last_name, r.phone, r.email, r.themes, p.name as place_name, p.time_zone,
          r.status, r.status_at, coalesce(b.starts_at, ws.starts_at) as appointment_at, r.first_answered_at, r.partner_reference, r.erased_at
        from referrals r
        join places p on p.id = r.place_id
        left join users u on u.id = r.adviser_id
        left join bookings b on b.id = r.booking_id
        left join workshop_registrations wr on wr.id = r.registration_id
        left join workshop_sessions ws on ws.id = wr.session_id
        where ${sql.join(where, sql` and `)}
        order by r.created_at desc, r.id`,
  );
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return rows.map((row) => ({
    createdAt: date(row.created_at)!, adviserName: text(row.adviser_name), firstName: text(row.first_name), lastName: text(row.last_name),
    phone: text(row.phone), email: text(row.email), themes: (row.themes as string[] | null) ?? [], placeName: String(row.place_name), timeZone: String(row.time_zone),
    status: row.status as ReferralStatus, statusAt: date(row.status_at)!, appointmentAt: date(row.appointment_at), firstAnsweredAt: date(row.first_answered_at),
    partnerReference: text(row.partner_reference), erased: row.erased_at !== null,
  }));
}

/** The workbook: one sheet, the header in bold and frozen, dates as dates, the delay as a number. */
export async function referralsXlsx(referrals: readonly ExportReferral[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = fr.site.name;
  const sheet = workbook.addWorksheet(m.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = REFERRAL_EXPORT_COLUMNS.map((column) => ({ width: column.width }));
  sheet.addRow(REFERRAL_EXPORT_COLUMNS.map((column) => column.header)).font = { bold: true };
  for (const referral of referrals) {
    const row = sheet.addRow(referralExportRow(referral));
    REFERRAL_EXPORT_COLUMNS.forEach((column, i) => {
      if (column.format === "datetime") row.getCell(i + 1).numFmt = "dd/mm/yyyy hh:mm";
      if (column.format === "hours") row.getCell(i + 1).numFmt = "0.0";
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The download: `orientations-<organisation>-<day>.xlsx`, as an attachment, never cached. */
export async function referralsXlsxResponse(db: Db, input: { partnerId: string; partnerName: string; adviserId?: string; today: string }): Promise<Response> {
  const referrals = await partnerReferralsForExport(db, { partnerId: input.partnerId, adviserId: input.adviserId });
  const slug = input.partnerName.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "partenaire";
  return new Response(new Uint8Array(await referralsXlsx(referrals)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${m.filename(slug, input.today)}.xlsx"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
