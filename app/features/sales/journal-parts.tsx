/** The month's cash journal export: a month, then CSV or XLSX (a GET form: works without JavaScript). */
import { fr } from "~/lib/messages";
import { TextField } from "~/ui/form";

const m = fr.salesReports.journal;

/** `base`: the URL before `/export.csv` (a place's `…/caisse/journal`, a network's `…/caisse`); `month`: « 2026-11 » shown first. */
export function JournalExportForm({ base, month }: { base: string; month: string }) {
  return (
    <section aria-labelledby="journal-export-titre" className="print-hide">
      <h2 id="journal-export-titre">{m.exportTitle}</h2>
      <p>{m.exportIntro}</p>
      <form method="get" action={`${base}/export.csv`} className="backoffice-form">
        <TextField name="mois" id="journal-mois" label={m.monthLabel} hint={m.monthHint} value={month} inputMode="numeric" />
        <button type="submit">{m.csv}</button> <button type="submit" formAction={`${base}/export.xlsx`}>{m.xlsx}</button>
      </form>
    </section>
  );
}
