/**
 * Direction of travel against the previous value, polarity-aware, with a band inside which a change
 * counts as no change. By default the band is half a unit of the last published decimal place, that is:
 * no change when the two values are equal once rounded as published.
 */
import { clean, nearlyEqual, roundTo } from './numbers.js';
import type { BenchmarkMeasure } from './types.js';

/** 'increased' and 'decreased' only for neutral measures, where neither way is better. */
export type Travel = 'improved' | 'worsened' | 'no-change' | 'not-comparable' | 'increased' | 'decreased';

export interface Direction {
  direction: Travel;
  /** current - previous, free of floating-point noise; null when not comparable. */
  change: number | null;
}

export interface DirectionOptions {
  /** A change smaller than this (in the measure's unit) is no change; default: equal when rounded. */
  band?: number;
  /** False when a break in the series lies between the two values. */
  comparable?: boolean;
}

export function directionOfTravel(
  current: number | null,
  previous: number | null,
  measure: Pick<BenchmarkMeasure, 'polarity' | 'decimals'>,
  options: DirectionOptions = {},
): Direction {
  if (current === null || previous === null || options.comparable === false) {
    return { direction: 'not-comparable', change: null };
  }
  const change = clean(current - previous);
  if (withinBand(current, previous, change, measure.decimals, options.band)) {
    return { direction: 'no-change', change };
  }
  if (measure.polarity === 'neutral') return { direction: change > 0 ? 'increased' : 'decreased', change };
  const better = change > 0 === (measure.polarity === 'higher-is-better');
  return { direction: better ? 'improved' : 'worsened', change };
}

function withinBand(
  current: number,
  previous: number,
  change: number,
  decimals: number,
  band: number | undefined,
): boolean {
  if (band === undefined) return roundTo(current, decimals) === roundTo(previous, decimals);
  const size = Math.abs(change);
  return size < band && !nearlyEqual(size, band);
}
