import { describe, expect, it } from "vitest";
import type { Grid } from "./form-types";
import { applicationScore, weightedScore } from "./scores";

const grid: Grid = {
  scale: 5,
  criteria: [
    { id: "c1", label: "Pertinence du projet", weight: 3 },
    { id: "c2", label: "Ancrage territorial", weight: 2 },
    { id: "c3", label: "Budget", weight: 1 },
  ],
};
const s = (score: number) => ({ score, comment: "" });

describe("weightedScore", () => {
  it("weighs each criterion's score by its weight", () => {
    // (4×3 + 2×2 + 5×1) / 6 = 21 / 6
    expect(weightedScore(grid, { c1: s(4), c2: s(2), c3: s(5) })).toBeCloseTo(3.5, 10);
    expect(weightedScore(grid, { c1: s(5), c2: s(5), c3: s(5) })).toBe(5);
    expect(weightedScore(grid, { c1: s(0), c2: s(0), c3: s(0) })).toBe(0);
  });

  it("leaves out an unscored criterion, a score of another grid and a weight of 0", () => {
    // (4×3 + 1×1) / 4
    expect(weightedScore(grid, { c1: s(4), c3: s(1), old: s(0) })).toBeCloseTo(13 / 4, 10);
    const zero: Grid = { scale: 5, criteria: [{ id: "a", label: "A", weight: 0 }, { id: "b", label: "B", weight: 1 }] };
    expect(weightedScore(zero, { a: s(0), b: s(4) })).toBe(4);
    expect(weightedScore(grid, { c1: { score: Number.NaN, comment: "" }, c2: s(3) })).toBe(3);
  });

  it("is null when nothing is scored, or for a grid without criteria", () => {
    expect(weightedScore(grid, {})).toBeNull();
    expect(weightedScore({ scale: 5, criteria: [] }, { c1: s(4) })).toBeNull();
  });
});

describe("applicationScore", () => {
  it("is the mean of the reviews' weighted scores, reviews without a score left out", () => {
    const first = { c1: s(4), c2: s(2), c3: s(5) }; // 3.5
    const second = { c1: s(2), c2: s(2), c3: s(2) }; // 2
    expect(applicationScore(grid, [first, second])).toBeCloseTo(2.75, 10);
    expect(applicationScore(grid, [first, {}])).toBeCloseTo(3.5, 10);
    expect(applicationScore(grid, [])).toBeNull();
    expect(applicationScore(grid, [{}])).toBeNull();
  });
});
