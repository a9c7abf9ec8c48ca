import type { Route } from "./+types/places";
import { COUNT_CAP, DEFAULT_RADIUS_KM, directoryUrl, hasFilters, parseDirectoryQuery, withPageRadius } from "~/features/directory/query";
import { searchDirectory } from "~/features/directory/search.server";
import { getHomeFigures } from "~/features/places/places.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { CommuneChoices } from "~/features/directory/commune-choices";
import { DirectoryFilters } from "~/features/directory/directory-filters";
import { LookFarther } from "~/features/directory/look-farther";
import { PlaceCard } from "~/features/directory/place-card";
import { SearchForm } from "~/features/directory/search-form";
import { NearbyVisits } from "~/features/workshops/nearby-parts";
import { nearbyVisits, NEARBY_VISITS_DAYS } from "~/features/workshops/nearby-stops.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  const query = parseDirectoryQuery(new URL(request.url).searchParams);
  const { db } = context.get(appContext).database;
  const [search, figures] = await Promise.all([searchDirectory(db, withPageRadius(query)), getHomeFigures(db)]);
  // Around a commune or a position, on the first page: the mobile EPN passing near it soon.
  const now = Date.now();
  const visits =
    search.origin && search.page === 1
      ? await nearbyVisits(db, { latitude: search.origin.latitude, longitude: search.origin.longitude, km: search.radiusKm ?? DEFAULT_RADIUS_KM, from: new Date(now), to: new Date(now + NEARBY_VISITS_DAYS * 86_400_000), limit: 5 })
      : [];
  return { query, search, network: figures.network, visits, now };
}

function heading(search: Route.ComponentProps["loaderData"]["search"]) {
  if (search.origin) return fr.directory.resultsNear(search.origin.label);
  if (search.text) return fr.directory.resultsFor(search.text);
  return fr.directory.allPlaces;
}

/** The words of the role="status" region: how many places, or which ones when they are not counted. */
function countText(search: Route.ComponentProps["loaderData"]["search"]) {
  const km = search.origin ? search.radiusKm : undefined;
  if (search.total === null) {
    return `${search.page === 1 ? fr.directory.nearest(search.results.length, km) : fr.directory.nearestPage(search.page)} ${fr.directory.nearestMore}`;
  }
  if (search.total >= COUNT_CAP) return `${fr.places.countMore(COUNT_CAP)}${search.origin ? ` ${fr.directory.nearestFirst}` : ""}`;
  const count = km ? fr.directory.countWithin(search.total, km) : fr.places.count(search.total);
  return search.origin && search.total > 0 ? `${count} ${fr.directory.nearestFirst}` : count;
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData ? heading(loaderData.search) : fr.directory.title} — ${fr.site.name}` },
  { name: "description", content: fr.site.tagline },
];

export default function Places({ loaderData }: Route.ComponentProps) {
  const { query, search, network, visits, now } = loaderData;
  const filtered = hasFilters(query);
  return (
    <>
      <h1>{heading(search)}</h1>
      <SearchForm defaultValue={query.q} />
      {search.choices ? (
        <CommuneChoices choices={search.choices} query={query} path="/lieux" />
      ) : (
        <>
          <DirectoryFilters
            query={query}
            open={filtered}
            radiusKm={search.origin ? search.radiusKm : undefined}
            labelNetwork={network ? { slug: network.slug, name: network.name } : undefined}
          />
          <p role="status" className="count">
            {countText(search)}
          </p>
          <NearbyVisits visits={visits} now={now} />
          {search.total === 0 ? (
            <div className="empty">
              {search.origin && search.radiusKm ? <LookFarther path="/lieux" query={query} radiusKm={search.radiusKm} /> : <p>{fr.directory.empty}</p>}
              {filtered ? (
                <p>
                  {fr.directory.emptyFilters} <a href={directoryUrl("/lieux", { q: query.q, commune: query.commune, lat: query.lat, lon: query.lon })}>{fr.directory.clear}</a>
                </p>
              ) : (
                <p>{fr.directory.emptyText}</p>
              )}
              <p>
                <a href="/lieux">{fr.places.seeAll}</a>
              </p>
            </div>
          ) : (
            <>
              <p>
                <a href={directoryUrl("/lieux/carte", query)}>{fr.directory.map}</a>
              </p>
              <ul className="results">
                {search.results.map((place) => (
                  <PlaceCard key={place.slug} place={place} />
                ))}
              </ul>
              {search.origin && search.radiusKm && !search.hasNext ? <LookFarther path="/lieux" query={query} radiusKm={search.radiusKm} message={fr.directory.noneFarther(search.radiusKm)} /> : null}
            </>
          )}
          {search.page > 1 || search.hasNext ? (
            <nav className="pagination" aria-label={fr.places.pagination}>
              {search.page > 1 ? <a href={directoryUrl("/lieux", query, { page: search.page - 1 })}>{fr.places.previous}</a> : <span />}
              <span>{search.pages === null ? fr.places.pageNumber(search.page) : fr.places.pageOf(search.page, search.pages)}</span>
              {search.hasNext ? <a href={directoryUrl("/lieux", query, { page: search.page + 1 })}>{fr.places.next}</a> : <span />}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
