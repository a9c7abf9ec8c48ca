/** The revenue figures as the statistics' tables (mediation's chart + table pattern), pure. */
import type { StatsTable } from "~/features/mediation/stats-tables";
import { fr } from "~/lib/messages";
import { formatEuros } from "~/lib/money";
import type { SalesFigures } from "./sales-stats.server";

const m = fr.salesReports.figures;

/** « novembre 2026 ». */
export function monthLabel(month: string): string {
  return `${fr.time.months[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** Two tables: revenue and quantity per kind of service (with the total), revenue per month. */
export function salesTables(figures: SalesFigures): StatsTable[] {
  return [
    {
      id: "services-payants",
      sheet: m.revenueTitle,
      title: m.revenueTitle,
      note: figures.topups.count || figures.topups.amountCents ? m.topups(formatEuros(figures.topups.amountCents), figures.topups.count) : undefined,
      chart: "bars",
      rowHeader: m.service,
      columns: [m.revenue, m.quantity],
      rows: figures.byKind.map((k) => ({ label: fr.salesReports.tariffKinds[k.kind], cells: [{ value: k.revenueCents, format: "euros" as const }, { value: k.quantity, format: "count" as const }] })),
    },
    {
      id: "services-payants-mois",
      sheet: m.monthTitle,
      title: m.monthTitle,
      chart: "bars",
      rowHeader: m.month,
      columns: [m.revenue],
      rows: figures.byMonth.map((mo) => ({ label: monthLabel(mo.month), cells: [{ value: mo.revenueCents, format: "euros" as const }] })),
    },
  ];
}
