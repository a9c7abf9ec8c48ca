import { describe, expect, it } from "vitest";
import { publicHolidayOn, locationForTimeZone } from "~/features/hours/holidays";
import { isOpenAt, isOpenOnDay, openIntervals, openStatus, weekMinuteAt, weekTable, type OpenStatus } from "~/features/hours/open-now";

const PARIS = "Europe/Paris";
const utc = (iso: string) => new Date(iso);
const LUNCH = "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off";

/** Status with dates as ISO strings, for exact comparisons. */
function status(value: string | null | undefined, zone: string, iso: string) {
  const s: OpenStatus = openStatus(value, zone, utc(iso));
  return JSON.parse(JSON.stringify(s)) as Record<string, string>;
}

describe("openStatus — days and breaks (Europe/Paris, winter: UTC+1)", () => {
  it("lunch break: open at 11:59, closed at 12:30, reopening today", () => {
    // Tuesday 2026-11-24
    expect(status(LUNCH, PARIS, "2026-11-24T10:59:00Z")).toEqual({
      kind: "open", until: "2026-11-24T11:00:00.000Z", label: "Ouvert jusqu'à 12 h, rouvre à 14 h",
    });
    expect(status(LUNCH, PARIS, "2026-11-24T11:30:00Z")).toEqual({
      kind: "closed", nextOpen: "2026-11-24T13:00:00.000Z", label: "Fermé, ouvre aujourd'hui à 14 h",
    });
    expect(status(LUNCH, PARIS, "2026-11-24T14:00:00Z")).toEqual({
      kind: "open", until: "2026-11-24T16:00:00.000Z", label: "Ouvert jusqu'à 17 h",
    });
    expect(status("Mo-Fr 09:00-12:30,14:00-17:30", PARIS, "2026-11-24T09:00:00Z").label).toBe("Ouvert jusqu'à 12 h 30, rouvre à 14 h");
    expect(status(LUNCH, PARIS, "2026-11-24T17:00:00Z")).toEqual({
      kind: "closed", nextOpen: "2026-11-25T08:00:00.000Z", label: "Fermé, ouvre demain à 9 h",
    });
  });

  it("the last minute of the day and 24 h opening", () => {
    expect(status("Mo-Fr 09:00-24:00", PARIS, "2026-11-24T22:59:00Z")).toEqual({
      kind: "open", until: "2026-11-24T23:00:00.000Z", label: "Ouvert jusqu'à minuit",
    });
    expect(isOpenAt("Mo-Fr 09:00-24:00", PARIS, utc("2026-11-24T22:59:59Z"))).toBe(true);
    expect(isOpenAt("Mo-Fr 09:00-24:00", PARIS, utc("2026-11-24T23:00:00Z"))).toBe(false);
    expect(status("Mo-Su 00:00-24:00", PARIS, "2026-11-24T22:59:00Z")).toEqual({ kind: "open", label: "Ouvert 24 h sur 24" });
    expect(status("24/7", "Pacific/Noumea", "2026-03-29T01:30:00Z")).toEqual({ kind: "open", label: "Ouvert 24 h sur 24" });
    // Open all week but not at the weekend: the end is "vendredi minuit".
    expect(status("Mo-Fr 00:00-24:00", PARIS, "2026-11-24T09:00:00Z").label).toBe("Ouvert jusqu'à vendredi minuit");
    // Overnight.
    expect(status("Fr 20:00-02:00", PARIS, "2026-11-27T22:00:00Z").label).toBe("Ouvert jusqu'à demain 2 h");
    expect(status("Fr 20:00-02:00", PARIS, "2026-11-27T23:30:00Z").label).toBe("Ouvert jusqu'à 2 h");
  });

  it("closed all weekend: Friday evening → Monday", () => {
    expect(status(LUNCH.replace("; Sa 09:00-12:00", ""), PARIS, "2026-11-27T17:00:00Z")).toEqual({
      kind: "closed", nextOpen: "2026-11-30T08:00:00.000Z", label: "Fermé, ouvre lundi à 9 h",
    });
    expect(status(LUNCH, PARIS, "2026-11-27T17:00:00Z").label).toBe("Fermé, ouvre demain à 9 h"); // Saturday morning
    expect(status(LUNCH, PARIS, "2026-11-28T12:00:00Z").label).toBe("Fermé, ouvre lundi à 9 h");
  });

  it("far openings are dated, with 1er; nothing within a year is just Fermé", () => {
    expect(status("Mo-Fr 09:00-17:00; 2026 Nov 16-2026 Nov 30 off", PARIS, "2026-11-13T17:00:00Z")).toEqual({
      kind: "closed", nextOpen: "2026-12-01T08:00:00.000Z", label: "Fermé, ouvre le mardi 1er décembre à 9 h",
    });
    expect(status("Mo-Fr 09:00-17:00; 2026 Dec 19-2027 Jan 03 off", PARIS, "2026-12-18T17:00:00Z").label).toBe(
      "Fermé, ouvre le lundi 4 janvier à 9 h",
    );
    expect(status("off", PARIS, "2026-11-24T10:00:00Z")).toEqual({ kind: "closed", label: "Fermé" });
    expect(status("2024 Jan 05 09:00-12:00", PARIS, "2026-11-24T10:00:00Z")).toEqual({ kind: "closed", label: "Fermé" });
  });
});

describe("weekMinuteAt", () => {
  it("counts minutes from Monday 00:00 on the zone's own clock", () => {
    expect(weekMinuteAt(PARIS, utc("2026-11-24T10:00:00Z"))).toBe(1440 + 11 * 60); // Tuesday 11:00
    expect(weekMinuteAt("Pacific/Noumea", utc("2026-11-24T10:00:00Z"))).toBe(1440 + 21 * 60); // Tuesday 21:00
    expect(weekMinuteAt("America/Martinique", utc("2026-11-23T02:30:00Z"))).toBe(6 * 1440 + 22 * 60 + 30); // still Sunday 22:30
    expect(weekMinuteAt(PARIS, utc("2026-03-29T01:30:00Z"))).toBe(6 * 1440 + 3 * 60 + 30); // Sunday 03:30, summer time
    expect(weekMinuteAt("Mars/Olympus_Mons", utc("2026-11-24T10:00:00Z"))).toBeUndefined();
  });
});

describe("statuses remembered between changes", () => {
  it("asking again the same value later gives the answer of that later instant", () => {
    const HOURS = "We-Th 09:00-12:00";
    const WEEK = "{[3420,3600),[4860,5040)}";
    // The same value asked in order, with and without the stored week: each answer is the one of its instant.
    for (const options of [{}, { week: WEEK }]) {
      const at = (iso: string) => openStatus(HOURS, PARIS, utc(iso), options).label;
      expect(at("2026-11-24T20:00:00Z")).toBe("Fermé, ouvre demain à 9 h"); // Tuesday 21:00
      expect(at("2026-11-24T22:59:00Z")).toBe("Fermé, ouvre demain à 9 h");
      expect(at("2026-11-24T23:00:00Z")).toBe("Fermé, ouvre aujourd'hui à 9 h"); // midnight in Paris
      expect(at("2026-11-25T08:00:00Z")).toBe("Ouvert jusqu'à 12 h"); // the opening itself
      expect(at("2026-11-25T10:59:59Z")).toBe("Ouvert jusqu'à 12 h");
      expect(at("2026-11-25T11:00:00Z")).toBe("Fermé, ouvre demain à 9 h");
      expect(at("2026-11-24T20:00:00Z")).toBe("Fermé, ouvre demain à 9 h"); // back in time
    }
  });
});

describe("daylight-saving changes in Europe/Paris", () => {
  const NIGHT = "Mo-Su 01:00-04:00";
  it("spring forward, night of 2026-03-29 (02:00 → 03:00)", () => {
    // 00:30 CET: closed, opens at 01:00 CET = 00:00Z.
    expect(status(NIGHT, PARIS, "2026-03-28T23:30:00Z")).toEqual({
      kind: "closed", nextOpen: "2026-03-29T00:00:00.000Z", label: "Fermé, ouvre aujourd'hui à 1 h",
    });
    // 01:30 CET and 03:30 CEST: open until 04:00 CEST = 02:00Z (only 2 real hours that night).
    for (const iso of ["2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z"]) {
      expect(status(NIGHT, PARIS, iso)).toEqual({ kind: "open", until: "2026-03-29T02:00:00.000Z", label: "Ouvert jusqu'à 4 h" });
    }
    // 04:30 CEST: closed; tomorrow 01:00 CEST = 23:00Z.
    expect(status(NIGHT, PARIS, "2026-03-29T02:30:00Z")).toEqual({
      kind: "closed", nextOpen: "2026-03-29T23:00:00.000Z", label: "Fermé, ouvre demain à 1 h",
    });
    // Opening written inside the gap: it opens when the clock jumps, at 03:00 CEST.
    expect(status("Mo-Su 02:30-05:00", PARIS, "2026-03-29T00:30:00Z")).toEqual({
      kind: "closed", nextOpen: "2026-03-29T01:00:00.000Z", label: "Fermé, ouvre aujourd'hui à 3 h",
    });
    expect(isOpenAt("Mo-Su 02:30-05:00", PARIS, utc("2026-03-29T01:00:00Z"))).toBe(true);
    // Closing written inside the gap: open until the jump, which the clock shows as 3 h.
    expect(status("Mo-Su 01:00-02:30", PARIS, "2026-03-29T00:30:00Z")).toEqual({
      kind: "open", until: "2026-03-29T01:00:00.000Z", label: "Ouvert jusqu'à 3 h",
    });
    // A range entirely inside the gap does not exist that day.
    expect(isOpenOnDay("Su 02:00-02:30", PARIS, "2026-03-29")).toBe(false);
    expect(isOpenOnDay("Su 02:00-02:30", PARIS, "2026-03-22")).toBe(true);
  });

  it("fall back, night of 2026-10-25 (03:00 → 02:00)", () => {
    // 01:30 CEST and 02:30 CET (second pass): open until 04:00 CET = 03:00Z (4 real hours).
    for (const iso of ["2026-10-24T23:30:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z"]) {
      expect(status(NIGHT, PARIS, iso)).toEqual({ kind: "open", until: "2026-10-25T03:00:00.000Z", label: "Ouvert jusqu'à 4 h" });
    }
    // Closing inside the repeated hour: the place follows its clock, so the hour is open twice.
    const SHORT = "Mo-Su 01:00-02:30";
    expect(status(SHORT, PARIS, "2026-10-25T00:15:00Z")).toEqual({
      kind: "open", until: "2026-10-25T00:30:00.000Z", label: "Ouvert jusqu'à 2 h 30, rouvre à 2 h",
    });
    expect(status(SHORT, PARIS, "2026-10-25T00:45:00Z")).toEqual({
      kind: "closed", nextOpen: "2026-10-25T01:00:00.000Z", label: "Fermé, ouvre aujourd'hui à 2 h",
    });
    expect(status(SHORT, PARIS, "2026-10-25T01:15:00Z")).toEqual({
      kind: "open", until: "2026-10-25T01:30:00.000Z", label: "Ouvert jusqu'à 2 h 30",
    });
  });

  it("a Sunday 10:00 check uses the local offset of that very day", () => {
    const SUNDAY = "Su 10:00-12:00";
    // 2026-03-29 is in CEST (UTC+2) from 03:00: 08:30Z = 10:30, 10:30Z = 12:30.
    expect(isOpenAt(SUNDAY, PARIS, utc("2026-03-29T08:30:00Z"))).toBe(true);
    expect(isOpenAt(SUNDAY, PARIS, utc("2026-03-29T10:30:00Z"))).toBe(false);
    expect(status(SUNDAY, PARIS, "2026-03-29T07:30:00Z")).toEqual({
      kind: "closed", nextOpen: "2026-03-29T08:00:00.000Z", label: "Fermé, ouvre aujourd'hui à 10 h",
    });
    // 2026-10-25 is in CET (UTC+1) from 03:00: 08:30Z = 09:30, 09:30Z = 10:30.
    expect(isOpenAt(SUNDAY, PARIS, utc("2026-10-25T08:30:00Z"))).toBe(false);
    expect(isOpenAt(SUNDAY, PARIS, utc("2026-10-25T09:30:00Z"))).toBe(true);
    expect(status(SUNDAY, PARIS, "2026-10-25T08:30:00Z")).toEqual({
      kind: "closed", nextOpen: "2026-10-25T09:00:00.000Z", label: "Fermé, ouvre aujourd'hui à 10 h",
    });
    expect(status(SUNDAY, PARIS, "2026-10-25T09:30:00Z")).toEqual({
      kind: "open", until: "2026-10-25T11:00:00.000Z", label: "Ouvert jusqu'à 12 h",
    });
  });
});

describe("French public holidays", () => {
  const WITH_PH = "Mo-Fr 09:00-17:00; PH off";
  const WITHOUT_PH = "Mo-Fr 09:00-17:00";
  it("PH off closes 14 July, Ascension and Christmas; without it the place is open", () => {
    for (const [day, iso] of [["2026-07-14", "2026-07-14T08:00:00Z"], ["2026-05-14", "2026-05-14T08:00:00Z"], ["2026-12-25", "2026-12-25T09:00:00Z"]] as const) {
      expect(isOpenAt(WITH_PH, PARIS, utc(iso)), day).toBe(false);
      expect(isOpenOnDay(WITH_PH, PARIS, day), day).toBe(false);
      expect(isOpenAt(WITHOUT_PH, PARIS, utc(iso)), day).toBe(true);
      expect(isOpenOnDay(WITHOUT_PH, PARIS, day), day).toBe(true);
    }
    // Monday 13 July 17:30 → the next opening skips the holiday.
    expect(status(WITH_PH, PARIS, "2026-07-13T15:30:00Z")).toEqual({
      kind: "closed", nextOpen: "2026-07-15T07:00:00.000Z", label: "Fermé, ouvre mercredi à 9 h",
    });
    expect(status(WITH_PH, PARIS, "2026-07-14T08:00:00Z").label).toBe("Fermé, ouvre demain à 9 h");
    expect(status(WITHOUT_PH, PARIS, "2026-07-14T08:00:00Z").label).toBe("Ouvert jusqu'à 17 h");
  });

  it("names holidays in French, with overseas ones from the zone", () => {
    expect(publicHolidayOn("2026-12-25")).toBe("Noël");
    expect(publicHolidayOn("2026-05-14")).toBe("Ascension");
    expect(publicHolidayOn("2026-12-24")).toBeUndefined();
    expect(publicHolidayOn("2026-05-22", locationForTimeZone("America/Martinique"))).toBe("Abolition de l’esclavage");
    expect(publicHolidayOn("2026-05-22", locationForTimeZone(PARIS))).toBeUndefined();
    expect(isOpenAt("Mo-Fr 08:00-12:00; PH off", "America/Martinique", utc("2026-05-22T13:00:00Z"))).toBe(false);
    expect(isOpenAt("Mo-Fr 08:00-12:00; PH off", "America/Guadeloupe", utc("2026-05-22T13:00:00Z"))).toBe(true);
    // 20 December (a Monday in 2027) in La Réunion, 27 April in Mayotte.
    expect(isOpenOnDay("Mo-Fr 08:00-12:00; PH off", "Indian/Reunion", "2027-12-20")).toBe(false);
    expect(isOpenOnDay("Mo-Fr 08:00-12:00; PH off", PARIS, "2027-12-20")).toBe(true);
    expect(isOpenOnDay("Mo-Fr 08:00-12:00; PH off", "Indian/Mayotte", "2026-04-27")).toBe(false);
    // An explicit location wins over the zone (Alsace-Moselle shares Europe/Paris).
    const moselle = { ...locationForTimeZone(PARIS), state: "Moselle" };
    expect(isOpenOnDay("Mo-Fr 08:00-12:00; PH off", PARIS, "2026-04-03")).toBe(true);
    expect(isOpenOnDay("Mo-Fr 08:00-12:00; PH off", PARIS, "2026-04-03", { location: moselle })).toBe(false); // Vendredi saint
  });
});

describe("overseas zones: one instant, different answers", () => {
  const HOURS = "Mo-Fr 08:00-12:00";
  const AT = "2026-11-24T13:00:00Z"; // Tuesday
  it("Paris 14:00, Martinique 09:00, Réunion 17:00, Nouméa Wednesday 00:00", () => {
    expect(status(HOURS, PARIS, AT)).toEqual({ kind: "closed", nextOpen: "2026-11-25T07:00:00.000Z", label: "Fermé, ouvre demain à 8 h" });
    expect(status(HOURS, "America/Martinique", AT)).toEqual({ kind: "open", until: "2026-11-24T16:00:00.000Z", label: "Ouvert jusqu'à 12 h" });
    expect(status(HOURS, "Indian/Reunion", AT)).toEqual({ kind: "closed", nextOpen: "2026-11-25T04:00:00.000Z", label: "Fermé, ouvre demain à 8 h" });
    expect(status(HOURS, "Pacific/Noumea", AT)).toEqual({ kind: "closed", nextOpen: "2026-11-24T21:00:00.000Z", label: "Fermé, ouvre aujourd'hui à 8 h" });
    expect([PARIS, "America/Martinique", "Indian/Reunion", "Pacific/Noumea"].map((z) => isOpenAt(HOURS, z, utc(AT)))).toEqual([false, true, false, false]);
    expect(weekTable(HOURS, "Pacific/Noumea", utc(AT))[0]).toMatchObject({ date: "2026-11-25", dayName: "mercredi", isToday: true, ranges: ["8 h – 12 h"] });
    expect(weekTable(HOURS, "America/Martinique", utc(AT))[0]).toMatchObject({ date: "2026-11-24", dayName: "mardi", isToday: true });
  });
});

describe("missing, unparseable and uncertain hours are never open", () => {
  it("missing or unparseable", () => {
    expect(status(null, PARIS, "2026-11-24T10:00:00Z")).toEqual({ kind: "unknown", label: "Horaires non renseignés" });
    expect(status(undefined, PARIS, "2026-11-24T10:00:00Z")).toEqual({ kind: "unknown", label: "Horaires non renseignés" });
    expect(status("  ", PARIS, "2026-11-24T10:00:00Z")).toEqual({ kind: "unknown", label: "Horaires non renseignés" });
    for (const value of ["du lundi au vendredi 9h-17h", "lundi 9h-17h", "sunrise-sunset", "Mo-Fr 25:00-26:00"]) {
      expect(status(value, PARIS, "2026-11-24T10:00:00Z"), value).toEqual({ kind: "unknown", label: "Horaires à vérifier auprès du lieu" });
      expect(isOpenAt(value, PARIS, utc("2026-11-24T10:00:00Z")), value).toBeUndefined();
      expect(isOpenOnDay(value, PARIS, "2026-11-24"), value).toBeUndefined();
      expect(weekTable(value, PARIS, utc("2026-11-24T10:00:00Z")), value).toEqual([]);
    }
    expect(isOpenAt("", PARIS, utc("2026-11-24T10:00:00Z"))).toBeUndefined();
    expect(status(LUNCH, "Mars/Olympus_Mons", "2026-11-24T10:00:00Z")).toEqual({ kind: "unknown", label: "Horaires à vérifier auprès du lieu" });
  });

  it("unknown states and commented rules", () => {
    expect(status('Mo-Fr 09:00-17:00 "sur rendez-vous"', PARIS, "2026-11-24T10:00:00Z")).toEqual({
      kind: "unknown", label: "Horaires à vérifier auprès du lieu", comment: "sur rendez-vous",
    });
    expect(isOpenAt('Mo-Fr 09:00-17:00 "sur rendez-vous"', PARIS, utc("2026-11-24T10:00:00Z"))).toBeUndefined();
    expect(isOpenAt("Mo-Fr 09:00+", PARIS, utc("2026-11-24T10:00:00Z"))).toBeUndefined();
    const PARTLY = "Mo-Fr 09:00-17:00; We unknown";
    expect(status(PARTLY, PARIS, "2026-11-25T10:00:00Z")).toEqual({ kind: "unknown", label: "Horaires à vérifier auprès du lieu" });
    expect(isOpenOnDay(PARTLY, PARIS, "2026-11-25")).toBeUndefined();
    // Tuesday evening: Wednesday is unknown, so the next sure opening is Thursday.
    expect(status(PARTLY, PARIS, "2026-11-24T17:00:00Z").label).toBe("Fermé, ouvre jeudi à 9 h");
    expect(status(PARTLY, PARIS, "2026-11-24T10:00:00Z").label).toBe("Ouvert jusqu'à 17 h");
    // An explicit "open" with a comment is still open.
    expect(status('Mo-Fr 09:00-17:00 open "accueil libre"', PARIS, "2026-11-24T10:00:00Z").label).toBe("Ouvert jusqu'à 17 h");
  });
});

describe("isOpenOnDay", () => {
  it("answers for the local day in the place's zone", () => {
    expect(isOpenOnDay(LUNCH, PARIS, "2026-11-26")).toBe(true); // Thursday
    expect(isOpenOnDay(LUNCH, PARIS, "2026-11-28")).toBe(true); // Saturday morning
    expect(isOpenOnDay(LUNCH, PARIS, "2026-11-29")).toBe(false); // Sunday
    expect(isOpenOnDay("Th[2,4] 10:00-13:00", PARIS, "2026-11-12")).toBe(true);
    expect(isOpenOnDay("Th[2,4] 10:00-13:00", PARIS, "2026-11-19")).toBe(false);
    // Overnight from Monday: open on Tuesday too (0 h – 2 h).
    expect(isOpenOnDay("Mo 22:00-02:00", PARIS, "2026-11-24")).toBe(true);
    expect(isOpenOnDay("Mo 22:00-02:00", PARIS, "2026-11-25")).toBe(false);
    expect(() => isOpenOnDay(LUNCH, PARIS, "2026-02-30")).toThrow(RangeError);
    expect(() => isOpenOnDay(LUNCH, PARIS, "jeudi")).toThrow(RangeError);
  });
});

describe("weekTable", () => {
  it("7 days from today, French names, formatted ranges, holidays and exceptional closures", () => {
    const week = weekTable("Mo-Fr 09:00-12:00,14:00-17:30; 2026 Dec 24 off; PH off", PARIS, utc("2026-12-21T09:00:00Z"));
    expect(week).toEqual([
      { date: "2026-12-21", dayName: "lundi", isToday: true, ranges: ["9 h – 12 h", "14 h – 17 h 30"] },
      { date: "2026-12-22", dayName: "mardi", isToday: false, ranges: ["9 h – 12 h", "14 h – 17 h 30"] },
      { date: "2026-12-23", dayName: "mercredi", isToday: false, ranges: ["9 h – 12 h", "14 h – 17 h 30"] },
      { date: "2026-12-24", dayName: "jeudi", isToday: false, ranges: [], closedReason: "Fermeture exceptionnelle" },
      { date: "2026-12-25", dayName: "vendredi", isToday: false, ranges: [], holiday: "Noël", closedReason: "Jour férié : Noël" },
      { date: "2026-12-26", dayName: "samedi", isToday: false, ranges: [] },
      { date: "2026-12-27", dayName: "dimanche", isToday: false, ranges: [] },
    ]);
  });

  it("exceptional closure without PH, holiday open without PH off, comments", () => {
    const week = weekTable("Mo-Fr 09:00-17:00; 2026 Dec 24 off", PARIS, utc("2026-12-23T23:30:00Z")); // Thursday 00:30 in Paris
    expect(week.map((d) => [d.dayName, d.ranges.join(", "), d.closedReason ?? "", d.holiday ?? ""])).toEqual([
      ["jeudi", "", "Fermeture exceptionnelle", ""],
      ["vendredi", "9 h – 17 h", "", "Noël"],
      ["samedi", "", "", ""],
      ["dimanche", "", "", ""],
      ["lundi", "9 h – 17 h", "", ""],
      ["mardi", "9 h – 17 h", "", ""],
      ["mercredi", "9 h – 17 h", "", ""],
    ]);
    expect(weekTable('Mo-Fr 09:00-17:00; Aug off "congés d\'été"', PARIS, utc("2026-07-30T10:00:00Z")).map((d) => d.closedReason ?? d.ranges.join(", "))).toEqual([
      // Thu 30, Fri 31 July, then August (weekend included) is the annual closure.
      "9 h – 17 h", "9 h – 17 h", "Fermeture annuelle : congés d'été", "Fermeture annuelle : congés d'été", "Fermeture annuelle : congés d'été", "Fermeture annuelle : congés d'été", "Fermeture annuelle : congés d'été",
    ]);
  });

  it("overnight, 24 h and uncertain ranges", () => {
    const night = weekTable("Fr 20:00-02:00", PARIS, utc("2026-11-27T23:30:00Z")); // Saturday 00:30
    expect(night[0]).toMatchObject({ dayName: "samedi", ranges: ["0 h – 2 h"] });
    expect(night[6]).toMatchObject({ dayName: "vendredi", ranges: ["20 h – 2 h"] });
    const allWeek = weekTable("Mo-Fr 00:00-24:00", PARIS, utc("2026-11-24T10:00:00Z"));
    expect(allWeek.map((d) => d.ranges.join())).toEqual(["24 h sur 24", "24 h sur 24", "24 h sur 24", "24 h sur 24", "", "", "24 h sur 24"]);
    const uncertain = weekTable('Mo 09:00-12:00; Tu 14:00-17:00 "sur rendez-vous"; We unknown', PARIS, utc("2026-11-23T10:00:00Z"));
    expect(uncertain.slice(0, 3)).toEqual([
      { date: "2026-11-23", dayName: "lundi", isToday: true, ranges: ["9 h – 12 h"] },
      { date: "2026-11-24", dayName: "mardi", isToday: false, ranges: ["14 h – 17 h (sur rendez-vous)"] },
      { date: "2026-11-25", dayName: "mercredi", isToday: false, ranges: [], note: "Horaires à vérifier auprès du lieu" },
    ]);
    expect(weekTable("Mo-Fr 09:00-12:00; PH 10:00-11:00", PARIS, utc("2026-12-21T10:00:00Z"))[4]).toEqual({
      date: "2026-12-25", dayName: "vendredi", isToday: false, ranges: ["10 h – 11 h"], holiday: "Noël",
    });
  });
});

describe("openIntervals", () => {
  const ms = (iso: string) => Date.parse(iso);
  const spans = (value: string | null, zone: string, from: string, to: string) =>
    openIntervals(value, zone, ms(from), ms(to)).map((i) => `${new Date(i.start).toISOString().slice(5, 16)}–${new Date(i.end).toISOString().slice(5, 16)}`);

  it("follows the clock across both daylight-saving nights (as openStatus does)", () => {
    const NIGHT = "Mo-Su 01:00-04:00";
    expect(spans(NIGHT, PARIS, "2026-03-28T12:00:00Z", "2026-03-29T12:00:00Z")).toEqual(["03-29T00:00–03-29T02:00"]); // 2 real hours
    expect(spans(NIGHT, PARIS, "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z")).toEqual(["10-24T23:00–10-25T03:00"]); // 4 real hours
    // Closing inside the repeated hour: open during both passes of 02:00–02:30.
    expect(spans("Mo-Su 01:00-02:30", PARIS, "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z")).toEqual(["10-24T23:00–10-25T00:30", "10-25T01:00–10-25T01:30"]);
    // Opening inside the gap: at the jump; a range inside the gap does not exist.
    expect(spans("Mo-Su 02:30-05:00", PARIS, "2026-03-28T12:00:00Z", "2026-03-29T12:00:00Z")).toEqual(["03-29T01:00–03-29T03:00"]);
    expect(spans("Su 02:00-02:30", PARIS, "2026-03-28T12:00:00Z", "2026-03-29T12:00:00Z")).toEqual([]);
    expect(spans("Su 02:00-02:30", PARIS, "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z")).toEqual(["10-25T00:00–10-25T00:30", "10-25T01:00–10-25T01:30"]);
  });

  it("one interval across midnight and for 24/7; clipped to the window", () => {
    expect(spans("Mo-Su 20:00-02:00", PARIS, "2026-11-24T00:00:00Z", "2026-11-26T00:00:00Z")).toEqual([
      "11-24T00:00–11-24T01:00", "11-24T19:00–11-25T01:00", "11-25T19:00–11-26T00:00",
    ]);
    expect(spans("24/7", "Pacific/Noumea", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")).toEqual(["03-01T00:00–04-01T00:00"]);
    expect(spans(LUNCH, PARIS, "2026-11-24T10:30:00Z", "2026-11-24T13:30:00Z")).toEqual(["11-24T10:30–11-24T11:00", "11-24T13:00–11-24T13:30"]);
    expect(spans(LUNCH, PARIS, "2026-11-24T13:30:00Z", "2026-11-24T10:30:00Z")).toEqual([]);
  });

  it("holidays as the hours say, overseas on their own clock", () => {
    expect(spans(LUNCH, PARIS, "2026-12-24T00:00:00Z", "2026-12-26T00:00:00Z")).toEqual(["12-24T08:00–12-24T11:00", "12-24T13:00–12-24T16:00"]);
    expect(spans("Mo-Fr 09:00-12:00", PARIS, "2026-12-25T00:00:00Z", "2026-12-26T00:00:00Z")).toEqual(["12-25T08:00–12-25T11:00"]);
    expect(spans("Mo-Fr 08:00-12:00; PH off", "Indian/Reunion", "2026-12-17T00:00:00Z", "2026-12-22T00:00:00Z")).toEqual([
      "12-17T04:00–12-17T08:00", "12-18T04:00–12-18T08:00", "12-21T04:00–12-21T08:00",
    ]);
    expect(spans("Mo-Fr 08:00-12:00; PH off", "America/Cayenne", "2026-06-09T00:00:00Z", "2026-06-12T00:00:00Z")).toEqual([
      "06-09T11:00–06-09T15:00", "06-11T11:00–06-11T15:00", // 10 June: Abolition de l'esclavage in Guyane
    ]);
  });

  it("missing, unparseable, unknown and commented ranges are closed", () => {
    for (const value of [null, "", "  ", "n'importe quoi", "Mo-Fr sunrise-sunset", '"sur rendez-vous"', "Mo-Fr 09:00-12:00 unknown"]) {
      expect(spans(value, PARIS, "2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z")).toEqual([]);
    }
    expect(spans('Mo 09:00-12:00; Tu 14:00-17:00 "sur rendez-vous"; We unknown', PARIS, "2026-11-23T00:00:00Z", "2026-11-26T00:00:00Z")).toEqual(["11-23T08:00–11-23T11:00"]);
    expect(spans(LUNCH, "Mars/Olympus_Mons", "2026-11-23T00:00:00Z", "2026-11-26T00:00:00Z")).toEqual([]);
  });

  it("agrees with isOpenAt every 15 minutes, DST nights and holidays, in four zones", () => {
    const values = [
      LUNCH, "Mo-Su 20:00-02:00", "Mo-Su 01:00-02:30", "Mo-Fr 09:00-12:00; PH 10:00-11:00", "Mo-Fr 09:00-17:00; 2026 Dec 24 off",
      'Mo 09:00-12:00; Tu 14:00-17:00 "sur rendez-vous"; We unknown', "Mo-Sa 08:30-12:15,13:45-18:00; Su 10:00-12:00; PH off",
    ];
    const windows: [string, string[]][] = [
      ["2026-03-27T00:00:00Z", [PARIS]],
      ["2026-10-23T00:00:00Z", [PARIS]],
      ["2026-12-18T00:00:00Z", [PARIS, "Indian/Reunion", "Pacific/Noumea", "America/Cayenne"]],
    ];
    let checked = 0;
    for (const [start, zones] of windows) {
      const from = ms(start);
      const to = from + 5 * 86_400_000;
      for (const zone of zones) {
        for (const value of values) {
          const open = openIntervals(value, zone, from, to);
          for (let t = from; t < to; t += 15 * 60_000) {
            const inside = open.some((i) => i.start <= t && t < i.end);
            expect([value, zone, new Date(t).toISOString(), inside]).toEqual([value, zone, new Date(t).toISOString(), isOpenAt(value, zone, new Date(t)) === true]);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(6 * 7 * 5 * 96);
  });
});
