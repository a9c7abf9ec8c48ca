import { fr } from "~/lib/messages";
import { TextField } from "~/ui/form";

/** The yearly activity report: a year, then the PDF or the spreadsheet (a GET form: no JavaScript needed). */
export function YearlyReportForm({ base, year }: { base: string; year: number }) {
  const r = fr.mediation.report;
  return (
    <section aria-labelledby="rapport-annuel" className="print-hide">
      <h2 id="rapport-annuel">{r.linkTitle}</h2>
      <p>{r.linkIntro}</p>
      <form method="get" action={`${base}/rapport.pdf`} className="inline-form">
        <fieldset>
          <legend className="visually-hidden">{r.linkTitle}</legend>
          <TextField name="annee" label={r.year} value={String(year)} inputMode="numeric" id="rapport-annee" />
          <button type="submit">{r.pdf}</button>
          <button type="submit" formAction={`${base}/rapport.xlsx`} className="secondary">
            {r.xlsx}
          </button>
        </fieldset>
      </form>
    </section>
  );
}
