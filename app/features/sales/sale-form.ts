/**
 * The till's forms (pure): a sale (who, the rate, a quantity per item on sale, a top-up, the means
 * of payment, what it pays for), the opening float, the closing count, a correction's reason. The
 * schema of a sale is built from the items on sale, one quantity field each.
 */
import { z } from "zod";
import { PAYMENT_METHODS, type PaymentMethod } from "~/db/schema/sales";
import { fr } from "~/lib/messages";
import { readEuros } from "~/lib/money";
import type { SaleLineInput } from "./sales.server";

const m = fr.sales;
export const MAX_QUANTITY = 100_000;
/** Top-ups and floats: at most 10 000 €. */
const MAX_AMOUNT = 1_000_000;

export const quantityField = (itemId: string) => `qte-${itemId}`;

const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .pipe(z.uuid().nullable());

const euros = (message: string, optional: boolean) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) {
        if (optional) return null;
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      const cents = readEuros(v, MAX_AMOUNT);
      if (cents === undefined) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return cents;
    });

const quantity = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return 0;
    if (!/^\d{1,6}$/.test(v) || Number(v) > MAX_QUANTITY) {
      ctx.addIssue({ code: "custom", message: m.errors.quantity });
      return z.NEVER;
    }
    return Number(v);
  });

export type SaleFormValues = {
  beneficiaryId: string | null;
  categoryId: string | null;
  paymentMethod: PaymentMethod;
  lines: SaleLineInput[];
  bookingId: string | null;
  registrationId: string | null;
};

/** The sale form's schema for these items on sale. */
export function saleSchema(itemIds: readonly string[]) {
  const quantities = Object.fromEntries(itemIds.map((id) => [quantityField(id), quantity]));
  return z
    .object({
      personne: optionalId,
      tarif: optionalId,
      paiement: z.enum(PAYMENT_METHODS, { error: m.errors.method }),
      recharge: euros(m.errors.topup, true),
      reservation: optionalId,
      inscription: optionalId,
      ...quantities,
    })
    .transform((v, ctx): SaleFormValues => {
      const record = v as Record<string, unknown>;
      const lines: SaleLineInput[] = itemIds.flatMap((id) => {
        const n = record[quantityField(id)] as number;
        return n > 0 ? [{ itemId: id, quantity: n }] : [];
      });
      if (v.recharge) lines.push({ topupCents: v.recharge });
      if (lines.length === 0) ctx.addIssue({ code: "custom", path: ["form"], message: m.errors.nothing });
      return { beneficiaryId: v.personne, categoryId: v.tarif, paymentMethod: v.paiement, lines, bookingId: v.reservation, registrationId: v.inscription };
    });
}

/** What the person typed, to show the form again as it was. */
export function typedSaleValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (typeof value === "string" && name !== "csrf") out[name] = value.slice(0, 40);
  return out;
}

export const OpenDaySchema = z.object({ fond: euros(m.errors.float, false) });

export const CloseDaySchema = z.object({
  comptees: euros(m.closeErrors.counted, false),
  explication: z.string().trim().max(1000, m.closeErrors.reasonTooLong).optional().default(""),
});

export const CancelSaleSchema = z.object({
  motif: z.string().trim().min(1, m.cancelErrors.reason).max(500, m.cancelErrors.reason),
});
