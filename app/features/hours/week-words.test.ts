import { describe, expect, it } from "vitest";
import { weekTable } from "./open-now";
import { weekInWords } from "./week-words";

const PARIS = "Europe/Paris";
const words = (hours: string, now: string, zone = PARIS) => weekInWords(weekTable(hours, zone, new Date(now)), hours);

describe("weekInWords", () => {
  it("says days in a row with the same hours once, Monday first whatever today is, closed days left out", () => {
    // A Thursday: the table starts today, the words start on Monday.
    expect(words("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00", "2026-11-26T10:00:00Z")).toBe("du lundi au vendredi : 9 h – 12 h et 14 h – 17 h ; samedi : 9 h – 12 h");
    expect(words("Tu,We 14:00-18:00; Fr 09:00-12:30", "2026-11-24T10:00:00Z")).toBe("mardi et mercredi : 14 h – 18 h ; vendredi : 9 h – 12 h 30");
    expect(words("Mo,We,Fr 10:00-12:00", "2026-11-24T10:00:00Z")).toBe("lundi : 10 h – 12 h ; mercredi : 10 h – 12 h ; vendredi : 10 h – 12 h");
  });

  it("says a usual opening day closed this week with its date and why, and not a usual closing day that is a holiday", () => {
    // Christmas 2026 is a Friday.
    expect(words("Mo-Fr 09:00-17:00; PH off", "2026-12-21T09:00:00Z")).toBe("du lundi au jeudi : 9 h – 17 h ; vendredi 25 décembre : fermé (Noël)");
    expect(words("Mo-Fr 09:00-17:00; 2026 Dec 24 off", "2026-12-21T09:00:00Z")).toBe(
      "du lundi au mercredi : 9 h – 17 h ; jeudi 24 décembre : fermé (fermeture exceptionnelle) ; vendredi : 9 h – 17 h",
    );
    // Easter Monday 2026 is 6 April; Sunday is closed anyway and not said.
    expect(words("Mo-Sa 10:00-18:00; PH off", "2026-04-01T09:00:00Z")).toBe("lundi 6 avril : fermé (Lundi de Pâques) ; du mardi au samedi : 10 h – 18 h");
  });

  it("keeps what the table says of uncertain hours, and says a week without any opening in three words", () => {
    expect(words('Mo 14:00-17:00 "sur rendez-vous"; We 09:00-12:00', "2026-11-24T10:00:00Z")).toBe("lundi : 14 h – 17 h (sur rendez-vous) ; mercredi : 9 h – 12 h");
    expect(words("Mo-Fr 09:00-17:00; 2026 Dec 21-2026 Dec 27 off", "2026-12-21T09:00:00Z")).toBe("fermé toute la semaine");
  });

  it("reads the week on the place's clock (overseas)", () => {
    // Monday 23:30 in Paris is already Tuesday in Nouméa; the words are the same week.
    expect(words("Mo-Fr 07:30-11:30", "2026-11-23T22:30:00Z", "Pacific/Noumea")).toBe("du lundi au vendredi : 7 h 30 – 11 h 30");
  });
});
