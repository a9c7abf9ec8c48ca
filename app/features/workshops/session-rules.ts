/** Whether the public may register for a session now, and its seats left. Pure (the session page's component uses them too). */
import type { PublicSession } from "./public-session.server";

/** Can the public register now? Null: yes; else why not (a refusal key of fr.workshops.refusals). */
export function closedReason(s: PublicSession, now: number): "no-registration" | "cancelled" | "started" | null {
  if (s.registration === "none") return "no-registration";
  if (s.status !== "scheduled") return "cancelled";
  const opensUntil = s.registration === "cycle" ? Math.min(s.start, ...s.siblings.map((x) => x.start)) : s.start;
  return opensUntil <= now ? "started" : null;
}

export function seatsLeft(s: Pick<PublicSession, "capacity" | "seatsTaken">): number | null {
  return s.capacity === null ? null : Math.max(0, s.capacity - s.seatsTaken);
}
