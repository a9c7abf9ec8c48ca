import { z } from "zod";
import type { Route } from "./+types/places";
import { searchPlaces } from "~/features/places/places.server";
import { appContext } from "~/lib/context";
import { fr } from "~/lib/messages";
import { SearchForm } from "~/ui/search-form";

const Query = z.object({
  q: z.string().trim().max(200).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request, context }: Route.LoaderArgs) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = Query.parse({ q: params.q ?? "", page: params.page ?? 1 });
  const result = await searchPlaces(context.get(appContext).database.db, query);
  return { ...result, q: query.q };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.q ? fr.places.searchTitle(loaderData.q) : fr.places.title} — ${fr.site.name}` },
];

function pageLink(q: string, page: number) {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `/lieux?${text}` : "/lieux";
}

export default function Places({ loaderData }: Route.ComponentProps) {
  const { rows, total, page, pages, q } = loaderData;
  return (
    <>
      <h1>{q ? fr.places.searchTitle(q) : fr.places.title}</h1>
      <SearchForm defaultValue={q} />
      <p role="status">{fr.places.count(total)}</p>
      {total === 0 ? (
        <p>
          {fr.places.empty} <a href="/lieux">{fr.places.seeAll}</a>
        </p>
      ) : (
        <ul className="results">
          {rows.map((place) => (
            <li key={place.slug}>
              <h2>
                <a href={`/lieux/${place.slug}`}>{place.name}</a>
              </h2>
              <p className="muted">
                {place.address}, {place.postcode} {place.commune}
              </p>
              {place.labelled ? <p className="badge">{fr.places.labelled}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={fr.places.pagination}>
          {page > 1 ? <a href={pageLink(q, page - 1)}>{fr.places.previous}</a> : <span />}
          <span>{fr.places.pageOf(page, pages)}</span>
          {page < pages ? <a href={pageLink(q, page + 1)}>{fr.places.next}</a> : <span />}
        </nav>
      ) : null}
    </>
  );
}
