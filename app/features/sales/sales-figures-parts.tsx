/** « Services payants » on the statistics pages: the revenue's total, then each table with its chart (mediation's pattern). */
import { StatsSection } from "~/features/mediation/charts";
import type { StatsTable } from "~/features/mediation/stats-tables";
import { fr } from "~/lib/messages";
import { formatEuros } from "~/lib/money";

const m = fr.salesReports.figures;

export function SalesFiguresSection({ tables, totalCents }: { tables: StatsTable[]; totalCents: number }) {
  return (
    <section className="stats" aria-labelledby="titre-services-payants-section" id="services-payants-section">
      <h2 id="titre-services-payants-section">{m.sectionTitle}</h2>
      <p>{m.intro}</p>
      <p>
        <strong>{`${m.total} : ${formatEuros(totalCents)}`}</strong>
      </p>
      {tables.map((table) => (
        <StatsSection key={table.id} table={table} />
      ))}
    </section>
  );
}
