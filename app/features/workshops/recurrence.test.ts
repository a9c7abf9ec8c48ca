import { describe, expect, it } from "vitest";
import { weekdayOf } from "~/features/time/calendar";
import { toWallTime } from "~/features/time/zone";
import {
  describeSchedule, expandSeries, instantAt, MAX_SESSIONS, recurrenceFromRrule, recurrenceToRrule,
  type Recurrence, type SeriesSchedule, type SeriesWhere,
} from "~/features/workshops/recurrence";

const PARIS: SeriesWhere = { timeZone: "Europe/Paris", schoolZone: "B" };

function schedule(recurrence: Recurrence, more: Partial<SeriesSchedule> = {}): SeriesSchedule {
  return { recurrence, startMinute: 14 * 60, endMinute: 16 * 60, skipSchoolHolidays: false, skipPublicHolidays: true, exceptDates: [], ...more };
}
const days = (s: SeriesSchedule, where: SeriesWhere = PARIS) => expandSeries(s, where).sessions.map((x) => x.date);
const iso = (d: Date) => d.toISOString();

describe("expandSeries — weekly", () => {
  it("« chaque mardi de 14 h à 16 h du 6 janvier au 31 mars 2027, sauf vacances scolaires et jours fériés », zone B: the winter holidays are skipped", () => {
    const s = schedule({ kind: "weekly", from: "2027-01-06", until: "2027-03-31", weekdays: [2], interval: 1 }, { skipSchoolHolidays: true });
    const result = expandSeries(s, PARIS);
    expect(result.sessions.map((x) => x.date)).toEqual([
      "2027-01-12", "2027-01-19", "2027-01-26", "2027-02-02", "2027-02-09", "2027-02-16",
      "2027-03-09", "2027-03-16", "2027-03-23", "2027-03-30",
    ]);
    expect(result.skipped).toEqual([
      { date: "2027-02-23", reason: "school-holiday", name: "Vacances d'hiver" },
      { date: "2027-03-02", reason: "school-holiday", name: "Vacances d'hiver" },
    ]);
    expect(result.capped).toBeUndefined();
    expect(result.schoolHolidaysUnchecked).toBeUndefined();
    // Winter in Paris: UTC+1.
    expect(iso(result.sessions[0]!.startsAt)).toBe("2027-01-12T13:00:00.000Z");
    expect(iso(result.sessions[0]!.endsAt)).toBe("2027-01-12T15:00:00.000Z");
    // Zone A is on holiday from 13 February to 28 February: other Tuesdays go.
    expect(days(s, { timeZone: "Europe/Paris", schoolZone: "A" })).not.toContain("2027-02-16");
    expect(days(s, { timeZone: "Europe/Paris", schoolZone: "A" })).toContain("2027-03-02");
  });

  it("every 2 weeks on Tuesday and Thursday, weeks counted from the first date's week (Monday first)", () => {
    const s = schedule({ kind: "weekly", from: "2027-01-06", count: 5, weekdays: [2, 4], interval: 2 });
    expect(days(s)).toEqual(["2027-01-07", "2027-01-19", "2027-01-21", "2027-02-02", "2027-02-04"]);
  });

  it("every 3 weeks on Tuesday from a Tuesday", () => {
    expect(days(schedule({ kind: "weekly", from: "2026-09-01", until: "2026-10-31", weekdays: [2], interval: 3 }))).toEqual([
      "2026-09-01", "2026-09-22", "2026-10-13",
    ]);
  });

  it("N times counts the sessions held, after the skipped days", () => {
    const s = schedule({ kind: "weekly", from: "2026-04-24", count: 3, weekdays: [5], interval: 1 });
    const result = expandSeries(s, PARIS);
    // 1 May and 8 May are public holidays: three Fridays held, two skipped.
    expect(result.sessions.map((x) => x.date)).toEqual(["2026-04-24", "2026-05-15", "2026-05-22"]);
    expect(result.skipped.map((x) => [x.date, x.name])).toEqual([["2026-05-01", "Fête du travail"], ["2026-05-08", "Fête de la Victoire 1945"]]);
  });

  it("excluded dates are skipped and said so", () => {
    const s = schedule({ kind: "weekly", from: "2026-09-01", until: "2026-09-30", weekdays: [2], interval: 1 }, { exceptDates: ["2026-09-15"] });
    const result = expandSeries(s, PARIS);
    expect(result.sessions.map((x) => x.date)).toEqual(["2026-09-01", "2026-09-08", "2026-09-22", "2026-09-29"]);
    expect(result.skipped).toEqual([{ date: "2026-09-15", reason: "excluded" }]);
  });
});

describe("expandSeries — public holidays", () => {
  it("1 May and 11 November are skipped when asked, kept otherwise", () => {
    const may = schedule({ kind: "weekly", from: "2026-04-27", until: "2026-05-03", weekdays: [5], interval: 1 });
    expect(days(may)).toEqual([]);
    expect(days({ ...may, skipPublicHolidays: false })).toEqual(["2026-05-01"]);
    const armistice = schedule({ kind: "weekly", from: "2026-11-02", until: "2026-11-18", weekdays: [3], interval: 1 });
    const result = expandSeries(armistice, PARIS);
    expect(result.sessions.map((x) => x.date)).toEqual(["2026-11-04", "2026-11-18"]);
    expect(result.skipped).toEqual([{ date: "2026-11-11", reason: "public-holiday", name: "Armistice 1918" }]);
  });

  it("overseas holidays follow the place: 20 December in La Réunion, 10 June in Guyane, not in Paris", () => {
    const reunion = schedule({ kind: "weekly", from: "2027-12-13", until: "2027-12-27", weekdays: [1], interval: 1 });
    expect(days(reunion, { timeZone: "Indian/Reunion", schoolZone: undefined })).toEqual(["2027-12-13", "2027-12-27"]);
    expect(days(reunion)).toEqual(["2027-12-13", "2027-12-20", "2027-12-27"]);
    const guyane = schedule({ kind: "weekly", from: "2027-06-07", until: "2027-06-17", weekdays: [4], interval: 1 });
    expect(days(guyane, { timeZone: "America/Cayenne", schoolZone: undefined })).toEqual(["2027-06-17"]);
  });
});

describe("expandSeries — the place's clock", () => {
  it("a 14 h session stays at 14 h on the Paris clock across the March and October changes", () => {
    const spring = expandSeries(schedule({ kind: "weekly", from: "2026-03-17", until: "2026-04-07", weekdays: [2], interval: 1 }), PARIS);
    expect(spring.sessions.map((x) => iso(x.startsAt))).toEqual([
      "2026-03-17T13:00:00.000Z", "2026-03-24T13:00:00.000Z", "2026-03-31T12:00:00.000Z", "2026-04-07T12:00:00.000Z",
    ]);
    const autumn = expandSeries(schedule({ kind: "weekly", from: "2026-10-20", until: "2026-10-27", weekdays: [2], interval: 1 }), PARIS);
    expect(autumn.sessions.map((x) => iso(x.startsAt))).toEqual(["2026-10-20T12:00:00.000Z", "2026-10-27T13:00:00.000Z"]);
    for (const session of [...spring.sessions, ...autumn.sessions]) {
      expect(toWallTime("Europe/Paris", session.startsAt)).toMatchObject({ hour: 14, minute: 0 });
      expect(toWallTime("Europe/Paris", session.endsAt)).toMatchObject({ hour: 16, minute: 0 });
    }
  });

  it("the night of the change: a session at 2 h 30 on 29 March starts at the jump (3 h), and lasts to 4 h", () => {
    const s = schedule({ kind: "once", date: "2026-03-29" }, { startMinute: 150, endMinute: 240 });
    const [session] = expandSeries(s, PARIS).sessions;
    expect(iso(session!.startsAt)).toBe("2026-03-29T01:00:00.000Z");
    expect(iso(session!.endsAt)).toBe("2026-03-29T02:00:00.000Z");
  });

  it("La Réunion (UTC+4) and Guyane (UTC−3), no daylight saving: 14 h is 10 h and 17 h UTC all year", () => {
    const s = schedule({ kind: "weekly", from: "2027-03-01", until: "2027-11-30", weekdays: [3], interval: 4 }, { skipPublicHolidays: false });
    const reunion = expandSeries(s, { timeZone: "Indian/Reunion", schoolZone: undefined }).sessions;
    const guyane = expandSeries(s, { timeZone: "America/Cayenne", schoolZone: undefined }).sessions;
    expect(reunion.length).toBeGreaterThan(8);
    for (const session of reunion) expect(session.startsAt.getUTCHours()).toBe(10);
    for (const session of guyane) expect(session.startsAt.getUTCHours()).toBe(17);
  });

  it("a session may end at midnight (1440): the next day's 0 h", () => {
    expect(iso(instantAt("Europe/Paris", "2026-12-31", 1440))).toBe("2026-12-31T23:00:00.000Z");
  });
});

describe("expandSeries — monthly", () => {
  it("« chaque 1er lundi du mois »", () => {
    expect(days(schedule({ kind: "monthly", from: "2026-09-01", until: "2026-12-31", nth: 1, weekday: 1, interval: 1 }))).toEqual([
      "2026-09-07", "2026-10-05", "2026-11-02", "2026-12-07",
    ]);
  });

  it("the 5th Monday happens only in the months that have one; the last Friday in every month", () => {
    expect(days(schedule({ kind: "monthly", from: "2026-01-01", until: "2026-12-31", nth: 5, weekday: 1, interval: 1 }))).toEqual([
      "2026-03-30", "2026-06-29", "2026-08-31", "2026-11-30",
    ]);
    const last = days(schedule({ kind: "monthly", from: "2026-01-01", until: "2026-04-30", nth: -1, weekday: 5, interval: 1 }));
    expect(last).toEqual(["2026-01-30", "2026-02-27", "2026-03-27", "2026-04-24"]);
    for (const day of last) expect(weekdayOf(day)).toBe(5);
  });

  it("every 2 months, the 3rd Wednesday", () => {
    expect(days(schedule({ kind: "monthly", from: "2026-09-01", count: 3, nth: 3, weekday: 3, interval: 2 }))).toEqual([
      "2026-09-16", "2026-11-18", "2027-01-20",
    ]);
  });
});

describe("expandSeries — caps and what cannot be checked", () => {
  it(`at most ${MAX_SESSIONS} sessions: every day with no end stops at the 200th and says so`, () => {
    const result = expandSeries(schedule({ kind: "weekly", from: "2026-09-01", weekdays: [1, 2, 3, 4, 5, 6, 7], interval: 1 }, { skipPublicHolidays: false }), PARIS);
    expect(result.sessions).toHaveLength(200);
    expect(result.capped).toBe("sessions");
  });

  it("200 exactly, asked for, is no cap", () => {
    const result = expandSeries(schedule({ kind: "weekly", from: "2026-09-01", count: 200, weekdays: [1, 2, 3, 4, 5, 6, 7], interval: 1 }, { skipPublicHolidays: false }), PARIS);
    expect(result.sessions).toHaveLength(200);
    expect(result.capped).toBeUndefined();
  });

  it("at most 18 months: a monthly series with no end, or an end too far, stops before the first date + 18 months", () => {
    const open = expandSeries(schedule({ kind: "monthly", from: "2026-09-01", nth: 1, weekday: 2, interval: 1 }, { skipPublicHolidays: false }), PARIS);
    expect(open.sessions).toHaveLength(18);
    expect(open.sessions.at(-1)!.date).toBe("2028-02-01");
    expect(open.capped).toBe("months");
    const far = expandSeries(schedule({ kind: "weekly", from: "2026-09-01", until: "2029-01-01", weekdays: [2], interval: 1 }, { skipPublicHolidays: false }), PARIS);
    expect(far.capped).toBe("months");
    expect(far.sessions.at(-1)!.date < "2028-03-01").toBe(true);
    const counted = expandSeries(schedule({ kind: "monthly", from: "2026-09-01", count: 30, nth: 1, weekday: 2, interval: 1 }, { skipPublicHolidays: false }), PARIS);
    expect(counted.sessions).toHaveLength(18);
    expect(counted.capped).toBe("months");
  });

  it("an end just within 18 months is no cap", () => {
    const result = expandSeries(schedule({ kind: "weekly", from: "2026-09-01", until: "2028-02-29", weekdays: [2], interval: 1 }, { skipPublicHolidays: false }), PARIS);
    expect(result.capped).toBeUndefined();
    expect(result.sessions.at(-1)!.date).toBe("2028-02-29");
  });

  it("no school zone (Corsica, overseas): nothing skipped for school holidays, and it says why", () => {
    const s = schedule({ kind: "weekly", from: "2027-02-01", until: "2027-03-10", weekdays: [2], interval: 1 }, { skipSchoolHolidays: true });
    const result = expandSeries(s, { timeZone: "Indian/Reunion", schoolZone: undefined });
    expect(result.sessions).toHaveLength(6);
    expect(result.schoolHolidaysUnchecked).toEqual({ reason: "no-zone" });
  });

  it("past the school calendar we know: kept, and the first unchecked day is given", () => {
    const s = schedule({ kind: "weekly", from: "2027-06-01", until: "2027-09-30", weekdays: [2], interval: 1 }, { skipSchoolHolidays: true });
    const result = expandSeries(s, PARIS);
    expect(result.sessions.map((x) => x.date)).toContain("2027-09-07");
    expect(result.sessions.map((x) => x.date)).not.toContain("2027-07-06");
    expect(result.schoolHolidaysUnchecked).toEqual({ reason: "beyond-calendar", from: "2027-09-07" });
  });

  it("one date is one session; a holiday or an excluded day is skipped even then", () => {
    expect(days(schedule({ kind: "once", date: "2026-12-08" }))).toEqual(["2026-12-08"]);
    expect(days(schedule({ kind: "once", date: "2026-12-25" }))).toEqual([]);
  });
});

describe("stored RRULE", () => {
  const cases: Recurrence[] = [
    { kind: "weekly", from: "2027-01-06", until: "2027-03-31", weekdays: [2], interval: 1 },
    { kind: "weekly", from: "2027-01-06", count: 10, weekdays: [2, 4], interval: 2 },
    { kind: "monthly", from: "2026-09-01", until: "2027-06-30", nth: 1, weekday: 1, interval: 1 },
    { kind: "monthly", from: "2026-09-01", count: 6, nth: -1, weekday: 5, interval: 2 },
  ];
  it("writes floating dates and reads back the same recurrence", () => {
    expect(recurrenceToRrule(cases[0]!)).toBe("DTSTART:20270106T000000\nRRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;WKST=MO;UNTIL=20270331T000000");
    expect(recurrenceToRrule(cases[2]!)).toBe("DTSTART:20260901T000000\nRRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=1MO;UNTIL=20270630T000000");
    for (const recurrence of cases) expect(recurrenceFromRrule(recurrenceToRrule(recurrence))).toEqual(recurrence);
  });
  it("one date has no RRULE; a rule this module does not write, or garbage, reads as undefined", () => {
    expect(recurrenceToRrule({ kind: "once", date: "2026-12-08" })).toBeNull();
    expect(recurrenceFromRrule(null, "2026-12-08")).toEqual({ kind: "once", date: "2026-12-08" });
    expect(recurrenceFromRrule(null)).toBeUndefined();
    expect(recurrenceFromRrule("DTSTART:20260901T000000\nRRULE:FREQ=DAILY")).toBeUndefined();
    expect(recurrenceFromRrule("n'importe quoi")).toBeUndefined();
  });
});

describe("describeSchedule", () => {
  it("says it as a mediator would", () => {
    expect(describeSchedule(schedule({ kind: "weekly", from: "2027-01-06", until: "2027-03-31", weekdays: [2], interval: 1 }, { skipSchoolHolidays: true }))).toBe(
      "Chaque mardi de 14 h à 16 h, du 6 janvier au 31 mars 2027, sauf vacances scolaires et jours fériés",
    );
    expect(describeSchedule(schedule({ kind: "weekly", from: "2026-12-01", until: "2027-03-31", weekdays: [2, 4], interval: 1 }, { skipPublicHolidays: false }))).toBe(
      "Chaque mardi et jeudi de 14 h à 16 h, du 1er décembre 2026 au 31 mars 2027",
    );
    expect(describeSchedule(schedule({ kind: "weekly", from: "2027-01-06", count: 10, weekdays: [2], interval: 2 }, { exceptDates: ["2027-02-02"] }))).toBe(
      "Un mardi sur deux de 14 h à 16 h, à partir du 6 janvier 2027, 10 séances, sauf jours fériés et le 2 février 2027",
    );
    expect(describeSchedule(schedule({ kind: "weekly", from: "2027-01-06", count: 4, weekdays: [2, 4], interval: 2 }, { skipPublicHolidays: false }))).toBe(
      "Une semaine sur deux, le mardi et le jeudi de 14 h à 16 h, à partir du 6 janvier 2027, 4 séances",
    );
    expect(describeSchedule(schedule({ kind: "monthly", from: "2026-09-01", until: "2027-06-30", nth: 1, weekday: 1, interval: 1 }, { startMinute: 540, endMinute: 720 }))).toBe(
      "Chaque 1er lundi du mois de 9 h à 12 h, du 1er septembre 2026 au 30 juin 2027, sauf jours fériés",
    );
    expect(describeSchedule(schedule({ kind: "monthly", from: "2026-09-01", count: 5, nth: -1, weekday: 5, interval: 2 }, { skipPublicHolidays: false }))).toBe(
      "Le dernier vendredi du mois, un mois sur deux de 14 h à 16 h, à partir du 1er septembre 2026, 5 séances",
    );
    expect(describeSchedule(schedule({ kind: "once", date: "2027-01-06" }, { startMinute: 570, endMinute: 1440 }))).toBe("Le mercredi 6 janvier 2027 de 9 h 30 à minuit");
  });
});

describe("describeSchedule — within one month", () => {
  it("writes the month once", () => {
    expect(describeSchedule(schedule({ kind: "weekly", from: "2027-01-06", until: "2027-01-31", weekdays: [2], interval: 1 }, { skipPublicHolidays: false }))).toBe(
      "Chaque mardi de 14 h à 16 h, du 6 au 31 janvier 2027",
    );
  });
});
