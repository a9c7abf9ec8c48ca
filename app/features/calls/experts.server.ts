/**
 * A network's outside experts (« experts extérieurs »): people from outside the network (a
 * funder's officer, a partner) invited by email to review applications. Their account has no
 * role: it opens only `/gestion/evaluations` and the applications assigned to them, after their
 * declaration of interests. A new account gets a link to choose its password (7 days); an
 * existing one is simply added. Audited without the address.
 */
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { networkExperts, users } from "~/db/schema";
import { createEmailToken } from "~/features/accounts/email-tokens.server";
import { createUser, normaliseEmail } from "~/features/accounts/users.server";
import { recordAudit } from "~/features/audit/record.server";
import { queueMail } from "~/features/mail/outbox.server";
import { fr } from "~/lib/messages";

const m = fr.applications;
export const EXPERT_LINK_LIFETIME_MS = 7 * 86_400_000;

export const ExpertSchema = z.object({
  nom: z.string().trim().min(2, m.experts.nameRequired).max(120, m.experts.nameTooLong),
  courriel: z.string().trim().toLowerCase().pipe(z.email({ error: m.experts.emailInvalid })),
  organisation: z.string().trim().max(160, m.experts.organisationTooLong).default(""),
});
export type ExpertInput = z.output<typeof ExpertSchema>;

export async function listExperts(db: Db, networkId: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, organisation: networkExperts.organisation, since: networkExperts.createdAt })
    .from(networkExperts)
    .innerJoin(users, eq(users.id, networkExperts.userId))
    .where(eq(networkExperts.networkId, networkId))
    .orderBy(asc(users.name));
}

export async function inviteExpert(db: Db, input: { network: { id: string; name: string }; values: ExpertInput; inviter: { id: string; name: string }; baseUrl: string; now?: Date }): Promise<"invited" | "added" | "already"> {
  const now = input.now ?? new Date();
  const email = normaliseEmail(input.values.courriel);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) {
      const [already] = await tx.select({ id: networkExperts.userId }).from(networkExperts).where(and(eq(networkExperts.networkId, input.network.id), eq(networkExperts.userId, existing.id)));
      if (already) return "already" as const;
    }
    const userId = existing?.id ?? (await createUser(tx, { email, name: input.values.nom, now }));
    await tx.insert(networkExperts).values({ networkId: input.network.id, userId, organisation: input.values.organisation, invitedBy: input.inviter.id, createdAt: now });
    const link = existing ? `${input.baseUrl}/gestion/evaluations` : `${input.baseUrl}/mot-de-passe/${await createEmailToken(tx, userId, "reset-password", now, EXPERT_LINK_LIFETIME_MS)}`;
    await queueMail(tx, { to: email, ...m.mail.expertWelcome({ network: input.network.name, inviter: input.inviter.name, link }) }, now);
    await recordAudit(tx, { actorUserId: input.inviter.id, action: "expert.invite", entityType: "user", entityId: userId, networkId: input.network.id }, now);
    return existing ? ("added" as const) : ("invited" as const);
  });
}
