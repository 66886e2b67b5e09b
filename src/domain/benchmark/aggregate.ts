/**
 * The aggregate of a peer set (England, a region, a council type, a comparator group) for one measure
 * and period. Never a plain mean of council values: a mean weights the Isles of Scilly like Kent.
 */
import { ascending } from './numbers.js';
import { usableValue, type BenchmarkMeasure, type Figure, type PeerSet } from './types.js';

/**
 * - 'published': the aggregate the source published for the set (the official figure);
 * - 'pooled': Σ numerator / Σ denominator × multiplier over the members with a value, the national method;
 * - 'median': the median of member values, when numerators or denominators are missing.
 */
export type AggregateMethod = 'published' | 'pooled' | 'median';

export interface Aggregate {
  /** Unrounded; null when no member has a value and nothing was published. */
  value: number | null;
  method: AggregateMethod;
  /** Members with a usable (unsuppressed) value for this measure and period. */
  n: number;
}

/** The aggregate of `peers` from its members' figures (`figuresByOrg`: this measure and period only). */
export function aggregatePeerSet(
  peers: Pick<PeerSet, 'members' | 'published'>,
  figuresByOrg: ReadonlyMap<string, Figure>,
  measure: Pick<BenchmarkMeasure, 'multiplier'>,
): Aggregate {
  const figures = peers.members.flatMap((code) => figuresByOrg.get(code) ?? []);
  return aggregateFigures(figures, measure, peers.published);
}

/** The aggregate of the given member figures, preferring a published aggregate when there is one. */
export function aggregateFigures(
  figures: readonly Figure[],
  measure: Pick<BenchmarkMeasure, 'multiplier'>,
  published?: number | null,
): Aggregate {
  const counted = figures.filter((figure) => usableValue(figure) !== null);
  const n = counted.length;
  if (published !== undefined && published !== null && Number.isFinite(published)) {
    return { value: published, method: 'published', n };
  }
  const pooled = pooledValue(counted, measure.multiplier);
  if (pooled !== null) return { value: pooled, method: 'pooled', n };
  return { value: median(counted.map((figure) => figure.value as number)), method: 'median', n };
}

/** Σ numerator / Σ denominator × multiplier, or null unless every counted member has both parts. */
export function pooledValue(counted: readonly Figure[], multiplier: number): number | null {
  let numerator = 0;
  let denominator = 0;
  for (const figure of counted) {
    if (!isCount(figure.numerator) || !isCount(figure.denominator)) return null;
    numerator += figure.numerator;
    denominator += figure.denominator;
  }
  // Multiplying first keeps exact results exact (3500 / 250 = 14, where 35 / 250 × 100 = 14.000000000000002).
  return denominator > 0 ? (numerator * multiplier) / denominator : null;
}

/** The middle value, or the mean of the two middle values when the count is even; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = ascending(values);
  const middle = sorted.length >> 1;
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

function isCount(part: number | null): part is number {
  return part !== null && Number.isFinite(part) && part >= 0;
}
