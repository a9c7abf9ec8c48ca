import { describe, expect, it } from "vitest";
import {
  bookableIntervals, checkBookable, dayBounds, freeDays, freeSlots, nextFreeSlot,
  type AvailabilityInput, type Refusal, type Slot, type SlotRules,
} from "~/features/scheduling/availability";
import { addDays } from "~/features/time/calendar";
import { toInstant, toWallTime } from "~/features/time/zone";

// Run under TZ=UTC (vitest.config.ts); every zone below is asked for explicitly.
const PARIS = "Europe/Paris";
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
/** "2026-07-14T10:00" on the clock of `zone` (first pass in the autumn repeated hour). */
function local(zone: string, text: string): number {
  const [date, time] = text.split("T") as [string, string];
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return toInstant(zone, { year, month, day, hour, minute, second: 0 });
}
/** "HH:MM" of an instant on the clock of `zone`. */
function clock(zone: string, ms: number): string {
  const w = toWallTime(zone, ms);
  return `${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
}

const RULES: SlotRules = { minMinutes: 30, maxMinutes: 120, gridMinutes: 30, minLeadMinutes: 0, maxLeadDays: 366, bufferMinutes: 0, hours: null };

function input(over: Partial<Omit<AvailabilityInput, "rules">> & { rules?: Partial<SlotRules> } = {}): AvailabilityInput {
  const { rules, ...rest } = over;
  return { timeZone: PARIS, placeHours: "24/7", closures: [], busy: [], now: at("2026-01-01T00:00:00Z"), ...rest, rules: { ...RULES, ...rules } };
}

function day(a: AvailabilityInput, date: string): Slot[] {
  const bounds = dayBounds(a.timeZone, date);
  return freeSlots(a, bounds.start, bounds.end);
}

function reason(a: AvailabilityInput, start: number, end: number): Refusal | "ok" {
  const r = checkBookable(a, start, end);
  return r.ok ? "ok" : r.reason;
}

describe("daylight-saving nights (Europe/Paris)", () => {
  it("24/7, 30 min grid: 46 starts on the March Sunday, 50 in October, 48 on the days around", () => {
    const a = input();
    expect(freeDays(a, "2026-03-28", 3).map((d) => d.count)).toEqual([48, 46, 48]);
    expect(freeDays(a, "2026-10-24", 3).map((d) => d.count)).toEqual([48, 50, 48]);
    // The local days themselves: 23 and 25 hours.
    const march = dayBounds(PARIS, "2026-03-29");
    const october = dayBounds(PARIS, "2026-10-25");
    expect(march.end - march.start).toBe(23 * HOUR);
    expect(october.end - october.start).toBe(25 * HOUR);
  });

  it("March: nothing in the gap; 01:30 CET is followed by 03:00 CEST", () => {
    const slots = day(input(), "2026-03-29");
    const clocks = slots.map((s) => clock(PARIS, s.start));
    expect(clocks.filter((c) => c.startsWith("02:"))).toEqual([]);
    const i = clocks.indexOf("01:30");
    expect(clocks[i + 1]).toBe("03:00");
    expect(slots[i]!.start).toBe(at("2026-03-29T00:30:00Z"));
    expect(slots[i + 1]!.start).toBe(at("2026-03-29T01:00:00Z"));
    // 01:30 → 03:30 on the clock is one real hour: a length of 60 minutes.
    expect(reason(input(), at("2026-03-29T00:30:00Z"), at("2026-03-29T01:30:00Z"))).toBe("ok");
  });

  it("October: both passes of 02:00 and 02:30 are listed, each real instant once", () => {
    const slots = day(input(), "2026-10-25");
    const starts = slots.map((s) => s.start);
    expect(new Set(starts).size).toBe(starts.length);
    const twos = slots.filter((s) => clock(PARIS, s.start).startsWith("02:")).map((s) => iso(s.start));
    expect(twos).toEqual(["2026-10-25T00:00:00.000Z", "2026-10-25T00:30:00.000Z", "2026-10-25T01:00:00.000Z", "2026-10-25T01:30:00.000Z"]);
    // The second pass is on the grid too.
    expect(reason(input(), at("2026-10-25T01:30:00Z"), at("2026-10-25T02:00:00Z"))).toBe("ok");
    expect(reason(input(), at("2026-10-25T01:15:00Z"), at("2026-10-25T01:45:00Z"))).toBe("grid");
  });

  it("a place open 0:00–4:00: three real hours in March, five in October", () => {
    const a = input({ placeHours: "Mo-Su 00:00-04:00" });
    const march = day(a, "2026-03-29");
    expect(march.map((s) => clock(PARIS, s.start))).toEqual(["00:00", "00:30", "01:00", "01:30", "03:00", "03:30"]);
    expect(march.at(-1)!.maxEnd).toBe(at("2026-03-29T02:00:00Z")); // 04:00 CEST
    expect(march[0]!.maxEnd).toBe(march[0]!.start + 2 * HOUR); // up to maxMinutes
    const october = day(a, "2026-10-25");
    expect(october.map((s) => clock(PARIS, s.start))).toEqual(["00:00", "00:30", "01:00", "01:30", "02:00", "02:30", "02:00", "02:30", "03:00", "03:30"]);
    expect(october[0]!.start).toBe(at("2026-10-24T22:00:00Z"));
    expect(october.at(-1)!.start).toBe(at("2026-10-25T02:30:00Z"));
    expect(bookableIntervals(a, at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"))).toEqual([
      { start: at("2026-10-24T22:00:00Z"), end: at("2026-10-25T03:00:00Z") },
    ]);
  });
});

describe("public holidays and closures", () => {
  const WEEK = "Mo-Sa 09:00-18:00"; // open on public holidays, by its hours

  it("14 July: no slot, and a booking is refused as a holiday", () => {
    const a = input({ placeHours: WEEK });
    expect(freeDays(a, "2026-07-13", 3).map((d) => d.count)).toEqual([18, 0, 18]);
    expect(reason(a, local(PARIS, "2026-07-14T10:00"), local(PARIS, "2026-07-14T11:00"))).toBe("holiday");
    expect(reason(a, local(PARIS, "2026-07-13T10:00"), local(PARIS, "2026-07-13T11:00"))).toBe("ok");
  });

  it("Christmas: any part on the day is refused, even from the evening before", () => {
    const a = input();
    expect(freeDays(a, "2026-12-24", 3).map((d) => d.count)).toEqual([48, 0, 48]);
    expect(reason(a, local(PARIS, "2026-12-24T23:30"), local(PARIS, "2026-12-25T00:30"))).toBe("holiday");
    expect(reason(a, local(PARIS, "2026-12-24T23:30"), local(PARIS, "2026-12-25T00:00"))).toBe("ok");
    expect(day(a, "2026-12-24").at(-1)!.maxEnd).toBe(local(PARIS, "2026-12-25T00:00"));
  });

  it("a closure range closes its days, inclusive, and is checked before holidays", () => {
    const a = input({ placeHours: WEEK, closures: [{ startsOn: "2026-07-10", endsOn: "2026-07-15" }] });
    expect(freeDays(a, "2026-07-09", 8).map((d) => d.count)).toEqual([18, 0, 0, 0, 0, 0, 0, 18]);
    expect(reason(a, local(PARIS, "2026-07-14T10:00"), local(PARIS, "2026-07-14T11:00"))).toBe("closed");
    expect(reason(a, local(PARIS, "2026-07-15T17:00"), local(PARIS, "2026-07-15T18:00"))).toBe("closed");
  });
});

describe("hours", () => {
  it("hours running past midnight are one interval: a slot may cross midnight, not the close", () => {
    const a = input({ placeHours: "Mo-Su 20:00-02:00" });
    const slots = day(a, "2026-11-24");
    expect(slots.map((s) => clock(PARIS, s.start))).toEqual(["00:00", "00:30", "01:00", "01:30", "20:00", "20:30", "21:00", "21:30", "22:00", "22:30", "23:00", "23:30"]);
    expect(slots.at(-1)!.maxEnd).toBe(local(PARIS, "2026-11-25T01:30"));
    expect(reason(a, local(PARIS, "2026-11-24T23:30"), local(PARIS, "2026-11-25T00:30"))).toBe("ok");
    expect(reason(a, local(PARIS, "2026-11-25T01:30"), local(PARIS, "2026-11-25T02:30"))).toBe("hours");
    expect(reason(a, local(PARIS, "2026-11-24T19:30"), local(PARIS, "2026-11-24T20:30"))).toBe("hours");
  });

  it("a slot never spans a lunch break; resource hours narrow the place's", () => {
    const a = input({ placeHours: "Mo-Fr 09:00-12:00,14:00-17:00", rules: { hours: "Tu 10:00-16:00" } });
    const slots = day(a, "2026-11-24"); // a Tuesday
    expect(slots.map((s) => clock(PARIS, s.start))).toEqual(["10:00", "10:30", "11:00", "11:30", "14:00", "14:30", "15:00", "15:30"]);
    expect(slots[3]!.maxEnd).toBe(local(PARIS, "2026-11-24T12:00"));
    expect(reason(a, local(PARIS, "2026-11-24T11:30"), local(PARIS, "2026-11-24T14:30"))).toBe("length");
    expect(reason(a, local(PARIS, "2026-11-24T11:00"), local(PARIS, "2026-11-24T13:00"))).toBe("hours");
    expect(reason(a, local(PARIS, "2026-11-24T09:00"), local(PARIS, "2026-11-24T10:00"))).toBe("hours");
    expect(day(a, "2026-11-25")).toEqual([]); // Wednesday: the resource is not offered
  });

  it("missing, unparseable or uncertain hours give nothing", () => {
    for (const placeHours of [null, "", "n'importe quoi", '"sur rendez-vous"', 'Mo-Fr 09:00-12:00 "sur rendez-vous"', "Mo-Fr 09:00-12:00 unknown"]) {
      expect(day(input({ placeHours }), "2026-11-24")).toEqual([]);
    }
  });
});

describe("lead time, horizon, lengths and grid", () => {
  it("lead time across midnight: at 23:30 with a 60 min lead, the first start is 00:30", () => {
    const now = local(PARIS, "2026-11-24T23:30");
    const a = input({ now, rules: { minLeadMinutes: 60 } });
    const days = freeDays(a, "2026-11-24", 2);
    expect(days[0]).toEqual({ date: "2026-11-24", first: null, count: 0 });
    expect(days[1]!.first!.start).toBe(local(PARIS, "2026-11-25T00:30"));
    expect(days[1]!.count).toBe(47);
    expect(reason(a, local(PARIS, "2026-11-24T23:00"), local(PARIS, "2026-11-24T23:30"))).toBe("past");
    expect(reason(a, local(PARIS, "2026-11-25T00:00"), local(PARIS, "2026-11-25T00:30"))).toBe("lead-time");
    expect(reason(a, local(PARIS, "2026-11-25T00:30"), local(PARIS, "2026-11-25T01:00"))).toBe("ok");
    expect(nextFreeSlot(a, now, 1)!.start).toBe(local(PARIS, "2026-11-25T00:30"));
    // A lead that does not fall on the grid: the next grid position.
    const b = input({ now: local(PARIS, "2026-11-24T10:07"), rules: { minLeadMinutes: 0 } });
    expect(nextFreeSlot(b, b.now, 1)!.start).toBe(local(PARIS, "2026-11-24T10:30"));
  });

  it("maxLead: a start at the limit is allowed, after it too far; windows stop there", () => {
    const now = local(PARIS, "2026-11-12T10:00"); // no holiday in the next 16 days
    const a = input({ now, rules: { maxLeadDays: 14 } });
    const limit = now + 14 * DAY;
    expect(reason(a, limit, limit + 30 * MIN)).toBe("ok");
    expect(reason(a, limit + 30 * MIN, limit + 60 * MIN)).toBe("too-far");
    const slots = freeSlots(a, now, now + 30 * DAY);
    expect(slots.at(-1)!.start).toBe(limit);
    expect(slots.at(-1)!.maxEnd).toBe(limit + 2 * HOUR);
    expect(bookableIntervals(a, now, now + 30 * DAY)).toEqual([{ start: now, end: limit + 2 * HOUR }]);
  });

  it("lengths: the minimum, then steps of the grid, up to the maximum; fixed slots when min = max", () => {
    const a = input({ rules: { minMinutes: 60, maxMinutes: 120, gridMinutes: 30 } });
    const start = local(PARIS, "2026-11-24T10:00");
    expect([30, 60, 75, 90, 120, 150].map((m) => reason(a, start, start + m * MIN))).toEqual(["length", "ok", "length", "ok", "ok", "length"]);
    const fixed = input({ rules: { minMinutes: 45, maxMinutes: 45, gridMinutes: 15 } });
    expect([45, 60].map((m) => reason(fixed, start, start + m * MIN))).toEqual(["ok", "length"]);
    expect(day(fixed, "2026-11-24")[0]).toEqual({ start: local(PARIS, "2026-11-24T00:00"), end: local(PARIS, "2026-11-24T00:45"), maxEnd: local(PARIS, "2026-11-24T00:45") });
    expect(reason(a, start + 15 * MIN, start + 75 * MIN)).toBe("grid");
    expect(reason(a, start + 1000, start + 1000 + HOUR)).toBe("grid");
  });

  it("a grid that does not divide the day starts again at each midnight", () => {
    const a = input({ rules: { minMinutes: 35, maxMinutes: 35, gridMinutes: 35 } });
    const slots = day(a, "2026-11-24");
    expect(slots.length).toBe(Math.ceil(1440 / 35)); // 0:00, 0:35 … 23:55; the last ends after midnight
    expect(clock(PARIS, slots.at(-1)!.start)).toBe("23:55"); // minute 1435 = 41 × 35
    expect(clock(PARIS, day(a, "2026-11-25")[0]!.start)).toBe("00:00");
  });
});

describe("bookings and buffers", () => {
  const hours = "Mo-Fr 09:00-17:00";
  const d = "2026-11-24";

  it("busy bookings (any order) are taken; maxEnd stops at the next one", () => {
    const busy = [
      { start: local(PARIS, `${d}T14:00`), end: local(PARIS, `${d}T15:00`) },
      { start: local(PARIS, `${d}T10:00`), end: local(PARIS, `${d}T11:30`) },
    ];
    const a = input({ placeHours: hours, busy });
    const slots = day(a, d);
    expect(slots.map((s) => clock(PARIS, s.start))).toEqual(["09:00", "09:30", "11:30", "12:00", "12:30", "13:00", "13:30", "15:00", "15:30", "16:00", "16:30"]);
    expect(slots[0]!.maxEnd).toBe(local(PARIS, `${d}T10:00`));
    expect(slots[2]!.maxEnd).toBe(local(PARIS, `${d}T13:30`));
    expect(reason(a, local(PARIS, `${d}T09:30`), local(PARIS, `${d}T10:30`))).toBe("taken");
    expect(reason(a, local(PARIS, `${d}T13:30`), local(PARIS, `${d}T14:00`))).toBe("ok");
  });

  it("the buffer widens each booking on both sides", () => {
    const busy = [{ start: local(PARIS, `${d}T10:00`), end: local(PARIS, `${d}T11:00`) }];
    const a = input({ placeHours: hours, busy, rules: { gridMinutes: 15, bufferMinutes: 15 } });
    const clocks = day(a, d).map((s) => clock(PARIS, s.start));
    expect(clocks.slice(0, 5)).toEqual(["09:00", "09:15", "11:15", "11:30", "11:45"]);
    expect(reason(a, local(PARIS, `${d}T09:30`), local(PARIS, `${d}T10:00`))).toBe("taken");
    expect(reason(a, local(PARIS, `${d}T11:00`), local(PARIS, `${d}T11:30`))).toBe("taken");
    expect(reason(a, local(PARIS, `${d}T11:15`), local(PARIS, `${d}T11:45`))).toBe("ok");
    expect(bookableIntervals(a, local(PARIS, `${d}T00:00`), local(PARIS, `${d}T23:00`))).toEqual([
      { start: local(PARIS, `${d}T09:00`), end: local(PARIS, `${d}T09:45`) },
      { start: local(PARIS, `${d}T11:15`), end: local(PARIS, `${d}T17:00`) },
    ]);
  });
});

describe("overseas zones, their own clocks and holidays", () => {
  it("La Réunion: 20 December is a holiday there, not in Paris", () => {
    const reunion = input({ timeZone: "Indian/Reunion" });
    expect(freeDays(reunion, "2026-12-19", 3).map((x) => x.count)).toEqual([48, 0, 48]);
    expect(freeDays(input(), "2026-12-19", 3).map((x) => x.count)).toEqual([48, 48, 48]);
    expect(freeDays(reunion, "2026-12-21", 1)[0]!.first!.start).toBe(at("2026-12-20T20:00:00Z")); // UTC+4
  });

  it("Guyane (10 June) and Nouvelle-Calédonie (24 September)", () => {
    const cayenne = input({ timeZone: "America/Cayenne", placeHours: "Mo-Fr 08:00-12:00" });
    expect(freeDays(cayenne, "2026-06-09", 3).map((x) => x.count)).toEqual([8, 0, 8]);
    expect(freeDays(cayenne, "2026-06-09", 1)[0]!.first!.start).toBe(at("2026-06-09T11:00:00Z")); // UTC−3
    const noumea = input({ timeZone: "Pacific/Noumea", placeHours: "Mo-Fr 08:00-12:00" });
    expect(freeDays(noumea, "2026-09-23", 3).map((x) => x.count)).toEqual([8, 0, 8]);
    expect(freeDays(noumea, "2026-09-23", 1)[0]!.first!.start).toBe(at("2026-09-22T21:00:00Z")); // UTC+11
    expect(reason(noumea, at("2026-09-23T21:00:00Z"), at("2026-09-23T22:00:00Z"))).toBe("holiday");
    // The same instant is Thursday morning in Nouméa, Wednesday evening in Paris.
    expect(reason(input({ placeHours: "Mo-Fr 08:00-12:00" }), at("2026-09-23T21:00:00Z"), at("2026-09-23T22:00:00Z"))).toBe("hours");
  });
});

describe("freeDays over 14 days and consistency with checkBookable", () => {
  const a = input({
    placeHours: "Mo-Fr 09:00-12:00,14:00-17:30; Sa 10:00-12:00; PH off",
    now: local(PARIS, "2026-10-20T09:10"),
    rules: { minMinutes: 60, maxMinutes: 90, gridMinutes: 30, minLeadMinutes: 60, maxLeadDays: 14, bufferMinutes: 10 },
    closures: [{ startsOn: "2026-10-28", endsOn: "2026-10-28" }],
    busy: [
      { start: local(PARIS, "2026-10-21T10:00"), end: local(PARIS, "2026-10-21T11:00") },
      { start: local(PARIS, "2026-10-26T15:00"), end: local(PARIS, "2026-10-26T16:30") },
    ],
  });

  it("each day's first start and count", () => {
    const days = freeDays(a, "2026-10-20", 16);
    expect(days.map((x) => [x.date.slice(5), x.count, x.first ? clock(PARIS, x.first.start) : null])).toEqual([
      ["10-20", 8, "10:30"], // lead: 10:10 → 10:30; mornings 5 starts (09:00 … 11:00), afternoons 6 (14:00 … 16:30)
      ["10-21", 6, "14:00"], // 10:00–11:00 taken ±10 min: 50 minutes left on each side, less than an hour
      ["10-22", 11, "09:00"],
      ["10-23", 11, "09:00"],
      ["10-24", 3, "10:00"], // Saturday
      ["10-25", 0, null], // Sunday (25 hours)
      ["10-26", 5, "09:00"], // 15:00–16:30 taken ±10 min: nothing left in the afternoon
      ["10-27", 11, "09:00"],
      ["10-28", 0, null], // closure
      ["10-29", 11, "09:00"],
      ["10-30", 11, "09:00"],
      ["10-31", 3, "10:00"],
      ["11-01", 0, null], // Toussaint, a Sunday anyway
      ["11-02", 11, "09:00"],
      ["11-03", 0, null], // the horizon, 14 × 24 h after 09:10 CEST, is 08:10 CET: no start that day
      ["11-04", 0, null],
    ]);
  });

  it("every free slot passes checkBookable with its shortest and longest end; other grid starts are refused", () => {
    const from = dayBounds(PARIS, "2026-10-20").start;
    const to = dayBounds(PARIS, "2026-11-04").end;
    const slots = freeSlots(a, from, to);
    const free = new Set(slots.map((s) => s.start));
    for (const s of slots) {
      expect(reason(a, s.start, s.end)).toBe("ok");
      expect(reason(a, s.start, s.maxEnd)).toBe("ok");
      if (s.maxEnd < s.start + 90 * MIN) expect(reason(a, s.start, s.maxEnd + 30 * MIN)).not.toBe("ok");
    }
    for (let t = from; t < to; t += 30 * MIN) {
      if (!free.has(t)) expect(reason(a, t, t + HOUR)).not.toBe("ok");
    }
  });

  it("windows agree with the slots", () => {
    const windows = bookableIntervals(a, a.now, a.now + 20 * DAY);
    for (const s of freeSlots(a, a.now, a.now + 20 * DAY)) {
      expect(windows.some((w) => w.start <= s.start && s.maxEnd <= w.end)).toBe(true);
    }
  });
});

describe("speed", () => {
  // 14 days × 10 resources (freeDays; 4 distinct hours values, 20 bookings each), warm caches,
  // on the shared 2-core machine: 0.5–0.7 ms in all with tsx (≈0.06 ms per resource), 2–3 ms
  // under vitest (7–10 ms at a load average of 5); the first call for a new hours value parses it (≈5–10 ms, once per process),
  // a non-weekly value then costs ≈0.3 ms a fortnight the first time (the library, day by day).
  // Not asserted: a busy machine is slower.
  it("14 days for 10 resources", () => {
    const resources = Array.from({ length: 10 }, (_, i) =>
      input({
        placeHours: "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00; PH off",
        now: local(PARIS, "2026-03-20T08:00"),
        rules: { hours: i % 3 === 0 ? null : `Mo-Sa 0${8 + (i % 2)}:00-1${6 + (i % 3)}:00`, minMinutes: 30 + 30 * (i % 2), maxMinutes: 120, gridMinutes: 15 * (1 + (i % 2)), maxLeadDays: 14, minLeadMinutes: 60 },
        busy: Array.from({ length: 20 }, (_, k) => ({ start: local(PARIS, `${addDays("2026-03-21", k % 14)}T${10 + (k % 5)}:00`), end: local(PARIS, `${addDays("2026-03-21", k % 14)}T${10 + (k % 5)}:30`) })),
      }),
    );
    const run = () => resources.map((r) => freeDays(r, "2026-03-20", 14));
    run();
    const t0 = performance.now();
    const runs = 20;
    for (let i = 0; i < runs; i++) run();
    const perCall = (performance.now() - t0) / runs;
    console.log(`availability: 14 days × 10 resources in ${perCall.toFixed(2)} ms`);
    expect(run().every((days) => days.length === 14)).toBe(true);
  });

  it("uses the resource's own hours alone when the place publishes none", () => {
    const tz = "Europe/Paris";
    const from = Date.parse("2026-12-07T00:00:00+01:00");
    const to = Date.parse("2026-12-08T00:00:00+01:00");
    const rules = { minMinutes: 60, maxMinutes: 60, gridMinutes: 60, minLeadMinutes: 0, maxLeadDays: 30, bufferMinutes: 0, hours: "Mo 10:00-12:00" };
    const base = { timeZone: tz, closures: [], busy: [], now: from - 86_400_000 };
    expect(freeSlots({ ...base, placeHours: null, rules }, from, to).map((s) => new Date(s.start).toISOString())).toEqual(["2026-12-07T09:00:00.000Z", "2026-12-07T10:00:00.000Z"]);
    expect(freeSlots({ ...base, placeHours: null, rules: { ...rules, hours: null } }, from, to)).toEqual([]);
    expect(freeSlots({ ...base, placeHours: "Mo 11:00-18:00", rules }, from, to).map((s) => new Date(s.start).toISOString())).toEqual(["2026-12-07T10:00:00.000Z"]);
  });
});
