import type { Route } from "./+types/network-label";
import { requireNetwork } from "~/features/access/access.server";
import { listCalls } from "~/features/calls/calls.server";
import { funderReportData } from "~/features/calls/funder-report.server";
import { placePositions } from "~/features/calls/labels.server";
import { formatDate } from "~/features/time/format";
import { appContext } from "~/context";
import { formatNumber, fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";

const p = fr.applications.pages;
const m = fr.applications;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { network } = await requireNetwork(request, context, params.slug, "network.calls");
  const db = context.get(appContext).database.db;
  const url = new URL(request.url);
  const thisYear = new Date().getFullYear();
  const asked = Number(url.searchParams.get("annee"));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= thisYear + 5 ? asked : thisYear;
  const [report, calls] = await Promise.all([funderReportData(db, { networkId: network.id, year }), listCalls(db, network.id)]);
  const ids = report?.places.map((pl) => pl.id) ?? [];
  const points = await placePositions(db, ids);
  return {
    network: { slug: network.slug, name: network.name },
    year,
    years: Array.from({ length: thisYear - 2016 + 1 }, (_, i) => thisYear + 1 - i),
    report,
    points,
    calls: calls.map(({ call }) => ({ slug: call.slug, title: call.title })),
  };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

/** The share of points the sketch frames: a few places published with far-off coordinates would shrink the rest to a dot. */
const FRAMED = 0.96;

/** The labelled places as dots on their coordinates (a sketch of the territory; the table below says the same, far-off places included). */
function PlacesMap({ points, names }: { points: { id: string; lat: number; lon: number }[]; names: Record<string, string> }) {
  if (points.length === 0) return null;
  const W = 480;
  const H = 400;
  const bounds = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const cut = Math.floor((sorted.length * (1 - FRAMED)) / 2);
    const [low, high] = [sorted[cut]!, sorted[sorted.length - 1 - cut]!];
    const margin = Math.max((high - low) * 0.1, 0.01);
    return [low - margin, high + margin] as const;
  };
  const [minLat, maxLat] = bounds(points.map((pt) => pt.lat));
  const [minLon, maxLon] = bounds(points.map((pt) => pt.lon));
  const framed = points.filter((pt) => pt.lat >= minLat && pt.lat <= maxLat && pt.lon >= minLon && pt.lon <= maxLon);
  const k = Math.cos(((minLat + maxLat) / 2) * (Math.PI / 180));
  const scale = Math.min((W - 20) / ((maxLon - minLon) * k), (H - 20) / (maxLat - minLat));
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: `${W}px` }} role="img" aria-label={p.mapLabel(framed.length)}>
        <rect x="0" y="0" width={W} height={H} fill="#f4f6f8" stroke="#ccc" />
        {framed.map((pt) => (
          <circle key={pt.id} cx={10 + (pt.lon - minLon) * k * scale} cy={H - 10 - (pt.lat - minLat) * scale} r="5" fill="#1f3a5f" stroke="#fff">
            <title>{names[pt.id]}</title>
          </circle>
        ))}
      </svg>
      {framed.length < points.length ? <figcaption className="hint">{p.mapOutside(points.length - framed.length)}</figcaption> : null}
    </figure>
  );
}

export default function NetworkLabel({ loaderData }: Route.ComponentProps) {
  const { network, year, years, report, points, calls } = loaderData;
  const base = `/gestion/reseaux/${network.slug}`;
  const names = Object.fromEntries((report?.places ?? []).map((pl) => [pl.id, `${pl.name} (${pl.commune})`]));
  return (
    <>
      <title>{`${p.dashboardTitle(network.name, year)} — ${fr.site.name}`}</title>
      <p>
        <a href={`${base}/appels`}>{p.backToCalls}</a>
      </p>
      <h1>{p.dashboardTitle(network.name, year)}</h1>
      <form method="get" action={`${base}/label`} className="inline-form">
        <label htmlFor="annee">{p.yearLabel}</label>{" "}
        <select id="annee" name="annee" defaultValue={String(year)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>{" "}
        <button type="submit">{p.show}</button>
      </form>
      <section aria-labelledby="rapports">
        <h2 id="rapports">{p.reportsTitle}</h2>
        <ul>
          <li>
            {p.allCalls} : <a href={`${base}/label/rapport.xlsx?annee=${year}`}>XLSX</a> · <a href={`${base}/label/rapport.pdf?annee=${year}`}>PDF</a>
          </li>
          {calls.map((c) => (
            <li key={c.slug}>
              {c.title} : <a href={`${base}/label/rapport.xlsx?annee=${year}&appel=${c.slug}`}>XLSX</a> · <a href={`${base}/label/rapport.pdf?annee=${year}&appel=${c.slug}`}>PDF</a>
            </li>
          ))}
        </ul>
      </section>
      {report ? (
        <>
          <section aria-labelledby="lieux">
            <h2 id="lieux">{p.labelledTitle(report.places.length)}</h2>
            <PlacesMap points={points} names={names} />
            <div className="table-scroll" tabIndex={0} role="region" aria-label={p.labelledTitle(report.places.length)}>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{p.columns.place}</th>
                    <th scope="col">{p.departmentColumn}</th>
                    <th scope="col">{p.themesColumn}</th>
                    <th scope="col">{p.validityColumn}</th>
                    <th scope="col">{p.activityColumn}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.places.map((pl) => (
                    <tr key={pl.id}>
                      <th scope="row">
                        <a href={`/gestion/lieux/${pl.id}`}>{pl.name}</a> <span className="muted">({pl.commune})</span>
                      </th>
                      <td>{pl.department ? `${pl.department.name} (${pl.department.code})` : "—"}</td>
                      <td>{pl.themes.join(", ") || "—"}</td>
                      <td>{pl.validUntil ? p.validity(formatDate(pl.validFrom), formatDate(pl.validUntil)) : p.validSince(formatDate(pl.validFrom))}</td>
                      <td>{pl.activity ? p.activityLine(pl.activity.records, pl.activity.workshopsHeld) : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="themes">
            <h2 id="themes">{p.byThemeTitle}</h2>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{p.themeColumn}</th>
                  <th scope="col" className="number">{p.placesColumn}</th>
                </tr>
              </thead>
              <tbody>
                {report.byTheme.map((t) => (
                  <tr key={t.theme ?? "none"}>
                    <th scope="row">{t.theme ?? p.noTheme}</th>
                    <td className="number">{formatNumber(t.places)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2 id="departements">{p.byDepartmentTitle}</h2>
            <table className="data-table" aria-labelledby="departements">
              <thead>
                <tr>
                  <th scope="col">{p.departmentColumn}</th>
                  <th scope="col" className="number">{p.placesColumn}</th>
                </tr>
              </thead>
              <tbody>
                {report.byDepartment.map((d) => (
                  <tr key={d.code ?? "none"}>
                    <th scope="row">{d.code ? `${d.name} (${d.code})` : d.name}</th>
                    <td className="number">{formatNumber(d.places)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="issues">
            <h2 id="issues">{p.outcomesTitle}</h2>
            {report.calls.length === 0 ? (
              <p>{p.noCalls}</p>
            ) : (
              <div className="table-scroll" tabIndex={0} role="region" aria-label={p.outcomesTitle}>
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{p.columns.call}</th>
                      {(["submitted", "under_review", "corrections", "accepted", "refused", "closed"] as const).map((s) => (
                        <th key={s} scope="col">
                          {m.states[s]}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {report.calls.map((c) => (
                      <tr key={c.id}>
                        <th scope="row">{c.title}</th>
                        {(["submitted", "under_review", "corrections", "accepted", "refused", "closed"] as const).map((s) => (
                          <td key={s} className="number">
                            {formatNumber(c.counts[s] ?? 0)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-labelledby="activite">
            <h2 id="activite">{p.activityTitle(year)}</h2>
            {report.activity ? (
              <ul>
                <li>{p.activityRecords(report.activity.records)}</li>
                <li>{p.activityPeople(report.activity.participants)}</li>
                <li>{p.activityHours(Math.round(report.activity.helpMinutes / 60))}</li>
                <li>{p.activityWorkshops(report.activity.workshopsHeld)}</li>
                {report.openHours !== null ? <li>{p.activityOpenHours(Math.round(report.openHours))}</li> : null}
              </ul>
            ) : (
              <p>{p.noActivity}</p>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
