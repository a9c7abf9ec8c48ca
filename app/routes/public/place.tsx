import { data } from "react-router";
import type { Route } from "./+types/place";
import { getPlaceForPage, placePageData } from "~/features/places/place-page.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { PlaceArticle } from "~/features/places/place-article";
import { OfferList } from "~/features/scheduling/booking-parts";
import { placeOffersWithNextFree } from "~/features/scheduling/public-booking.server";
import { isItinerant } from "~/features/workshops/stops.server";
import { NextVisits, UpcomingSessions } from "~/features/workshops/upcoming-parts";
import { nextVisits, upcomingSessionsOfPlace } from "~/features/workshops/upcoming.server";

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  const place = await getPlaceForPage(database.db, { slug: params.slug });
  if (!place) throw data(fr.errors.placeNotFound, { status: 404 });
  const now = Date.now();
  const itinerant = isItinerant(place);
  const [booking, sessions, visits] = await Promise.all([
    placeOffersWithNextFree(database.db, params.slug, now),
    upcomingSessionsOfPlace(database.db, { placeId: place.id, limit: 5, now: new Date(now) }),
    itinerant ? nextVisits(database.db, { placeId: place.id, limit: 5, now: new Date(now) }) : [],
  ]);
  return {
    ...placePageData(place, env.baseUrl, new Date(now)),
    offers: booking?.offers ?? [],
    sessions,
    visits: itinerant ? visits : null,
    timeZone: booking?.place.timeZone ?? "Europe/Paris",
    now,
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
  const { offers, timeZone, now, sessions, visits, ...article } = loaderData;
  const booking = offers.length > 0 ? <OfferList slug={article.place.slug} offers={offers} timeZone={timeZone} now={now} headingLevel={3} /> : null;
  const agenda = (
    <>
      <UpcomingSessions sessions={sessions} timeZone={article.place.timeZone} now={now} />
      {visits ? <NextVisits visits={visits} timeZone={article.place.timeZone} now={now} /> : null}
    </>
  );
  return <PlaceArticle {...article} booking={booking} agenda={agenda} />;
}
