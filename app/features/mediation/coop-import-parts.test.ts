import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { fr } from "~/lib/messages";
import { CoopImportReportView, RecordsExportForm } from "./coop-import-parts";

const m = fr.mediationExports;

describe("the export form", () => {
  it("asks for XLSX by default and CSV with its own button, the period kept, without JavaScript", () => {
    const html = renderToStaticMarkup(createElement(RecordsExportForm, { action: "/gestion/lieux/p/accompagnements/export", from: "2025-01-01", to: "2025-12-31", intro: m.exportIntro }));
    expect(html).toContain('action="/gestion/lieux/p/accompagnements/export.xlsx" method="get"');
    expect(html).toContain('<button type="submit" formAction="/gestion/lieux/p/accompagnements/export.csv">');
    expect(html).toContain('name="du" value="2025-01-01"');
    expect(html).toContain('name="au" value="2025-12-31"');
    expect(html).toContain(`<h2 id="exporter">${m.exportTitle}</h2>`);
  });
});

describe("the import's report", () => {
  it("says what was added, or lists the problems with row headers", () => {
    expect(renderToStaticMarkup(createElement(CoopImportReportView, { report: { kind: "imported", rows: 12, activities: 9, added: 7, already: 2 } }))).toContain("7 accompagnements ajoutés, 2 déjà présents (non modifiés).");
    const refused = renderToStaticMarkup(
      createElement(CoopImportReportView, { report: { kind: "invalid", rows: 300, activities: 290, problemCount: 250, problems: [{ row: 14, column: "Date", message: "« hier » n'est pas une date (JJ/MM/AAAA)." }] } }),
    );
    expect(refused).toContain("Rien n&#x27;a été importé : 250 problèmes à corriger dans le fichier, puis importez-le à nouveau.");
    expect(refused).toContain("Les 1 premiers problèmes sur 250.");
    expect(refused).toContain('<th scope="row">14</th><td>Date</td>');
  });
});
