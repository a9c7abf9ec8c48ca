import { describe, expect, it } from "vitest";
import { FRANCE_TIME_ZONE, isTimeZone, nextTransition, offsetAt, startOfDay, toInstant, toWallTime, toZonedIso, type WallTime } from "~/features/time/zone";

// Run under TZ=UTC (vitest.config.ts): every zone below is named explicitly.
const PARIS = "Europe/Paris";
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const wall = (date: string, hour = 0, minute = 0, second = 0): WallTime => {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return { year, month, day, hour, minute, second };
};
/** "2026-03-29 03:00:00 (7)": the wall time and its ISO weekday, easy to read in a failure. */
const shown = (zone: string, instant: string) => {
  const w = toWallTime(zone, at(instant));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)} (${w.weekday})`;
};

describe("toWallTime", () => {
  it("reads the clock of Paris in winter (UTC+1) and summer (UTC+2), whatever the process zone", () => {
    expect(FRANCE_TIME_ZONE).toBe(PARIS);
    expect(shown(PARIS, "2026-11-24T10:00:00Z")).toBe("2026-11-24 11:00:00 (2)");
    expect(shown(PARIS, "2026-07-14T10:00:00Z")).toBe("2026-07-14 12:00:00 (2)");
    expect(toWallTime(PARIS, new Date("2026-07-14T10:00:00Z"))).toEqual(toWallTime(PARIS, at("2026-07-14T10:00:00Z")));
  });

  it("the overseas zones at one instant (Tuesday 24 November 2026, 13:00 UTC)", () => {
    const instant = "2026-11-24T13:00:00Z";
    expect(shown("America/Cayenne", instant)).toBe("2026-11-24 10:00:00 (2)"); // UTC−3
    expect(shown("America/Martinique", instant)).toBe("2026-11-24 09:00:00 (2)"); // UTC−4
    expect(shown("Indian/Reunion", instant)).toBe("2026-11-24 17:00:00 (2)"); // UTC+4
    expect(shown("Indian/Mayotte", instant)).toBe("2026-11-24 16:00:00 (2)"); // UTC+3
    expect(shown("Pacific/Noumea", instant)).toBe("2026-11-25 00:00:00 (3)"); // UTC+11: already Wednesday
    expect(shown("Pacific/Tahiti", instant)).toBe("2026-11-24 03:00:00 (2)"); // UTC−10
    expect(shown("Pacific/Tahiti", "2026-11-24T09:59:59Z")).toBe("2026-11-23 23:59:59 (1)"); // still Monday
  });

  it("midnight, to the second and to the millisecond", () => {
    expect(shown(PARIS, "2026-11-24T22:59:59.999Z")).toBe("2026-11-24 23:59:59 (2)");
    expect(shown(PARIS, "2026-11-24T23:00:00Z")).toBe("2026-11-25 00:00:00 (3)");
    expect(shown(PARIS, "2026-12-31T23:00:00Z")).toBe("2027-01-01 00:00:00 (5)");
    expect(shown(PARIS, "2026-03-01T23:00:00Z")).toBe("2026-03-02 00:00:00 (1)");
    expect(shown(PARIS, "2026-11-29T23:00:00Z")).toBe("2026-11-30 00:00:00 (1)"); // Sunday → Monday
  });

  it("the spring-forward night, 2026-03-29: 01:59:59 CET, then 03:00:00 CEST", () => {
    expect(shown(PARIS, "2026-03-29T00:59:59Z")).toBe("2026-03-29 01:59:59 (7)");
    expect(shown(PARIS, "2026-03-29T01:00:00Z")).toBe("2026-03-29 03:00:00 (7)");
    expect(offsetAt(PARIS, at("2026-03-29T00:59:59Z"))).toBe(HOUR);
    expect(offsetAt(PARIS, at("2026-03-29T01:00:00Z"))).toBe(2 * HOUR);
  });

  it("the fall-back night, 2026-10-25: 02:30 is shown twice", () => {
    expect(shown(PARIS, "2026-10-25T00:30:00Z")).toBe("2026-10-25 02:30:00 (7)");
    expect(shown(PARIS, "2026-10-25T00:59:59Z")).toBe("2026-10-25 02:59:59 (7)");
    expect(shown(PARIS, "2026-10-25T01:00:00Z")).toBe("2026-10-25 02:00:00 (7)");
    expect(shown(PARIS, "2026-10-25T01:30:00Z")).toBe("2026-10-25 02:30:00 (7)");
    expect(offsetAt(PARIS, at("2026-10-25T00:59:59Z"))).toBe(2 * HOUR);
    expect(offsetAt(PARIS, at("2026-10-25T01:00:00Z"))).toBe(HOUR);
  });

  it("unknown zones and invalid instants are errors; isTimeZone says which zones are known", () => {
    expect(isTimeZone(PARIS)).toBe(true);
    expect(isTimeZone("Pacific/Noumea")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(() => toWallTime("Mars/Olympus_Mons", 0)).toThrow(RangeError);
    expect(() => toWallTime(PARIS, new Date("not a date"))).toThrow(RangeError);
  });
});

describe("toInstant: the first instant the clock shows that time or later", () => {
  it("an ordinary time, in Paris and overseas", () => {
    expect(iso(toInstant(PARIS, wall("2026-11-24", 11)))).toBe("2026-11-24T10:00:00.000Z");
    expect(iso(toInstant(PARIS, wall("2026-07-14", 12)))).toBe("2026-07-14T10:00:00.000Z");
    expect(iso(toInstant("Pacific/Noumea", wall("2026-11-25")))).toBe("2026-11-24T13:00:00.000Z");
    expect(iso(toInstant("America/Cayenne", wall("2026-11-24", 10)))).toBe("2026-11-24T13:00:00.000Z");
    expect(iso(toInstant("Pacific/Tahiti", wall("2026-11-23", 23, 59, 59)))).toBe("2026-11-24T09:59:59.000Z");
  });

  it("in the spring gap (02:00–03:00 does not exist on 2026-03-29): the jump, 03:00 CEST", () => {
    expect(iso(toInstant(PARIS, wall("2026-03-29", 1, 59, 59)))).toBe("2026-03-29T00:59:59.000Z");
    for (const [hour, minute] of [[2, 0], [2, 30], [2, 59]] as const) {
      expect(iso(toInstant(PARIS, wall("2026-03-29", hour, minute))), `${hour}:${minute}`).toBe("2026-03-29T01:00:00.000Z");
    }
    expect(iso(toInstant(PARIS, wall("2026-03-29", 3)))).toBe("2026-03-29T01:00:00.000Z");
    expect(iso(toInstant(PARIS, wall("2026-03-29", 3, 30)))).toBe("2026-03-29T01:30:00.000Z");
  });

  it("in the repeated autumn hour (02:00–03:00 twice on 2026-10-25): the first pass, in summer time", () => {
    expect(iso(toInstant(PARIS, wall("2026-10-25", 1, 59)))).toBe("2026-10-24T23:59:00.000Z");
    expect(iso(toInstant(PARIS, wall("2026-10-25", 2)))).toBe("2026-10-25T00:00:00.000Z");
    expect(iso(toInstant(PARIS, wall("2026-10-25", 2, 30)))).toBe("2026-10-25T00:30:00.000Z");
    expect(iso(toInstant(PARIS, wall("2026-10-25", 3)))).toBe("2026-10-25T02:00:00.000Z");
  });

  it("round trip every 15 minutes around both changes and in the overseas zones", () => {
    const zones = [PARIS, "America/Cayenne", "Indian/Reunion", "Pacific/Noumea", "America/Martinique", "Indian/Mayotte", "Pacific/Tahiti"];
    for (const zone of zones) {
      for (const day of ["2026-03-28T00:00:00Z", "2026-10-24T00:00:00Z", "2026-12-31T00:00:00Z"]) {
        for (let t = at(day); t < at(day) + 3 * 24 * HOUR; t += 15 * 60_000) {
          const back = toInstant(zone, toWallTime(zone, t));
          // Only the second pass of Paris's repeated hour comes back one hour earlier (its first pass).
          const secondPass = zone === PARIS && t >= at("2026-10-25T01:00:00Z") && t < at("2026-10-25T02:00:00Z");
          expect(back, `${zone} ${iso(t)}`).toBe(secondPass ? t - HOUR : t);
        }
      }
    }
  });
});

describe("startOfDay", () => {
  it("is local midnight, also on the nights the clock changes", () => {
    expect(iso(startOfDay(PARIS, "2026-11-24"))).toBe("2026-11-23T23:00:00.000Z");
    expect(iso(startOfDay(PARIS, "2026-03-29"))).toBe("2026-03-28T23:00:00.000Z"); // a 23-hour day
    expect(iso(startOfDay(PARIS, "2026-03-30"))).toBe("2026-03-29T22:00:00.000Z");
    expect(iso(startOfDay(PARIS, "2026-10-25"))).toBe("2026-10-24T22:00:00.000Z"); // a 25-hour day
    expect(iso(startOfDay(PARIS, "2026-10-26"))).toBe("2026-10-25T23:00:00.000Z");
    expect(iso(startOfDay("Pacific/Noumea", "2026-11-25"))).toBe("2026-11-24T13:00:00.000Z");
    expect(iso(startOfDay("Pacific/Tahiti", "2026-11-24"))).toBe("2026-11-24T10:00:00.000Z");
  });

  it("is the jump when midnight itself is skipped (Santiago, 2026-09-06: 00:00 → 01:00)", () => {
    expect(iso(startOfDay("America/Santiago", "2026-09-06"))).toBe("2026-09-06T04:00:00.000Z");
    expect(() => startOfDay(PARIS, "2026-02-30")).toThrow(RangeError);
  });
});

describe("nextTransition", () => {
  it("finds Paris's two changes of 2026 to the second, and none in zones without summer time", () => {
    const spring = nextTransition(PARIS, at("2026-01-01T00:00:00Z"), at("2026-12-31T00:00:00Z"))!;
    expect(iso(spring)).toBe("2026-03-29T01:00:00.000Z");
    expect(iso(nextTransition(PARIS, spring, at("2026-12-31T00:00:00Z"))!)).toBe("2026-10-25T01:00:00.000Z");
    expect(nextTransition(PARIS, at("2026-04-01T00:00:00Z"), at("2026-10-25T00:59:59Z"))).toBeUndefined();
    for (const zone of ["America/Cayenne", "Indian/Reunion", "Pacific/Noumea", "America/Martinique", "Indian/Mayotte", "Pacific/Tahiti"]) {
      expect(nextTransition(zone, at("2026-01-01T00:00:00Z"), at("2026-12-31T00:00:00Z")), zone).toBeUndefined();
    }
  });
});

describe("toZonedIso", () => {
  it("writes an instant with the zone's offset, which round-trips to the same instant", () => {
    expect(toZonedIso(PARIS, at("2026-12-10T13:00:00Z"))).toBe("2026-12-10T14:00:00+01:00");
    expect(toZonedIso(PARIS, at("2026-07-14T08:30:00Z"))).toBe("2026-07-14T10:30:00+02:00");
    expect(toZonedIso("America/Cayenne", at("2026-12-10T13:00:00Z"))).toBe("2026-12-10T10:00:00-03:00");
    expect(toZonedIso("Pacific/Noumea", at("2026-12-10T13:00:00Z"))).toBe("2026-12-11T00:00:00+11:00");
    expect(toZonedIso("Pacific/Marquesas", at("2026-12-10T13:00:00Z"))).toBe("2026-12-10T03:30:00-09:30");
    expect(toZonedIso("UTC", at("2026-12-10T13:00:00Z"))).toBe("2026-12-10T13:00:00+00:00");
    for (const s of ["2026-12-10T13:00:00Z", "2026-03-29T00:59:59Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z"]) {
      expect(Date.parse(toZonedIso(PARIS, at(s)))).toBe(at(s));
    }
  });

  it("follows a change of offset: Paris's spring and autumn nights of 2026", () => {
    // Spring: 01:59:59 CET, then 03:00:00 CEST.
    expect(toZonedIso(PARIS, at("2026-03-29T00:59:59Z"))).toBe("2026-03-29T01:59:59+01:00");
    expect(toZonedIso(PARIS, at("2026-03-29T01:00:00Z"))).toBe("2026-03-29T03:00:00+02:00");
    // Autumn: 02:30 twice, told apart by the offset.
    expect(toZonedIso(PARIS, at("2026-10-25T00:30:00Z"))).toBe("2026-10-25T02:30:00+02:00");
    expect(toZonedIso(PARIS, at("2026-10-25T01:30:00Z"))).toBe("2026-10-25T02:30:00+01:00");
  });
});
