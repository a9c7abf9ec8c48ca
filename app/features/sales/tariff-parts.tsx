/**
 * The parts of the tariff pages: the tariff table (item, unit, normal price, each category's price,
 * allowance, changes planned « à partir du »), an item's form, a new price's form and the
 * history of an item's prices, the categories (add, rename, deactivate) and the receipts' words.
 */
import { ALLOWANCE_PERIODS, TARIFF_KINDS, TARIFF_UNITS } from "~/db/schema/sales";
import { formatDate } from "~/features/time/format";
import type { FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { formatEuros } from "~/lib/money";
import { CheckboxField, CsrfField, SelectField, TextField } from "~/ui/form";
import { TARIFF_ITEM_PATH } from "./paths";
import type { DatedPrice } from "./pricing";
import {
  ITEM_FIELDS as F, NORMAL_RATE, PRICE_FIELDS as P, type SalesSettingsFormValues, type TariffItemFormValues, type TariffPriceFormValues,
} from "./tariff-form";
import type { PriceCategory, TariffLine } from "./tariffs.server";

const m = fr.tariffs;

const priceWords = (price: DatedPrice | null, unit: string) => (price ? m.perUnit(formatEuros(price.unitPriceCents), unit) : m.noPrice);
const categoryName = (categories: readonly PriceCategory[], id: string | null) => (id === null ? m.normalRate : (categories.find((c) => c.id === id)?.name ?? "?"));

/** The place's tariff on a day: one row per item, one column per active category. */
export function TariffTable({ placeId, items, categories, day }: { placeId: string; items: TariffLine[]; categories: PriceCategory[]; day: string }) {
  if (items.length === 0) return <p>{m.tableNone}</p>;
  const c = m.columns;
  const shown = categories.filter((category) => category.active);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="tarif-legende">
      <table className="data-table tariff-table">
        <caption id="tarif-legende">{m.tableCaption(formatDate(day))}</caption>
        <thead>
          <tr>
            <th scope="col">{c.item}</th>
            <th scope="col">{c.normal}</th>
            {shown.map((category) => (
              <th scope="col" key={category.id}>
                {category.name}
              </th>
            ))}
            <th scope="col">{c.allowance}</th>
            <th scope="col">{c.upcoming}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                <a href={TARIFF_ITEM_PATH(placeId, item.id)} aria-label={m.editItem(item.name)}>
                  {item.name}
                </a>
                {item.active ? null : ` ${m.inactive}`}
                <span className="item-kind">{m.itemKind(item.kind === "membership" && item.membershipMonths ? m.membershipLength(item.membershipMonths) : (m.kinds[item.kind] ?? item.kind), item.unit)}</span>
              </th>
              <td>{priceWords(item.normal, item.unit)}</td>
              {shown.map((category) => {
                const rate = item.rates.find((r) => r.categoryId === category.id);
                return (
                  <td key={category.id}>
                    {rate?.own ? (
                      priceWords(rate.price, item.unit)
                    ) : (
                      <>
                        <span aria-hidden="true">—</span>
                        <span className="visually-hidden">{m.sameAsNormal}</span>
                      </>
                    )}
                  </td>
                );
              })}
              <td>{item.allowanceQuantity && item.allowancePeriod ? m.allowance(item.allowanceQuantity, item.unit, item.allowancePeriod, item.allowanceMembersOnly) : m.allowanceNone}</td>
              <td>
                {item.upcoming.length === 0 ? (
                  m.upcomingNone
                ) : (
                  <ul>
                    {item.upcoming.map((p) => (
                      <li key={p.id}>{m.upcoming(categoryName(categories, p.categoryId), formatEuros(p.unitPriceCents), formatDate(p.validFrom))}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length > 0 ? <p className="hint">{m.dashMeansNormal}</p> : null}
    </div>
  );
}

/** The fields of an item; `withActive` for an existing one (a new one is offered at once). */
function ItemFields({ values: v, errors: e, withActive }: { values: TariffItemFormValues; errors: FieldErrors; withActive: boolean }) {
  const f = m.fields;
  return (
    <>
      <fieldset>
        <legend>{m.itemLegend}</legend>
        <SelectField name={F.kind} label={f.kind} value={v[F.kind]} error={e[F.kind]} options={TARIFF_KINDS.map((k) => [k, m.kinds[k] ?? k] as const)} />
        <TextField name={F.name} label={f.name} value={v[F.name]} error={e[F.name]} hint={f.nameHint} required />
        <SelectField name={F.unit} label={f.unit} value={v[F.unit]} error={e[F.unit]} options={TARIFF_UNITS.map((u) => [u, m.unitOptions[u] ?? u] as const)} />
        <TextField name={F.membershipMonths} label={f.membershipMonths} value={v[F.membershipMonths]} error={e[F.membershipMonths]} inputMode="numeric" />
        <TextField name={F.position} label={f.position} value={v[F.position]} error={e[F.position]} hint={f.positionHint} inputMode="numeric" />
        {withActive ? <CheckboxField name={F.active} label={f.active} checked={v[F.active] === "oui"} /> : null}
      </fieldset>
      <fieldset>
        <legend>{m.allowanceLegend}</legend>
        <p className="hint">{m.allowanceIntro}</p>
        <TextField name={F.allowanceQuantity} label={f.allowanceQuantity} value={v[F.allowanceQuantity]} error={e[F.allowanceQuantity]} inputMode="numeric" />
        <SelectField
          name={F.allowancePeriod}
          label={f.allowancePeriod}
          value={v[F.allowancePeriod]}
          error={e[F.allowancePeriod]}
          options={[["", m.allowanceNone], ...ALLOWANCE_PERIODS.map((p) => [p, m.periods[p] ?? p] as const)]}
        />
        <CheckboxField name={F.allowanceMembersOnly} label={f.allowanceMembersOnly} checked={v[F.allowanceMembersOnly] === "oui"} />
      </fieldset>
    </>
  );
}

/** « Ajouter un article »: its fields and its normal price from a day. */
export function NewItemForm(props: { action: string; csrfToken: string; values: TariffItemFormValues & TariffPriceFormValues; errors: FieldErrors }) {
  const { values: v, errors: e } = props;
  const f = m.fields;
  return (
    <form method="post" action={props.action} noValidate className="backoffice-form">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="intent" value="article" />
      <ItemFields values={v} errors={e} withActive={false} />
      <fieldset>
        <legend>{m.firstPriceLegend}</legend>
        <TextField name={P.price} label={f.price} value={v[P.price]} error={e[P.price]} hint={f.priceHint} inputMode="decimal" required />
        <TextField name={P.validFrom} label={f.validFrom} type="date" value={v[P.validFrom]} error={e[P.validFrom]} hint={f.validFromHint} required />
      </fieldset>
      <button type="submit">{m.createItem}</button>
    </form>
  );
}

/** An existing item's fields. */
export function ItemForm(props: { action: string; csrfToken: string; values: TariffItemFormValues; errors: FieldErrors }) {
  return (
    <form method="post" action={props.action} noValidate className="backoffice-form">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="intent" value="article" />
      <ItemFields values={props.values} errors={props.errors} withActive />
      <button type="submit">{m.saveItem}</button>
    </form>
  );
}

/** « Nouveau prix à partir du … »: a rate (normal or an active category), a price, a day. */
export function PriceForm(props: { action: string; csrfToken: string; values: TariffPriceFormValues; errors: FieldErrors; categories: PriceCategory[] }) {
  const { values: v, errors: e } = props;
  const f = m.fields;
  const rates: (readonly [string, string])[] = [[NORMAL_RATE, m.normalRate], ...props.categories.filter((c) => c.active).map((c) => [c.id, c.name] as const)];
  return (
    <form method="post" action={props.action} noValidate className="backoffice-form">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="intent" value="prix" />
      <p className="hint">{m.newPriceIntro}</p>
      {rates.length > 1 ? <SelectField name={P.category} label={f.category} value={v[P.category]} error={e[P.category]} options={rates} /> : <input type="hidden" name={P.category} value={NORMAL_RATE} />}
      <TextField name={P.price} label={f.price} value={v[P.price]} error={e[P.price]} hint={f.priceHint} inputMode="decimal" required />
      <TextField name={P.validFrom} label={f.validFrom} type="date" value={v[P.validFrom]} error={e[P.validFrom]} hint={f.validFromHint} required />
      <button type="submit">{m.addPrice}</button>
    </form>
  );
}

/** Every price of an item, by rate, latest day first, each planned, in force or replaced on `today`. */
export function PriceHistory({ prices, categories, today }: { prices: (DatedPrice & { id: string })[]; categories: PriceCategory[]; today: string }) {
  if (prices.length === 0) return <p>{m.pricesNone}</p>;
  const c = m.priceColumns;
  const rates = [null, ...categories.map((category) => category.id)];
  const rows = rates.flatMap((rate) => {
    const own = prices.filter((p) => p.categoryId === rate).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
    const current = own.find((p) => p.validFrom <= today);
    return own.map((p) => ({ ...p, state: p.validFrom > today ? m.priceStates.future : p === current ? m.priceStates.current : m.priceStates.past }));
  });
  return (
    <table className="data-table">
      <caption>{m.pricesCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{c.rate}</th>
          <th scope="col">{c.price}</th>
          <th scope="col">{c.from}</th>
          <th scope="col">{c.state}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.id}>
            <th scope="row">{categoryName(categories, p.categoryId)}</th>
            <td>{formatEuros(p.unitPriceCents)}</td>
            <td>{formatDate(p.validFrom)}</td>
            <td>{p.state}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The ids of the category forms' name fields (the page has several fields named « nom »): the error summary links to them. */
export const NEW_CATEGORY_ID = "champ-nouvelle-categorie";
export const renameCategoryId = (categoryId: string) => `champ-renommer-${categoryId}`;

/**
 * The reduced-rate categories: each with its own small forms (rename, deactivate or offer again),
 * then the form adding one. `failed`: the category whose form failed (its typed name is shown again).
 */
export function CategoriesSection(props: {
  action: string;
  csrfToken: string;
  categories: PriceCategory[];
  errors: FieldErrors;
  failed: { categoryId: string | null; name: string } | null;
}) {
  const { action, csrfToken, categories, errors, failed } = props;
  return (
    <>
      <p>{m.categoriesIntro}</p>
      {categories.length === 0 ? (
        <p>{m.categoriesNone}</p>
      ) : (
        <ul className="categories">
          {categories.map((category) => {
            const mine = failed?.categoryId === category.id;
            const id = renameCategoryId(category.id);
            return (
              <li key={category.id}>
                <p>
                  <strong>{category.name}</strong> — {category.active ? m.categoryActive : m.categoryInactive}
                </p>
                <form method="post" action={action} noValidate className="inline-form">
                  <CsrfField token={csrfToken} />
                  <input type="hidden" name="intent" value="renommer" />
                  <input type="hidden" name="categorie" value={category.id} />
                  <TextField id={id} name="nom" label={m.renameLabel(category.name)} value={mine ? failed.name : category.name} error={mine ? errors.nom : undefined} />
                  <button type="submit" className="small">
                    {m.rename}
                  </button>
                </form>
                <form method="post" action={action} className="inline-form">
                  <CsrfField token={csrfToken} />
                  <input type="hidden" name="intent" value="activer" />
                  <input type="hidden" name="categorie" value={category.id} />
                  <input type="hidden" name="actif" value={category.active ? "non" : "oui"} />
                  <button type="submit" className="small" aria-label={category.active ? m.deactivateLabel(category.name) : m.activateLabel(category.name)}>
                    {category.active ? m.deactivate : m.activate}
                  </button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
      <form method="post" action={action} noValidate className="backoffice-form">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="categorie" />
        <TextField id={NEW_CATEGORY_ID} name="nom" label={m.newCategoryName} value={failed && failed.categoryId === null ? failed.name : ""} error={failed && failed.categoryId === null ? errors.nom : undefined} />
        <button type="submit">{m.addCategory}</button>
      </form>
    </>
  );
}

/** The cash office's words on receipts. */
export function SalesSettingsForm(props: { action: string; csrfToken: string; values: SalesSettingsFormValues; errors: FieldErrors }) {
  const { values: v, errors: e } = props;
  const s = m.settingsFields;
  return (
    <form method="post" action={props.action} noValidate className="backoffice-form">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="intent" value="mentions" />
      <p className="hint">{m.settingsIntro}</p>
      <TextField name="regie" label={s.cashOfficeName} hint={s.cashOfficeNameHint} value={v.regie} error={e.regie} />
      <TextField name="pied_recu" label={s.receiptFooter} hint={s.receiptFooterHint} value={v.pied_recu} error={e.pied_recu} multiline rows={3} />
      <button type="submit">{m.saveSettings}</button>
    </form>
  );
}
