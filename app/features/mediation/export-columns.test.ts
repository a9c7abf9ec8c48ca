import { describe, expect, it } from "vitest";
import { csvCells, escapeCsvFormula, exportColumns, type ExportRecord, xlsxCells } from "./export-columns";
import { readExportDate, parseRecordsExportFilter } from "./export-filter";
import { recordCounts } from "./counts";

const counted = recordCounts([], { total: 3, alreadyHelped: 1, gender: { Feminin: 2 }, age: { SoixanteDixPlus: 1 }, status: {} });
if (!counted.ok) throw new Error("counts");
const record: ExportRecord = {
  ...counted.counts,
  id: "00000000-0000-0000-0000-000000000001",
  date: "2025-03-14",
  placeName: "Médiathèque de Vierzon",
  mediatorName: "Claire Martin",
  kind: "collectif",
  durationMinutes: 90,
  placeKind: "Autre",
  communeName: "Mehun-sur-Yèvre",
  communeInsee: "18141",
  themes: ["NavigationSurInternet", "AideAuxDemarchesAdministratives"],
  adminThemes: ["SocialSante"],
  equipment: ["Tablette", "Autre"],
  autonomy: null,
  oriented: false,
  orientation: null,
  title: "=HYPERLINK(\"https://evil.example\")",
  level: "Debutant",
  origin: "session",
  coopId: null,
  people: "Jeanne D., Paul M.",
  notes: "-2 personnes parties avant la fin",
};

describe("the columns of a records export", () => {
  it("gives the place's staff the notes and the names, the network's coordinators neither", () => {
    const place = exportColumns("place").map((c) => c.key);
    const network = exportColumns("network").map((c) => c.key);
    expect(place).toEqual([...network, "people", "notes"]);
    expect(network).not.toContain("people");
    expect(network).not.toContain("notes");
  });

  it("has French headers and every count column, each breakdown in La Coop's order", () => {
    const headers = exportColumns("network").map((c) => c.header);
    expect(headers.slice(0, 5)).toEqual(["Date", "Lieu", "Médiateur ou médiatrice", "Type", "Durée (min)"]);
    expect(headers).toContain("Genre : Femme");
    expect(headers).toContain("Âge : 70 ans et plus");
    expect(headers).toContain("Statut : Non communiqué ou hétérogène");
    expect(headers.filter((h) => h.startsWith("Âge : "))).toHaveLength(8);
  });

  it("writes codes in French words and counts as numbers", () => {
    const columns = exportColumns("place");
    const row = Object.fromEntries(columns.map((c, i) => [c.key, csvCells(columns, record)[i]]));
    expect(row).toMatchObject({
      kind: "Atelier collectif",
      placeKind: "Autre lieu",
      themes: "Navigation sur internet, Aide aux démarches administratives",
      adminThemes: "Social - Santé",
      equipment: "Tablette, Autre matériel",
      level: "Débutant",
      oriented: "",
      participants: 3,
      genderFemale: 2,
      genderUnknown: 1,
      ageUnknown: 2,
      alreadyHelped: 1,
      origin: "Séance d'atelier",
      coopId: "",
    });
  });

  it("keeps a spreadsheet from reading a CSV text as a formula", () => {
    expect(escapeCsvFormula("=1+1")).toBe("'=1+1");
    expect(escapeCsvFormula("+33 6 12")).toBe("'+33 6 12");
    expect(escapeCsvFormula("-2 personnes")).toBe("'-2 personnes");
    expect(escapeCsvFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(escapeCsvFormula("\t=1")).toBe("'\t=1");
    expect(escapeCsvFormula("Atelier = tablette")).toBe("Atelier = tablette");
    const columns = exportColumns("place");
    const cells = csvCells(columns, record);
    expect(cells[columns.findIndex((c) => c.key === "title")]).toBe("'=HYPERLINK(\"https://evil.example\")");
    expect(cells[columns.findIndex((c) => c.key === "notes")]).toBe("'-2 personnes parties avant la fin");
  });

  it("gives the spreadsheet a date cell at midnight UTC and texts as written (XLSX cells are never formulas)", () => {
    const columns = exportColumns("place");
    const cells = xlsxCells(columns, record);
    expect(cells[0]).toEqual(new Date("2025-03-14T00:00:00Z"));
    expect(cells[columns.findIndex((c) => c.key === "title")]).toBe("=HYPERLINK(\"https://evil.example\")");
    expect(cells[columns.findIndex((c) => c.key === "autonomy")]).toBeNull();
  });
});

describe("the period of an export", () => {
  it("reads a date field's value and a typed French date", () => {
    expect(readExportDate("2025-03-04")).toBe("2025-03-04");
    expect(readExportDate("4/3/2025")).toBe("2025-03-04");
    expect(readExportDate("31/02/2025")).toBeUndefined();
    expect(readExportDate("demain")).toBeUndefined();
  });

  it("accepts none, one or both bounds in order, and says what is wrong in French", () => {
    expect(parseRecordsExportFilter(new URLSearchParams())).toEqual({ ok: true, filter: { from: undefined, to: undefined } });
    expect(parseRecordsExportFilter(new URLSearchParams({ du: "01/01/2025", au: "" }))).toEqual({ ok: true, filter: { from: "2025-01-01", to: undefined } });
    expect(parseRecordsExportFilter(new URLSearchParams({ du: "2025-02-01", au: "2025-01-01" }))).toEqual({ ok: false, error: "La date de fin doit être après la date de début." });
    expect(parseRecordsExportFilter(new URLSearchParams({ du: "hier" }))).toEqual({ ok: false, error: "Indiquez les dates au format AAAA-MM-JJ ou JJ/MM/AAAA." });
  });
});
