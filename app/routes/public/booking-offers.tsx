import { data } from "react-router";
import type { Route } from "./+types/booking-offers";
import { appContext } from "~/context";
import { OfferList } from "~/features/scheduling/booking-parts";
import { placeOffersWithNextFree } from "~/features/scheduling/public-booking.server";
import { fr } from "~/lib/messages";

export async function loader({ params, context }: Route.LoaderArgs) {
  const { database } = context.get(appContext);
  const now = Date.now();
  const found = await placeOffersWithNextFree(database.db, params.slug, now);
  if (!found) throw data(fr.errors.placeNotFound, { status: 404 });
  return { ...found, now };
}

export const meta: Route.MetaFunction = ({ loaderData }) => (loaderData ? [{ title: `${fr.booking.pageTitle(loaderData.place.name)} — ${fr.site.name}` }] : []);

export default function BookingOffers({ loaderData }: Route.ComponentProps) {
  const { place, offers, now } = loaderData;
  return (
    <>
      <p>
        <a href={`/lieux/${place.slug}`}>{fr.booking.back}</a>
      </p>
      <h1>{fr.booking.pageTitle(place.name)}</h1>
      <p>{fr.booking.chooseWhat}</p>
      <OfferList slug={place.slug} offers={offers} timeZone={place.timeZone} now={now} />
    </>
  );
}
