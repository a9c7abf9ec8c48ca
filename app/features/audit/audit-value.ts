/** A stored value in plain words for the log ("(vide)" for nothing, lists joined). */
export function auditValue(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === "") return empty;
  if (Array.isArray(value)) return value.length ? value.join(", ") : empty;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
