import { data, redirect } from "react-router";
import type { Route } from "./+types/place-tariffs";
import { requirePlace, requirePlaceForm } from "~/features/access/access.server";
import { TARIFF_ITEM_PATH, TARIFFS_PATH } from "~/features/sales/paths";
import {
  CategoryActiveSchema, ITEM_FIELD_NAMES, itemToFormValues, newTariffItemSchema, PRICE_FIELD_NAMES, PriceCategorySchema, priceToFormValues, RenameCategorySchema,
  SalesSettingsSchema, settingsToFormValues, typedValues, type NewTariffItemFormValues, type SalesSettingsFormValues,
} from "~/features/sales/tariff-form";
import { CategoriesSection, NEW_CATEGORY_ID, NewItemForm, renameCategoryId, SalesSettingsForm, TariffTable } from "~/features/sales/tariff-parts";
import { createPriceCategory, createTariffItem, getSalesSettings, listTariff, renamePriceCategory, saveSalesSettings, setPriceCategoryActive } from "~/features/sales/tariffs.server";
import { todayIn } from "~/features/time/today";
import { appContext } from "~/context";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { BackofficeError } from "~/ui/backoffice-error";
import { ErrorSummary, Notice } from "~/ui/form";

const m = fr.tariffs;
const MAX_BODY_BYTES = 16 * 1024;
const NOTICES = {
  categorie: m.notices.categoryCreated,
  renommee: m.notices.categoryRenamed,
  desactivee: m.notices.categoryDeactivated,
  activee: m.notices.categoryActivated,
  mentions: m.notices.settingsSaved,
} as const;

/** The place's tariff table, « Ajouter un article », its reduced-rate categories and its receipts' words (managers). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { signedIn, place } = await requirePlace(request, context, params.placeId, "place.sales.manage");
  const db = context.get(appContext).database.db;
  const today = todayIn(place.timeZone, Date.now());
  const [tariff, settings] = await Promise.all([listTariff(db, { placeId: place.id, day: today }), getSalesSettings(db, { placeId: place.id })]);
  const url = new URL(request.url);
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k));
  return { place: { id: place.id, name: place.name }, csrfToken: signedIn.csrfToken, today, tariff, settings, notice: notice ? NOTICES[notice] : null };
}

type ActionData = {
  form: "article" | "categorie" | "mentions" | null;
  errors: FieldErrors;
  problem?: string;
  item?: NewTariffItemFormValues;
  category?: { categoryId: string | null; name: string };
  settings?: SalesSettingsFormValues;
};

export async function action({ request, params, context }: Route.ActionArgs) {
  const { signedIn, place, form } = await requirePlaceForm(request, context, params.placeId, "place.sales.manage", MAX_BODY_BYTES);
  const db = context.get(appContext).database.db;
  const actorUserId = signedIn.user.id;
  const here = TARIFFS_PATH(place.id);
  const failed = (body: ActionData) => data<ActionData>(body, { status: 400 });
  const typedName = () => String(form.get("nom") ?? "").slice(0, 200);
  switch (form.get("intent")) {
    case "article": {
      const parsed = parseForm(newTariffItemSchema({ today: todayIn(place.timeZone, Date.now()) }), form);
      if (!parsed.ok) return failed({ form: "article", errors: parsed.errors, item: typedValues(form, [...ITEM_FIELD_NAMES, ...PRICE_FIELD_NAMES]) });
      const result = await createTariffItem(db, { placeId: place.id, ...parsed.values, actorUserId });
      return redirect(`${TARIFF_ITEM_PATH(place.id, result.id)}?cree`, 303);
    }
    case "categorie": {
      const parsed = parseForm(PriceCategorySchema, form);
      const category = { categoryId: null, name: typedName() };
      if (!parsed.ok) return failed({ form: "categorie", errors: parsed.errors, category });
      const result = await createPriceCategory(db, { placeId: place.id, name: parsed.values.name, actorUserId });
      if (result.kind === "name-taken") return failed({ form: "categorie", errors: { nom: m.errors.categoryTaken }, category });
      return redirect(`${here}?categorie#categories`, 303);
    }
    case "renommer": {
      const parsed = parseForm(RenameCategorySchema, form);
      const categoryId = String(form.get("categorie") ?? "");
      const category = { categoryId, name: typedName() };
      if (!parsed.ok) return failed({ form: "categorie", errors: parsed.errors.categorie ? { form: m.errors.categoryUnknown } : parsed.errors, category });
      const result = await renamePriceCategory(db, { placeId: place.id, ...parsed.values, actorUserId });
      switch (result) {
        case "saved":
          return redirect(`${here}?renommee#categories`, 303);
        case "unchanged":
          return redirect(`${here}#categories`, 303);
        case "name-taken":
          return failed({ form: "categorie", errors: { nom: m.errors.categoryTaken }, category });
        case "not-found":
          return data<ActionData>({ form: null, errors: {}, problem: m.errors.categoryUnknown }, { status: 404 });
      }
      break;
    }
    case "activer": {
      const parsed = parseForm(CategoryActiveSchema, form);
      if (!parsed.ok) return failed({ form: null, errors: {}, problem: m.invalidRequest });
      const result = await setPriceCategoryActive(db, { placeId: place.id, ...parsed.values, actorUserId });
      if (result === "not-found") return data<ActionData>({ form: null, errors: {}, problem: m.errors.categoryUnknown }, { status: 404 });
      return redirect(`${here}${result === "saved" ? (parsed.values.active ? "?activee" : "?desactivee") : ""}#categories`, 303);
    }
    case "mentions": {
      const parsed = parseForm(SalesSettingsSchema, form);
      if (!parsed.ok) return failed({ form: "mentions", errors: parsed.errors, settings: typedValues(form, ["regie", "pied_recu"]) });
      await saveSalesSettings(db, { placeId: place.id, values: parsed.values, actorUserId });
      return redirect(`${here}?mentions#mentions`, 303);
    }
  }
  return failed({ form: null, errors: {}, problem: m.invalidRequest });
}

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "no-store" });
export const meta: Route.MetaFunction = () => [{ name: "robots", content: "noindex" }];

export default function PlaceTariffs({ loaderData, actionData }: Route.ComponentProps) {
  const { place, csrfToken, today, tariff, settings, notice } = loaderData;
  const here = TARIFFS_PATH(place.id);
  const errors = actionData?.errors ?? {};
  const formErrors = (form: ActionData["form"]) => (actionData?.form === form ? errors : {});
  const { form: problemAboutForm, ...fieldErrors } = errors;
  const failed = Boolean(actionData?.problem || Object.keys(errors).length > 0);
  const category = actionData?.form === "categorie" ? (actionData.category ?? null) : null;
  const ids = category ? { nom: category.categoryId ? renameCategoryId(category.categoryId) : NEW_CATEGORY_ID } : undefined;
  return (
    <>
      <title>{`${failed ? fr.backoffice.errorTitlePrefix : ""}${m.pageTitle(place.name)} — ${fr.site.name}`}</title>
      <p>
        <a href={`/gestion/lieux/${place.id}`}>{m.backToPlace}</a>
      </p>
      <h1>{m.pageTitle(place.name)}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary title={fr.backoffice.errorSummary} errors={fieldErrors} ids={ids} problem={actionData?.problem ?? problemAboutForm ?? null} />
      <section aria-labelledby="tarif">
        <h2 id="tarif">{m.tableTitle}</h2>
        <TariffTable placeId={place.id} items={tariff.items} categories={tariff.categories} day={today} />
      </section>
      <section aria-labelledby="nouvel-article">
        <h2 id="nouvel-article">{m.newItemTitle}</h2>
        <NewItemForm
          action={here}
          csrfToken={csrfToken}
          errors={formErrors("article")}
          values={actionData?.form === "article" && actionData.item ? actionData.item : { ...itemToFormValues(), ...priceToFormValues(today) }}
        />
      </section>
      <section aria-labelledby="categories">
        <h2 id="categories">{m.categoriesTitle}</h2>
        <CategoriesSection action={here} csrfToken={csrfToken} categories={tariff.categories} errors={formErrors("categorie")} failed={category} />
      </section>
      <section aria-labelledby="mentions">
        <h2 id="mentions">{m.settingsTitle}</h2>
        <SalesSettingsForm
          action={here}
          csrfToken={csrfToken}
          errors={formErrors("mentions")}
          values={actionData?.form === "mentions" && actionData.settings ? actionData.settings : settingsToFormValues(settings)}
        />
      </section>
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <BackofficeError error={error} />;
}
