/**
 * The time and hours tests, against the Intl zone core (app/features/time/zone.ts, the one
 * the application uses) or, with TIME_CORE=temporal, against the Temporal one
 * (zone-temporal.ts). See docs/decisions/008-time.md.
 *
 *   TIME_CORE=temporal npx vitest run --config scripts/time-evaluation/vitest.config.ts
 */
import path from "node:path";
import { defineConfig } from "vitest/config";

const app = path.resolve(import.meta.dirname, "../../app");
const temporal = process.env.TIME_CORE === "temporal";

export default defineConfig({
  resolve: {
    alias: [
      ...(temporal ? [{ find: /^~\/features\/time\/zone$/, replacement: path.resolve(import.meta.dirname, "zone-temporal.ts") }] : []),
      { find: "~", replacement: app },
    ],
  },
  test: {
    root: path.resolve(import.meta.dirname, "../.."),
    include: ["app/features/time/*.test.ts", "app/features/hours/*.test.ts"],
    environment: "node",
    env: { TZ: "UTC" },
    testTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
