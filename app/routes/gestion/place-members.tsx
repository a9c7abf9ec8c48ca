import type { Route } from "./+types/place-members";
import { requirePlace } from "~/features/access/access.server";
import { filterOfParam, MembersTable, MembersTabs } from "~/features/memberships/members-parts";
import { membersPage } from "~/features/memberships/memberships.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";

const m = fr.memberships;

/** The place's members (its managers and mediators only, as the till): in force, ending within a month, ended in the last 3 months. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { place } = await requirePlace(request, context, params.placeId, "place.sales");
  const filter = filterOfParam(new URL(request.url).searchParams.get("liste"));
  const page = await membersPage(context.get(appContext).database.db, { placeId: place.id, filter, now: Date.now() });
  return { place: { id: place.id, name: place.name }, ...page };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceMembers({ loaderData }: Route.ComponentProps) {
  const { place, filter, members } = loaderData;
  const here = `/gestion/lieux/${place.id}/caisse/adherents`;
  return (
    <>
      <title>{`${m.pageTitle} — ${place.name} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}`}>{m.backToPlace}</a>
      </p>
      <h1>
        {m.pageTitle} — {place.name}
      </h1>
      <p>{m.intro}</p>
      <MembersTabs here={here} filter={filter} />
      <h2>{m.tabs[filter]}</h2>
      <MembersTable placeId={place.id} filter={filter} members={members} />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
