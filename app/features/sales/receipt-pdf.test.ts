import { describe, expect, it } from "vitest";
import { pdfText } from "../../../tests/support/pdf-text";
import type { Receipt } from "./receipt";
import { renderReceiptPdf } from "./receipt-pdf.server";

const receipt: Receipt = {
  saleId: "00000000-0000-4000-8000-000000000001",
  number: "2026-000123",
  place: { name: "Espace numérique Alpha", address: "3 rue de la Mairie", addressComplement: "Rez-de-chaussée", postcode: "35000", commune: "Rennes" },
  cashOfficeName: "Régie de recettes de l'EPN Alpha",
  footer: "TVA non applicable, article 293 B du CGI",
  soldAt: new Date("2026-11-12T13:30:00Z"),
  day: "2026-11-12",
  date: "12 novembre 2026",
  time: "14 h 30",
  seller: "Camille Médiatrice",
  person: "Dominique L.",
  personEmail: "dominique@exemple.fr",
  category: "Demandeurs d'emploi",
  lines: [
    { kind: "print", label: "Impression noir et blanc", unit: "page", quantity: 12, freeQuantity: 10, unitPriceCents: 20, amountCents: 40 },
    { kind: "print3d", label: "Impression 3D", unit: "gram", quantity: 35, freeQuantity: 0, unitPriceCents: 10, amountCents: 350 },
  ],
  totalCents: 390,
  paymentMethod: "credit",
  paymentLabel: "Crédit prépayé",
  creditBalanceAfterCents: 1210,
  cancels: null,
  cancelledBy: { number: "2026-000125" },
};

describe("renderReceiptPdf", () => {
  it("writes an A5 PDF that reads: the issuer, the number, the date, the person, each line with its free pages, the total, the means of payment and the credit left", async () => {
    const pdf = await renderReceiptPdf(receipt);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1")).toContain("/MediaBox [0 0 419.53 595.28]");
    const text = pdfText(pdf);
    for (const words of [
      "Régie de recettes de l'EPN Alpha",
      "Espace numérique Alpha",
      "35000 Rennes",
      "Reçu n° 2026-000123",
      "Le 12 novembre 2026 à 14 h 30",
      "Client : Dominique L.",
      "Tarif : Demandeurs d'emploi",
      "Encaissé par : Camille Médiatrice",
      "Impression noir et blanc",
      "dont 10 offertes",
      "0,40\u00a0€",
      "3,50\u00a0€",
      "Total",
      "3,90\u00a0€",
      "Moyen de paiement : Crédit prépayé",
      "Solde du crédit prépayé après ce reçu : 12,10\u00a0€",
      "Annulé par le reçu n° 2026-000125",
      "TVA non applicable, article 293 B du CGI",
    ]) {
      expect(text).toContain(words);
    }
    expect(text).not.toContain("dominique@exemple.fr");
  });

  it("a correction says which receipt it cancels and why, its amounts negative", async () => {
    const correction: Receipt = {
      ...receipt,
      number: "2026-000125",
      lines: [{ kind: "print", label: "Impression noir et blanc", unit: "page", quantity: -12, freeQuantity: -10, unitPriceCents: 20, amountCents: -40 }],
      totalCents: -40,
      paymentMethod: "cash",
      paymentLabel: "Espèces",
      creditBalanceAfterCents: null,
      cancels: { number: "2026-000123", reason: "Erreur de quantité" },
      cancelledBy: null,
    };
    const text = pdfText(await renderReceiptPdf(correction));
    expect(text).toContain("Reçu n° 2026-000125 — Reçu d'annulation");
    expect(text).toContain("Annule le reçu n° 2026-000123");
    expect(text).toContain("Motif : Erreur de quantité");
    expect(text).toContain("-0,40\u00a0€");
    expect(text).not.toContain("Merci de votre visite.");
  });
});
