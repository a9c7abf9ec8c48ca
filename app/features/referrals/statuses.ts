/** Where a referral stands and what can be done with it (pure, client-safe): the place's inbox tabs, the answers a status allows. */
import type { ReferralStatus } from "~/db/schema/referrals";

/** The place's steps on a referral, and closing (by the place or the adviser). */
export type PlaceAnswerKind = "accept" | "refuse" | "contact" | "book" | "close";

/** Which answers a status allows (the place's, and closing, which the adviser may do too). */
export function answersFor(status: ReferralStatus): PlaceAnswerKind[] {
  switch (status) {
    case "sent":
      return ["accept", "refuse", "contact", "book", "close"];
    case "accepted":
      return ["refuse", "contact", "book", "close"];
    case "booked":
    case "came":
    case "no_show":
    case "excused":
      return ["close"];
    default:
      return [];
  }
}

export type InboxTab = "new" | "contact" | "booked" | "closed";
export const INBOX_TABS: readonly InboxTab[] = ["new", "contact", "booked", "closed"];
export const TAB_STATUSES: Record<InboxTab, readonly ReferralStatus[]> = {
  new: ["sent"],
  contact: ["accepted"],
  booked: ["booked"],
  closed: ["refused", "came", "no_show", "excused", "helped", "closed", "expired"],
};

