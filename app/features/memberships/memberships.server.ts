/**
 * PLACEHOLDER until helper B's branch lands: grantMembership and cancelMembershipsOfSale, the two
 * functions the sale command calls inside its transaction.
 */
import { and, eq, gte, isNull, lte } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { placeMemberships } from "~/db/schema";
import { addDays, addMonths, type IsoDate } from "~/features/time/calendar";

export async function activeMembershipOn(db: Db, input: { placeId: string; beneficiaryId: string; day: IsoDate }) {
  const [row] = await db
    .select({ id: placeMemberships.id, startsOn: placeMemberships.startsOn, endsOn: placeMemberships.endsOn, categoryId: placeMemberships.categoryId })
    .from(placeMemberships)
    .where(and(eq(placeMemberships.placeId, input.placeId), eq(placeMemberships.beneficiaryId, input.beneficiaryId), isNull(placeMemberships.cancelledAt), lte(placeMemberships.startsOn, input.day), gte(placeMemberships.endsOn, input.day)))
    .limit(1);
  return row;
}

export async function grantMembership(
  tx: Db,
  input: { placeId: string; beneficiaryId: string; itemId: string | null; categoryId: string | null; months: number; saleId: string | null; actorUserId: string | null; today: IsoDate },
): Promise<{ id: string; startsOn: string; endsOn: string }> {
  const current = await activeMembershipOn(tx, { placeId: input.placeId, beneficiaryId: input.beneficiaryId, day: input.today });
  const startsOn = current ? addDays(current.endsOn, 1) : input.today;
  const endsOn = addDays(addMonths(startsOn, input.months), -1);
  const [row] = await tx
    .insert(placeMemberships)
    .values({ placeId: input.placeId, beneficiaryId: input.beneficiaryId, itemId: input.itemId, categoryId: input.categoryId, startsOn, endsOn, saleId: input.saleId, createdBy: input.actorUserId })
    .returning({ id: placeMemberships.id, startsOn: placeMemberships.startsOn, endsOn: placeMemberships.endsOn });
  return row!;
}

export async function cancelMembershipsOfSale(tx: Db, input: { saleId: string; now: Date }): Promise<void> {
  await tx.update(placeMemberships).set({ cancelledAt: input.now }).where(and(eq(placeMemberships.saleId, input.saleId), isNull(placeMemberships.cancelledAt)));
}
