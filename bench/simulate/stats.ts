/** Small statistics for the report: mean, percentiles, and the estimated-wait error. */

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** The p-th percentile (0–100) by linear interpolation between closest ranks. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export interface EstimatePair {
  /** The estimate given at issue. */
  estimated: number;
  /** The wait that followed (issue → call). */
  actual: number;
}

export interface EstimateError {
  n: number;
  /** Mean absolute error, in the unit of the pairs. */
  mae: number;
  /** Mean of estimated − actual: negative when the estimate promises too short a wait. */
  bias: number;
  meanWait: number;
  /** MAE as a percentage of the mean actual wait (the goal: ≤ 20%). */
  maePercentOfMeanWait: number;
  /** Share of tickets whose estimate was within ±max(2 units, 25%) of the wait they had. */
  withinBand: number;
}

export function estimateError(pairs: readonly EstimatePair[]): EstimateError {
  const errors = pairs.map((p) => p.estimated - p.actual);
  const meanWait = mean(pairs.map((p) => p.actual));
  const mae = mean(errors.map(Math.abs));
  const within = pairs.filter((p) => Math.abs(p.estimated - p.actual) <= Math.max(2, 0.25 * p.actual)).length;
  return {
    n: pairs.length,
    mae,
    bias: mean(errors),
    meanWait,
    maePercentOfMeanWait: meanWait > 0 ? (100 * mae) / meanWait : Number.NaN,
    withinBand: pairs.length === 0 ? Number.NaN : within / pairs.length,
  };
}

/** Share of waits at or under the SLA. */
export function slaShare(waits: readonly number[], slaMinutes: number): number {
  return waits.length === 0 ? Number.NaN : waits.filter((w) => w <= slaMinutes).length / waits.length;
}

export const round1 = (n: number): number => Math.round(n * 10) / 10;
