import { describe, expect, it } from "vitest";
import { applicationFolder, safeName, uniqueNames } from "./file-names";

describe("safeName", () => {
  it("keeps accents and spaces, replaces what Windows refuses and any path", () => {
    expect(safeName("Budget prévisionnel 2026.xlsx")).toBe("Budget prévisionnel 2026.xlsx");
    expect(safeName("../../etc/passwd")).toBe("_.._etc_passwd");
    expect(safeName('Statuts: "version 2" <signée>?.pdf')).toBe("Statuts_ _version 2_ _signée__.pdf");
    expect(safeName("C:\\Users\\moi\\devis.pdf")).toBe("C__Users_moi_devis.pdf");
    expect(safeName("  rapport\tannuel\n.pdf. ")).toBe("rapport annuel .pdf");
  });

  it("never gives an empty, hidden or reserved name", () => {
    expect(safeName("...")).toBe("fichier");
    expect(safeName("///")).toBe("fichier");
    expect(safeName(".htaccess")).toBe("htaccess");
    expect(safeName("CON.pdf")).toBe("_CON.pdf");
    expect(safeName("lpt1")).toBe("_lpt1");
  });

  it("cuts a long name, keeping its extension", () => {
    const name = safeName(`${"é".repeat(150)}.pdf`);
    expect([...name].length).toBe(100);
    expect(name.endsWith("éé.pdf")).toBe(true);
  });
});

describe("applicationFolder", () => {
  it("numbers on three digits, then the place's name", () => {
    expect(applicationFolder(12, "Espace numérique d'Orléans")).toBe("012 - Espace numérique d'Orléans");
    expect(applicationFolder(1234, "Médiathèque / EPN")).toBe("1234 - Médiathèque _ EPN");
  });
});

describe("uniqueNames", () => {
  it("gives each file its own name in a folder, case aside", () => {
    expect(uniqueNames(["devis.pdf", "Devis.pdf", "devis.pdf", "devis (2).pdf", "notes", "notes"])).toEqual([
      "devis.pdf",
      "Devis (2).pdf",
      "devis (3).pdf",
      "devis (2) (2).pdf",
      "notes",
      "notes (2)",
    ]);
  });
});
