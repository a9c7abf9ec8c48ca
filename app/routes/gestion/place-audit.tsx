import type { Route } from "./+types/place-audit";
import { requirePlace } from "~/features/access/access.server";
import { listAudit } from "~/features/audit/audit-log.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { AuditTable } from "~/features/audit/audit-table";
import { Pager } from "~/ui/pager";
import { BackofficeError } from "~/ui/backoffice-error";

const m = fr.backoffice.audit;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { place } = await requirePlace(request, context, params.placeId, "audit.view");
  const page = Number(new URL(request.url).searchParams.get("page") ?? 1);
  const log = await listAudit(context.get(appContext).database.db, { placeId: place.id }, page);
  return { placeId: place.id, name: place.name, ...log };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceAudit({ loaderData }: Route.ComponentProps) {
  const { placeId, name, lines, page, pages } = loaderData;
  const base = `/gestion/lieux/${placeId}/journal`;
  return (
    <>
      <title>{`${m.pageTitle(name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${placeId}`}>{m.backToPlace}</a>
      </p>
      <h1>{m.pageTitle(name)}</h1>
      <p>{m.intro}</p>
      <AuditTable lines={lines} caption={m.pageTitle(name)} />
      <Pager page={page} pages={pages} href={(p) => `${base}?page=${p}`} />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
