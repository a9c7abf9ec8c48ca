import type { Route } from "./+types/partner-home";
import { requirePartner } from "~/features/access/access.server";
import { ReferralTable } from "~/features/referrals/referral-parts";
import { listPartnerReferrals, rowView } from "~/features/referrals/referrals.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";

const m = fr.referrals.partnerHome;

/** An adviser's follow-up: the organisation's referrals (theirs by default), where each stands. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, partner } = await requirePartner(request, context, params.partnerId);
  const everyone = new URL(request.url).searchParams.get("qui") === "tous";
  const items = await listPartnerReferrals(context.get(appContext).database.db, { partnerId: partner.id, adviserId: everyone ? undefined : signedIn.user.id });
  return { partner: { id: partner.id, name: partner.name }, everyone, items: items.map(rowView) };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PartnerHome({ loaderData }: Route.ComponentProps) {
  const { partner, everyone, items } = loaderData;
  const here = `/gestion/partenaires/${partner.id}`;
  return (
    <>
      <title>{`${m.title(partner.name)} — ${fr.site.name}`}</title>
      <h1>{m.title(partner.name)}</h1>
      <p>{m.intro}</p>
      <p>
        <a className="button" href={`${here}/orienter`}>
          {m.refer}
        </a>{" "}
        <a href={`${here}/orientations.xlsx${everyone ? "" : "?conseiller=moi"}`}>{m.export}</a>
      </p>
      <ul className="tabs">
        <li>
          <a href={here} aria-current={everyone ? undefined : "page"}>
            {m.mine}
          </a>
        </li>
        <li>
          <a href={`${here}?qui=tous`} aria-current={everyone ? "page" : undefined}>
            {m.all}
          </a>
        </li>
      </ul>
      <h2>{everyone ? m.all : m.mine}</h2>
      {items.length === 0 ? (
        <p>{m.none}</p>
      ) : (
        <>
          <p>{m.count(items.length)}</p>
          <ReferralTable items={items} side="partner" caption={everyone ? m.all : m.mine} hrefOf={(id) => `${here}/orientations/${id}`} />
        </>
      )}
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
