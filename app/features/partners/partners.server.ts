/**
 * A network's partner organisations, as its coordinators run them: the list with its figures, an
 * organisation added or edited (one name per network, whatever the case), its advisers and their
 * removal, and the network's referral rules. Every change is audited on the network's log, in
 * the change's transaction; nothing personal goes into the log (a contact address is logged as
 * "set" or "changed", never written). Rights are the caller's (`network.partners`, checked by
 * features/access); ownership is in every `where`: a partner is always looked for in its network.
 */
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { pgErrorCode, UNIQUE_VIOLATION } from "~/db/errors";
import { memberships, partners, referralSettings, users } from "~/db/schema";
import { recordAudit } from "~/features/audit/record.server";
import { todayInFrance } from "~/features/time/today";
import { FRANCE_TIME_ZONE, startOfDay } from "~/features/time/zone";
import { isUuid } from "~/lib/ids";
import type { PartnerInput } from "./partner-form";
import { DEFAULT_REFERRAL_RULES, type ReferralRules } from "./settings-form";

export type PartnerRow = {
  id: string;
  networkId: string;
  name: string;
  kind: PartnerInput["kind"];
  siret: string | null;
  email: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
  webhookPersonalData: boolean;
};

const partnerColumns = {
  id: partners.id,
  networkId: partners.networkId,
  name: partners.name,
  kind: partners.kind,
  siret: partners.siret,
  email: partners.email,
  webhookUrl: partners.webhookUrl,
  webhookSecret: partners.webhookSecret,
  webhookPersonalData: partners.webhookPersonalData,
};

/** The partner `partnerId` of the network, or null (unknown, malformed, or another network's). */
export async function getNetworkPartner(db: Db, options: { networkId: string; partnerId: string }): Promise<PartnerRow | null> {
  if (!isUuid(options.partnerId)) return null;
  const [row] = await db.select(partnerColumns).from(partners).where(and(eq(partners.id, options.partnerId), eq(partners.networkId, options.networkId)));
  return row ?? null;
}

export type PartnerListItem = { id: string; name: string; kind: PartnerInput["kind"]; advisers: number; referralsThisYear: number };

/** The network's partners by name, with their number of advisers and of referrals sent this calendar year (in France). */
export async function listNetworkPartners(db: Db, options: { networkId: string; now?: Date }): Promise<{ year: string; partners: PartnerListItem[] }> {
  const year = todayInFrance(options.now ?? new Date()).slice(0, 4);
  const yearStart = new Date(startOfDay(FRANCE_TIME_ZONE, `${year}-01-01`));
  const rows = await db
    .select({
      id: partners.id,
      name: partners.name,
      kind: partners.kind,
      advisers: sql<number>`(select count(*) from memberships m where m.partner_id = ${partners.id} and m.role = 'partner')`.mapWith(Number),
      referralsThisYear: sql<number>`(select count(*) from referrals r where r.partner_id = ${partners.id} and r.created_at >= ${yearStart.toISOString()}::timestamptz)`.mapWith(Number),
    })
    .from(partners)
    .where(eq(partners.networkId, options.networkId))
    .orderBy(sql`lower(${partners.name})`, asc(partners.id));
  return { year, partners: rows };
}

/** Same name, whatever the case: the unique index's rule (partners_network_name_idx). */
const sameName = (name: string) => sql`lower(${partners.name}) = lower(${name})`;

/** How the log tells a contact address without writing it. */
const emailState = (email: string | null) => (email ? "set" : "none");

export type AddPartnerResult = { kind: "created"; id: string } | { kind: "name-taken" };

export async function addPartner(db: Db, options: { networkId: string; values: PartnerInput; actorUserId: string; now?: Date }): Promise<AddPartnerResult> {
  const { values } = options;
  try {
    return await db.transaction(async (tx): Promise<AddPartnerResult> => {
      const [taken] = await tx.select({ id: partners.id }).from(partners).where(and(eq(partners.networkId, options.networkId), sameName(values.name)));
      if (taken) return { kind: "name-taken" };
      const [row] = await tx
        .insert(partners)
        .values({ networkId: options.networkId, name: values.name, kind: values.kind, siret: values.siret, email: values.email })
        .returning({ id: partners.id });
      await recordAudit(
        tx,
        {
          actorUserId: options.actorUserId, action: "partner.create", entityType: "partner", entityId: row!.id, networkId: options.networkId,
          after: { partner: values.name, partnerKind: values.kind, siret: values.siret, contactEmail: emailState(values.email) },
        },
        options.now,
      );
      return { kind: "created", id: row!.id };
    });
  } catch (error) {
    // Two coordinators adding the same name at once: the unique index settles it.
    if (pgErrorCode(error) === UNIQUE_VIOLATION) return { kind: "name-taken" };
    throw error;
  }
}

export type UpdatePartnerResult = "saved" | "unchanged" | "name-taken" | "not-found";

export async function updatePartner(db: Db, options: { networkId: string; partnerId: string; values: PartnerInput; actorUserId: string; now?: Date }): Promise<UpdatePartnerResult> {
  if (!isUuid(options.partnerId)) return "not-found";
  const { values } = options;
  try {
    return await db.transaction(async (tx): Promise<UpdatePartnerResult> => {
      const where = and(eq(partners.id, options.partnerId), eq(partners.networkId, options.networkId));
      const [before] = await tx.select({ name: partners.name, kind: partners.kind, siret: partners.siret, email: partners.email }).from(partners).where(where).for("update");
      if (!before) return "not-found";
      const changed: { before: Record<string, unknown>; after: Record<string, unknown> } = { before: {}, after: {} };
      const note = (field: string, was: unknown, now: unknown) => {
        changed.before[field] = was;
        changed.after[field] = now;
      };
      if (before.name !== values.name) note("partner", before.name, values.name);
      if (before.kind !== values.kind) note("partnerKind", before.kind, values.kind);
      if (before.siret !== values.siret) note("siret", before.siret, values.siret);
      if (before.email !== values.email) note("contactEmail", emailState(before.email), before.email && values.email ? "changed" : emailState(values.email));
      if (Object.keys(changed.after).length === 0) return "unchanged";
      if (before.name !== values.name) {
        const [taken] = await tx.select({ id: partners.id }).from(partners).where(and(eq(partners.networkId, options.networkId), ne(partners.id, options.partnerId), sameName(values.name)));
        if (taken) return "name-taken";
      }
      await tx.update(partners).set({ name: values.name, kind: values.kind, siret: values.siret, email: values.email, updatedAt: options.now ?? new Date() }).where(where);
      await recordAudit(tx, { actorUserId: options.actorUserId, action: "partner.update", entityType: "partner", entityId: options.partnerId, networkId: options.networkId, ...changed }, options.now);
      return "saved";
    });
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION) return "name-taken";
    throw error;
  }
}

export type Adviser = { userId: string; name: string; email: string; since: Date };

/** The organisation's advisers, by name. */
export async function listAdvisers(db: Db, partnerId: string): Promise<Adviser[]> {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.partnerId, partnerId), eq(memberships.role, "partner")))
    .orderBy(asc(users.name), asc(users.id));
}

/** An adviser leaves the organisation (their account stays; the referrals they sent stay with the organisation). */
export async function removeAdviser(db: Db, options: { networkId: string; partnerId: string; userId: string; actorUserId: string; now?: Date }): Promise<"removed" | "not-found"> {
  if (!isUuid(options.partnerId) || !isUuid(options.userId)) return "not-found";
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(memberships)
      .where(
        and(
          eq(memberships.userId, options.userId),
          eq(memberships.role, "partner"),
          eq(memberships.partnerId, options.partnerId),
          sql`exists (select 1 from partners p where p.id = ${memberships.partnerId} and p.network_id = ${options.networkId})`,
        ),
      )
      .returning({ id: memberships.id });
    if (removed.length === 0) return "not-found" as const;
    await recordAudit(tx, { actorUserId: options.actorUserId, action: "partner.adviser-remove", entityType: "user", entityId: options.userId, networkId: options.networkId, before: { role: "partner" } }, options.now);
    return "removed" as const;
  });
}

/** The network's referral rules (the defaults until its coordinators set them). */
export async function getReferralRules(db: Db, networkId: string): Promise<ReferralRules> {
  const [row] = await db
    .select({ expiryDays: referralSettings.expiryDays, reminderDays: referralSettings.reminderDays, retentionMonths: referralSettings.retentionMonths })
    .from(referralSettings)
    .where(eq(referralSettings.networkId, networkId));
  return row ?? { ...DEFAULT_REFERRAL_RULES };
}

/** Set the network's referral rules (checked by ReferralSettingsSchema; the CHECK stands behind it). */
export async function saveReferralRules(db: Db, options: { networkId: string; rules: ReferralRules; actorUserId: string; now?: Date }): Promise<"saved" | "unchanged"> {
  const now = options.now ?? new Date();
  const { rules } = options;
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ expiryDays: referralSettings.expiryDays, reminderDays: referralSettings.reminderDays, retentionMonths: referralSettings.retentionMonths })
      .from(referralSettings)
      .where(eq(referralSettings.networkId, options.networkId))
      .for("update");
    const was = before ?? DEFAULT_REFERRAL_RULES;
    if (before && was.expiryDays === rules.expiryDays && was.reminderDays === rules.reminderDays && was.retentionMonths === rules.retentionMonths) return "unchanged" as const;
    await tx
      .insert(referralSettings)
      .values({ networkId: options.networkId, ...rules, updatedAt: now })
      .onConflictDoUpdate({ target: referralSettings.networkId, set: { ...rules, updatedAt: now } });
    await recordAudit(tx, { actorUserId: options.actorUserId, action: "referral-settings.update", entityType: "network", entityId: options.networkId, networkId: options.networkId, before: was, after: rules }, now);
    return "saved" as const;
  });
}
