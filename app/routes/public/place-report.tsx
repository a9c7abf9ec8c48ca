import { data, redirect } from "react-router";
import type { Route } from "./+types/place-report";
import { getPlaceForReport } from "~/features/places/place-page.server";
import { waitWords, type ReportErrors, type ReportValues } from "~/features/reports/report-form";
import { submitPlaceReport } from "~/features/reports/reports.server";
import { appContext } from "~/context";
import { formPageHeaders } from "~/lib/http";
import { fr } from "~/lib/messages";
import { PlaceReportForm } from "~/features/reports/place-report-form";
import { readForm } from "~/lib/forms";

/** A report is a few hundred bytes: anything much larger is not from this form. */
const MAX_BODY_BYTES = 16_384;

export async function loader({ params, context }: Route.LoaderArgs) {
  const place = await getPlaceForReport(context.get(appContext).database.db, params.slug);
  if (!place) throw data(fr.errors.placeNotFound, { status: 404 });
  return { place };
}

type ActionResult = { errors: ReportErrors; values: ReportValues; limitMessage: string | null };

export async function action({ params, request, context }: Route.ActionArgs) {
  const { database, clientAddress } = context.get(appContext);
  const place = await getPlaceForReport(database.db, params.slug);
  if (!place) throw data(fr.errors.placeNotFound, { status: 404 });
  const form = await readForm(request, { maxBytes: MAX_BODY_BYTES });
  const outcome = await submitPlaceReport(database.db, { placeId: place.id, clientAddress, form });
  switch (outcome.kind) {
    case "stored":
    case "ignored":
      // The fragment replaces the one the form page may have (#message from the error summary).
      return redirect(`/lieux/${place.slug}?signalement=merci#merci`, 303);
    case "invalid":
      return data<ActionResult>({ errors: outcome.errors, values: outcome.values, limitMessage: null }, { status: 400 });
    case "limited": {
      const wait = waitWords(outcome.retryAfterSeconds);
      const limitMessage = outcome.scope === "client" ? fr.report.tooManyFromYou(wait) : fr.report.tooManyForPlace(wait);
      return data<ActionResult>(
        { errors: {}, values: outcome.values, limitMessage },
        { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
      );
    }
  }
}

/** A document response only carries the headers this function returns: pass Retry-After on. */
export const headers: Route.HeadersFunction = formPageHeaders;

export const meta: Route.MetaFunction = ({ loaderData }) =>
  loaderData ? [{ name: "description", content: fr.report.intro(loaderData.place.name) }, { name: "robots", content: "noindex" }] : [];

export default function PlaceReport({ loaderData, actionData }: Route.ComponentProps) {
  const { place } = loaderData;
  const failed = Boolean(actionData && (actionData.limitMessage || Object.keys(actionData.errors).length > 0));
  return (
    <>
      {/* The title is set here, not in meta: it says "Erreur" when the form comes back refused. */}
      <title>{`${failed ? fr.report.errorTitlePrefix : ""}${fr.report.pageTitle(place.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/lieux/${place.slug}`}>{fr.report.back}</a>
      </p>
      <h1>{fr.report.title}</h1>
      <p>{fr.report.intro(place.name)}</p>
      <p className="notice">
        {fr.report.noPersonalData} {fr.report.retention}
      </p>
      <PlaceReportForm action={`/lieux/${place.slug}/signaler`} values={actionData?.values ?? { topic: "", message: "" }} errors={actionData?.errors ?? {}} limitMessage={actionData?.limitMessage ?? null} />
    </>
  );
}
