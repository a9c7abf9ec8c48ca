import { DAYS, RADII_KM, type DirectoryQuery } from "./query";
import { ENUMS } from "~/features/standard/schema";
import { fr } from "~/lib/messages";

function Checkboxes({ legend, name, values, checked, labels }: { legend: string; name: string; values: readonly string[]; checked: string[]; labels?: Record<string, string> }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {values.map((value, i) => (
        <div className="check" key={value}>
          <input type="checkbox" id={`${name}-${i}`} name={name} value={value} defaultChecked={checked.includes(value)} />
          <label htmlFor={`${name}-${i}`}>{labels?.[value] ?? value}</label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * The filters, as a plain GET form that keeps the search. Closed by default in a
 * <details> (works without JavaScript); open when a filter is set.
 */
export function DirectoryFilters({
  query,
  open,
  radiusKm,
  labelNetwork,
}: {
  query: DirectoryQuery;
  open: boolean;
  /** Around a position: the distance searched, offered as a choice. */
  radiusKm?: number;
  labelNetwork?: { slug: string; name: string };
}) {
  return (
    <details className="filters" open={open}>
      <summary>{fr.directory.filters}</summary>
      <form method="get" action="/lieux">
        {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
        {query.commune ? <input type="hidden" name="commune" value={query.commune} /> : null}
        {query.lat !== undefined && query.lon !== undefined ? (
          <>
            <input type="hidden" name="lat" value={query.lat} />
            <input type="hidden" name="lon" value={query.lon} />
          </>
        ) : null}
        {radiusKm !== undefined ? (
          <fieldset>
            <legend>{fr.directory.radius}</legend>
            {RADII_KM.map((km) => (
              <div className="check" key={km}>
                <input type="radio" id={`rayon-${km}`} name="rayon" value={km} defaultChecked={km === radiusKm} />
                <label htmlFor={`rayon-${km}`}>{fr.directory.radiusChoice(km)}</label>
              </div>
            ))}
          </fieldset>
        ) : null}
        <fieldset>
          <legend>{fr.directory.openFilter}</legend>
          <div className="check">
            <input type="radio" id="ouvert-any" name="ouvert" value="" defaultChecked={!query.ouvert} />
            <label htmlFor="ouvert-any">{fr.directory.openAny}</label>
          </div>
          <div className="check">
            <input type="radio" id="ouvert-maintenant" name="ouvert" value="maintenant" defaultChecked={query.ouvert === "maintenant"} />
            <label htmlFor="ouvert-maintenant">{fr.directory.openNow}</label>
          </div>
          {DAYS.map((day) => (
            <div className="check" key={day}>
              <input type="radio" id={`ouvert-${day}`} name="ouvert" value={day} defaultChecked={query.ouvert === day} />
              <label htmlFor={`ouvert-${day}`}>{fr.directory.openOn(day)}</label>
            </div>
          ))}
        </fieldset>
        <Checkboxes legend={fr.directory.services} name="services" values={ENUMS.services} checked={query.services} labels={fr.plain.services} />
        <fieldset>
          <legend>Autres critères</legend>
          <div className="check">
            <input type="checkbox" id="gratuit" name="gratuit" value="1" defaultChecked={query.gratuit} />
            <label htmlFor="gratuit">{fr.directory.freeOnly}</label>
          </div>
          <div className="check">
            <input type="checkbox" id="pmr" name="pmr" value="1" defaultChecked={query.pmr} />
            <label htmlFor="pmr">{fr.directory.wheelchair}</label>
          </div>
          {labelNetwork ? (
            <div className="check">
              <input type="checkbox" id="label" name="label" value={labelNetwork.slug} defaultChecked={query.label === labelNetwork.slug} />
              <label htmlFor="label">{fr.directory.labelledOnly(labelNetwork.name)}</label>
            </div>
          ) : null}
        </fieldset>
        <Checkboxes legend={fr.directory.support} name="accompagnement" values={ENUMS.prise_en_charge_specifique} checked={query.accompagnement} />
        <Checkboxes legend={fr.directory.publics} name="publics" values={ENUMS.publics_specifiquement_adresses} checked={query.publics} />
        <Checkboxes legend={fr.directory.access} name="acces" values={ENUMS.modalites_acces} checked={query.acces} labels={fr.plain.accessModes} />
        <p className="actions">
          <button type="submit">{fr.directory.apply}</button>
        </p>
      </form>
    </details>
  );
}
