import { describe, expect, it } from "vitest";
import { isValidOpeningHours } from "./opening-hours";
import { editorField, editorFromForm, editorToOpeningHours, emptyEditor, openingHoursToEditor, validateEditor, type HoursEditor } from "./hours-editor";

function week(ranges: Partial<Record<"Mo" | "Tu" | "We" | "Th" | "Fr" | "Sa" | "Su", [string, string][]>>): HoursEditor {
  const editor = emptyEditor();
  for (const [day, list] of Object.entries(ranges)) editor.days[day as "Mo"] = { closed: false, ranges: list!.map(([from, to]) => ({ from, to })) };
  return editor;
}

describe("editorToOpeningHours", () => {
  it("groups consecutive days with the same hours, with a lunch break", () => {
    const lunch: [string, string][] = [["09:00", "12:00"], ["14:00", "17:30"]];
    const editor = week({ Mo: lunch, Tu: lunch, We: lunch, Th: lunch, Fr: lunch, Sa: [["09:00", "12:00"]] });
    const text = editorToOpeningHours(editor);
    expect(text).toBe("Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00");
    expect(isValidOpeningHours(text!)).toBe(true);
  });

  it("writes non-consecutive days together, public holidays off and dated closures", () => {
    const editor = week({ Mo: [["10:00", "18:00"]], We: [["10:00", "18:00"]], Fr: [["10:00", "18:00"]] });
    editor.holidaysClosed = true;
    editor.closures = [{ from: "2026-12-24", to: "2027-01-02" }, { from: "2027-08-15", to: "" }, { from: "", to: "" }];
    const text = editorToOpeningHours(editor)!;
    expect(text).toBe("Mo,We,Fr 10:00-18:00; PH off; 2026 Dec 24-2027 Jan 02 off; 2027 Aug 15 off");
    expect(isValidOpeningHours(text)).toBe(true);
  });

  it("ignores the ranges of a day marked closed, and gives null when nothing is open", () => {
    const editor = week({ Mo: [["09:00", "12:00"]], Tu: [["09:00", "12:00"]] });
    editor.days.Tu.closed = true;
    expect(editorToOpeningHours(editor)).toBe("Mo 09:00-12:00");
    expect(editorToOpeningHours(emptyEditor())).toBeNull();
  });

  it("accepts times typed the French way", () => {
    expect(editorToOpeningHours(week({ Th: [["9h", "12h30"]] }))).toBe("Th 09:00-12:30");
  });
});

describe("validateEditor", () => {
  it("explains wrong times and dates in French, by row", () => {
    const editor = week({ Mo: [["12:00", "09:00"]], Tu: [["09:00", ""]], We: [["09:00", "12:00"], ["11:00", "13:00"]], Th: [["25:00", "26:00"]] });
    editor.closures = [{ from: "2026-12-31", to: "2026-12-01" }, { from: "2026-02-30", to: "" }];
    expect(validateEditor(editor)).toEqual({
      "Mo.1": "L'heure de fin doit être après l'heure de début.",
      "Tu.1": "Indiquez l'heure de début et l'heure de fin.",
      "We.2": "Le deuxième créneau doit commencer après la fin du premier.",
      "Th.1": "Indiquez l'heure sous la forme 09:00.",
      "closure.1": "La date de fin doit être après la date de début.",
      "closure.2": "Indiquez une date valide, par exemple 24/12/2026.",
    });
  });
});

describe("openingHoursToEditor", () => {
  const roundTrips = [
    "Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00",
    "Mo,We,Fr 10:00-18:00; PH off; 2026 Dec 24-2027 Jan 02 off; 2027 Aug 15 off",
    "Tu-Sa 13:30-19:00; PH off",
    "Mo 08:00-20:00",
  ];
  for (const text of roundTrips) {
    it(`reads back "${text}"`, () => {
      const editor = openingHoursToEditor(text);
      expect(editor).not.toBeNull();
      expect(editorToOpeningHours(editor!)).toBe(text);
    });
  }

  it("pre-fills the days: lunch break, closed days, holidays", () => {
    const editor = openingHoursToEditor("Mo-Fr 09:00-12:00,14:00-17:00; Su off; PH off")!;
    expect(editor.days.We).toEqual({ closed: false, ranges: [{ from: "09:00", to: "12:00" }, { from: "14:00", to: "17:00" }] });
    expect(editor.days.Sa.closed).toBe(true);
    expect(editor.days.Su.closed).toBe(true);
    expect(editor.holidaysClosed).toBe(true);
  });

  it("gives an empty editor for no hours, and null for what it cannot show", () => {
    expect(openingHoursToEditor(null)).toEqual(emptyEditor());
    for (const text of ["Mo-Fr 09:00-12:00,13:00-15:00,16:00-18:00", "Mo-Fr 09:00-17:00; Mo 10:00-12:00", "Mo-Fr 09:00-17:00 \"sur rendez-vous\"", "Jan-Jun Mo 09:00-12:00", "24/7"]) {
      expect(openingHoursToEditor(text), text).toBeNull();
    }
  });
});

describe("editorFromForm", () => {
  it("reads the form's fields", () => {
    const form = new Map<string, string>([
      [editorField.from("Mo", 1), "09:00"],
      [editorField.to("Mo", 1), "12:00"],
      [editorField.closed("Su"), "on"],
      [editorField.holidays, "on"],
      [editorField.closureFrom(1), "2026-12-25"],
    ]);
    const editor = editorFromForm((name) => form.get(name));
    expect(editorToOpeningHours(editor)).toBe("Mo 09:00-12:00; PH off; 2026 Dec 25 off");
    expect(editor.days.Su.closed).toBe(true);
  });
});
