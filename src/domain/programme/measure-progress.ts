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

/** Which kind of period a trend is read in: financial years when there are any, else the most recent kind. */
function preferredKind(points: readonly SeriesPoint[]): PeriodKind | undefined {
  const kinds = points.filter((p) => p.value !== null).map((p) => parsePeriod(p.period));
  if (kinds.some((k) => k?.kind === 'year')) return 'year';
  const latest = kinds
    .filter((k): k is NonNullable<typeof k> => k !== undefined)
    .sort((a, b) => a.end.localeCompare(b.end))
    .at(-1);
  return latest?.kind;
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
