/**
 * Seats of a session in words, the one way every page says them (the place page, the agenda, the
 * session's page): « 3 places restantes », « 1 place restante », « Complet — liste d'attente »,
 * « Places illimitées », « Sans inscription ». Pure.
 */
import type { RegistrationMode } from "~/db/schema/workshops";
import { fr } from "~/lib/messages";

const m = fr.workshops.seats;

export type SeatsOfSession = {
  /** Seats of the session; null: no limit. */
  capacity: number | null;
  /** Registered and offered seats. */
  seatsTaken: number;
  registration: RegistrationMode;
  /** Whether a full session takes people on a waiting list (every series does today). */
  waitingList?: boolean;
};

export function seatsInWords({ capacity, seatsTaken, registration, waitingList = true }: SeatsOfSession): string {
  if (registration === "none") return m.none;
  if (capacity === null) return m.unlimited;
  const left = Math.max(0, capacity - seatsTaken);
  if (left === 0) return waitingList ? m.fullWaiting : m.full;
  return m.left(left);
}
