import type { Route } from "./+types/agenda";
import { appContext } from "~/context";
import { todayInFrance } from "~/features/time/today";
import { AgendaFeeds, AgendaFilters, AgendaItem, type AgendaFormErrors } from "~/features/workshops/agenda-parts";
import { AGENDA_DISTANCES_KM, agendaUrl, hasAgendaFilters, parseAgendaQuery } from "~/features/workshops/agenda-query";
import { WORKSHOP_THEMES, workshopThemeLabel } from "~/features/workshops/themes";
import { searchAgenda } from "~/features/workshops/agenda.server";
import { fr } from "~/lib/messages";
import { ErrorSummary } from "~/ui/form";

const m = fr.agenda;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  const now = new Date();
  const today = todayInFrance(now);
  const { query, errors } = parseAgendaQuery(new URL(request.url).searchParams, today);
  const search = await searchAgenda(database.db, query, { now });
  const { dates, ...fields } = errors;
  // The dates' message goes next to the end date; the network's and the page's have no field.
  const formErrors: AgendaFormErrors & { reseau?: string; page?: string } = { ...fields, ...search.errors };
  if (dates) formErrors.au = dates;
  return { query, today, errors: formErrors, search, baseUrl: env.baseUrl };
}

type Data = Route.ComponentProps["loaderData"];

function heading({ search }: Data) {
  if (search.origin) return m.titleNear(search.origin.label);
  if (search.network) return m.titleOf(search.network.name);
  return m.title;
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData ? heading(loaderData) : m.title} — ${fr.site.name}` }, { name: "description", content: m.intro }];

export default function Agenda({ loaderData }: Route.ComponentProps) {
  const { query, today, errors, search, baseUrl } = loaderData;
  const url = (changes: Parameters<typeof agendaUrl>[3]) => agendaUrl("/agenda", query, today, changes);
  const wider = search.origin ? AGENDA_DISTANCES_KM.find((km) => km > query.distanceKm) : undefined;
  const feeds = [
    ...(search.network ? [{ label: m.feedAll(search.network.name), path: `/reseaux/${search.network.slug}/agenda.ics` }] : []),
    ...(query.theme ? [{ label: m.feedTheme(workshopThemeLabel(query.theme)!), path: `/agenda/theme/${query.theme}.ics` }] : []),
  ];
  const themes = Object.entries(WORKSHOP_THEMES).map(([code, label]) => ({ label, path: `/agenda/theme/${code}.ics` }));
  const { reseau, page, ...fieldErrors } = errors;
  return (
    <>
      <h1>{heading(loaderData)}</h1>
      <p>{m.intro}</p>
      <ErrorSummary
        errors={fieldErrors}
        problems={[reseau, page].filter((p): p is string => Boolean(p)).map((text) => ({ href: "#filtres", text }))}
        title={() => m.errors.heading}
      />
      <AgendaFilters query={query} errors={fieldErrors} />
      {search.choices ? (
        <section aria-labelledby="choix">
          <h2 id="choix">{m.choose}</h2>
          <ul className="choices">
            {search.choices.map((c) => (
              <li key={c.insee}>
                <a href={url({ commune: `${c.postcodes[0] ?? ""} ${c.name}`.trim(), page: 1 })}>
                  {c.name} — {c.departmentName} ({c.postcodes.join(", ") || c.department})
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <section aria-labelledby="seances">
          <h2 id="seances" className="visually-hidden">
            {m.results}
          </h2>
          <p role="status" className="count">
            {search.page > 1 ? `${m.pageNumber(search.page)}. ` : ""}
            {m.count(search.entries.length, search.hasNext)}
          </p>
          {search.entries.length === 0 ? (
            <div className="empty">
              <p>{search.origin ? m.emptyNear(query.distanceKm) : m.empty}</p>
              <p>{m.emptyHelp}</p>
              {wider ? (
                <p>
                  <a href={url({ distanceKm: wider, page: 1 })}>{m.farther(wider)}</a>
                </p>
              ) : null}
              {hasAgendaFilters(query) ? (
                <p>
                  <a href="/agenda">{m.clear}</a>
                </p>
              ) : null}
            </div>
          ) : (
            <ul className="results agenda-list">
              {search.entries.map((entry) => (
                <AgendaItem key={entry.sessionId} entry={entry} />
              ))}
            </ul>
          )}
          {search.page > 1 || search.hasNext ? (
            <nav className="pagination" aria-label={m.pagination}>
              {search.page > 1 ? <a href={url({ page: search.page - 1 })}>{m.previous}</a> : <span />}
              <span>{m.pageNumber(search.page)}</span>
              {search.hasNext ? <a href={url({ page: search.page + 1 })}>{m.next}</a> : <span />}
            </nav>
          ) : null}
        </section>
      )}
      <AgendaFeeds baseUrl={baseUrl} feeds={feeds} themes={themes} />
    </>
  );
}
