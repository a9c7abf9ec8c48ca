/** The "marquer comme traité" form: which report (zod, French message). */
import { z } from "zod";
import { fr } from "~/lib/messages";

export const resolveFormSchema = z.object({
  intent: z.literal("resolve", { error: fr.errors.badRequest }),
  signalement: z.string({ error: fr.attention.reports.notFound }).uuid({ error: fr.attention.reports.notFound }),
});
