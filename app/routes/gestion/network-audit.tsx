import type { Route } from "./+types/network-audit";
import { requireNetwork } from "~/features/access/access.server";
import { listAudit } from "~/features/audit/audit-log.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { AuditTable } from "~/features/audit/audit-table";
import { BackofficeError } from "~/ui/backoffice-error";
import { Pager } from "~/ui/pager";

const m = fr.backoffice.audit;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { network } = await requireNetwork(request, context, params.slug);
  const page = Number(new URL(request.url).searchParams.get("page") ?? 1);
  const log = await listAudit(context.get(appContext).database.db, { networkId: network.id }, page);
  return { network, ...log };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function NetworkAudit({ loaderData }: Route.ComponentProps) {
  const { network, lines, page, pages } = loaderData;
  const base = `/gestion/reseaux/${network.slug}`;
  return (
    <>
      <title>{`${m.networkTitle(network.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={base}>{m.backToNetwork}</a>
      </p>
      <h1>{m.networkTitle(network.name)}</h1>
      <p>{m.networkIntro}</p>
      <AuditTable lines={lines} caption={m.networkTitle(network.name)} showPlace />
      <Pager page={page} pages={pages} href={(p) => `${base}/journal?page=${p}`} />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
