import { data } from "react-router";
import type { Route } from "./+types/place";
import { directionLinks, displayPhone, getPlaceBySlug, placeHours, placeStructuredData } from "~/features/places/place-page.server";
import { appContext } from "~/lib/context";
import { formatDate, fr } from "~/lib/messages";
import { PlaceAccessibility, PlaceAddress, PlaceContact, PlaceList, placeEquipment } from "~/ui/place-details";
import { PlaceHoursSection } from "~/ui/place-hours";

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const { database, env } = context.get(appContext);
  const place = await getPlaceBySlug(database.db, params.slug);
  if (!place) throw data(fr.errors.placeNotFound, { status: 404 });
  const url = `${env.baseUrl}/lieux/${place.slug}`;
  const hours = placeHours(place, new Date());
  return {
    place,
    url,
    hours,
    phoneText: place.phone ? displayPhone(place.phone) : null,
    directions: place.latitude != null && place.longitude != null ? directionLinks(place.latitude, place.longitude) : null,
    structuredData: placeStructuredData(place, { url, week: hours.kind === "week" ? hours.week : [] }),
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
  const { place, hours, phoneText, directions, url, thanks } = loaderData;
  const plain = (map: Record<string, string>, values: string[]) => values.map((v) => map[v] ?? v);
  return (
    <article className="place">
      <p className="print-hide">
        <a href="/lieux">{fr.place.backToList}</a>
      </p>
      <h1>{place.name}</h1>
      {thanks ? (
        <p role="status" id="merci" className="success">
          {fr.placePage.thanks}
        </p>
      ) : null}
      {place.labels.map((l) => (
        <p key={l.label} className="badge print-hide">
          {l.label}
        </p>
      ))}
      {place.summary ? <p>{place.summary}</p> : null}
      {place.itinerance.includes("Itinérant") ? <p className="notice">{fr.place.itinerant}</p> : null}

      <section aria-labelledby="services">
        <h2 id="services">{fr.place.services}</h2>
        {place.services.length > 0 ? (
          <ul className="tags">
            {plain(fr.plain.services, place.services).map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        ) : (
          <p>{fr.placePage.noServices}</p>
        )}
      </section>

      <PlaceHoursSection hours={hours} phone={place.phone} phoneText={phoneText} timeZone={place.timeZone} />
      <PlaceAddress place={place} directions={directions} />
      <PlaceContact place={place} phoneText={phoneText} />
      <PlaceList id="acces" title={fr.placePage.howToBeReceived} items={plain(fr.plain.accessModes, place.accessModes)} print />
      <PlaceList id="tarifs" title={fr.place.fees} items={place.fees} print />
      <PlaceList id="aide" title={fr.place.supportModes} items={plain(fr.plain.supportModes, place.supportModes)} />
      <PlaceAccessibility place={place} />
      <PlaceList id="publics" title={fr.place.publics} items={place.publics} />
      <PlaceList id="accompagnement" title={fr.place.specificSupport} items={place.specificSupport} />
      <PlaceList id="equipement" title={fr.place.equipment} items={placeEquipment(place)} />
      <PlaceList id="labels" title={fr.place.labels} items={place.labels.map((l) => fr.placePage.labelOf(l.label, l.network))} />
      <PlaceList id="dispositifs" title={fr.place.programs} items={place.nationalPrograms} />
      {place.description ? (
        <section aria-labelledby="presentation" className="print-hide">
          <h2 id="presentation">{fr.placePage.about}</h2>
          <p className="pre-line">{place.description}</p>
        </section>
      ) : null}

      <p className="muted">
        {fr.place.updatedOn(formatDate(place.updatedOn))} {place.dataSource ? fr.place.source(place.dataSource) : null}
      </p>
      <p className="print-only">{fr.placePage.printedFrom(url)}</p>

      <div className="print-hide">
        <h2>{fr.placePage.reportQuestion}</h2>
        <p>
          <a href={`/lieux/${place.slug}/signaler`}>{fr.placePage.reportLink}</a>
        </p>
        <h2>{fr.placePage.printTitle}</h2>
        <p>{fr.placePage.printHelp}</p>
      </div>
    </article>
  );
}
