/**
 * The statistics pages' parts: the filter form (GET: it works without JavaScript and its result is
 * a link), the export links, and the figures — each table with its chart (charts.tsx).
 */
import { COOP_ACTIVITY_KINDS, COOP_THEME_CODES } from "~/db/schema/mediation";
import type { FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { CheckboxGroup, TextField } from "~/ui/form";
import { StatsSection } from "./charts";
import { ACTIVITY_KIND_LABELS, THEME_LABELS } from "./coop-model";
import { type StatisticsFormValues, statisticsQueryString } from "./stats-filters";
import type { StatsTable } from "./stats-tables";

const m = fr.statistics;
type Option = { id: string; name: string };

/** The filters: period, the network's places (on a network's page), mediators, kind, themes. */
export function StatisticsFilterForm(props: { action: string; values: StatisticsFormValues; errors: FieldErrors; places: Option[]; mediators: Option[]; mediatorsHint?: string }) {
  const { action, values, errors, places, mediators } = props;
  const f = m.filters;
  const name = (options: Option[]) => (id: string) => options.find((o) => o.id === id)?.name ?? id;
  return (
    <form method="get" action={action} className="stats-filters print-hide" aria-labelledby="filtres-titre">
      <h2 id="filtres-titre">{f.legend}</h2>
      <fieldset className="inline">
        <legend>{f.period}</legend>
        <TextField name="du" label={f.from} type="date" value={values.du} hint={f.dateHint} error={errors.du} />
        <TextField name="au" label={f.to} type="date" value={values.au} error={errors.au} />
      </fieldset>
      {places.length ? (
        <details open={values.lieu.length > 0 || Boolean(errors.lieu)}>
          <summary>{`${f.places} (${values.lieu.length || places.length})`}</summary>
          <p className="hint">{f.placesHint}</p>
          <CheckboxGroup name="lieu" legend={f.places} options={places.map((p) => p.id)} labels={name(places)} checked={values.lieu} error={errors.lieu} />
        </details>
      ) : null}
      {mediators.length ? (
        <CheckboxGroup name="mediateur" legend={f.mediators} options={mediators.map((p) => p.id)} labels={name(mediators)} checked={values.mediateur} error={errors.mediateur} />
      ) : props.mediatorsHint ? (
        <p className="hint">{props.mediatorsHint}</p>
      ) : null}
      <CheckboxGroup name="type" legend={f.kinds} options={COOP_ACTIVITY_KINDS} labels={(k) => ACTIVITY_KIND_LABELS[k as keyof typeof ACTIVITY_KIND_LABELS]} checked={values.type} error={errors.type} />
      <details open={values.theme.length > 0 || Boolean(errors.theme)}>
        <summary>{`${f.themes} (${values.theme.length})`}</summary>
        <p className="hint">{f.themesHint}</p>
        <CheckboxGroup name="theme" legend={f.themes} options={COOP_THEME_CODES} labels={(k) => THEME_LABELS[k as keyof typeof THEME_LABELS]} checked={values.theme} error={errors.theme} />
      </details>
      <p>
        <button type="submit">{f.submit}</button> <a href={action}>{f.reset}</a>
      </p>
    </form>
  );
}

/** The links to the CSV and XLSX files of the same figures. */
export function StatisticsExports({ base, values }: { base: string; values: StatisticsFormValues }) {
  const query = statisticsQueryString(values);
  return (
    <section aria-labelledby="exports-titre" className="print-hide">
      <h2 id="exports-titre">{m.exports.title}</h2>
      <ul>
        <li>
          <a href={`${base}/export.csv${query}`} download>
            {m.exports.csv}
          </a>
        </li>
        <li>
          <a href={`${base}/export.xlsx${query}`} download>
            {m.exports.xlsx}
          </a>
        </li>
      </ul>
    </section>
  );
}

/** Every table with its chart, the empty case said first. */
export function StatisticsFigures({ tables, empty }: { tables: StatsTable[]; empty: boolean }) {
  return (
    <div className="stats">
      {empty ? <p className="notice">{m.empty}</p> : null}
      {tables.map((table) => (
        <StatsSection key={table.id} table={table} />
      ))}
    </div>
  );
}
