/**
 * Better, similar or worse than a comparator (usually England), as Public Health England's Fingertips
 * judges it: with a numerator and denominator, a 95% confidence interval around the council's value
 * and a difference only when the comparator lies outside it; without them, a plain comparison of the
 * published values, labelled so that nobody mistakes it for a significant difference.
 */
import { roundTo } from './numbers.js';
import { usableValue, type BenchmarkMeasure, type Figure } from './types.js';

/** Two-sided 95%: the value Fingertips uses. */
export const Z_95 = 1.96;

/** 'wilson' for percentages, 'byar' for rates per 100,000 of a population, 'plain' without the parts. */
export type SignificanceMethod = 'wilson' | 'byar' | 'plain';

/** 'higher' and 'lower' only for neutral measures, where neither is better. */
export type Comparison = 'better' | 'similar' | 'worse' | 'higher' | 'lower';

export interface Interval {
  lower: number;
  upper: number;
}

export interface Significance {
  comparison: Comparison;
  method: SignificanceMethod;
  comparator: number;
  /** The council's 95% interval, on the measure's scale; null for a plain comparison. */
  interval: Interval | null;
}

type SignificanceMeasure = Pick<BenchmarkMeasure, 'polarity' | 'unit' | 'multiplier' | 'decimals'>;

/** The council's figure against the comparator value; null when either has no value. */
export function compareWithComparator(
  figure: Figure,
  comparator: number | null,
  measure: SignificanceMeasure,
): Significance | null {
  const value = usableValue(figure);
  if (value === null || comparator === null || !Number.isFinite(comparator)) return null;
  const interval = confidenceInterval(figure, measure);
  if (!interval) {
    const direction = Math.sign(roundTo(value, measure.decimals) - roundTo(comparator, measure.decimals));
    return { comparison: judge(direction, measure), method: 'plain', comparator, interval: null };
  }
  const direction = comparator < interval.interval.lower ? 1 : comparator > interval.interval.upper ? -1 : 0;
  return {
    comparison: judge(direction, measure),
    method: interval.method,
    comparator,
    interval: interval.interval,
  };
}

/** The interval the figure's numerator and denominator support, if the measure's unit has a method. */
export function confidenceInterval(
  figure: Pick<Figure, 'numerator' | 'denominator'>,
  measure: Pick<BenchmarkMeasure, 'unit' | 'multiplier'>,
): { method: Exclude<SignificanceMethod, 'plain'>; interval: Interval } | null {
  const { numerator, denominator } = figure;
  if (numerator === null || denominator === null || !(numerator >= 0) || !(denominator > 0)) return null;
  if (measure.unit === 'percent' && numerator <= denominator) {
    return { method: 'wilson', interval: wilsonInterval(numerator, denominator, measure.multiplier) };
  }
  if (measure.unit === 'rate-per-100k') {
    return { method: 'byar', interval: byarInterval(numerator, denominator, measure.multiplier) };
  }
  return null;
}

/**
 * Wilson score interval for a proportion x / n, in PHE's form:
 * (2x + z² ± z√(z² + 4x(1 − x/n))) / (2(n + z²)), times the multiplier.
 */
export function wilsonInterval(x: number, n: number, multiplier = 100, z = Z_95): Interval {
  const z2 = z * z;
  const spread = z * Math.sqrt(z2 + 4 * x * (1 - x / n));
  const scale = multiplier / (2 * (n + z2));
  return { lower: (2 * x + z2 - spread) * scale, upper: (2 * x + z2 + spread) * scale };
}

/**
 * Byar's approximation to the exact Poisson interval for a count O, as a rate per `multiplier` of the
 * population: O(1 − 1/(9O) − z/(3√O))³ and (O+1)(1 − 1/(9(O+1)) + z/(3√(O+1)))³, each × multiplier / population.
 */
export function byarInterval(count: number, population: number, multiplier = 100_000, z = Z_95): Interval {
  const lowerCount = count === 0 ? 0 : count * (1 - 1 / (9 * count) - z / (3 * Math.sqrt(count))) ** 3;
  const above = count + 1;
  const upperCount = above * (1 - 1 / (9 * above) + z / (3 * Math.sqrt(above))) ** 3;
  const scale = multiplier / population;
  return { lower: lowerCount * scale, upper: upperCount * scale };
}

/** Turns "the council is higher (1), level (0) or lower (-1)" into a judgement, by polarity. */
function judge(direction: number, measure: Pick<BenchmarkMeasure, 'polarity'>): Comparison {
  if (direction === 0) return 'similar';
  if (measure.polarity === 'neutral') return direction > 0 ? 'higher' : 'lower';
  return direction > 0 === (measure.polarity === 'higher-is-better') ? 'better' : 'worse';
}
