/**
 * Polarity-aware rank among councils with a value: 1 is best, ties share a rank and the next rank skips
 * (competition ranking: 1, 2, 2, 4), and N is always carried so no rank is stated without it.
 */
import type { Polarity } from '../measure.js';
import { ascending, lowerBound, upperBound } from './numbers.js';
import { usableValue, type Figure } from './types.js';

export interface Rank {
  /** 1 = best. */
  rank: number;
  /** Councils with a value: "out of N". */
  n: number;
}

/** The values of one set, sorted once so that each council's rank is a binary search. */
export interface Ranking {
  readonly polarity: Polarity;
  /** Ascending. */
  readonly sorted: ArrayLike<number>;
}

export function ranking(values: ArrayLike<number>, polarity: Polarity): Ranking {
  return { polarity, sorted: ascending(values) };
}

/** Rank of `value` within the ranking (which should include it); null for a neutral measure. */
export function rankOf({ polarity, sorted }: Ranking, value: number): Rank | null {
  if (polarity === 'neutral' || sorted.length === 0) return null;
  const better =
    polarity === 'higher-is-better' ? sorted.length - upperBound(sorted, value) : lowerBound(sorted, value);
  return { rank: better + 1, n: sorted.length };
}

/** Ranks of every council with a usable value among `figures` (one measure and period). */
export function rankFigures(figures: readonly Figure[], polarity: Polarity): Map<string, Rank> {
  const valued = figures.flatMap((figure) => {
    const value = usableValue(figure);
    return value === null ? [] : [{ orgCode: figure.orgCode, value }];
  });
  const set = ranking(
    valued.map((entry) => entry.value),
    polarity,
  );
  const ranks = new Map<string, Rank>();
  for (const { orgCode, value } of valued) {
    const rank = rankOf(set, value);
    if (rank) ranks.set(orgCode, rank);
  }
  return ranks;
}
