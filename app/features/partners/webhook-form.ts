/**
 * The webhook and API key forms of a partner's page. Pure and client-safe.
 *
 * Which webhook addresses are accepted (the rule, written once here):
 * - in production, `https://` to a public name only: no `http://`, no user or password in the
 *   address, no loopback, private, link-local or shared IPv4/IPv6 address written as such, no
 *   `localhost`, no name without a dot, nor `.local` / `.internal` / `.localhost` names;
 * - on a platform that runs locally — NODE_ENV development or test, or a BASE_URL that is itself
 *   on the loopback (the demo on a laptop, the end-to-end tests' server) — `http://` is accepted
 *   too, to `localhost`, `127.0.0.1` or `[::1]` only, and `https://` may name any host: a
 *   receiver in a test, a developer's tool.
 * This checks what the coordinator writes; a name that resolves to an internal address is the
 * sender's to refuse when it connects.
 */
import { z } from "zod";
import { fr } from "~/lib/messages";

const m = fr.partners;
const TICKED = "oui";
export const WEBHOOK_URL_MAX = 2000;
/** At most this many active API keys per partner. */
export const MAX_ACTIVE_API_KEYS = 10;

const LOOPBACK_NAMES = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_NAMES.test(hostname) || hostname.endsWith(".localhost");
}

/** An IPv4 address written as such, in a range that does not reach the public internet. */
function isInternalIpv4(hostname: string): boolean {
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname)?.slice(1).map(Number);
  if (!parts) return false;
  const [a, b] = parts as [number, number, number, number];
  return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
}

/** An IPv6 address ([…] in a URL) that is not a public unicast one: loopback, unspecified, unique-local, link-local, IPv4-mapped. */
function isInternalIpv6(hostname: string): boolean {
  if (!hostname.startsWith("[")) return false;
  const address = hostname.slice(1, -1).toLowerCase();
  return address === "::1" || address === "::" || /^f[cd]/.test(address) || /^fe[89ab]/.test(address) || address.startsWith("::ffff:") || !/^[23]/.test(address);
}

function isInternalHost(hostname: string): boolean {
  if (isLoopbackHost(hostname) || isInternalIpv4(hostname) || isInternalIpv6(hostname)) return true;
  if (hostname.startsWith("[")) return false;
  return !hostname.includes(".") || /\.(local|internal|lan|home|localdomain)$/.test(hostname);
}

/** Does the platform run locally, where a webhook may go to the machine itself (see the comment above)? */
export function localWebhooksAllowed(env: { NODE_ENV: string; baseUrl: string }): boolean {
  if (env.NODE_ENV === "development" || env.NODE_ENV === "test") return true;
  try {
    return isLoopbackHost(new URL(env.baseUrl).hostname);
  } catch {
    return false;
  }
}

/** The address as it will be stored, or the French reason it is refused. */
export function checkWebhookUrl(value: string, options: { allowLocal: boolean }): { ok: true; url: string } | { ok: false; error: string } {
  const e = m.webhookErrors;
  if (value.length > WEBHOOK_URL_MAX) return { ok: false, error: e.long };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, error: e.url };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, error: e.url };
  if (!url.hostname) return { ok: false, error: e.url };
  if (url.username || url.password) return { ok: false, error: e.credentials };
  if (url.protocol === "http:" && !(options.allowLocal && isLoopbackHost(url.hostname))) return { ok: false, error: e.https };
  if (!options.allowLocal && isInternalHost(url.hostname)) return { ok: false, error: e.internal };
  url.hash = "";
  return { ok: true, url: url.href };
}

/** The webhook's form: its address ("" removes the webhook) and whether names and contacts go with it. */
export function webhookSchema(options: { allowLocal: boolean }) {
  return z
    .object({
      url: z
        .string({ error: m.webhookErrors.url })
        .optional()
        .transform((v, ctx) => {
          const trimmed = (v ?? "").trim();
          if (trimmed === "") return null;
          const checked = checkWebhookUrl(trimmed, options);
          if (checked.ok) return checked.url;
          ctx.addIssue({ code: "custom", message: checked.error });
          return z.NEVER;
        }),
      donnees_personnelles: z.string().optional().transform((v) => v === TICKED),
    })
    .transform((v) => ({ url: v.url, personalData: v.url !== null && v.donnees_personnelles }));
}

export type WebhookFormValues = { url: string; donnees_personnelles: boolean };

/** A new API key's label. */
export const ApiKeySchema = z
  .object({
    libelle: z
      .string({ error: m.keyErrors.labelEmpty })
      .optional()
      .transform((v) => (v ?? "").trim().replace(/\s+/g, " "))
      .pipe(z.string().min(1, { error: m.keyErrors.labelEmpty }).max(80, { error: m.keyErrors.labelLong })),
  })
  .transform((v) => ({ label: v.libelle }));
