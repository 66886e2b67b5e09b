/**
 * Where a measure an action should move stands: its latest value and the one before it, compared
 * like with like (years with years, quarters with quarters) and never across a break in the series.
 */
import { parsePeriod, type PeriodKind } from '../period.js';

export interface SeriesPoint {
  period: string;
  value: number | null;
  /** Points of different segments are separated by a definition break. */
  segment: number;
}

/**
 * Which kind of period a trend is read in: financial years when there are two or more, else the kind
 * with two or more values that ends latest (quarters of a first CLD year), else the latest point's kind.
 */
function preferredKind(points: readonly SeriesPoint[]): PeriodKind | undefined {
  const periods = points
    .filter((p) => p.value !== null)
    .map((p) => parsePeriod(p.period))
    .filter((k): k is NonNullable<typeof k> => k !== undefined)
    .sort((a, b) => a.end.localeCompare(b.end));
  const count = (kind: PeriodKind) => periods.filter((p) => p.kind === kind).length;
  if (count('year') >= 2) return 'year';
  const repeated = periods.filter((p) => count(p.kind) >= 2).at(-1);
  return (repeated ?? periods.at(-1))?.kind;
}

export function latestAndPrevious(points: readonly SeriesPoint[]): {
  latest: SeriesPoint | undefined;
  previous: SeriesPoint | undefined;
  comparable: boolean;
} {
  const kind = preferredKind(points);
  const same = points
    .filter((p) => p.value !== null && parsePeriod(p.period)?.kind === kind)
    .sort((a, b) => (parsePeriod(a.period)?.end ?? '').localeCompare(parsePeriod(b.period)?.end ?? ''));
  const latest = same.at(-1);
  const previous = same.at(-2);
  return { latest, previous, comparable: !!latest && !!previous && latest.segment === previous.segment };
}
