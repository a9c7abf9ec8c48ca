import { data, redirect } from "react-router";
import type { Route } from "./+types/place-resource";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { resourceSchema, resourceToFormValues, typedResourceValues, type ResourceFormValues } from "~/features/scheduling/resource-form";
import { getPlaceResource, listPlaceStaff, updateResource } from "~/features/scheduling/resources.server";
import { ResourceForm } from "~/features/scheduling/setup-parts";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary, Notice } from "~/ui/form";

const m = fr.resources;
const MAX_BODY_BYTES = 64 * 1024;
const NOTICES = { cree: m.created, enregistre: m.saved } as const;
const notFound = () => data(m.resourceUnknown, { status: 404 });

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.resources");
  const db = context.get(appContext).database.db;
  const resource = await getPlaceResource(db, { placeId: place.id, resourceId: params.resourceId });
  if (!resource) throw notFound();
  const url = new URL(request.url);
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k));
  return {
    place: { id: place.id, name: place.name },
    resource: { id: resource.id, name: resource.name },
    values: resourceToFormValues(resource),
    staff: await listPlaceStaff(db, place.id),
    csrfToken: signedIn.csrfToken,
    notice: notice ? NOTICES[notice] : null,
  };
}

type ActionData = { errors: FieldErrors; values: ResourceFormValues };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.resources", MAX_BODY_BYTES);
  const db = context.get(appContext).database.db;
  const resource = await getPlaceResource(db, { placeId: place.id, resourceId: params.resourceId });
  if (!resource) throw notFound();
  const staffIds = (await listPlaceStaff(db, place.id)).map((s) => s.userId);
  const parsed = parseForm(resourceSchema({ staffIds, timeZone: place.timeZone }), form);
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors, values: typedResourceValues(form) }, { status: 400 });
  const result = await updateResource(db, { placeId: place.id, resourceId: resource.id, values: parsed.values, actorUserId: signedIn.user.id });
  switch (result) {
    case "saved":
      return redirect(`/gestion/lieux/${place.id}/ressources/${resource.id}?enregistre`, 303);
    case "staff-unknown":
      return data<ActionData>({ errors: { mediateur: m.errors.mediatorUnknown }, values: typedResourceValues(form) }, { status: 400 });
    case "not-found":
      throw notFound();
  }
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceResource({ loaderData, actionData }: Route.ComponentProps) {
  const { place, resource, staff, csrfToken, notice } = loaderData;
  const errors = actionData?.errors ?? {};
  const failed = Object.keys(errors).length > 0;
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${m.editTitle(resource.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}/ressources`}>{m.backToList}</a>
      </p>
      <h1>{m.editTitle(resource.name)}</h1>
      <p>{place.name}</p>
      {notice && !failed ? <Notice>{notice}</Notice> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} />
      <ResourceForm action={`/gestion/lieux/${place.id}/ressources/${resource.id}`} csrfToken={csrfToken} submit={m.save} staff={staff} errors={errors} values={actionData?.values ?? loaderData.values} />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
