/**
 * Builds the browser enhancement modules of the public pages (they do not hydrate React):
 * app/enhance/*.ts → build/client/js/*.js (minified ES modules, dependencies bundled) and
 * app/enhance/*.css → build/client/js/*.css (imports inlined), plus Leaflet's images
 * (build/client/js/images/, referenced by map.css and map.js). Prints each file's weight.
 * Runs after `react-router build` (which empties build/client): `npm run build` does both.
 *
 *   node --import tsx scripts/build-enhancements.ts
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "build/client/js");

// Every module of app/enhance/ is its own entry: map.ts → /js/map.js, map.css → /js/map.css,
// around-me.ts → /js/around-me.js… (tests and type declarations excluded).
const SOURCE = path.join(ROOT, "app/enhance");
const entries = fs
  .readdirSync(SOURCE)
  .filter((name) => /\.(ts|css)$/.test(name) && !/\.(test|d)\.ts$/.test(name))
  .sort()
  .map((name) => ({ in: path.join("app/enhance", name), out: name.replace(/\.(ts|css)$/, "") }));

fs.mkdirSync(OUT, { recursive: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: entries,
  outdir: OUT,
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  // Browsers from 2020 on (Chrome 80, Safari 14, Firefox 74); older ones keep the list.
  target: "es2020",
  // Leaflet's images are copied below and referenced relative to the CSS (/js/images/…).
  external: ["*.png"],
  legalComments: "eof",
  sourcemap: false,
  metafile: true,
  logLevel: "warning",
});

const images = path.join(ROOT, "node_modules/leaflet/dist/images");
fs.mkdirSync(path.join(OUT, "images"), { recursive: true });
for (const name of ["marker-icon.png", "marker-icon-2x.png", "marker-shadow.png", "layers.png", "layers-2x.png"]) {
  fs.copyFileSync(path.join(images, name), path.join(OUT, "images", name));
}

for (const file of Object.keys(result.metafile.outputs).sort()) {
  const bytes = fs.readFileSync(path.join(ROOT, file));
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`${path.relative(ROOT, path.join(ROOT, file))}: ${kb(bytes.length)} (gzip ${kb(gzipSync(bytes, { level: 9 }).length)})`);
}
