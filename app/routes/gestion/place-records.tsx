import type { Route } from "./+types/place-records";
import { requirePlace } from "~/features/access/access.server";
import { pendingRecords } from "~/features/mediation/prefill.server";
import { RecordsExportForm } from "~/features/mediation/coop-import-parts";
import { PendingList } from "~/features/mediation/pending-parts";
import { RecordTable } from "~/features/mediation/record-parts";
import { listHelpRecords } from "~/features/mediation/records.server";
import { can } from "~/features/policy/policy";
import { addDays, readDate } from "~/features/time/calendar";
import { todayIn } from "~/features/time/today";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { Notice, TextField } from "~/ui/form";

const m = fr.mediation;
const NOTICES = { enregistre: m.saved, brouillon: m.draftSaved, supprime: m.deleted } as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place, target } = await requirePlace(request, context, params.placeId, "place.mediation");
  const db = context.get(appContext).database.db;
  const url = new URL(request.url);
  const now = new Date();
  const today = todayIn(place.timeZone, now);
  const from = readDate(url.searchParams.get("du") ?? "") ?? addDays(today, -7);
  const to = readDate(url.searchParams.get("au") ?? "") ?? today;
  const [pending, drafts, recent] = await Promise.all([
    pendingRecords(db, { placeIds: [place.id], now, limit: 50 }),
    listHelpRecords(db, { placeId: place.id, status: "draft", limit: 50 }),
    listHelpRecords(db, { placeId: place.id, status: "done", from, to, limit: 300 }),
  ]);
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k));
  return {
    place: { id: place.id, name: place.name, timeZone: place.timeZone },
    canSeeStatistics: can(signedIn.principal, "place.statistics", target),
    from,
    to,
    notice: notice ? NOTICES[notice] : null,
    pending: pending.map((p) => ({ ...p, startsAt: p.startsAt.toISOString() })),
    drafts,
    recent,
  };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceRecords({ loaderData }: Route.ComponentProps) {
  const { place, from, to, notice, pending, drafts, recent, canSeeStatistics } = loaderData;
  const base = `/gestion/lieux/${place.id}/accompagnements`;
  return (
    <>
      <title>{`${m.listTitle(place.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}`}>{m.backToPlace}</a>
      </p>
      <h1>{m.listTitle(place.name)}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <ul className="actions-list">
        <li>
          <a href={`${base}/nouveau`}>{m.newIndividual}</a>
        </li>
        <li>
          <a href={`${base}/nouveau?type=collectif`}>{m.newCollective}</a>
        </li>
        <li>
          <a href={`/gestion/lieux/${place.id}/beneficiaires`}>{fr.beneficiaries.link}</a>
        </li>
        <li>
          <a href={`${base}/import`}>{fr.mediationExports.importLink}</a>
        </li>
        {canSeeStatistics ? (
          <li>
            <a href={`/gestion/lieux/${place.id}/statistiques`}>{fr.statistics.link}</a>
          </li>
        ) : null}
      </ul>
      <section aria-labelledby="a-completer">
        <h2 id="a-completer">{m.pendingTitle}</h2>
        <p>{m.pendingIntro}</p>
        <PendingList items={pending} none={m.pendingNone} />
      </section>
      <section aria-labelledby="brouillons">
        <h2 id="brouillons">{m.draftsTitle}</h2>
        {drafts.length ? <RecordTable rows={drafts} caption={m.draftsTitle} placeId={place.id} /> : <p>{m.draftsNone}</p>}
      </section>
      <section aria-labelledby="derniers">
        <h2 id="derniers">{m.recentTitle}</h2>
        <form method="get" className="inline-form">
          <fieldset>
            <legend className="visually-hidden">{m.recentTitle}</legend>
            <TextField name="du" label={m.filterFrom} type="date" value={from} />
            <TextField name="au" label={m.filterTo} type="date" value={to} />
            <button type="submit">{m.filterApply}</button>
          </fieldset>
        </form>
        {recent.length ? <RecordTable rows={recent} caption={m.recentTitle} placeId={place.id} /> : <p>{m.recentNone}</p>}
      </section>
      <RecordsExportForm action={`${base}/export`} from={from} to={to} intro={fr.mediationExports.exportIntro} />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
