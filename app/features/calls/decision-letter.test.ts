import { describe, expect, it } from "vitest";
import { pdfText } from "../../../tests/support/pdf-text";
import { renderDecisionLetter, winAnsi, type DecisionLetterInput } from "./decision-letter.server";

const base: DecisionLetterInput = {
  networkName: "Web O Centre — réseau des EPN de la région Centre-Val de Loire",
  callTitle: "Web O Centre 2017-2020",
  applicationNumber: 12,
  placeName: "Espace numérique de l'Argonne",
  placeAddress: ["1 place Mozart", "Bâtiment B, rez-de-chaussée", "45100 Orléans"],
  state: "accepted",
  // 23:30 UTC on 11 March is already 12 March in Paris.
  decidedAt: new Date("2017-03-11T23:30:00Z"),
  signatoryName: "Hélène Lefèvre",
  signatoryTitle: "Présidente du comité de labellisation",
  city: "Orléans",
};

/** The letter's words on one line, whatever the runs and line breaks (no-break spaces kept). */
async function words(input: DecisionLetterInput): Promise<{ pdf: Buffer; text: string }> {
  const pdf = await renderDecisionLetter(input);
  return { pdf, text: pdfText(pdf).replace(/[ \n]+/g, " ") };
}

describe("renderDecisionLetter", () => {
  it("grants the label: letterhead, recipient, the date in French on the Paris calendar, subject, dates of validity, themes, signatory, footer", async () => {
    const { pdf, text } = await words({ ...base, label: "EPN labellisé Web O Centre", themes: ["Inclusion numérique", "Fabrication numérique (fablab)"], validFrom: "2017-04-01", validUntil: "2020-12-31" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1")).toContain("/MediaBox [0 0 595.28 841.89]");
    for (const expected of [
      "Web O Centre — réseau des EPN de la région Centre-Val de Loire",
      "Espace numérique de l'Argonne 1 place Mozart Bâtiment B, rez-de-chaussée 45100 Orléans",
      "Orléans, le 12 mars 2017",
      "Objet : Appel à projets «\u00a0Web O Centre 2017-2020\u00a0» — décision sur le dossier n°\u00a012",
      "Madame, Monsieur,",
      "Nous avons le plaisir de vous informer que le lieu «\u00a0Espace numérique de l'Argonne\u00a0» est labellisé «\u00a0EPN labellisé Web O Centre\u00a0» du 1er avril 2017 au 31 décembre 2020",
      "Le label porte sur les thématiques suivantes : • Inclusion numérique • Fabrication numérique (fablab)",
      "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
      "Présidente du comité de labellisation Hélène Lefèvre",
    ]) {
      expect(text).toContain(expected);
    }
    // The footer, after the signature: the network's name, no page number on a one-page letter.
    expect(text.trimEnd().endsWith("Web O Centre — réseau des EPN de la région Centre-Val de Loire")).toBe(true);
    expect(text).not.toContain("page 1");
    expect((pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length).toBe(1);
  });

  it("refuses, with the reasons, and the date without a city", async () => {
    const { text } = await words({
      ...base,
      state: "refused",
      city: undefined,
      reason: "Le budget prévisionnel n'est pas équilibré.\nLes horaires d'ouverture au public sont inférieurs à 10 heures par semaine.",
    });
    expect(text).toContain("Le 12 mars 2017");
    expect(text).not.toContain("Orléans, le");
    expect(text).toContain("nous avons le regret de vous informer que la candidature du lieu «\u00a0Espace numérique de l'Argonne\u00a0» n'a pas été retenue.");
    expect(text).toContain("Les motifs de cette décision sont les suivants : Le budget prévisionnel n'est pas équilibré. Les horaires d'ouverture au public sont inférieurs à 10 heures par semaine.");
    expect(text).not.toContain("labellisé «");
  });

  it("closes without follow-up, with the reasons", async () => {
    const { text } = await words({ ...base, state: "closed", reason: "Le lieu a fermé ses portes en février." });
    expect(text).toContain("Nous vous informons que le dossier n°\u00a012 du lieu «\u00a0Espace numérique de l'Argonne\u00a0» est classé sans suite.");
    expect(text).toContain("Les motifs de ce classement sont les suivants : Le lieu a fermé ses portes en février.");
  });

  it("goes on to other pages for long reasons, the footer and page number on each", async () => {
    const reason = Array.from({ length: 40 }, (_, i) => `Motif n° ${i + 1} : la pièce justificative demandée à l'article ${i + 1} du règlement manque ou n'est pas lisible.`).join("\n");
    const { pdf, text } = await words({ ...base, state: "refused", reason });
    const pages = (pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Web O Centre — réseau des EPN de la région Centre-Val de Loire — page ${page} / ${pages}`);
    expect(text).toContain("Motif n° 40");
    expect(text).toContain("Hélène Lefèvre");
  });

  it("writes what Helvetica lacks with its nearest character", () => {
    expect(winAnsi("Œuvre d’art — « 12\u202f% » – ok")).toBe("Œuvre d’art — « 12\u00a0% » – ok");
    expect(winAnsi("Łódź Ŝ 10\u2212 2")).toBe("?ódz S 10- 2");
    expect(winAnsi("Lieu 😀")).toBe("Lieu ?");
  });
});
