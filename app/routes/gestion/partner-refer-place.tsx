import type { Route } from "./+types/partner-refer-place";
import { requirePartner } from "~/features/access/access.server";
import { searchReferralPlaces } from "~/features/referrals/referrals.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";

const m = fr.referrals.choosePlace;

/** « Orienter une personne », step 1: find a place of the network near the person (the directory's search). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { partner } = await requirePartner(request, context, params.partnerId);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const commune = url.searchParams.get("commune") ?? undefined;
  const found = q || commune ? await searchReferralPlaces(context.get(appContext).database.db, { networkSlug: partner.networkSlug, q, commune, now: new Date() }) : null;
  return { partner: { id: partner.id, name: partner.name }, q, found };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PartnerReferPlace({ loaderData }: Route.ComponentProps) {
  const { partner, q, found } = loaderData;
  const base = `/gestion/partenaires/${partner.id}`;
  return (
    <>
      <title>{`${m.title} — ${fr.site.name}`}</title>
      <p>
        <a href={base}>{fr.referrals.detail.backToList}</a>
      </p>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      <form method="get" role="search">
        <label htmlFor="champ-q">{m.search}</label>
        <input id="champ-q" name="q" type="search" defaultValue={q} autoComplete="off" />
        <button type="submit">{m.submit}</button>
      </form>
      {found && found.choices.length > 0 ? (
        <ul>
          {found.choices.map((c) => (
            <li key={c.insee}>
              <a href={`?q=${encodeURIComponent(q)}&commune=${c.insee}`}>{c.label}</a>
            </li>
          ))}
        </ul>
      ) : null}
      {found && found.choices.length === 0 && found.places.length === 0 ? <p>{m.none}</p> : null}
      {found && found.places.length > 0 ? (
        <ul className="cards">
          {found.places.map((p) => (
            <li key={p.slug} className="card">
              <h2>{p.name}</h2>
              <p>
                {p.address}, {p.postcode} {p.commune}
                {p.distanceMetres !== null ? ` — ${fr.directory.distance(p.distanceMetres)}` : ""}
              </p>
              <p className="muted">{p.openNow}</p>
              <p>
                <a className="button" href={`${base}/orienter/${p.slug}`}>
                  {m.choose(p.name)}
                </a>{" "}
                <a href={`${base}/envoyer/${p.slug}`}>{fr.referrals.partnerHome.sendPlace}</a>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
