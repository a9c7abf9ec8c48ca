import { data } from "react-router";
import type { Route } from "./+types/place";
import { getPlaceForPage, placePageData } from "~/features/places/place-page.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { PlaceArticle } from "~/features/places/place-article";

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  const place = await getPlaceForPage(database.db, { slug: params.slug });
  if (!place) throw data(fr.errors.placeNotFound, { status: 404 });
  return {
    ...placePageData(place, env.baseUrl, new Date()),
    thanks: new URL(request.url).searchParams.get("signalement") === "merci",
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => {
  if (!loaderData) return [];
  const { place } = loaderData;
  const what = place.services[0] ? (fr.plain.services[place.services[0]] ?? place.services[0]) : fr.placePage.defaultDescription;
  return [
    { title: `${place.name}, ${place.commune} — ${fr.site.name}` },
    { name: "description", content: place.summary ?? fr.placePage.description(what, place.commune) },
    { tagName: "link", rel: "canonical", href: loaderData.url },
    { "script:ld+json": loaderData.structuredData },
  ];
};

export default function Place({ loaderData }: Route.ComponentProps) {
  return <PlaceArticle {...loaderData} />;
}
