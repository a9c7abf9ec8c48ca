/**
 * What a failed job keeps of its error: a code, never the message's details. Error messages may
 * quote personal data (an SMTP server's refusal names the address; a constraint's detail, the
 * value), so the stored text is the error's code — a Node or PostgreSQL code, "SMTP 550" — or,
 * for an error without one, its class and first line with anything like an address masked.
 */
const MAX_LENGTH = 100;
const ADDRESS = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+/g;

export function errorCode(error: unknown): string {
  const e = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; responseCode?: unknown; name?: unknown; message?: unknown };
  if (typeof e.responseCode === "number") return `SMTP ${e.responseCode}`;
  if (typeof e.code === "string" && e.code) return e.code.slice(0, MAX_LENGTH);
  const name = typeof e.name === "string" && e.name ? e.name : "Error";
  const firstLine = typeof e.message === "string" ? (e.message.split("\n")[0] ?? "").replace(ADDRESS, "[adresse]").trim() : "";
  return (firstLine ? `${name}: ${firstLine}` : name).slice(0, MAX_LENGTH);
}
