/** The till's parts: the opening form, the sale form, today's receipts, a day's journal and its closing form. */
import type { PaymentMethod } from "~/db/schema/sales";
import { formatDate, formatDateTime } from "~/features/time/format";
import type { FieldErrors } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { eurosField, formatEuros } from "~/lib/money";
import { CsrfField, RadioGroup, TextField } from "~/ui/form";
import { receiptNumber } from "./pricing";
import type { Receipt } from "./receipt";
import { quantityField } from "./sale-form";

const m = fr.sales;

export type TillItemView = {
  id: string;
  name: string;
  unit: "page" | "gram" | "hour" | "item" | "period";
  unitPriceCents: number | null;
  allowance: { quantity: number; period: "day" | "week" | "month" | "year"; membersOnly: boolean } | null;
  freeLeft: number | null;
};

export type SaleRowView = { id: string; number: number; year: number; soldAt: string; who: "member" | "named" | "walk-in"; lines: string; method: PaymentMethod; totalCents: number; cancelled: boolean; cancels: number | null };

export function OpenDayForm({ action, csrfToken, suggestedFloatCents, error, value }: { action: string; csrfToken: string; suggestedFloatCents?: number; error?: string; value?: string }) {
  return (
    <form method="post" action={action} className="backoffice-form">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="ouvrir" />
      <p>{m.notOpenYet}</p>
      <TextField
        name="fond"
        label={m.floatLabel}
        inputMode="decimal"
        value={value ?? (suggestedFloatCents !== undefined ? eurosField(suggestedFloatCents) : "")}
        hint={m.floatHint(suggestedFloatCents !== undefined ? formatEuros(suggestedFloatCents) : null)}
        error={error}
      />
      <button type="submit">{m.open}</button>
    </form>
  );
}

function itemHint(item: TillItemView): string {
  const parts: string[] = [];
  if (item.unitPriceCents !== null) parts.push(m.priceEach(formatEuros(item.unitPriceCents), m.units[item.unit]));
  if (item.allowance) {
    const period = m.periods[item.allowance.period];
    parts.push(item.freeLeft !== null ? m.allowanceLeft(item.freeLeft, period) : m.allowanceRule(item.allowance.quantity, period, item.allowance.membersOnly));
  }
  return parts.join(" — ");
}

export function SaleForm(props: {
  action: string;
  csrfToken: string;
  items: TillItemView[];
  person: { id: string; balanceCents: number } | null;
  categoryId: string | null;
  link: { kind: "booking" | "registration"; id: string; suggestedItemId: string | null; quantity: number } | null;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const { items, person, link, values, errors } = props;
  const methods = (Object.keys(m.methods) as PaymentMethod[])
    .filter((k) => k !== "credit" || person)
    .map((k) => [k, k === "credit" && person ? `${m.methods.credit} (${formatEuros(person.balanceCents)})` : m.methods[k]] as const);
  const quantityOf = (id: string) => values[quantityField(id)] ?? (link?.suggestedItemId === id ? String(link.quantity) : "");
  return (
    <form method="post" action={props.action} className="backoffice-form till">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="intent" value="vendre" />
      {person ? <input type="hidden" name="personne" value={person.id} /> : null}
      {props.categoryId ? <input type="hidden" name="tarif" value={props.categoryId} /> : null}
      {link ? <input type="hidden" name={link.kind === "booking" ? "reservation" : "inscription"} value={link.id} /> : null}
      <fieldset>
        <legend>{m.itemsLegend}</legend>
        {items.map((item) => (
          <TextField
            key={item.id}
            name={quantityField(item.id)}
            label={item.name}
            inputMode="numeric"
            value={quantityOf(item.id)}
            hint={itemHint(item)}
            error={errors[quantityField(item.id)]}
          />
        ))}
        {person ? <TextField name="recharge" label={m.topupLabel} inputMode="decimal" value={values.recharge ?? ""} error={errors.recharge} /> : null}
      </fieldset>
      <RadioGroup name="paiement" legend={m.methodLegend} options={methods} value={values.paiement ?? "cash"} error={errors.paiement} inline />
      <button type="submit">{m.sell}</button>
    </form>
  );
}

const whoLabel = (who: SaleRowView["who"]) => (who === "walk-in" ? m.walkIn : who === "member" ? m.member : "");

export function SalesTable({ placeId, rows, timeZone, caption }: { placeId: string; rows: SaleRowView[]; timeZone: string; caption: string }) {
  const c = m.columns;
  const captionId = `ventes-${caption.length}`;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
    <table className="data-table sales-table">
      <caption id={captionId}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{c.number}</th>
          <th scope="col">{c.time}</th>
          <th scope="col">{c.who}</th>
          <th scope="col">{c.what}</th>
          <th scope="col">{c.method}</th>
          <th scope="col" className="number">
            {c.total}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">
              <a href={`/gestion/lieux/${placeId}/caisse/ventes/${r.id}`}>{receiptNumber(r.year, r.number)}</a>
              {r.cancelled ? <> ({m.cancelledMark})</> : null}
            </th>
            <td>{new Intl.DateTimeFormat("fr-FR", { timeZone, hour: "2-digit", minute: "2-digit" }).format(new Date(r.soldAt)).replace(":", " h ")}</td>
            <td>{whoLabel(r.who)}</td>
            <td>
              {r.lines}
              {r.cancels !== null ? <> — {m.correctionOf(receiptNumber(r.year, r.cancels))}</> : null}
            </td>
            <td>{m.methodsShort[r.method]}</td>
            <td className="number">{formatEuros(r.totalCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

export type DayView = {
  businessDate: string;
  openingFloatCents: number;
  closedAt: string | null;
  countedCashCents: number | null;
  expectedCashCents: number;
  differenceReason: string | null;
  totals: Record<PaymentMethod, number>;
  receipts: number;
  corrections: number;
  firstNumber: number | null;
  lastNumber: number | null;
};

export function DaySummary({ day, timeZone }: { day: DayView; timeZone: string }) {
  const j = m.journal;
  return (
    <>
      <p>
        <strong>{day.closedAt ? j.status.closed(formatDateTime(new Date(day.closedAt), { timeZone })) : j.status.open}</strong>
      </p>
      <p>
        {j.receipts(day.receipts, day.firstNumber, day.lastNumber)} {j.corrections(day.corrections)}
      </p>
      <table className="data-table">
        <caption>{j.byMethod}</caption>
        <tbody>
          <tr>
            <th scope="row">{j.opening}</th>
            <td className="number">{formatEuros(day.openingFloatCents)}</td>
          </tr>
          {(Object.keys(m.methods) as PaymentMethod[]).map((k) => (
            <tr key={k}>
              <th scope="row">{m.methods[k]}</th>
              <td className="number">{formatEuros(day.totals[k])}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{m.expected}</th>
            <td className="number">{formatEuros(day.expectedCashCents)}</td>
          </tr>
          {day.countedCashCents !== null ? (
            <>
              <tr>
                <th scope="row">{j.counted}</th>
                <td className="number">{formatEuros(day.countedCashCents)}</td>
              </tr>
              <tr>
                <th scope="row">{j.difference}</th>
                <td className="number">{formatEuros(day.countedCashCents - day.expectedCashCents)}</td>
              </tr>
            </>
          ) : null}
        </tbody>
      </table>
      {day.differenceReason ? (
        <p>
          {j.reason} : {day.differenceReason}
        </p>
      ) : null}
    </>
  );
}

export function CloseDayForm({ action, csrfToken, day, values, errors }: { action: string; csrfToken: string; day: DayView; values: Record<string, string>; errors: FieldErrors }) {
  return (
    <form method="post" action={action} className="backoffice-form">
      <h2>{m.closeTitle(formatDate(day.businessDate))}</h2>
      <p>{m.closeIntro}</p>
      <p>
        {m.expected} : <strong>{formatEuros(day.expectedCashCents)}</strong>
      </p>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="cloturer" />
      <TextField name="comptees" label={m.countedLabel} inputMode="decimal" value={values.comptees ?? ""} error={errors.comptees} required />
      <TextField name="explication" label={m.reasonLabel} hint={m.reasonHint} multiline rows={3} value={values.explication ?? ""} error={errors.explication} />
      <button type="submit">{m.close}</button>
    </form>
  );
}

type ReceiptViewData = Omit<Receipt, "soldAt"> & { soldAt: string };

/** A receipt as a page: what its PDF shows (receipt-pdf.server.ts), as a list and a table. */
export function ReceiptView({ receipt }: { receipt: ReceiptViewData }) {
  const r = fr.salesReports.receipt;
  return (
    <section aria-label={r.title(receipt.number)} className="receipt">
      {receipt.cancels ? <p><strong>{r.correction}</strong> — {r.cancels(receipt.cancels.number)}. {r.reason(receipt.cancels.reason)}</p> : null}
      {receipt.cancelledBy ? <p className="warning">{r.cancelledBy(receipt.cancelledBy.number)}</p> : null}
      <ul>
        <li>{r.date(receipt.date, receipt.time)}</li>
        <li>{r.person(receipt.person)}</li>
        {receipt.category ? <li>{r.category(receipt.category)}</li> : null}
        {receipt.seller ? <li>{r.seller(receipt.seller)}</li> : null}
      </ul>
      <table className="data-table">
        <caption className="visually-hidden">{r.title(receipt.number)}</caption>
        <thead>
          <tr>
            <th scope="col">{r.columns.label}</th>
            <th scope="col" className="number">{r.columns.quantity}</th>
            <th scope="col" className="number">{r.columns.unitPrice}</th>
            <th scope="col" className="number">{r.columns.amount}</th>
          </tr>
        </thead>
        <tbody>
          {receipt.lines.map((l, i) => (
            <tr key={i}>
              <th scope="row">
                {l.label}
                {l.freeQuantity ? <div className="muted">{r.free(Math.abs(l.freeQuantity))}</div> : null}
              </th>
              <td className="number">{l.quantity}</td>
              <td className="number">{formatEuros(l.unitPriceCents)}</td>
              <td className="number">{formatEuros(l.amountCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>{r.total}</th>
            <td className="number"><strong>{formatEuros(receipt.totalCents)}</strong></td>
          </tr>
        </tfoot>
      </table>
      <p>{r.paidBy(receipt.paymentLabel)}</p>
      {receipt.creditBalanceAfterCents !== null ? <p>{r.creditAfter(formatEuros(receipt.creditBalanceAfterCents))}</p> : null}
    </section>
  );
}
