const numberFormat = new Intl.NumberFormat("fr-FR");

/** A number the French way (1 234,5). */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

/** "a", "a et b", "a, b et c". */
export function listAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} et ${items.at(-1)}`;
}
