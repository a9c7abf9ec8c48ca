import { describe, expect, it } from "vitest";
import { anonymousPart, recordCounts, type NamedParticipant } from "./counts";

const anna: NamedParticipant = { ageBand: "SoixanteDixPlus", gender: "Feminin", socialStatus: "Retraite", firstTime: true };
const bruno: NamedParticipant = { ageBand: "VingtCinqTrenteNeuf", gender: "Masculin", socialStatus: "SansEmploi", firstTime: false };

describe("recordCounts", () => {
  it("counts one named person on an individual record, every breakdown adding up to one", () => {
    const result = recordCounts([anna]);
    expect(result).toMatchObject({ ok: true, counts: { participants: 1, named: 1, firstTime: 1, genderFemale: 1, age70Plus: 1, statusRetired: 1, genderUnknown: 0, ageUnknown: 0 } });
  });

  it("counts an anonymous person as « non communiqué » everywhere", () => {
    const result = recordCounts([], { total: 1, alreadyHelped: 0, gender: {}, age: {}, status: {} });
    expect(result).toMatchObject({ ok: true, counts: { participants: 1, named: 0, genderUnknown: 1, ageUnknown: 1, statusUnknown: 1 } });
  });

  it("adds named people and anonymous counts; what the breakdowns leave out is unknown", () => {
    const result = recordCounts([anna, bruno], { total: 8, alreadyHelped: 3, gender: { Feminin: 5, Masculin: 2 }, age: { SoixanteDixPlus: 4 }, status: { Retraite: 6, NonCommunique: 1 } });
    if (!result.ok) throw new Error(result.problem);
    const c = result.counts;
    expect(c.participants).toBe(10);
    expect([c.genderFemale, c.genderMale, c.genderUnknown]).toEqual([6, 3, 1]);
    expect([c.age70Plus, c.age25To39, c.ageUnknown]).toEqual([5, 1, 4]);
    expect([c.statusRetired, c.statusJobSeeking, c.statusUnknown]).toEqual([7, 1, 2]);
    expect(anonymousPart(c, [anna, bruno])).toMatchObject({ total: 8, alreadyHelped: 3, gender: { Feminin: 5, Masculin: 2 }, age: { SoixanteDixPlus: 4, MoinsDeDouze: 0 }, status: { Retraite: 6 } });
  });

  it("refuses a breakdown that says more people than the total, and a session without anyone", () => {
    expect(recordCounts([], { total: 3, alreadyHelped: 0, gender: { Feminin: 4 }, age: {}, status: {} })).toEqual({ ok: false, problem: "gender-over-total" });
    expect(recordCounts([], { total: 3, alreadyHelped: 4, gender: {}, age: {}, status: {} })).toEqual({ ok: false, problem: "already-helped-over-total" });
    expect(recordCounts([], { total: 3, alreadyHelped: 0, gender: {}, age: { DouzeDixHuit: 2, SoixanteDixPlus: 2 }, status: {} })).toEqual({ ok: false, problem: "age-over-total" });
    expect(recordCounts([])).toEqual({ ok: false, problem: "no-participant" });
  });
});
