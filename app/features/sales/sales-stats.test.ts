import { describe, expect, it } from "vitest";
import { formatCell } from "~/features/mediation/stats-tables";
import { monthLabel, salesTables } from "./sales-stats";

describe("salesTables", () => {
  it("a table per service (revenue in euros, quantity) with the top-ups in its note, and one per month", () => {
    const [services, months] = salesTables({
      byKind: [{ kind: "print", revenueCents: 123450, quantity: 6172 }, { kind: "membership", revenueCents: 1500, quantity: 1 }],
      byMonth: [{ month: "2026-11", revenueCents: 100000 }, { month: "2026-12", revenueCents: 24950 }],
      totalCents: 124950,
      topups: { amountCents: 4000, count: 2 },
      hasSales: true,
    });
    expect(services!.rows.map((r) => [r.label, ...r.cells.map(formatCell)])).toEqual([
      ["Impressions", "1\u202f234,50\u00a0€", "6\u202f172"],
      ["Adhésions", "15,00\u00a0€", "1"],
    ]);
    expect(services!.note).toBe("Crédit prépayé rechargé : 40,00\u00a0€ (2 rechargements).");
    expect(months!.rows.map((r) => [r.label, formatCell(r.cells[0]!)])).toEqual([
      ["novembre 2026", "1\u202f000,00\u00a0€"],
      ["décembre 2026", "249,50\u00a0€"],
    ]);
    expect(monthLabel("2027-01")).toBe("janvier 2027");
  });
});
