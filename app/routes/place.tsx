import { data } from "react-router";
import type { Route } from "./+types/place";
import { getPlaceBySlug } from "~/features/places/places.server";
import { appContext } from "~/lib/context";
import { formatDate, fr } from "~/lib/messages";

export async function loader({ params, context }: Route.LoaderArgs) {
  const place = await getPlaceBySlug(context.get(appContext).database.db, params.slug);
  if (!place) throw data(fr.errors.placeNotFound, { status: 404 });
  return { place };
}

export const meta: Route.MetaFunction = ({ loaderData }) =>
  loaderData
    ? [
        { title: `${loaderData.place.name}, ${loaderData.place.commune} — ${fr.site.name}` },
        { name: "description", content: loaderData.place.summary ?? `${loaderData.place.address}, ${loaderData.place.postcode} ${loaderData.place.commune}` },
      ]
    : [];

function List({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h2>{title}</h2>
      <ul className="tags">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </>
  );
}

/** "+33248242226" → "02 48 24 22 26"; overseas and other numbers stay as they are. */
function displayPhone(phone: string) {
  const m = /^\+33(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(phone);
  return m ? `0${m[1]} ${m[2]} ${m[3]} ${m[4]} ${m[5]}` : phone;
}

export default function Place({ loaderData }: Route.ComponentProps) {
  const { place } = loaderData;
  const equipment = [
    place.computers ? fr.place.computers(place.computers) : null,
    place.laptops ? fr.place.laptops(place.laptops) : null,
    place.tablets ? fr.place.tablets(place.tablets) : null,
    place.printers ? fr.place.printers(place.printers) : null,
    place.printers3d ? fr.place.printers3d(place.printers3d) : null,
  ].filter((x): x is string => x !== null);
  return (
    <article>
      <p>
        <a href="/lieux">{fr.place.backToList}</a>
      </p>
      <h1>{place.name}</h1>
      {place.labels.map((l) => (
        <p key={l.label} className="badge">
          {l.label}
        </p>
      ))}
      {place.summary ? <p>{place.summary}</p> : null}
      {place.itinerance.includes("Itinérant") ? <p className="notice">{fr.place.itinerant}</p> : null}
      <dl className="facts">
        <dt>{fr.place.address}</dt>
        <dd>
          {place.address}
          {place.addressComplement ? `, ${place.addressComplement}` : ""}
          <br />
          {place.postcode} {place.commune}
          {place.coordinatesFrom === "commune" ? <span className="muted"> — {fr.place.coordinatesFromCommune}</span> : null}
        </dd>
        {place.phone ? (
          <>
            <dt>{fr.place.phone}</dt>
            <dd>
              <a href={`tel:${place.phone}`}>{displayPhone(place.phone)}</a>
            </dd>
          </>
        ) : null}
        {place.emails.length > 0 ? (
          <>
            <dt>{fr.place.email}</dt>
            <dd>
              {place.emails.map((email) => (
                <a key={email} href={`mailto:${email}`}>
                  {email}
                </a>
              ))}
            </dd>
          </>
        ) : null}
        {place.websites.length > 0 ? (
          <>
            <dt>{fr.place.website}</dt>
            <dd>
              {place.websites.map((url) => (
                <a key={url} href={url} rel="noopener noreferrer">
                  {url.replace(/^https?:\/\//, "").replace(/\/$/, "")}
                </a>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{fr.place.hours}</h2>
      {place.openingHours ? (
        <p>
          <code>{place.openingHours}</code>
        </p>
      ) : place.hoursText ? (
        <>
          <p className="muted">{fr.place.hoursAsGiven}</p>
          <p className="pre-line">{place.hoursText}</p>
        </>
      ) : (
        <p>{fr.place.hoursUnknown}</p>
      )}
      <List title={fr.place.services} items={place.services} />
      <List title={fr.place.fees} items={place.fees} />
      <List title={fr.place.supportModes} items={place.supportModes} />
      <List title={fr.place.accessModes} items={place.accessModes} />
      <List title={fr.place.publics} items={place.publics} />
      <List title={fr.place.specificSupport} items={place.specificSupport} />
      <List title={fr.place.equipment} items={equipment} />
      <List title={fr.place.programs} items={place.nationalPrograms} />
      {place.description ? <p className="pre-line">{place.description}</p> : null}
      <p className="muted">
        {fr.place.updatedOn(formatDate(place.updatedOn))} {place.dataSource ? fr.place.source(place.dataSource) : null}
      </p>
    </article>
  );
}
