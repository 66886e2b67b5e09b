/**
 * Direction of travel for local performance: against the previous period and against the same period a
 * year earlier (which removes seasonal swings from monthly and quarterly series). The judgement comes from
 * the benchmark engine's `directionOfTravel`, so "improved" always respects polarity and the no-change band.
 */
import { directionOfTravel, type Travel } from '../benchmark/direction.js';
import { formatValue, type MeasureDefinition } from '../measure.js';
import { previousPeriod, samePeriodLastYear, type Period } from '../period.js';
import { formatDifference } from '../targets/rag.js';

export type TravelMeasure = Pick<MeasureDefinition, 'polarity' | 'decimals' | 'unit'>;

export interface TravelAgainst {
  period: string;
  value: number | null;
  direction: Travel;
  change: number | null;
}

export interface TravelResult {
  previous: TravelAgainst;
  lastYear: TravelAgainst;
}

function against(
  values: ReadonlyMap<string, number | null>,
  current: number | null,
  other: Period,
  measure: TravelMeasure,
  band: number | undefined,
): TravelAgainst {
  const value = values.get(other.label) ?? null;
  const d = directionOfTravel(current, value, measure, band === undefined ? {} : { band });
  return { period: other.label, value, direction: d.direction, change: d.change };
}

/** Direction against the previous period and the same period last year; `values` maps period labels to values. */
export function travelFor(
  values: ReadonlyMap<string, number | null>,
  period: Period,
  measure: TravelMeasure,
  band?: number,
): TravelResult {
  const current = values.get(period.label) ?? null;
  return {
    previous: against(values, current, previousPeriod(period), measure, band),
    lastYear: against(values, current, samePeriodLastYear(period), measure, band),
  };
}

/** Which way the number moved, as the quarterly overview shows it: ▲ up, ▼ down, ► level. */
export function arrowOf(t: Pick<TravelAgainst, 'direction' | 'change'>): string {
  if (t.change === null || t.direction === 'not-comparable') return '';
  if (t.direction === 'no-change') return '►';
  return t.change > 0 ? '▲' : '▼';
}

const judgement: Record<Travel, string> = {
  improved: 'improved',
  worsened: 'worsened',
  'no-change': 'no change',
  'not-comparable': 'not comparable',
  increased: 'increased',
  decreased: 'decreased',
};

/**
 * The change in words with its arrow and the judgement, never the arrow alone:
 * '▲ 42 (increased)', '▼ 2.0 percentage points (worsened)', 'not comparable'.
 */
export function travelPhrase(t: Pick<TravelAgainst, 'direction' | 'change'>, measure: TravelMeasure): string {
  if (t.change === null || t.direction === 'not-comparable') return 'not comparable';
  const size =
    measure.unit === 'count'
      ? formatValue(measure, Math.abs(t.change))
      : formatDifference(measure, Math.abs(t.change));
  return `${arrowOf(t)} ${size} (${judgement[t.direction]})`;
}
