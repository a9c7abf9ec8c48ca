/** The back-office home's "À traiter": reports, pending invitations, out-of-date places, each with a link to act. */
import type { NetworkAttention, PlaceAttention } from "./attention.server";
import { formatDate } from "~/features/time/format";
import { fr } from "~/lib/messages";

const m = fr.attention;

type PlaceItem = PlaceAttention;
type NetworkItem = NetworkAttention;

export function AttentionList({ places, networks }: { places: PlaceItem[]; networks: NetworkItem[] }) {
  const busyNetworks = networks.filter((n) => n.newReports > 0 || n.invitations.total > 0 || n.stale.total > 0);
  return (
    <section aria-labelledby="a-traiter" className="attention">
      <h2 id="a-traiter">{m.title}</h2>
      {places.length === 0 && busyNetworks.length === 0 ? <p>{m.nothing}</p> : null}
      {places.map((p) => (
        <section key={p.id} aria-labelledby={`a-traiter-lieu-${p.id}`}>
          <h3 id={`a-traiter-lieu-${p.id}`}>{m.placeHeading(p.name, p.commune)}</h3>
          <ul>
            {p.newReports > 0 ? (
              <li>
                {m.newReports(p.newReports)} — <a href={`/gestion/lieux/${p.id}/signalements`}>{m.seeReports(p.name)}</a>
              </li>
            ) : null}
            {p.pendingInvitations > 0 ? (
              <li>
                {m.pendingInvitations(p.pendingInvitations)} — <a href={`/gestion/lieux/${p.id}/equipe`}>{m.seeStaff(p.name)}</a>
              </li>
            ) : null}
            {p.stale ? (
              <li>
                {m.staleOne(formatDate(p.updatedOn))} — <a href={`/gestion/lieux/${p.id}`}>{m.checkPlace(p.name)}</a>
              </li>
            ) : null}
          </ul>
        </section>
      ))}
      {busyNetworks.map((n) => (
        <section key={n.id} aria-labelledby={`a-traiter-reseau-${n.id}`}>
          <h3 id={`a-traiter-reseau-${n.id}`}>{m.networkHeading(n.name)}</h3>
          <ul>
            {n.newReports > 0 ? (
              <li>
                {m.newReports(n.newReports)} — <a href={`/gestion/reseaux/${n.slug}/signalements`}>{m.seeNetworkReports(n.name)}</a>
              </li>
            ) : null}
            {n.invitations.total > 0 ? (
              <li>
                {m.pendingInvitations(n.invitations.total)} :
                <ul>
                  {n.invitations.places.map((p) => (
                    <li key={p.id}>
                      {p.name} ({p.count}) — <a href={`/gestion/lieux/${p.id}/equipe`}>{m.seeStaff(p.name)}</a>
                    </li>
                  ))}
                </ul>
              </li>
            ) : null}
            {n.stale.total > 0 ? (
              <li>
                {m.stale(n.stale.total)} :
                <ul>
                  {n.stale.places.map((p) => (
                    <li key={p.id}>
                      <a href={`/gestion/lieux/${p.id}`}>{m.staleItem(p.name, p.commune, formatDate(p.updatedOn))}</a>
                    </li>
                  ))}
                </ul>
                <a href={`/gestion/reseaux/${n.slug}?maj=ancienne`}>{m.seeAllStale}</a>
              </li>
            ) : null}
          </ul>
        </section>
      ))}
    </section>
  );
}
