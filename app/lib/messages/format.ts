const numberFormat = new Intl.NumberFormat("fr-FR");

/** A number the French way (1 234,5). */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}
