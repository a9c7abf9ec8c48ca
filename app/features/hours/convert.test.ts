import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  frenchTextToOpeningHours,
  isValidOpeningHours,
  parseFrenchDays,
  weekdayColumnsToOpeningHours,
  type HoursConversion,
} from "~/features/hours/convert";
import { createOpeningHours } from "~/features/hours/opening-hours";
import type { OsmWeekday } from "~/features/time/weekday";

const REAL = path.resolve(import.meta.dirname, "../../../../shared/reference/mednum/real");
const WEEK: OsmWeekday[] = ["Mo", "Tu", "We", "Th", "Fr"];

function value(result: HoursConversion): string {
  if (!result.ok) throw new Error(`conversion refusée : ${result.reason}`);
  return result.value;
}

describe("isValidOpeningHours", () => {
  it("accepts normalised values and French public holidays", () => {
    expect(isValidOpeningHours("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00")).toBe(true);
    expect(isValidOpeningHours("Mo-Fr 09:00-12:00; PH off")).toBe(true);
    expect(isValidOpeningHours("Th[2,4] 10:00-13:00")).toBe(true);
  });
  it("rejects garbage, empty values and values the library only accepts with warnings", () => {
    expect(isValidOpeningHours("")).toBe(false);
    expect(isValidOpeningHours("lundi 9h-12h")).toBe(false);
    expect(isValidOpeningHours("Mo 25:00-26:00")).toBe(false);
    expect(isValidOpeningHours("Mo 9h-12h")).toBe(false);
  });
  it("evaluates PH off with French public holidays", () => {
    const oh = createOpeningHours("Mo-Fr 09:00-12:00; PH off");
    expect(oh.getState(new Date("2025-07-14T10:00:00Z"))).toBe(false); // Fête nationale (Monday)
    expect(oh.getState(new Date("2025-07-15T10:00:00Z"))).toBe(true);
    expect(oh.getState(new Date("2025-05-08T10:00:00Z"))).toBe(false); // Victoire 1945 (Thursday)
  });
});

describe("parseFrenchDays", () => {
  it("reads the Hub-lo column and plain lists", () => {
    expect(parseFrenchDays("{Lundi,Mardi,Jeudi,Mercredi,Vendredi}")).toEqual(["Mo", "Tu", "We", "Th", "Fr"]);
    expect(parseFrenchDays("{Mardi,Mercredi,Jeudi,Vendredi,Samedi,Dimanche,Inconnu}")).toEqual(["Tu", "We", "Th", "Fr", "Sa", "Su"]);
    expect(parseFrenchDays("lundi, mardi")).toEqual(["Mo", "Tu"]);
    expect(parseFrenchDays("du lundi au jeudi")).toEqual(["Mo", "Tu", "We", "Th"]);
    expect(parseFrenchDays("")).toEqual([]);
  });
});

describe("frenchTextToOpeningHours — real texts converted", () => {
  const cases: [string, OsmWeekday[] | undefined, string][] = [
    ["du lundi au vendredi, de 9h30 à 12h30 et de 14h00 à 18h00", undefined, "Mo-Fr 09:30-12:30,14:00-18:00"],
    ["Accueil du public du lundi au vendredi de 09h00 à 12h30 sans RDV.", undefined, "Mo-Fr 09:00-12:30"],
    ["Horaires d’ouverture : du lundi au vendredi de 9h à 12h et de 13h à 17h.", undefined, "Mo-Fr 09:00-12:00,13:00-17:00"],
    ["9h à  12h /  14h à  17h", WEEK, "Mo-Fr 09:00-12:00,14:00-17:00"],
    ["09h00 12h00 14h00 17h00", ["Mo", "Tu", "Th", "Fr"], "Mo,Tu,Th,Fr 09:00-12:00,14:00-17:00"],
    ["9h-12h30 et 14h-17h30", WEEK, "Mo-Fr 09:00-12:30,14:00-17:30"],
    ["de 9h à12h puis de 13h30 à 17h", WEEK, "Mo-Fr 09:00-12:00,13:30-17:00"],
    ["9h/12h - 14h/17h", WEEK, "Mo-Fr 09:00-12:00,14:00-17:00"],
    ["9h à 12h30 13h30 à 18h", WEEK, "Mo-Fr 09:00-12:30,13:30-18:00"],
    ["14h/17h", ["Mo"], "Mo 14:00-17:00"],
    ["Du mardi au vendredi : 14 h -19 h", undefined, "Tu-Fr 14:00-19:00"],
    ["Du lundi au vendredi : 09:00–12:30 / 13:30–17:30", undefined, "Mo-Fr 09:00-12:30,13:30-17:30"],
    [
      "Du lundi au jeudi : 9h-12h 14h-17h Le vendredi : 9h-12h 14h-16h",
      undefined,
      "Mo-Th 09:00-12:00,14:00-17:00; Fr 09:00-12:00,14:00-16:00",
    ],
    [
      "Lundi, Mardi, Vendredi :  9h-12h / 14h-17h Mercredi :  9h-12h - 15h30-17h ; Jeudi :  10h30-12h-14h-17h",
      undefined,
      "Mo,Tu,Fr 09:00-12:00,14:00-17:00; We 09:00-12:00,15:30-17:00; Th 10:30-12:00,14:00-17:00",
    ],
    [
      "Horaires d'ouverture : 8h-12h 13h-17h sauf le vendredi 8h-12h 13h-16h30",
      ["Mo", "Tu", "Th", "Fr"],
      "Mo,Tu,Th 08:00-12:00,13:00-17:00; Fr 08:00-12:00,13:00-16:30",
    ],
    [
      "Mardi 16 h 18 h Mercredi : 9 h 30 12 h - 14 h 18 h. Vendredi : 16 h 18 h. Samedi 9 h 30 12 h - 14h 17 heures",
      ["We", "Th", "Sa", "Su"],
      "Tu,Fr 16:00-18:00; We 09:30-12:00,14:00-18:00; Sa 09:30-12:00,14:00-17:00",
    ],
    ["Lundi Mardi : 9h-12h / 14h/17h ; Mercredi : 9h-12h", undefined, "Mo,Tu 09:00-12:00,14:00-17:00; We 09:00-12:00"],
    [
      "lundi matin : 8h15/12h, mardi, mercredi et jeudi : 9h/12h-13h30/17h, vendredi 9h/12h",
      undefined,
      "Mo 08:15-12:00; Tu-Th 09:00-12:00,13:30-17:00; Fr 09:00-12:00",
    ],
    [
      "mar-mer-jeu-ven 10h-12h 13h30-18h30  et le sam 10h-12h30  14h-17h30",
      undefined,
      "Tu-Fr 10:00-12:00,13:30-18:30; Sa 10:00-12:30,14:00-17:30",
    ],
    [
      "lundi-mardi-jeudi : 9h00 à 12h30 / 14h00 à 17h00 / mercredi 9h00 à 12h30 / vendredi 9h00 à 12h30 - 14h00 à 16h00",
      undefined,
      "Mo,Tu,Th 09:00-12:30,14:00-17:00; We 09:00-12:30; Fr 09:00-12:30,14:00-16:00",
    ],
    [
      "Mardi : 13h-19h  / Mercredi : 10h-18h  /  Jeudi : 10h-12h30 - 15h18h  /  Vendredi : 15h-18h  /  Samedi : 10h-12h30 - 15h-18h",
      undefined,
      "Tu 13:00-19:00; We 10:00-18:00; Th,Sa 10:00-12:30,15:00-18:00; Fr 15:00-18:00",
    ],
    [
      "Du lundi au vendredi de 9h à 12h30 et de 13h30 à 17h30, fermé les mardi après-midi",
      undefined,
      "Mo,We-Fr 09:00-12:30,13:30-17:30; Tu 09:00-12:30",
    ],
    [
      "Lundi : 8h30 – 12h30 / 13h45 – 17h30\nMardi : Fermé au public le matin / 13h45 – 17h30\nMercredi : 8h30 – 12h30 / 13h45 – 17h30",
      undefined,
      "Mo,We 08:30-12:30,13:45-17:30; Tu 13:45-17:30",
    ],
    [
      "Lundi : FERME  Mardi : 9h - 12h30 et 13h30 - 17h30  Samedi : 9h30 - 12h30",
      undefined,
      "Tu 09:00-12:30,13:30-17:30; Sa 09:30-12:30",
    ],
    [
      "Lundi\n13h30 – 17h30\n\nMardi\n13h30 – 17h30\n\nMercredi\n10h – 12h  13h30 – 17h30\n\nSamedi\nFermé",
      undefined,
      "Mo,Tu 13:30-17:30; We 10:00-12:00,13:30-17:30",
    ],
    [
      "Du lundi au jeudi : 09h-12h et 13h15-17h30 / Le vendredi : 09h-16h00 (journée continue)",
      undefined,
      "Mo-Th 09:00-12:00,13:15-17:30; Fr 09:00-16:00",
    ],
    [
      "Le mardi de 13h00 à 20h00, les mercredi et samedi de 10h00 à 18h00, le jeudi et vendredi de 13h00 à 18h00",
      undefined,
      "Tu 13:00-20:00; We,Sa 10:00-18:00; Th,Fr 13:00-18:00",
    ],
    [
      "Lundi : 9 h à 12 h et de 13 h à 17 h.  Mardi : 9 h à 12 h et de 13 h à 17 h.",
      undefined,
      "Mo,Tu 09:00-12:00,13:00-17:00",
    ],
    ["du lundi au vendredi, de 9h30 à 12h30. Fermé les jours fériés.", undefined, "Mo-Fr 09:30-12:30; PH off"],
    ["2ème et 4ème jeudi du mois de 10h à 13h", ["Th"], "Th[2,4] 10:00-13:00"],
    ["Tous les 1er vendredis du mois de 9h30 à 12h30", ["Fr"], "Fr[1] 09:30-12:30"],
  ];
  it.each(cases)("%j", (text, defaultDays, expected) => {
    const result = value(frenchTextToOpeningHours(text, { defaultDays }));
    expect(result).toBe(expected);
    expect(isValidOpeningHours(result)).toBe(true);
  });
  it("ignores defaultDays when the text names its days", () => {
    expect(value(frenchTextToOpeningHours("Du mardi au vendredi : 14 h -19 h", { defaultDays: ["Mo"] }))).toBe("Tu-Fr 14:00-19:00");
  });
});

describe("frenchTextToOpeningHours — refused, with a French reason", () => {
  const cases: [string, OsmWeekday[] | undefined, RegExp][] = [
    ["Un lundi sur deux en alternance avec le site de Sancerre.", ["Mo"], /alternance/],
    [
      "Mardi et Jeudi : 16H - 18H -- Mercredi : 10H-12H ; 14H-16H (semaine paire) ou 16H-18H (semaine impaire) -- Samedi : 13H-15H",
      undefined,
      /semaines/,
    ],
    [
      "En période scolaire :\nMercredi et samedi : de 13h00 à 18h00\n\nPendant les vacances scolaires :\nDu lundi au vendredi : de 10h00 à 19h00",
      undefined,
      /vacances scolaires/,
    ],
    ["Sur RDV : 02.47.74.56.08", WEEK, /rendez-vous/],
    ["Atelier ouvert sur rendez vous", WEEK, /rendez-vous/],
    ["9h00 – 12h30 sur RDV et 13h30 – 17h en accueil libre. Fermeture le jeudi matin.", WEEK, /rendez-vous/],
    ["Pour les horaires se référer à la planification mensuelle disponible sur www.mobile18.fr", ["Th"], /planning/],
    ["9h-12h - 14h-17h fermé le mercredi et vendredi matin. Ouvert 24h/24 - 7j/7 pour les coworkers", WEEK, /24h\/24/],
    [
      "Espace de Coworking : du Lundi au Vendredi : 8h30-12h30 / 14h-18h ; EPN : 9h-12h / 14h-17h30",
      WEEK,
      /plusieurs services/,
    ],
    [
      "Mardi: 14h-18h, Mercredi au vendredi : 9h/12h - 14h/18H, samedi 10h/12h-14h/17h ( pas ouvert tous les samedi )",
      undefined,
      /irréguliers/,
    ],
    ["Samedi 10h-12h (2e et 4e du mois)", undefined, /semaines du mois/],
    ["du lundi au vendredi, de 9h30 à 12h30. Fermé les jours fériés et les trois premières semaines d'août.", undefined, /période de l'année/],
    ["9h à  12h /  14h à  17h", undefined, /jours d'ouverture non précisés/],
    ["9h-12h 14h", WEEK, /impair/],
    ["Jeudi 09h30h-12h30 et 13h30 17h00", undefined, /heure/],
    ["De nombreux services offerts dont borne-visio conférence. Lundi 9h-12h", undefined, /non compris/],
    ["Lundi 12h-9h", undefined, /fin précède le début/],
    ["Lundi 9h-12h, 11h-14h", undefined, /chevauchent/],
    ["Mardi 9h-17h, fermé le mercredi et vendredi matin", undefined, /ambiguë/],
    ["True", WEEK, /aucun horaire/],
    ["", WEEK, /vide/],
  ];
  it.each(cases)("%j", (text, defaultDays, reason) => {
    const result = frenchTextToOpeningHours(text, { defaultDays });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe("weekdayColumnsToOpeningHours", () => {
  it("converts France services cells", () => {
    expect(
      value(
        weekdayColumnsToOpeningHours({
          Mo: "09:00 - 12:00 / 13:30 - 17:00",
          Tu: "09:00 - 12:00 / 13:30 - 17:00",
          We: "09:00 - 12:00 / 13:30 - 17:00",
          Th: "09:00 - 12:00 / 13:30 - 17:00",
          Fr: "09:00 - 12:00 / 13:30 - 16:00",
          Sa: "",
        }),
      ),
    ).toBe("Mo-Th 09:00-12:00,13:30-17:00; Fr 09:00-12:00,13:30-16:00");
    expect(value(weekdayColumnsToOpeningHours({ Mo: "09:30-12:30/\n\n 13:30-18:00", Tu: "-", We: "08 :00-12:00/14:00-17:00" }))).toBe(
      "Mo 09:30-12:30,13:30-18:00; We 08:00-12:00,14:00-17:00",
    );
    // Exact duplicates are dropped; "00:00 - 00:00" is a back-office placeholder.
    expect(value(weekdayColumnsToOpeningHours({ Mo: "09:00 - 12:00 / 09:00 - 12:00 / 14:00 - 17:00", Tu: "00:00 - 00:00 / 09:00 - 12:00" }))).toBe(
      "Mo 09:00-12:00,14:00-17:00; Tu 09:00-12:00",
    );
  });
  it("converts Nouvelle-Calédonie cells", () => {
    expect(value(weekdayColumnsToOpeningHours({ Mo: "8:-11:", Tu: "13:-17:", We: "8:-11:/13:-17:", Th: "13:-17:", Fr: "8:-11:", Sa: "8:-11:", Su: null }))).toBe(
      "Mo,Fr,Sa 08:00-11:00; Tu,Th 13:00-17:00; We 08:00-11:00,13:00-17:00",
    );
    expect(value(weekdayColumnsToOpeningHours({ Mo: "7 : 30 - 11 : 30 / 12 : 30 - 15 :30", Tu: "9: à 18:", We: "10: à 16: (en continu)", Th: "8:30 11:30; 13:00 17:00" }))).toBe(
      "Mo 07:30-11:30,12:30-15:30; Tu 09:00-18:00; We 10:00-16:00; Th 08:30-11:30,13:00-17:00",
    );
    expect(value(weekdayColumnsToOpeningHours({ Mo: "Fermé", Tu: "10h à 17h", Fr: "7:00-11:30 et pas d'accueil en apres midi" }))).toBe(
      "Tu 10:00-17:00; Fr 07:00-11:30",
    );
  });
  it("refuses what it cannot read, naming the day", () => {
    const cases: [Partial<Record<OsmWeekday, string | null>>, RegExp][] = [
      [{ Sa: "08:00-11:30 (les premiers samedis de chaque mois)" }, /^samedi : .*mois/],
      [{ Th: "réservé aux scolaires" }, /^jeudi : accès réservé/],
      [{ We: "10:00-11-00, 12:00-17:00" }, /^mercredi : /],
      [{ Mo: "13:16:59.999998" }, /^lundi : /],
      [{ Tu: "08:30 - 12:00 / 08:30 - 17:00" }, /^mardi : plages horaires qui se chevauchent/],
      [{ Fr: "07:30:12:30" }, /^vendredi : /],
      [{ Mo: "Lundi 9h-12h" }, /^lundi : passage non compris/],
      [{ Mo: "", Tu: "-", Sa: null }, /aucun horaire renseigné/],
      [{ Mo: "00:00 - 00:00" }, /aucun horaire renseigné/],
    ];
    for (const [cells, reason] of cases) {
      const result = weekdayColumnsToOpeningHours(cells);
      expect(result.ok, JSON.stringify(cells)).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(reason);
    }
  });
});

describe("real datasets", () => {
  interface Figures {
    converted: number;
    filled: number;
  }
  function tally(results: HoursConversion[], figures: Figures): void {
    for (const result of results) {
      figures.filled++;
      if (result.ok) {
        expect(isValidOpeningHours(result.value), result.value).toBe(true);
        figures.converted++;
      }
    }
  }
  const report = (name: string, f: Figures) =>
    console.log(`${name} : ${f.converted} / ${f.filled} convertis (${((100 * f.converted) / f.filled).toFixed(1)} %)`);

  it("centre-val-de-loire (Hub-lo): free text + c_jours_semaine", () => {
    const rows = JSON.parse(fs.readFileSync(path.join(REAL, "centre-val-de-loire_hub-lo_source.json"), "utf8")) as Record<string, unknown>[];
    const results = rows
      .filter((r) => typeof r.c_horaire_ouverture === "string" && r.c_horaire_ouverture.trim() !== "")
      .map((r) =>
        frenchTextToOpeningHours(r.c_horaire_ouverture as string, {
          defaultDays: parseFrenchDays(typeof r.c_jours_semaine === "string" ? r.c_jours_semaine : ""),
        }),
      );
    const figures = { converted: 0, filled: 0 };
    tally(results, figures);
    report("centre-val-de-loire_hub-lo_source.json", figures);
    expect(figures.filled).toBe(120);
    expect(figures.converted).toBeGreaterThanOrEqual(89);
  });

  it("france-services: h_lundi … h_samedi", () => {
    const columns: [OsmWeekday, string][] = [
      ["Mo", "h_lundi"], ["Tu", "h_mardi"], ["We", "h_mercredi"], ["Th", "h_jeudi"], ["Fr", "h_vendredi"], ["Sa", "h_samedi"],
    ];
    const rows = parse(fs.readFileSync(path.join(REAL, "france-services_2022-12-01.csv")), { columns: true }) as Record<string, string>[];
    const results = rows
      .filter((r) => columns.some(([, c]) => (r[c] ?? "").trim() !== ""))
      .map((r) => weekdayColumnsToOpeningHours(Object.fromEntries(columns.map(([d, c]) => [d, r[c]]))));
    const figures = { converted: 0, filled: 0 };
    tally(results, figures);
    report("france-services_2022-12-01.csv", figures);
    expect(figures.filled).toBe(2564);
    expect(figures.converted).toBeGreaterThanOrEqual(2548);
  });

  it("nouvelle-caledonie: horaires_lundi … horaires_dimanche", () => {
    const columns: [OsmWeekday, string][] = [
      ["Mo", "horaires_lundi"], ["Tu", "horaires_mardi"], ["We", "horaires_mercredi"], ["Th", "horaires_jeudi"],
      ["Fr", "horaires_vendredi"], ["Sa", "horaires_samedi"], ["Su", "horaires_dimanche"],
    ];
    const rows = JSON.parse(fs.readFileSync(path.join(REAL, "nouvelle-caledonie_source.json"), "utf8")) as Record<string, string | null>[];
    const results = rows
      .filter((r) => columns.some(([, c]) => (r[c] ?? "").trim() !== ""))
      .map((r) => weekdayColumnsToOpeningHours(Object.fromEntries(columns.map(([d, c]) => [d, r[c]]))));
    const figures = { converted: 0, filled: 0 };
    tally(results, figures);
    report("nouvelle-caledonie_source.json", figures);
    expect(figures.filled).toBe(72);
    expect(figures.converted).toBeGreaterThanOrEqual(68);
  });
});
