import { data, redirect } from "react-router";
import type { Route } from "./+types/place-resources";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { addClosure } from "~/features/scheduling/bookings.server";
import { createFeed, revokeFeed } from "~/features/scheduling/feeds.server";
import { resourceSchema, resourceToFormValues, typedResourceValues, type ResourceFormValues } from "~/features/scheduling/resource-form";
import { createResource, listPlaceStaff, listResources, saveSettings } from "~/features/scheduling/resources.server";
import { closureDefaults, closureSchema, feedSchema, RevokeFeedSchema, SettingsSchema, settingsToFormValues } from "~/features/scheduling/setup-forms";
import { bookingSetup } from "~/features/scheduling/setup.server";
import { ClosureDone, ClosureSection, FeedCreated, FeedSection, ResourceForm, ResourceTable, SettingsForm, type ClosureHit } from "~/features/scheduling/setup-parts";
import { todayIn } from "~/features/time/today";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary, Notice } from "~/ui/form";

const m = fr.resources;
const MAX_BODY_BYTES = 64 * 1024;
const NOTICES = { reglages: m.settingsSaved, revoque: m.feedRevoked } as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.resources");
  const setup = await bookingSetup(context.get(appContext).database.db, place);
  const url = new URL(request.url);
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k));
  return {
    place: { id: place.id, name: place.name, timeZone: place.timeZone },
    csrfToken: signedIn.csrfToken,
    notice: notice ? NOTICES[notice] : null,
    ...setup,
    feeds: setup.feeds.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
  };
}

type ActionData = {
  form?: "ressource" | "reglages" | "fermeture" | "agenda";
  errors?: FieldErrors;
  values?: Record<string, string>;
  problem?: string;
  hit?: ClosureHit[];
  feedUrl?: string;
};

const typed = (form: FormData, names: string[]) => Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? "").slice(0, 400)]));

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.resources", MAX_BODY_BYTES);
  const { database, env } = context.get(appContext);
  const db = database.db;
  const actorUserId = signedIn.user.id;
  const here = `/gestion/lieux/${place.id}/ressources`;
  switch (form.get("intent")) {
    case "ressource": {
      const staffIds = (await listPlaceStaff(db, place.id)).map((s) => s.userId);
      const parsed = parseForm(resourceSchema({ staffIds, timeZone: place.timeZone }), form);
      if (!parsed.ok) return data<ActionData>({ form: "ressource", errors: parsed.errors, values: typedResourceValues(form) }, { status: 400 });
      const result = await createResource(db, { placeId: place.id, values: parsed.values, actorUserId });
      if (result.kind === "staff-unknown") return data<ActionData>({ form: "ressource", errors: { mediateur: m.errors.mediatorUnknown }, values: typedResourceValues(form) }, { status: 400 });
      return redirect(`${here}/${result.id}?cree`, 303);
    }
    case "reglages": {
      const parsed = parseForm(SettingsSchema, form);
      if (!parsed.ok) return data<ActionData>({ form: "reglages", errors: parsed.errors, values: typed(form, ["rappel", "delai_annulation", "absences", "conservation"]) }, { status: 400 });
      await saveSettings(db, { placeId: place.id, values: parsed.values, actorUserId });
      return redirect(`${here}?reglages`, 303);
    }
    case "fermeture": {
      const resourceIds = (await listResources(db, place.id, { includeInactive: true })).map((r) => r.id);
      const parsed = parseForm(closureSchema({ resourceIds, today: todayIn(place.timeZone, Date.now()) }), form);
      if (!parsed.ok) return data<ActionData>({ form: "fermeture", errors: parsed.errors, values: typed(form, ["portee", "du", "au", "raison"]) }, { status: 400 });
      const result = await addClosure(db, { placeId: place.id, ...parsed.values, actorUserId, baseUrl: env.baseUrl });
      if (!result) return data<ActionData>({ form: "fermeture", errors: { portee: m.closureErrors.scope }, values: typed(form, ["portee", "du", "au", "raison"]) }, { status: 400 });
      return data<ActionData>({ form: "fermeture", hit: result.hit.map((b) => ({ ...b, startsAt: b.startsAt.toISOString() })) });
    }
    case "agenda": {
      const staffIds = (await listPlaceStaff(db, place.id)).map((s) => s.userId);
      const parsed = parseForm(feedSchema({ staffIds }), form);
      const token = parsed.ok ? await createFeed(db, { placeId: place.id, userId: parsed.values.userId, actorUserId }) : null;
      if (!token) return data<ActionData>({ form: "agenda", errors: parsed.ok ? { pour: m.feedErrors.for } : parsed.errors }, { status: 400 });
      return data<ActionData>({ form: "agenda", feedUrl: `${env.baseUrl}/calendrier/${token}` });
    }
    case "revoquer": {
      const parsed = parseForm(RevokeFeedSchema, form);
      if (!parsed.ok) return data<ActionData>({ problem: m.invalidRequest }, { status: 400 });
      if (!(await revokeFeed(db, { placeId: place.id, feedId: parsed.values.feedId, actorUserId }))) return data<ActionData>({ problem: m.feedUnknown }, { status: 404 });
      return redirect(`${here}?revoque`, 303);
    }
    default:
      return data<ActionData>({ problem: m.invalidRequest }, { status: 400 });
  }
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceResources({ loaderData, actionData }: Route.ComponentProps) {
  const { place, csrfToken, notice, today, resources, settings, closures, feeds, staff } = loaderData;
  const here = `/gestion/lieux/${place.id}/ressources`;
  const errors = actionData?.errors ?? {};
  const failed = Boolean(actionData?.problem || Object.keys(errors).length > 0);
  const typedFor = (form: ActionData["form"]) => (actionData?.form === form && actionData?.values ? actionData.values : null);
  const errorsFor = (form: ActionData["form"]) => (actionData?.form === form ? errors : {});
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${m.pageTitle(place.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}`}>{m.backToPlace}</a>
      </p>
      <h1>{m.pageTitle(place.name)}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      {actionData?.hit ? <ClosureDone hit={actionData.hit} timeZone={place.timeZone} /> : null}
      {actionData?.feedUrl ? <FeedCreated url={actionData.feedUrl} /> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} problem={actionData?.problem} />
      <section aria-labelledby="ressources">
        <h2 id="ressources">{m.listTitle}</h2>
        <ResourceTable placeId={place.id} resources={resources} />
      </section>
      <section aria-labelledby="nouvelle">
        <h2 id="nouvelle">{m.newTitle}</h2>
        <ResourceForm action={here} csrfToken={csrfToken} intent="ressource" submit={m.create} staff={staff} errors={errorsFor("ressource")} values={(typedFor("ressource") as ResourceFormValues | null) ?? resourceToFormValues()} />
      </section>
      <section aria-labelledby="reglages">
        <h2 id="reglages">{m.settingsTitle}</h2>
        <SettingsForm action={here} csrfToken={csrfToken} errors={errorsFor("reglages")} values={{ ...settingsToFormValues(settings), ...typedFor("reglages") }} />
      </section>
      <section aria-labelledby="fermetures">
        <h2 id="fermetures">{m.closuresTitle}</h2>
        <ClosureSection action={here} csrfToken={csrfToken} today={today} closures={closures} resources={resources} errors={errorsFor("fermeture")} values={typedFor("fermeture") ?? closureDefaults(today)} />
      </section>
      <section aria-labelledby="agendas">
        <h2 id="agendas">{m.feedsTitle}</h2>
        <FeedSection action={here} csrfToken={csrfToken} feeds={feeds} staff={staff} timeZone={place.timeZone} errors={errorsFor("agenda")} />
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
