/**
 * Builds the browser enhancement modules of the public pages (they do not hydrate React):
 * app/enhance/*.ts → build/client/js/*.js (minified ES modules, dependencies bundled) and
 * app/enhance/*.css → build/client/js/*.css (imports inlined), plus Leaflet's images
 * (build/client/js/images/, referenced by map.css and map.js). Prints each file's weight.
 * Runs after `react-router build` (which empties build/client): `npm run build` does both.
 *
 *   node --import tsx scripts/build-enhancements.ts           # once (npm run build)
 *   node --import tsx scripts/build-enhancements.ts --watch   # while developing
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, context, type BuildOptions } from "esbuild";

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

const options = {
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
} satisfies BuildOptions;

fs.mkdirSync(path.join(OUT, "images"), { recursive: true });
const images = path.join(ROOT, "node_modules/leaflet/dist/images");
for (const name of ["marker-icon.png", "marker-icon-2x.png", "marker-shadow.png", "layers.png", "layers-2x.png"]) {
  fs.copyFileSync(path.join(images, name), path.join(OUT, "images", name));
}

if (process.argv.includes("--watch")) {
  // For `npm run dev`: rebuilds on change (new files in app/enhance/ need a restart).
  const ctx = await context(options);
  await ctx.watch();
  console.log(`Modules d'amélioration : ${path.relative(ROOT, OUT)}/ reconstruit à chaque modification.`);
} else {
  const result = await build(options);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  for (const file of Object.keys(result.metafile.outputs).sort()) {
    const bytes = fs.readFileSync(path.join(ROOT, file));
    console.log(`${file}: ${kb(bytes.length)} (gzip ${kb(gzipSync(bytes, { level: 9 }).length)})`);
  }
}
