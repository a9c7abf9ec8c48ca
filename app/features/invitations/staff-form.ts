/** The staff page's forms (invite, cancel an invitation, change a role, remove someone): one schema, an `intent` each. */
import { z } from "zod";
import { fr } from "~/lib/messages";

const m = fr.mail.staff;
const Uuid = z.uuid();
const Role = z.enum(["manager", "mediator"], { error: m.roleInvalid });

export const StaffActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("inviter"),
    email: z.string().trim().min(1, { error: m.emailEmpty }).max(320, { error: m.emailInvalid }).pipe(z.email({ error: m.emailInvalid })),
    role: Role,
  }),
  z.object({ intent: z.literal("annuler"), invitation: Uuid }),
  z.object({ intent: z.literal("role"), personne: Uuid, de: Role, vers: Role }),
  z.object({ intent: z.literal("retirer"), personne: Uuid, role: Role }),
]);
