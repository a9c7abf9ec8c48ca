/**
 * An application's score from its reviews, pure: each submitted review weighs its criteria's scores
 * by the grid's weights, and the application's score is the mean of its reviews' scores.
 */
import type { Grid, Scores } from "./form-types";

/**
 * A review's weighted score: Σ scoreᵢ × weightᵢ / Σ weightᵢ over the grid's criteria it scored (on the
 * grid's scale, 0…scale). A criterion it left unscored (one added to the grid after the review, say)
 * is left out of both sums rather than counted as 0; criteria of weight 0 or less and scores that are
 * not numbers count for nothing. Null when no criterion is left.
 */
export function weightedScore(grid: Grid, scores: Scores): number | null {
  let weighted = 0;
  let weights = 0;
  for (const criterion of grid.criteria) {
    const score = scores[criterion.id]?.score;
    if (typeof score !== "number" || !Number.isFinite(score)) continue;
    if (!(criterion.weight > 0)) continue;
    weighted += score * criterion.weight;
    weights += criterion.weight;
  }
  return weights > 0 ? weighted / weights : null;
}

/** The application's score: the mean of its reviews' weighted scores (reviews without one left out); null without any. */
export function applicationScore(grid: Grid, reviews: readonly Scores[]): number | null {
  const each = reviews.map((scores) => weightedScore(grid, scores)).filter((s): s is number => s !== null);
  if (each.length === 0) return null;
  return each.reduce((sum, s) => sum + s, 0) / each.length;
}
