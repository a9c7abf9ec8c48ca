import { describe, expect, it } from "vitest";
import { toInstant } from "~/features/time/zone";
import { formatSpan } from "~/features/time/format";
import { capitalize } from "~/lib/text";

const sessionWhen = (a: number, b: number, timeZone: string, now: number) => formatSpan(a, b, { timeZone, now });

const at = (timeZone: string, y: number, mo: number, d: number, h: number, mi = 0) => toInstant(timeZone, { year: y, month: mo, day: d, hour: h, minute: mi, second: 0 });
const now = Date.UTC(2026, 0, 1, 12);

describe("formatSpan: when a session is, in words", () => {
  it("writes the day and the hours in the place's time zone", () => {
    const paris = "Europe/Paris";
    expect(sessionWhen(at(paris, 2026, 1, 5, 9), at(paris, 2026, 1, 5, 12), paris, now)).toBe("lundi 5 janvier, de 9 h à 12 h");
    expect(capitalize(sessionWhen(at(paris, 2026, 1, 5, 9), at(paris, 2026, 1, 5, 12), paris, now))).toBe("Lundi 5 janvier, de 9 h à 12 h");
    // The same instants read in Réunion (UTC+4, no summer time): three hours later.
    expect(sessionWhen(at(paris, 2026, 1, 5, 9), at(paris, 2026, 1, 5, 12), "Indian/Reunion", now)).toBe("lundi 5 janvier, de 12 h à 15 h");
    // Cayenne (UTC−3): the instant 14 h 30 in Cayenne.
    const cayenne = "America/Cayenne";
    expect(sessionWhen(at(cayenne, 2026, 3, 3, 14, 30), at(cayenne, 2026, 3, 3, 16), cayenne, now)).toBe("mardi 3 mars, de 14 h 30 à 16 h");
  });

  it("follows the clock across a daylight-saving change", () => {
    const paris = "Europe/Paris";
    // Sunday 29 March 2026: clocks go from 2 h to 3 h; a session 1 h – 4 h lasts two hours.
    const start = at(paris, 2026, 3, 29, 1);
    const end = at(paris, 2026, 3, 29, 4);
    expect(end - start).toBe(2 * 3600_000);
    expect(sessionWhen(start, end, paris, now)).toBe("dimanche 29 mars, de 1 h à 4 h");
  });

  it("says midnight, another day, and the year when it is not this one", () => {
    const paris = "Europe/Paris";
    expect(sessionWhen(at(paris, 2026, 1, 9, 22), at(paris, 2026, 1, 10, 0), paris, now)).toBe("vendredi 9 janvier, de 22 h à minuit");
    expect(sessionWhen(at(paris, 2026, 1, 9, 22), at(paris, 2026, 1, 10, 2), paris, now)).toBe("du vendredi 9 janvier à 22 h au samedi 10 janvier à 2 h");
    expect(sessionWhen(at(paris, 2027, 1, 4, 9), at(paris, 2027, 1, 4, 12), paris, now)).toBe("lundi 4 janvier 2027, de 9 h à 12 h");
  });
});
