/** The desk's forms (agenda actions, walk-in), read with zod. Pure. */
import { z } from "zod";
import { ATTENDANCES } from "~/db/schema/scheduling";

export const WALK_IN_MINUTES = [15, 30, 45, 60, 90, 120] as const;

export const DeskAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("presence"), reservation: z.uuid(), presence: z.enum([...ATTENDANCES, ""]) }),
  z.object({ intent: z.literal("annuler"), reservation: z.uuid(), raison: z.string().max(500).optional() }),
  z.object({ intent: z.literal("confirmer"), reservation: z.uuid() }),
  z.object({
    intent: z.literal("occuper"),
    ressource: z.uuid(),
    minutes: z.coerce.number().refine((n) => (WALK_IN_MINUTES as readonly number[]).includes(n)),
    prenom: z.string().trim().max(80).optional(),
  }),
]);
export type DeskAction = z.infer<typeof DeskAction>;
