import type { Route } from "./+types/place-referrals";
import { requirePlace } from "~/features/access/access.server";
import { ReferralTable } from "~/features/referrals/referral-parts";
import { listPlaceReferrals, rowView } from "~/features/referrals/referrals.server";
import { INBOX_TABS, type InboxTab } from "~/features/referrals/statuses";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";

const m = fr.referrals.inbox;
/** The URL words of the inbox's tabs. */
const TAB_PARAMS: Record<InboxTab, string> = { new: "nouvelles", contact: "a-contacter", booked: "rendez-vous", closed: "terminees" };

/** The place's referrals inbox (« Orientations reçues »): new, to contact, booked, done (its managers and mediators). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { place } = await requirePlace(request, context, params.placeId, "place.referrals");
  const param = new URL(request.url).searchParams.get("onglet");
  const tab = INBOX_TABS.find((t) => TAB_PARAMS[t] === param) ?? "new";
  const items = await listPlaceReferrals(context.get(appContext).database.db, { placeId: place.id, tab });
  return { place: { id: place.id, name: place.name }, tab, items: items.map(rowView) };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceReferrals({ loaderData }: Route.ComponentProps) {
  const { place, tab, items } = loaderData;
  const here = `/gestion/lieux/${place.id}/orientations`;
  return (
    <>
      <title>{`${m.title} — ${place.name} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}`}>{fr.memberships.backToPlace}</a>
      </p>
      <h1>
        {m.title} — {place.name}
      </h1>
      <p>{m.intro}</p>
      <ul className="tabs">
        {INBOX_TABS.map((t) => (
          <li key={t}>
            <a href={`${here}?onglet=${TAB_PARAMS[t]}`} aria-current={t === tab ? "page" : undefined}>
              {m.tabs[t]}
            </a>
          </li>
        ))}
      </ul>
      <h2>{m.tabs[tab]}</h2>
      {items.length === 0 ? <p>{m.none[tab]}</p> : <ReferralTable items={items} side="place" caption={m.tabs[tab]} hrefOf={(id) => `${here}/${id}`} />}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
