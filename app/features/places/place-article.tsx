import type { ReactNode } from "react";
import type { directionLinks, PlaceForPage, PlaceHours } from "./place-page.server";
import { formatDate } from "~/features/time/format";
import { fr } from "~/lib/messages";
import { PlaceAccessibility, PlaceAddress, PlaceContact, PlaceList, placeEquipment } from "./place-details";
import { PlaceHoursSection } from "./place-hours";

export type PlaceArticleProps = {
  place: PlaceForPage;
  hours: PlaceHours;
  phoneText: string | null;
  directions: ReturnType<typeof directionLinks> | null;
  url: string;
  thanks?: boolean;
  /** Staff preview of a place (published or not): a notice instead of the public links. */
  preview?: { notice: string; backHref: string; backText: string };
  /** What can be booked there (scheduling's offer list), shown after the hours. */
  booking?: ReactNode;
  /** Its next sessions and, for a mobile EPN, passages (features/workshops), shown after the booking. */
  agenda?: ReactNode;
};

/** A place's page as the public sees it (also shown to its staff as a preview). */
export function PlaceArticle({ place, hours, phoneText, directions, url, thanks = false, preview, booking, agenda }: PlaceArticleProps) {
  const plain = (map: Record<string, string>, values: string[]) => values.map((v) => map[v] ?? v);
  return (
    <article className="place">
      {preview ? (
        <div className="notice print-hide" role="note">
          <p>{preview.notice}</p>
          <p>
            <a href={preview.backHref}>{preview.backText}</a>
          </p>
        </div>
      ) : (
        <p className="print-hide">
          <a href="/lieux">{fr.place.backToList}</a>
        </p>
      )}
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
      {booking ? (
        <section aria-labelledby="reserver" className="print-hide">
          <h2 id="reserver">{fr.booking.sectionTitle}</h2>
          {booking}
        </section>
      ) : null}
      {agenda}

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
      <PlaceList id="labels" title={fr.place.labels} items={place.labels.map((l) => fr.placePage.labelSince(l.label, l.network, l.since))} />
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
        {preview ? null : (
          <>
            <h2>{fr.placePage.reportQuestion}</h2>
            <p>
              <a href={`/lieux/${place.slug}/signaler`}>{fr.placePage.reportLink}</a>
            </p>
          </>
        )}
        <h2>{fr.placePage.printTitle}</h2>
        <p>{fr.placePage.printHelp}</p>
      </div>
    </article>
  );
}
