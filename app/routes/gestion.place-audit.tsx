import type { Route } from "./+types/gestion.place-audit";
import { requirePlace } from "~/features/backoffice/access.server";
import { auditValue } from "~/features/backoffice/audit-value";
import { listPlaceAudit } from "~/features/backoffice/audit.server";
import { appContext } from "~/lib/context";
import { formatDateTime, fr } from "~/lib/messages";
import { Pager } from "~/ui/pager";
import { BackofficeError } from "~/ui/backoffice-error";

const m = fr.backoffice.audit;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { place } = await requirePlace(request, context, params.placeId, "audit.view");
  const page = Number(new URL(request.url).searchParams.get("page") ?? 1);
  const log = await listPlaceAudit(context.get(appContext).database.db, place.id, Number.isInteger(page) ? page : 1);
  return { placeId: place.id, name: place.name, ...log };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceAudit({ loaderData }: Route.ComponentProps) {
  const { placeId, name, lines, page, pages } = loaderData;
  const edit = fr.backoffice.edit;
  const base = `/gestion/lieux/${placeId}/journal`;
  return (
    <>
      <title>{`${m.pageTitle(name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${placeId}`}>{m.backToPlace}</a>
      </p>
      <h1>{m.pageTitle(name)}</h1>
      <p>{m.intro}</p>
      {lines.length === 0 ? (
        <p>{m.empty}</p>
      ) : (
        <table className="week">
          <caption>{m.pageTitle(name)}</caption>
          <thead>
            <tr>
              <th scope="col">{m.when}</th>
              <th scope="col">{m.who}</th>
              <th scope="col">{m.what}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.id}>
                <th scope="row">{formatDateTime(new Date(line.at))}</th>
                <td>{line.actor ?? m.unknownActor}</td>
                <td>
                  <p>{m.actions[line.action] ?? line.action}</p>
                  {line.changes.length > 0 ? (
                    <ul>
                      {line.changes.map((c) => (
                        <li key={c.field}>{m.change(edit.fieldNames[c.field] ?? c.field, auditValue(c.before, edit.empty), auditValue(c.after, edit.empty))}</li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} pages={pages} href={(p) => `${base}?page=${p}`} />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
