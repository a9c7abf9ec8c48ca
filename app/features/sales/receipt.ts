/** What a receipt shows (read by receipt.server.ts, drawn by receipt-pdf.server.ts), and how a person is named on it. */
import type { PaymentMethod, SaleLineKind, TariffUnit } from "~/db/schema";
import type { IsoDate } from "~/features/time/calendar";
import { fr } from "~/lib/messages";

export type ReceiptLine = { kind: SaleLineKind; label: string; unit: TariffUnit; quantity: number; freeQuantity: number; unitPriceCents: number; amountCents: number };

export type Receipt = {
  saleId: string;
  /** « 2026-000123 ». */
  number: string;
  place: { name: string; address: string; addressComplement: string | null; postcode: string; commune: string };
  cashOfficeName: string;
  footer: string;
  soldAt: Date;
  /** The sale's day on the place's clock, and the same in words: « 4 décembre 2026 », « 14 h 30 ». */
  day: IsoDate;
  date: string;
  time: string;
  seller: string | null;
  /** « Camille D. » or « Client de passage ». */
  person: string;
  /** The person's address, to prefill the « send by mail » form (never printed). */
  personEmail: string | null;
  category: string | null;
  lines: ReceiptLine[];
  totalCents: number;
  paymentMethod: PaymentMethod;
  /** « Espèces », « Crédit prépayé »… */
  paymentLabel: string;
  /** The person's prepaid credit after this sale, when it moved it (paid by credit, a top-up, a refund). */
  creditBalanceAfterCents: number | null;
  /** For a correction: the receipt it cancels and why. */
  cancels: { number: string; reason: string } | null;
  /** For a sale cancelled later: the correction's number. */
  cancelledBy: { number: string } | null;
};

/** « Camille D. »: the first name and the initial of the last name; « Client de passage » without a known person. */
export function personLabel(person: { firstName: string | null; lastName: string | null; anonymisedAt: Date | null } | null | undefined): string {
  if (!person || person.anonymisedAt || !person.firstName) return fr.salesReports.receipt.passing;
  const initial = person.lastName?.trim().charAt(0);
  return initial ? `${person.firstName} ${initial.toUpperCase()}.` : person.firstName;
}

