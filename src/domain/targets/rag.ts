/**
 * Red, amber, green against a frozen target. Values and targets are compared as published (rounded to the
 * measure's decimals), so a reader who sees "70.0%" against a target of "70.0%" sees it met. Polarity
 * decides which side of a number or range is good; a neutral measure is judged on both sides.
 *
 * Rule 'rag-1': met → green; missed by no more than the tolerance → amber; otherwise red.
 */
import { clean, nearlyEqual, roundTo } from '../benchmark/numbers.js';
import { formatValue } from '../measure.js';
import { describeTarget, type FrozenTarget, type TargetMeasure } from './target.js';

export const ragStatuses = ['green', 'amber', 'red'] as const;
export type RagStatus = (typeof ragStatuses)[number];

/** RAG in words, always shown with (never instead of) the colour. */
export const ragLabel: Record<RagStatus, string> = {
  green: 'Green: on target',
  amber: 'Amber: near target',
  red: 'Red: off target',
};

export interface RagResult {
  status: RagStatus;
  label: string;
  /** One sentence: the value, the target and by how much it was met or missed. */
  reason: string;
  /** How far on the wrong side of the target, in the measure's unit; 0 when met. */
  shortfall: number;
}

interface Test {
  met: boolean;
  shortfall: number;
}

const le = (a: number, b: number) => a < b || nearlyEqual(a, b);
const ge = (a: number, b: number) => a > b || nearlyEqual(a, b);

function judge(target: FrozenTarget, r: number): Test {
  const { spec, measure } = target;
  const round = (v: number) => roundTo(v, measure.decimals);
  const p = measure.polarity;
  switch (spec.kind) {
    case 'value': {
      const t = round(spec.value);
      if (p === 'higher-is-better') return { met: ge(r, t), shortfall: t - r };
      if (p === 'lower-is-better') return { met: le(r, t), shortfall: r - t };
      return { met: nearlyEqual(r, t), shortfall: Math.abs(r - t) };
    }
    case 'range': {
      const low = round(spec.low);
      const high = round(spec.high);
      if (p === 'higher-is-better') return { met: ge(r, low), shortfall: low - r };
      if (p === 'lower-is-better') return { met: le(r, high), shortfall: r - high };
      return { met: ge(r, low) && le(r, high), shortfall: r < low ? low - r : r - high };
    }
    case 'direction': {
      const b = round(spec.baseline.value);
      switch (spec.direction) {
        case 'increase':
          return { met: r > b && !nearlyEqual(r, b), shortfall: b - r };
        case 'maintain-or-increase':
          return { met: ge(r, b), shortfall: b - r };
        case 'reduce':
          return { met: r < b && !nearlyEqual(r, b), shortfall: r - b };
        case 'maintain-or-reduce':
          return { met: le(r, b), shortfall: r - b };
      }
    }
  }
}

/** A difference in the measure's unit: '1.5 percentage points', '12.0 per 100,000', '3 hours'. */
export function formatDifference(measure: TargetMeasure, difference: number): string {
  const size = Math.abs(difference);
  if (measure.unit === 'percent') {
    const n = formatValue({ unit: 'count', decimals: measure.decimals }, size);
    return `${n} percentage point${n === '1' ? '' : 's'}`;
  }
  return formatValue(measure, size);
}

/** The RAG status of a value against a frozen target. */
export function ragFor(value: number, target: FrozenTarget): RagResult {
  const { measure, spec } = target;
  const r = roundTo(value, measure.decimals);
  const { met, shortfall: raw } = judge(target, r);
  const shortfall = met ? 0 : Math.max(0, clean(raw));
  const tolerance = spec.tolerance;
  const status: RagStatus = met
    ? 'green'
    : tolerance !== undefined && le(shortfall, tolerance)
      ? 'amber'
      : 'red';
  const shown = formatValue(measure, r);
  const wanted = describeTarget(spec, measure);
  let reason: string;
  if (met) reason = `${shown} meets the target: ${wanted}.`;
  else {
    const by = shortfall > 0 ? ` by ${formatDifference(measure, shortfall)}` : '';
    const within =
      tolerance === undefined
        ? ''
        : status === 'amber'
          ? `, within the tolerance of ${formatDifference(measure, tolerance)}`
          : `, more than the tolerance of ${formatDifference(measure, tolerance)}`;
    reason = `${shown} misses the target (${wanted})${by}${within}.`;
  }
  return { status, label: ragLabel[status], reason, shortfall };
}
