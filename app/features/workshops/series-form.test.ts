import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { fr } from "~/lib/messages";
import { ExtraSessionSchema, readMinute, SERIES_FIELDS as F, seriesSchema, seriesToFormValues, SessionCapacitySchema, typedSeriesValues } from "./series-form";

const m = fr.workshopSetup.errors;
const MEDIATOR = "0f0e8a52-4c1d-4b7e-9a39-2b8f1e0b6c11";
const STOP = "6b1c1f3e-4d3a-4a52-8f0e-2f4c1b9d7a10";
const schema = seriesSchema({ stopIds: [STOP], staffIds: [MEDIATOR], today: "2026-12-01" });

/** A valid form as a browser sends it (unticked boxes absent, lists sent as repeated fields), with changes. */
function form(changes: Record<string, string | string[] | null> = {}): FormData {
  const fd = new FormData();
  const values: Record<string, string | string[] | null> = {
    ...seriesToFormValues({ title: "Premiers pas sur l'ordinateur" }, { today: "2027-01-06" }),
    [F.weekdays]: ["2"],
    [F.until]: "2027-03-31",
    ...changes,
  };
  for (const [name, value] of Object.entries(values)) {
    if (Array.isArray(value)) for (const v of value) fd.append(name, v);
    else if (value !== null && value !== "") fd.set(name, value);
  }
  return fd;
}

function errorsOf(changes: Record<string, string | string[] | null>) {
  const parsed = parseForm(schema, form(changes));
  if (parsed.ok) throw new Error("expected errors");
  return parsed.errors;
}

function valuesOf(changes: Record<string, string | string[] | null>) {
  const parsed = parseForm(schema, form(changes));
  if (!parsed.ok) throw new Error(`unexpected errors: ${JSON.stringify(parsed.errors)}`);
  return parsed.values;
}

describe("seriesSchema", () => {
  it("reads « chaque mardi de 14 h à 16 h du 6 janvier au 31 mars 2027, sauf vacances scolaires et jours fériés »", () => {
    const v = valuesOf({
      [F.theme]: "Email", [F.level]: "beginner", [F.price]: "2,50", [F.mediatorIds]: [MEDIATOR, MEDIATOR], [F.skipSchoolHolidays]: "oui",
      [F.exceptDates]: "03/02/2027\n2027-02-10, 3/2/2027",
    });
    expect(v).toMatchObject({
      kind: "workshop", title: "Premiers pas sur l'ordinateur", theme: "Email", level: "beginner", capacity: 8, registration: "session",
      promotion: "auto", offerHours: 24, priceCents: 250, location: "place", stopId: null, onlineUrl: null, mediatorIds: [MEDIATOR], published: true,
    });
    expect(v.schedule).toEqual({
      recurrence: { kind: "weekly", from: "2027-01-06", weekdays: [2], interval: 1, until: "2027-03-31" },
      startMinute: 840, endMinute: 960, skipSchoolHolidays: true, skipPublicHolidays: true, exceptDates: ["2027-02-03", "2027-02-10"],
    });
  });

  it("reads « Réservé aux adhérents » (unticked by default) and fills it back", () => {
    expect(valuesOf({}).requiresMembership).toBe(false);
    expect(valuesOf({ [F.requiresMembership]: "oui" }).requiresMembership).toBe(true);
    expect(seriesToFormValues({ requiresMembership: true })[F.requiresMembership]).toBe("oui");
  });

  it("every 2 weeks N times, the Nth weekday of the month, one date", () => {
    expect(valuesOf({ [F.until]: "", [F.count]: "10", [F.weeks]: "2", [F.weekdays]: ["4", "2"] }).schedule.recurrence).toEqual({
      kind: "weekly", from: "2027-01-06", weekdays: [2, 4], interval: 2, count: 10,
    });
    expect(valuesOf({ [F.frequency]: "monthly", [F.nth]: "-1", [F.monthWeekday]: "5", [F.months]: "" }).schedule.recurrence).toEqual({
      kind: "monthly", from: "2027-01-06", nth: -1, weekday: 5, interval: 1, until: "2027-03-31",
    });
    const once = valuesOf({ [F.frequency]: "once", [F.until]: "", [F.weekdays]: [], [F.skipSchoolHolidays]: "oui", [F.start]: "9h30", [F.end]: "minuit" });
    expect(once.schedule).toEqual({
      recurrence: { kind: "once", date: "2027-01-06" }, startMinute: 570, endMinute: 1440, skipSchoolHolidays: false, skipPublicHolidays: false, exceptDates: [],
    });
  });

  it("a mobile EPN's visit is at one of the place's stops and takes no registration; a drop-in may", () => {
    expect(errorsOf({ [F.kind]: "visit" })[F.location]).toBe(m.visitAtStop);
    const visit = valuesOf({ [F.kind]: "visit", [F.location]: "stop", [F.stopId]: STOP, [F.registration]: "session" });
    expect(visit).toMatchObject({ location: "stop", stopId: STOP, registration: "none" });
    expect(errorsOf({ [F.location]: "stop", [F.stopId]: "6b1c1f3e-4d3a-4a52-8f0e-2f4c1b9d7a11" })[F.stopId]).toBe(m.stop);
    expect(seriesToFormValues({ kind: "dropin" })[F.registration]).toBe("none");
    // A new form leaves the choice open: the kind's default then applies.
    expect(seriesToFormValues({})[F.registration]).toBe("");
    expect(valuesOf({ [F.kind]: "dropin", [F.registration]: "" }).registration).toBe("none");
    expect(valuesOf({ [F.kind]: "event", [F.registration]: "" }).registration).toBe("session");
    expect(valuesOf({ [F.kind]: "dropin", [F.registration]: "session" }).registration).toBe("session");
    expect(errorsOf({ [F.registration]: "always" })[F.registration]).toBe(m.registration);
  });

  it("online needs an https link", () => {
    expect(errorsOf({ [F.location]: "online", [F.onlineUrl]: "http://visio.example.org/x" })[F.onlineUrl]).toBe(m.onlineUrl);
    expect(errorsOf({ [F.location]: "online", [F.onlineUrl]: "javascript:alert(1)" })[F.onlineUrl]).toBe(m.onlineUrl);
    expect(valuesOf({ [F.location]: "online", [F.onlineUrl]: "https://visio.example.org/x" }).onlineUrl).toBe("https://visio.example.org/x");
  });

  it("says what is wrong next to each field, in French", () => {
    expect(errorsOf({ [F.title]: "  " })[F.title]).toBe(m.titleEmpty);
    expect(errorsOf({ [F.title]: "x".repeat(121) })[F.title]).toBe(m.titleLong);
    expect(errorsOf({ [F.kind]: "party" })[F.kind]).toBe(m.kind);
    expect(errorsOf({ [F.theme]: "Cuisine" })[F.theme]).toBe(m.theme);
    expect(errorsOf({ [F.capacity]: "0" })[F.capacity]).toBe(m.capacity);
    expect(errorsOf({ [F.capacity]: "1001" })[F.capacity]).toBe(m.capacity);
    expect(errorsOf({ [F.price]: "gratuit" })[F.price]).toBe(m.price);
    expect(errorsOf({ [F.mediatorIds]: ["9f0e8a52-4c1d-4b7e-9a39-2b8f1e0b6c11"] })[F.mediatorIds]).toBe(m.mediator);
    expect(errorsOf({ [F.start]: "25:00" })[F.start]).toBe(m.start);
    expect(errorsOf({ [F.end]: "13:00" })[F.end]).toBe(m.endBeforeStart);
    expect(errorsOf({ [F.date]: "30/02/2027" })[F.date]).toBe(m.date);
    expect(errorsOf({ [F.date]: "2026-11-30" })[F.date]).toBe(m.datePast);
    expect(errorsOf({ [F.until]: "2027-01-05" })[F.until]).toBe(m.untilBefore);
    expect(errorsOf({ [F.until]: "2028-07-06" })[F.until]).toBe(m.untilTooFar);
    expect(errorsOf({ [F.until]: "" })[F.until]).toBe(m.endMissing);
    expect(errorsOf({ [F.count]: "5" })[F.count]).toBe(m.endBoth);
    expect(errorsOf({ [F.until]: "", [F.count]: "201" })[F.count]).toBe(m.count);
    expect(errorsOf({ [F.weekdays]: [] })[F.weekdays]).toBe(m.weekdays);
    expect(errorsOf({ [F.weekdays]: ["8"] })[F.weekdays]).toBe(m.weekdays);
    expect(errorsOf({ [F.weeks]: "13" })[F.weeks]).toBe(m.weeks);
    expect(errorsOf({ [F.frequency]: "monthly", [F.nth]: "6" })[F.nth]).toBe(m.nth);
    expect(errorsOf({ [F.exceptDates]: "demain" })[F.exceptDates]).toBe(m.exceptDates);
    expect(errorsOf({ [F.frequency]: "daily" })[F.frequency]).toBe(m.frequency);
  });

  it("says every field's problem at once, those of « what » and of « when » together", () => {
    const errors = errorsOf({ [F.title]: "", [F.weekdays]: [], [F.end]: "13:00" });
    expect(errors).toMatchObject({ [F.title]: m.titleEmpty, [F.weekdays]: m.weekdays, [F.end]: m.endBeforeStart });
  });

  it("an edited series may have started in the past (no `today`)", () => {
    const parsed = parseForm(seriesSchema({ stopIds: [], staffIds: [] }), form({ [F.date]: "2025-01-07" , [F.until]: "2026-01-07" }));
    expect(parsed.ok).toBe(true);
  });

  it("the form filled from a series reads back to the same series", () => {
    const v = valuesOf({ [F.count]: "6", [F.until]: "", [F.weeks]: "3", [F.exceptDates]: "2027-02-02", [F.skipPublicHolidays]: null });
    const again = parseForm(schema, form({ ...seriesToFormValues(v), [F.title]: v.title }));
    expect(again).toEqual({ ok: true, values: v });
  });

  it("what was typed is kept to show again, lists as lists", () => {
    const typed = typedSeriesValues(form({ [F.title]: "x".repeat(5000), [F.weekdays]: ["1", "3"] }));
    expect(typed[F.title]).toHaveLength(4000);
    expect(typed[F.weekdays]).toEqual(["1", "3"]);
    expect(typed[F.mediatorIds]).toEqual([]);
  });
});

describe("small forms and helpers", () => {
  it("readMinute", () => {
    expect(readMinute("14:00")).toBe(840);
    expect(readMinute("9h")).toBe(540);
    expect(readMinute("9 h 05")).toBe(545);
    expect(readMinute("24:00")).toBeUndefined();
    expect(readMinute("24:00", { end: true })).toBe(1440);
    expect(readMinute("midi")).toBeUndefined();
  });

  it("the capacity of one session, and an extra session", () => {
    expect(parseForm(SessionCapacitySchema, { intent: "capacite", seance: MEDIATOR, places: "" })).toEqual({ ok: true, values: { intent: "capacite", seance: MEDIATOR, places: null } });
    expect(parseForm(SessionCapacitySchema, { intent: "capacite", seance: MEDIATOR, places: "-1" })).toMatchObject({ ok: false, errors: { places: m.capacity } });
    expect(parseForm(ExtraSessionSchema, { intent: "ajouter", date: "06/01/2027", debut: "14:00", fin: "16:00" })).toEqual({
      ok: true, values: { date: "2027-01-06", startMinute: 840, endMinute: 960 },
    });
    expect(parseForm(ExtraSessionSchema, { intent: "ajouter", date: "", debut: "16:00", fin: "14:00" })).toMatchObject({
      ok: false, errors: { date: m.date, fin: m.endBeforeStart },
    });
  });
});
