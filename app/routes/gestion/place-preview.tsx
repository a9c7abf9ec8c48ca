import type { Route } from "./+types/place-preview";
import { requirePlace } from "~/features/access/access.server";
import { getPlaceForPage, placePageData } from "~/features/places/place-page.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { PlaceArticle } from "~/features/places/place-article";

const m = fr.backoffice.preview;

/** The place's public page as its staff see it before (or after) publishing it. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { place: row } = await requirePlace(request, context, params.placeId, "place.view-backoffice");
  const { database, env } = context.get(appContext);
  const place = (await getPlaceForPage(database.db, { id: row.id }))!;
  return { ...placePageData(place, env.baseUrl, new Date()), published: row.status === "published" };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlacePreview({ loaderData, params }: Route.ComponentProps) {
  const { published, ...page } = loaderData;
  return (
    <>
      <title>{`${m.pageTitle(page.place.name)} — ${fr.site.name}`}</title>
      <PlaceArticle {...page} preview={{ notice: published ? m.published : m.notPublished, backHref: `/gestion/lieux/${params.placeId}`, backText: m.back }} />
    </>
  );
}
