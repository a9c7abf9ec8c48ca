/** The « send the receipt by mail » form: one address. */
import { z } from "zod";
import { fr } from "~/lib/messages";

const m = fr.salesReports.receipt.send;

export const SendReceiptSchema = z.object({
  courriel: z.string().trim().min(1, { error: m.emailEmpty }).max(254, { error: m.emailInvalid }).pipe(z.email({ error: m.emailInvalid })),
});
