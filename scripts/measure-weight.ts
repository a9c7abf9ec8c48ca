/**
 * npm run measure:weight — prints figures, asserts nothing (exit 0).
 * The weight of the public pages as a person on a phone with an empty cache gets them:
 * the real server (built app, fresh data directory → demo data), Debian's Chromium at
 * 360 × 740, a new browser context (empty cache) per page, and every response counted
 * through the DevTools protocol's Network domain (`Network.loadingFinished` →
 * `encodedDataLength`: bytes as transferred, compressed, headers included).
 * Budget (issue "The public directory"): ≤ 40 KB in all and ≤ 10 KB of JavaScript per page.
 *
 *   npm run build && node --import tsx scripts/measure-weight.ts
 */
import type { Browser } from "playwright-core";
import { launchChromium } from "../tests/support/browser";
import { startServer } from "../tests/support/server";

const KB = 1024;
const BUDGET_TOTAL = 40 * KB;
const BUDGET_JS = 10 * KB;
/** The national map's first page, measured elsewhere with the same method (empty cache, CDP bytes transferred). */
const NATIONAL_MAP_KB = 712;

type Kind = "html" | "js" | "css" | "other";
type Row = { url: string; kind: Kind; bytes: number; status: number };
type Measure = { label: string; path: string; rows: Row[]; results?: number };

function kindOf(type: string | undefined, mimeType: string): Kind {
  if (type === "Document" || mimeType.includes("text/html")) return "html";
  if (type === "Script" || mimeType.includes("javascript")) return "js";
  if (type === "Stylesheet" || mimeType.includes("text/css")) return "css";
  return "other";
}

async function measure(browser: Browser, base: string, label: string, path: string): Promise<Measure> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "fr-FR" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const responses = new Map<string, { url: string; kind: Kind; status: number }>();
  const rows: Row[] = [];
  cdp.on("Network.responseReceived", (e) => {
    responses.set(e.requestId, { url: e.response.url, kind: kindOf(e.type, e.response.mimeType), status: e.response.status });
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = responses.get(e.requestId);
    if (r) rows.push({ ...r, bytes: e.encodedDataLength });
  });
  cdp.on("Network.loadingFailed", (e) => {
    const r = responses.get(e.requestId);
    rows.push({ url: r?.url ?? `(échec ${e.requestId})`, kind: r?.kind ?? "other", status: r?.status ?? 0, bytes: 0 });
  });
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await page.goto(base + path, { waitUntil: "load" });
  // Late requests (modules, images, fonts) before counting.
  await page.waitForLoadState("networkidle").catch(() => {});
  const results = await page.locator("ul.results > li").count();
  await context.close();
  return { label, path, rows, results: results || undefined };
}

const kb = (bytes: number) => (bytes / KB).toFixed(1);
const verdict = (ok: boolean) => (ok ? "OK" : "DÉPASSE");

async function main() {
  const server = await startServer({ env: { LOG_LEVEL: "warn" } });
  let browser: Browser | undefined;
  try {
    // One place of the first results page (the demo's slugs are stable).
    const html = await (await fetch(`${server.url}/lieux?q=bourges`)).text();
    const slug = [...html.matchAll(/href="\/lieux\/([a-z0-9-]+)"/g)].map((m) => m[1]).find((s) => s !== "carte");
    if (!slug) throw new Error("aucun lieu dans /lieux?q=bourges");

    const pages: [string, string][] = [
      ["Accueil", "/"],
      ["Résultats « bourges »", "/lieux?q=bourges"],
      ["Résultats « chateauroux » + service", `/lieux?q=chateauroux&services=${encodeURIComponent("Aide aux démarches administratives")}`],
      ["Page d'un lieu", `/lieux/${slug}`],
    ];
    browser = await launchChromium();
    const measures: Measure[] = [];
    for (const [label, path] of pages) measures.push(await measure(browser, server.url, label, path));

    console.log("Poids des pages publiques — Chromium 360 × 740, cache vide, octets transférés (compressés, en-têtes compris) ; 1 Ko = 1024 octets");
    console.log(`Budget : ≤ ${BUDGET_TOTAL / KB} Ko en tout et ≤ ${BUDGET_JS / KB} Ko de JavaScript par page.\n`);
    for (const m of measures) {
      const sum = (k?: Kind) => m.rows.filter((r) => !k || r.kind === k).reduce((n, r) => n + r.bytes, 0);
      const total = sum();
      const js = sum("js");
      console.log(`${m.label} — ${m.path}${m.results ? ` (${m.results} lieux affichés)` : ""}`);
      console.log(
        `  total ${kb(total)} Ko (${total} o) · JavaScript ${kb(js)} Ko · CSS ${kb(sum("css"))} Ko · HTML ${kb(sum("html"))} Ko · autres ${kb(sum("other"))} Ko · ${m.rows.length} requête${m.rows.length > 1 ? "s" : ""}`,
      );
      for (const r of m.rows) console.log(`    ${String(r.status).padStart(3)} ${r.kind.padEnd(5)} ${kb(r.bytes).padStart(6)} Ko  ${r.url.replace(server.url, "")}`);
      console.log(`  budget total ≤ 40 Ko : ${verdict(total <= BUDGET_TOTAL)} · budget JavaScript ≤ 10 Ko : ${verdict(js <= BUDGET_JS)}`);
      console.log(`  comparaison : la première page de la carte nationale pèse ${NATIONAL_MAP_KB} Ko, soit ${((NATIONAL_MAP_KB * KB) / Math.max(total, 1)).toFixed(0)} fois celle-ci.\n`);
    }
  } finally {
    await browser?.close();
    await server.stop();
  }
}

await main();
