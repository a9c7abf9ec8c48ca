import { data, redirect } from "react-router";
import type { Route } from "./+types/place-tariff-item";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { TARIFF_ITEM_PATH, TARIFFS_PATH } from "~/features/sales/paths";
import {
  ITEM_FIELD_NAMES, itemToFormValues, PRICE_FIELD_NAMES, PRICE_FIELDS, priceToFormValues, TariffItemSchema, tariffPriceSchema, typedValues, type TariffItemFormValues,
  type TariffPriceFormValues,
} from "~/features/sales/tariff-form";
import { ItemForm, PriceForm, PriceHistory } from "~/features/sales/tariff-parts";
import { addTariffPrice, getTariffItem, listPriceCategories, updateTariffItem } from "~/features/sales/tariffs.server";
import { formatDate } from "~/features/time/format";
import { todayIn } from "~/features/time/today";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary, Notice } from "~/ui/form";

const m = fr.tariffs;
const MAX_BODY_BYTES = 16 * 1024;
const NOTICES = { cree: m.notices.itemCreated, enregistre: m.notices.itemSaved, prix: m.notices.priceAdded, remplace: m.notices.priceReplaced } as const;

/** One item of the tariff: its fields, its prices' history, « Nouveau prix à partir du … » (managers). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.sales.manage");
  const detail = await getTariffItem(context.get(appContext).database.db, { placeId: place.id, itemId: params.itemId });
  if (!detail) throw data(m.itemUnknown, { status: 404 });
  const url = new URL(request.url);
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k));
  return {
    place: { id: place.id, name: place.name },
    csrfToken: signedIn.csrfToken,
    today: todayIn(place.timeZone, Date.now()),
    ...detail,
    prices: detail.prices.map(({ createdAt: _, ...p }) => p),
    notice: notice ? NOTICES[notice] : null,
  };
}

type ActionData = { form: "article" | "prix" | null; errors: FieldErrors; problem?: string; item?: TariffItemFormValues; price?: TariffPriceFormValues };

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.sales.manage", MAX_BODY_BYTES);
  const db = context.get(appContext).database.db;
  const actorUserId = signedIn.user.id;
  const here = TARIFF_ITEM_PATH(place.id, params.itemId);
  const notFound = () => data<ActionData>({ form: null, errors: {}, problem: m.itemUnknown }, { status: 404 });
  switch (form.get("intent")) {
    case "article": {
      const parsed = parseForm(TariffItemSchema, form);
      if (!parsed.ok) return data<ActionData>({ form: "article", errors: parsed.errors, item: typedValues(form, ITEM_FIELD_NAMES) }, { status: 400 });
      const result = await updateTariffItem(db, { placeId: place.id, itemId: params.itemId, item: parsed.values, actorUserId });
      if (result === "not-found") return notFound();
      return redirect(result === "saved" ? `${here}?enregistre` : here, 303);
    }
    case "prix": {
      const today = todayIn(place.timeZone, Date.now());
      const categoryIds = (await listPriceCategories(db, { placeId: place.id })).filter((c) => c.active).map((c) => c.id);
      const parsed = parseForm(tariffPriceSchema({ today, categoryIds }), form);
      const price = typedValues(form, PRICE_FIELD_NAMES);
      const failed = (errors: FieldErrors) => data<ActionData>({ form: "prix", errors, price }, { status: 400 });
      if (!parsed.ok) return failed(parsed.errors);
      const result = await addTariffPrice(db, { placeId: place.id, itemId: params.itemId, price: parsed.values, today, actorUserId });
      switch (result.kind) {
        case "added":
          return redirect(`${here}?prix`, 303);
        case "replaced":
          return redirect(`${here}?remplace`, 303);
        case "in-force-today":
          return failed({ [PRICE_FIELDS.validFrom]: m.errors.priceInForceToday });
        case "past":
          return failed({ [PRICE_FIELDS.validFrom]: m.errors.datePast(formatDate(today)) });
        case "category-unknown":
          return failed({ [PRICE_FIELDS.category]: m.errors.category });
        case "not-found":
          return notFound();
      }
      break;
    }
  }
  return data<ActionData>({ form: null, errors: {}, problem: m.invalidRequest }, { status: 400 });
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceTariffItem({ loaderData, actionData }: Route.ComponentProps) {
  const { place, csrfToken, today, item, prices, categories, notice } = loaderData;
  const here = TARIFF_ITEM_PATH(place.id, item.id);
  const errors = actionData?.errors ?? {};
  const failed = Boolean(actionData?.problem || Object.keys(errors).length > 0);
  const formErrors = (form: ActionData["form"]) => (actionData?.form === form ? errors : {});
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${m.itemTitle(item.name)} — ${place.name} — ${fr.site.name}`}</title>
      <p>
        <a href={TARIFFS_PATH(place.id)}>{m.backToList}</a>
      </p>
      <h1>{m.itemTitle(item.name)}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={errors} problem={actionData?.problem ?? null} />
      <section aria-labelledby="prix">
        <h2 id="prix">{m.pricesTitle}</h2>
        <PriceHistory prices={prices} categories={categories} today={today} />
      </section>
      <section aria-labelledby="nouveau-prix">
        <h2 id="nouveau-prix">{m.newPriceTitle}</h2>
        <PriceForm
          action={here}
          csrfToken={csrfToken}
          categories={categories}
          errors={formErrors("prix")}
          values={actionData?.form === "prix" && actionData.price ? actionData.price : priceToFormValues(today)}
        />
      </section>
      <section aria-labelledby="article">
        <h2 id="article">{m.editItemTitle}</h2>
        <ItemForm action={here} csrfToken={csrfToken} errors={formErrors("article")} values={actionData?.form === "article" && actionData.item ? actionData.item : itemToFormValues(item)} />
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
