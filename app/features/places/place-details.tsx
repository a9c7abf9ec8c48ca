import type { PlaceForPage } from "./place-page.server";
import { fr } from "~/lib/messages";

/** A titled list; nothing at all when empty. `print` says whether it stays on the printed sheet. */
export function PlaceList({ id, title, items, print = false }: { id: string; title: string; items: string[]; print?: boolean }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={id} className={print ? undefined : "print-hide"}>
      <h2 id={id}>{title}</h2>
      <ul className="tags">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}

export function PlaceAddress({ place, directions }: { place: PlaceForPage; directions: { geo: string; openStreetMap: string } | null }) {
  return (
    <section aria-labelledby="adresse">
      <h2 id="adresse">{fr.place.address}</h2>
      <p>
        {place.address}
        {place.addressComplement ? `, ${place.addressComplement}` : ""}
        <br />
        {place.postcode} {place.commune}
      </p>
      {directions ? (
        <p className="print-hide">
          {fr.placePage.directions}{" "}
          <a href={directions.geo}>{fr.placePage.openInMapsApp}</a>
          {" — "}
          <a href={directions.openStreetMap} rel="noopener noreferrer">
            {fr.placePage.openStreetMap}
          </a>
          {place.coordinatesFrom === "commune" ? <span className="muted"> ({fr.place.coordinatesFromCommune})</span> : null}
        </p>
      ) : null}
    </section>
  );
}

export function PlaceContact({ place, phoneText }: { place: PlaceForPage; phoneText: string | null }) {
  if (!place.phone && place.emails.length === 0 && place.websites.length === 0 && !place.bookingUrl) return null;
  return (
    <section aria-labelledby="contact">
      <h2 id="contact">{fr.placePage.contact}</h2>
      <dl className="facts">
        {place.phone ? (
          <>
            <dt>{fr.place.phone}</dt>
            <dd>
              <a href={`tel:${place.phone}`}>{phoneText}</a>
            </dd>
          </>
        ) : null}
        {place.emails.length > 0 ? (
          <>
            <dt>{fr.place.email}</dt>
            <dd>
              {place.emails.map((email) => (
                <a key={email} className="block" href={`mailto:${email}`}>
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
                <a key={url} className="block" href={url} rel="noopener noreferrer">
                  {url.replace(/^https?:\/\//, "").replace(/\/$/, "")}
                </a>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      {place.bookingUrl ? (
        <p className="print-hide">
          <a href={place.bookingUrl} rel="noopener noreferrer">
            {fr.placePage.booking}
          </a>
        </p>
      ) : null}
    </section>
  );
}

export function PlaceAccessibility({ place }: { place: PlaceForPage }) {
  const wheelchair = place.specificSupport.includes("Handicaps moteurs");
  return (
    <section aria-labelledby="accessibilite">
      <h2 id="accessibilite">{fr.placePage.accessibility}</h2>
      {wheelchair ? <p>{fr.placePage.wheelchair}</p> : null}
      {place.accesLibreUrl ? (
        <p className="print-hide">
          <a href={place.accesLibreUrl} rel="noopener noreferrer">
            {fr.placePage.accesLibre}
          </a>
        </p>
      ) : null}
      {!wheelchair && !place.accesLibreUrl ? <p>{fr.placePage.accessibilityUnknown}</p> : null}
    </section>
  );
}

export function placeEquipment(place: PlaceForPage): string[] {
  return [
    place.computers ? fr.place.computers(place.computers) : null,
    place.laptops ? fr.place.laptops(place.laptops) : null,
    place.tablets ? fr.place.tablets(place.tablets) : null,
    place.printers ? fr.place.printers(place.printers) : null,
    place.printers3d ? fr.place.printers3d(place.printers3d) : null,
  ].filter((x): x is string => x !== null);
}
