/**
 * Quartile position within a set of council values, polarity-aware (1 = top, 4 = bottom), with the value
 * a council would need to reach the next quartile up.
 *
 * Method: Excel's QUARTILE.INC (also R type 7, the NumPy default), which is what councils' own
 * spreadsheets compute, so our thresholds match theirs. On the n values sorted ascending x[0..n-1], the
 * p-th quartile sits at position h = (n - 1) × p and is x[⌊h⌋] + (h - ⌊h⌋) × (x[⌊h⌋ + 1] - x[⌊h⌋]).
 *
 * A value exactly on a threshold belongs to the better quartile ("at or above the upper quartile is top
 * quartile" when higher is better; "at or below the lower quartile" when lower is better).
 */
import type { Polarity } from '../measure.js';
import { clean, nearlyEqual } from './numbers.js';
import type { BenchmarkMeasure } from './types.js';

/** Fewer values than this cannot put one council in each quartile, so no position is given. */
export const MIN_QUARTILE_SET = 4;

export type Quartile = 1 | 2 | 3 | 4;

export interface QuartileThresholds {
  /** 25th percentile of the values, ascending (not polarity-aware). */
  lower: number;
  median: number;
  /** 75th percentile. */
  upper: number;
  n: number;
}

export interface NextQuartile {
  quartile: Quartile;
  /** The threshold to reach, unrounded. */
  threshold: number;
  /** The nearest value at published precision that reaches the threshold. */
  needed: number;
  /** needed - the council's value: positive when the value must rise. */
  change: number;
}

export interface QuartilePosition {
  /** 1 = top (best) … 4 = bottom. */
  quartile: Quartile;
  thresholds: QuartileThresholds;
  /** The move to the next quartile up, holding the other values fixed; null in the top quartile. */
  next: NextQuartile | null;
}

/** QUARTILE.INC thresholds of ascending values; null for an empty set. */
export function quartileThresholds(sorted: ArrayLike<number>): QuartileThresholds | null {
  if (sorted.length === 0) return null;
  return {
    lower: percentileInc(sorted, 0.25),
    median: percentileInc(sorted, 0.5),
    upper: percentileInc(sorted, 0.75),
    n: sorted.length,
  };
}

/** Excel PERCENTILE.INC on ascending values (non-empty). */
export function percentileInc(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (h - below) * (high - low);
}

/**
 * Where `value` stands among the ascending `sorted` values (which should include it). Null for a neutral
 * measure, where no quartile is better, and for sets smaller than MIN_QUARTILE_SET.
 */
export function quartilePosition(
  sorted: ArrayLike<number>,
  value: number,
  measure: Pick<BenchmarkMeasure, 'polarity' | 'decimals'>,
): QuartilePosition | null {
  return positionAmong(quartileThresholds(sorted), value, measure);
}

/** As `quartilePosition`, from thresholds already worked out (the engine computes them once per set). */
export function positionAmong(
  thresholds: QuartileThresholds | null,
  value: number,
  measure: Pick<BenchmarkMeasure, 'polarity' | 'decimals'>,
): QuartilePosition | null {
  if (!thresholds || thresholds.n < MIN_QUARTILE_SET || measure.polarity === 'neutral') return null;
  const bestFirst = thresholdsBestFirst(thresholds, measure.polarity);
  const reached = bestFirst.findIndex((threshold) => reaches(value, threshold, measure.polarity));
  const quartile = (reached === -1 ? 4 : reached + 1) as Quartile;
  if (quartile === 1) return { quartile, thresholds, next: null };
  const threshold = bestFirst[quartile - 2] as number;
  const needed = publishedValueReaching(threshold, measure.decimals, measure.polarity);
  const next = { quartile: (quartile - 1) as Quartile, threshold, needed, change: clean(needed - value) };
  return { quartile, thresholds, next };
}

/** The thresholds of quartiles 1, 2 and 3, in that order. */
function thresholdsBestFirst(t: QuartileThresholds, polarity: Polarity): number[] {
  return polarity === 'higher-is-better' ? [t.upper, t.median, t.lower] : [t.lower, t.median, t.upper];
}

function reaches(value: number, threshold: number, polarity: Polarity): boolean {
  if (nearlyEqual(value, threshold)) return true;
  return polarity === 'higher-is-better' ? value > threshold : value < threshold;
}

/** The smallest (higher is better) or largest (lower is better) value at `decimals` places reaching the threshold. */
function publishedValueReaching(threshold: number, decimals: number, polarity: Polarity): number {
  const factor = 10 ** decimals;
  const scaled = threshold * factor;
  const whole = Math.round(scaled);
  if (nearlyEqual(scaled, whole)) return whole / factor;
  return (polarity === 'higher-is-better' ? Math.ceil(scaled) : Math.floor(scaled)) / factor;
}
