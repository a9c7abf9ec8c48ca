/**
 * The parts of a mobile EPN's « Arrêts » page in the back-office: the stops with their next
 * passages (read-only: the series page changes them), and the form of one stop.
 */
import type { FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { CsrfField, TextField } from "~/ui/form";
import type { StopFormValues } from "./stop-form";
import { formatSpan } from "~/features/time/format";
import { capitalize } from "~/lib/text";

const m = fr.stops;

export type StopItem = {
  id: string;
  label: string;
  address: string;
  postcode: string;
  commune: string;
  active: boolean;
  visits: { sessionId: string; title: string; startsAt: string; endsAt: string; cancelled: boolean }[];
};

export function StopList(props: { placeId: string; stops: StopItem[]; timeZone: string; now: number; canManage: boolean; csrfToken: string; action: string }) {
  if (props.stops.length === 0) return <p>{m.listNone}</p>;
  return (
    <ul className="stops">
      {props.stops.map((stop) => (
        <li key={stop.id}>
          <h3 id={`arret-${stop.id}`}>
            {stop.label}
            {stop.active ? null : <span className="muted"> ({m.inactive})</span>}
          </h3>
          <p>{m.where(stop.address, stop.postcode, stop.commune)}</p>
          <h4>{m.nextVisits}</h4>
          {stop.visits.length === 0 ? (
            <p>{m.noVisits}</p>
          ) : (
            <ul>
              {stop.visits.map((v) => (
                <li key={v.sessionId}>
                  {capitalize(formatSpan(new Date(v.startsAt), new Date(v.endsAt), { timeZone: props.timeZone, now: props.now }))} — {v.title}
                  {v.cancelled ? <strong> ({m.cancelledVisit})</strong> : null}
                </li>
              ))}
            </ul>
          )}
          {props.canManage ? (
            <ul className="actions">
              {stop.active ? (
                <li>
                  <a href={`/gestion/lieux/${props.placeId}/ateliers?type=passage&arret=${stop.id}`}>{m.newVisit(stop.label)}</a>
                </li>
              ) : null}
              <li>
                <a href={`/gestion/lieux/${props.placeId}/arrets?arret=${stop.id}#formulaire`}>{m.edit(stop.label)}</a>
              </li>
              <li>
                <form method="post" action={props.action}>
                  <CsrfField token={props.csrfToken} />
                  <input type="hidden" name="intent" value={stop.active ? "desactiver" : "reactiver"} />
                  <input type="hidden" name="arret" value={stop.id} />
                  <button type="submit" className="secondary">
                    {stop.active ? m.deactivate : m.reactivate}
                  </button>
                </form>
              </li>
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The form of a new stop, or of `stopId` when editing one. */
export function StopForm(props: { action: string; csrfToken: string; values: StopFormValues; errors: FieldErrors; stopId?: string }) {
  const f = m.fields;
  const { values, errors } = props;
  return (
    <form method="post" action={props.action} noValidate className="backoffice-form">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="intent" value={props.stopId ? "modifier" : "ajouter"} />
      {props.stopId ? <input type="hidden" name="arret" value={props.stopId} /> : null}
      <TextField name="nom" label={f.label} hint={f.labelHint} value={values.nom} error={errors.nom} required />
      <TextField name="adresse" label={f.address} value={values.adresse} error={errors.adresse} required autoComplete="street-address" />
      <TextField name="code_postal" label={f.postcode} value={values.code_postal} error={errors.code_postal} required inputMode="numeric" autoComplete="postal-code" />
      <TextField name="commune" label={f.commune} value={values.commune} error={errors.commune} required autoComplete="address-level2" />
      <fieldset>
        <legend>{f.coordinates}</legend>
        <p className="hint">{f.coordinatesHint}</p>
        <TextField name="latitude" label={f.latitude} value={values.latitude} error={errors.latitude} inputMode="decimal" />
        <TextField name="longitude" label={f.longitude} value={values.longitude} error={errors.longitude} inputMode="decimal" />
      </fieldset>
      <p>
        <button type="submit">{props.stopId ? m.save : m.create}</button>
      </p>
      {props.stopId ? (
        <p>
          <a href={props.action}>{m.cancelEdit}</a>
        </p>
      ) : null}
    </form>
  );
}
