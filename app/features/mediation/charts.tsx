/**
 * The statistics' charts, drawn on the server as SVG (no JavaScript in the browser): horizontal
 * bars, months as stacked columns, a week × hour grid. Each is a `<figure>` whose svg is an image
 * with a title and a description (role="img", aria-labelledby), followed by its data table (caption,
 * headers with their scope): the State design system's rule for accessible charts. Readable in black
 * and white: values are written on the bars and in the cells, the second series is hatched, and the
 * grid's shades come with their numbers. Scales from d3-scale.
 */
import type { ReactNode } from "react";
import { scaleBand, scaleLinear, scaleQuantize } from "d3-scale";
import { formatNumber, fr } from "~/lib/messages";
import { formatCell, type CellFormat, type StatsTable } from "./stats-tables";

const m = fr.statistics;
/** Wide charts (months, the week grid); bars are narrower, so that once scaled to a phone's width their words stay readable. */
const WIDTH = 480;
const BAR_WIDTH = 400;
const FONT = 15;
const BAR_FONT = 16;
const MAX_LABEL = 44;

const truncate = (text: string) => (text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text);
const shortMonths = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];

/** The svg's accessible frame: an image named by its title, described by its description. */
function Svg({ id, title, desc, height, width = WIDTH, fontSize = FONT, children }: { id: string; title: string; desc: string; height: number; width?: number; fontSize?: number; children: ReactNode }) {
  return (
    <svg
      className="chart"
      role="img"
      aria-labelledby={`${id}-titre ${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      fontSize={fontSize}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-titre`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {children}
    </svg>
  );
}

/** Horizontal bars of the table's first column, largest first; each bar has its label above it and its value at its end. */
export function BarChart({ table }: { table: StatsTable }) {
  const bars = table.rows
    .map((row) => ({ label: row.label, value: row.cells[0]?.value ?? 0, format: row.cells[0]?.format ?? ("count" as const) }))
    .filter((bar) => bar.value > 0)
    .sort((a, b) => b.value - a.value);
  const id = `graphique-${table.id}`;
  const rowHeight = 44;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  const x = scaleLinear()
    .domain([0, Math.max(1, ...bars.map((b) => b.value))])
    .range([0, BAR_WIDTH - 70]);
  return (
    <Svg id={id} title={table.title} desc={chartDescription(table)} height={height} width={BAR_WIDTH} fontSize={BAR_FONT}>
      {bars.map((bar, i) => {
        const top = i * rowHeight;
        const w = Math.max(2, x(bar.value));
        return (
          <g key={bar.label} transform={`translate(0, ${top})`}>
            <text x={0} y={BAR_FONT}>
              {truncate(bar.label)}
            </text>
            <rect x={0} y={BAR_FONT + 5} width={w} height={16} className="chart-bar" />
            <text x={w + 6} y={BAR_FONT + 19}>
              {formatCell({ value: bar.value, format: bar.format })}
            </text>
          </g>
        );
      })}
    </Svg>
  );
}

/** Months as stacked columns: individual help (solid), then collective sessions (hatched), with a value axis and a legend. */
export function MonthChart({ table }: { table: StatsTable }) {
  const id = `graphique-${table.id}`;
  const months = table.rows.map((row, i) => ({ label: row.label, individual: row.cells[0]?.value ?? 0, collective: row.cells[1]?.value ?? 0, i }));
  const height = 260;
  const left = 44;
  const bottom = height - 46;
  const top = 34;
  const max = Math.max(1, ...months.map((mo) => mo.individual + mo.collective));
  const y = scaleLinear().domain([0, max]).nice().range([bottom, top]);
  const x = scaleBand<number>()
    .domain(months.map((mo) => mo.i))
    .range([left, WIDTH - 4])
    .paddingInner(0.2);
  // One label in every `step` months, so they never overlap; the year under each January and under the first month.
  const step = Math.ceil(months.length / 12);
  const t = m.tables.months;
  return (
    <Svg id={id} title={table.title} desc={chartDescription(table)} height={height}>
      <defs>
        <pattern id={`${id}-hachures`} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform="rotate(45)">
          <rect width={6} height={6} className="chart-hatch-ground" />
          <line x1={0} y1={0} x2={0} y2={6} className="chart-hatch" strokeWidth={3} />
        </pattern>
      </defs>
      <g className="chart-legend">
        <rect x={left} y={4} width={14} height={14} className="chart-bar" />
        <text x={left + 20} y={16}>
          {t.individual}
        </text>
        <rect x={left + 150} y={4} width={14} height={14} fill={`url(#${id}-hachures)`} className="chart-outline" />
        <text x={left + 170} y={16}>
          {t.collective}
        </text>
      </g>
      {y.ticks(4).map((tick) => (
        <g key={tick}>
          <line x1={left} x2={WIDTH - 4} y1={y(tick)} y2={y(tick)} className="chart-grid" />
          <text x={left - 6} y={y(tick) + 5} textAnchor="end" className="chart-axis">
            {formatNumber(tick)}
          </text>
        </g>
      ))}
      {months.map((mo) => {
        const bandX = x(mo.i)!;
        return (
          <g key={mo.i}>
            <rect x={bandX} y={y(mo.individual)} width={x.bandwidth()} height={bottom - y(mo.individual)} className="chart-bar" />
            <rect x={bandX} y={y(mo.individual + mo.collective)} width={x.bandwidth()} height={y(mo.individual) - y(mo.individual + mo.collective)} fill={`url(#${id}-hachures)`} className="chart-outline" />
          </g>
        );
      })}
      {months.map((mo) => {
        if (mo.i % step !== 0) return null;
        const [name, year] = splitMonthLabel(mo.label);
        const center = x(mo.i)! + x.bandwidth() / 2;
        const showYear = mo.i === 0 || name === fr.time.months[0];
        return (
          <text key={mo.i} x={center} y={bottom + 18} textAnchor="middle" className="chart-axis">
            {shortMonth(name)}
            {showYear ? (
              <tspan x={center} dy={17}>
                {year}
              </tspan>
            ) : null}
          </text>
        );
      })}
      <line x1={left} x2={WIDTH - 4} y1={bottom} y2={bottom} className="chart-baseline" />
    </Svg>
  );
}

/** « mars 2025 » → [« mars », « 2025 »]. */
function splitMonthLabel(label: string): [string, string] {
  const space = label.lastIndexOf(" ");
  return [label.slice(0, space), label.slice(space + 1)];
}

function shortMonth(name: string): string {
  const i = fr.time.months.indexOf(name as (typeof fr.time.months)[number]);
  return i >= 0 ? shortMonths[i]! : name;
}

/** The week × hour grid of stations' occupancy: a column per weekday, a row per hour, each cell shaded and with its hours written. */
export function HeatMap({ table }: { table: StatsTable }) {
  const id = `graphique-${table.id}`;
  const left = 52;
  const top = 26;
  const cellW = (WIDTH - left) / 7;
  const cellH = 24;
  const height = top + table.rows.length * cellH + 40;
  const values = table.rows.flatMap((row) => row.cells.map((c) => c.value ?? 0));
  const max = Math.max(0, ...values);
  const shades = ["chart-heat-0", "chart-heat-1", "chart-heat-2", "chart-heat-3", "chart-heat-4"] as const;
  const shade = scaleQuantize<string>()
    .domain([0, Math.max(1, max)])
    .range(shades.slice(1));
  const t = m.tables.occupancy;
  return (
    <Svg id={id} title={table.title} desc={chartDescription(table)} height={height}>
      {table.columns.map((day, d) => (
        <text key={day} x={left + d * cellW + cellW / 2} y={top - 8} textAnchor="middle" className="chart-axis">
          {day.slice(0, 3)}.
        </text>
      ))}
      {table.rows.map((row, h) => (
        <g key={row.label}>
          <text x={left - 6} y={top + h * cellH + cellH / 2 + 5} textAnchor="end" className="chart-axis">
            {row.label}
          </text>
          {row.cells.map((cell, d) => {
            const value = cell.value ?? 0;
            const cls = value > 0 ? shade(value) : shades[0];
            return (
              <g key={d}>
                <rect x={left + d * cellW} y={top + h * cellH} width={cellW} height={cellH} className={`chart-cell ${cls}`} />
                {value > 0 ? (
                  <text x={left + d * cellW + cellW / 2} y={top + h * cellH + cellH / 2 + 5} textAnchor="middle" className={`chart-cell-value ${cls}-text`}>
                    {formatCell(cell)}
                  </text>
                ) : null}
              </g>
            );
          })}
        </g>
      ))}
      <text x={left} y={height - 12} className="chart-axis">
        {`${t.legend} : 0`}
      </text>
      {shades.map((cls, i) => (
        <rect key={cls} x={left + 150 + i * 26} y={height - 26} width={24} height={18} className={`chart-cell ${cls}`} />
      ))}
      <text x={left + 150 + shades.length * 26 + 6} y={height - 12} className="chart-axis">
        {formatCell({ value: max, format: "hours" })}
      </text>
    </Svg>
  );
}

/** What a chart shows, in a sentence: its description for screen readers and its caption. */
export function chartDescription(table: StatsTable): string {
  const t = m.tables;
  if (table.chart === "months") {
    let busiest: string | null = null;
    let most = 0;
    for (const row of table.rows) {
      const total = (row.cells[0]?.value ?? 0) + (row.cells[1]?.value ?? 0);
      if (total > most) [busiest, most] = [row.label, total];
    }
    return t.months.desc(busiest);
  }
  if (table.chart === "heatmap") {
    let busiest: string | null = null;
    let most = 0;
    table.rows.forEach((row) =>
      row.cells.forEach((cell, d) => {
        if ((cell.value ?? 0) > most) {
          most = cell.value ?? 0;
          busiest = `le ${fr.time.weekdays[d]} à ${row.label} (${t.occupancy.cell(formatCell(cell))})`;
        }
      }),
    );
    return t.occupancy.desc(busiest);
  }
  let top: { label: string; value: number; format: CellFormat } | null = null;
  for (const row of table.rows) {
    const value = row.cells[0]?.value ?? 0;
    if (value > 0 && (!top || value > top.value)) top = { label: row.label, value, format: row.cells[0]!.format };
  }
  return t.chartDesc(top?.label ?? null, top ? formatCell(top) : "");
}

/** A table as the page shows it: a caption, column headers, a header for each row. */
export function DataTable({ table }: { table: StatsTable }) {
  return (
    <div className="table-scroll">
      <table className="data-table stats-table" id={`tableau-${table.id}`}>
        <caption>{m.tables.tableOf(table.title)}</caption>
        <thead>
          <tr>
            <th scope="col">{table.rowHeader}</th>
            {table.columns.map((c) => (
              <th scope="col" key={c} className="num">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, i) => (
                <td key={i} className="num">
                  {formatCell(cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One table of the statistics with its chart: a section titled by the table, the figure (chart and its note), then the table. */
export function StatsSection({ table }: { table: StatsTable }) {
  // Nothing to draw: the sentence says so, the table (of zeros) stays.
  const empty = table.rows.every((row) => row.cells.every((cell) => !cell.value));
  const chart =
    table.chart === null || empty ? null : table.chart === "bars" ? <BarChart table={table} /> : table.chart === "months" ? <MonthChart table={table} /> : <HeatMap table={table} />;
  return (
    <section className="stats-section" aria-labelledby={`titre-${table.id}`} id={table.id}>
      <h2 id={`titre-${table.id}`}>{table.title}</h2>
      {chart ? (
        <figure className="stats-figure">
          {chart}
          <figcaption>
            {chartDescription(table)}
            {table.note ? ` ${table.note}` : null}
          </figcaption>
        </figure>
      ) : table.chart !== null && empty ? (
        <p>
          {m.tables.chartDesc(null, "")}
          {table.note ? ` ${table.note}` : null}
        </p>
      ) : table.note ? (
        <p>{table.note}</p>
      ) : null}
      <DataTable table={table} />
    </section>
  );
}
