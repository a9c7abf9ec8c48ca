/**
 * Money as people read and type it, and as the database keeps it: integer cents. One reader and
 * one writer for every form and page (resources' and workshops' prices, tariffs, the till).
 */

/** Euros typed by a person (« 2 », « 2,5 », « 2.50 € », « 1 200 ») in cents; undefined when it is not an amount of at most `max` cents. */
export function readEuros(text: string, max = 10_000_000): number | undefined {
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text.replace(/[\s\u00a0\u202f€]/g, ""));
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
  return cents <= max ? cents : undefined;
}

/** « 2 » or « 2,50 » for a form field (no sign). */
export function eurosField(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
}

/** « 1 212,50 € », « −3,00 € »: an amount the French way, with no-break spaces. */
export function formatEuros(cents: number): string {
  const sign = cents < 0 ? "−" : "";
  const abs = Math.abs(cents);
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  return `${sign}${euros},${String(abs % 100).padStart(2, "0")}\u00a0€`;
}
