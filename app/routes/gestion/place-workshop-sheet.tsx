import { data } from "react-router";
import type { Route } from "./+types/place-workshop-sheet";
import { appContext } from "~/context";
import { requirePlace } from "~/features/access/access.server";
import { formatSpan } from "~/features/time/format";
import { sessionDesk } from "~/features/workshops/desk.server";
import { capitalize } from "~/lib/text";
import { fr } from "~/lib/messages";

const t = fr.workshops.sheet;
/** Rows that fit one A4 page under the heading. */
const ROWS_PER_PAGE = 22;

/** The printable sign-in sheet (feuille d'émargement): one A4, the registered people by first name, then blank rows for walk-ins. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requirePlace(request, context, params.placeId, "place.agenda.view");
  const { database } = context.get(appContext);
  const desk = await sessionDesk(database.db, { placeId: params.placeId, sessionId: params.sessionId });
  if (!desk) throw data(fr.workshops.desk.refusals["not-found"], { status: 404 });
  const names = desk.people.filter((p) => p.status === "registered").map((p) => p.firstName ?? "");
  return {
    title: desk.title, placeName: desk.place.name, when: capitalize(formatSpan(desk.start, desk.end, { timeZone: desk.place.timeZone, now: Date.now() })),
    mediators: desk.mediators, names, blank: Math.max(3, ROWS_PER_PAGE - names.length), back: `/gestion/lieux/${desk.place.id}/ateliers/seances/${desk.id}`,
  };
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function SignInSheet({ loaderData: s }: Route.ComponentProps) {
  return (
    <div className="sheet">
      <title>{`${t.title} — ${s.title} — ${fr.site.name}`}</title>
      <p className="print-hide">
        <a href={s.back}>{fr.workshops.desk.registrants}</a>
      </p>
      <h1>
        {t.title} — {s.title}
      </h1>
      <p>
        {s.when} · {s.placeName}
        {s.mediators.length ? ` · ${s.mediators.join(", ")}` : ""}
      </p>
      <table className="sheet-table">
        <thead>
          <tr>
            <th scope="col" className="sheet-n">{t.number}</th>
            <th scope="col">{t.firstName}</th>
            <th scope="col">{t.lastName}</th>
            <th scope="col" className="sheet-sign">{t.signature}</th>
          </tr>
        </thead>
        <tbody>
          {s.names.map((name, i) => (
            <tr key={`n${i}`}>
              <td>{i + 1}</td>
              <td>{name}</td>
              <td />
              <td />
            </tr>
          ))}
          {Array.from({ length: s.blank }, (_, i) => (
            <tr key={`b${i}`}>
              <td>{s.names.length + i + 1}</td>
              <td />
              <td />
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t.footer(s.placeName)}</p>
    </div>
  );
}
