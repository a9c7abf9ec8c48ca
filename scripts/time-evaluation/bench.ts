/**
 * Benchmark of the time-zone core (docs/decisions/008-time.md), with either implementation:
 *
 *   TZ=UTC npx tsx scripts/time-evaluation/bench.ts
 *       Intl, app/features/time/zone.ts (what the application uses)
 *   TZ=UTC npx tsx --tsconfig scripts/time-evaluation/tsconfig.temporal.json scripts/time-evaluation/bench.ts
 *       Temporal, scripts/time-evaluation/zone-temporal.ts (same exports; open-now then uses it too)
 *
 * Each figure is the median of 7 runs after a warm-up, for 100 000 calls (10 000 statuses).
 */
import { locationForTimeZone } from "~/features/hours/holidays";
import { openStatus, weekMinuteAt } from "~/features/hours/open-now";
import { weekMultirange } from "~/features/hours/weekly-slots";
import * as zone from "~/features/time/zone";

const implementation = (zone as { implementation?: string }).implementation ?? "Intl (app/features/time/zone.ts)";
const ZONES = ["Europe/Paris", "America/Cayenne", "Indian/Reunion", "Pacific/Noumea", "America/Martinique", "Indian/Mayotte", "Pacific/Tahiti"];
const N = 100_000;
const START = Date.parse("2026-01-01T00:00:00Z");
const YEAR = 365 * 86_400_000;

function median(run: () => unknown): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[3]!;
}

function report(label: string, calls: number, ms: number) {
  console.log(`${label.padEnd(64)} ${ms.toFixed(1).padStart(8)} ms  ${((ms * 1000) / calls).toFixed(2).padStart(7)} µs/call`);
}

console.log(`Zone core: ${implementation} — Node ${process.version}, TZ=${process.env.TZ ?? "(unset)"}\n`);

// 1. A search: one instant, the minute of the week in each zone in use (search.server.ts).
const now = new Date("2026-11-24T10:00:00Z");
report("weekMinuteAt, one instant, 7 zones in turn", N, median(() => {
  let sum = 0;
  for (let i = 0; i < N; i++) sum += weekMinuteAt(ZONES[i % 7]!, now)!;
  return sum;
}));

// 2. Instants spread over a year (one every 5 min 15 s), 7 zones: few repeats.
const spread = Array.from({ length: N }, (_, i) => new Date(START + i * 315_000));
report("weekMinuteAt, 100 000 instants over a year, 7 zones", N, median(() => {
  let sum = 0;
  for (let i = 0; i < N; i++) sum += weekMinuteAt(ZONES[i % 7]!, spread[i]!)!;
  return sum;
}));

// 3. Wall time → instant, every 15 minutes through 2026 (both DST nights included), 7 zones.
const walls = Array.from({ length: N }, (_, i) => {
  const d = new Date(START + ((i * 900_000) % YEAR));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: 0 };
});
report("toInstant (wall time → instant), 100 000 wall times, 7 zones", N, median(() => {
  let sum = 0;
  for (let i = 0; i < N; i++) sum += zone.toInstant(ZONES[i % 7]!, walls[i]!) % 7;
  return sum;
}));

// 4. openStatus computed afresh (an explicit location turns its status memo off), at instants
//    spread over a year: with the stored week (the directory's path for 99 % of the values)
//    and through the opening_hours library.
const STATUSES = 10_000;
const VALUES = [
  "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off",
  "Tu-Sa 13:30-19:00; PH off",
  "Mo,We,Fr 10:00-18:00",
  "Mo-Su 01:00-04:00",
];
const asked = Array.from({ length: STATUSES }, (_, i) => ({
  value: VALUES[i % VALUES.length]!,
  zone: ZONES[i % 7]!,
  at: new Date(START + ((i * 7_919_000_003) % YEAR)),
}));
const weeks = new Map(VALUES.map((v) => [v, weekMultirange(v)]));
const locations = new Map(ZONES.map((z) => [z, locationForTimeZone(z)]));
for (const [label, withWeek] of [["with the stored week", true], ["through the library", false]] as const) {
  report(`openStatus afresh, ${label}, 10 000 statuses`, STATUSES, median(() => {
    let open = 0;
    for (const { value, zone: z, at } of asked) {
      if (openStatus(value, z, at, { location: locations.get(z)!, week: withWeek ? weeks.get(value)! : undefined }).kind === "open") open++;
    }
    return open;
  }));
}
