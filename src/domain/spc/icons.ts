/**
 * The two "Making Data Count" summaries of an XmR chart: variation (is the latest point part of a special
 * cause, and is that good or bad news given the polarity?) and assurance (can the process be relied on to
 * meet the target?). The words go everywhere the icons go.
 */
import type { Polarity } from '../measure.js';
import type { TargetSpec } from '../targets/target.js';
import type { XmrChart } from './xmr.js';

export const variations = [
  'common-cause',
  'improvement-high',
  'improvement-low',
  'concern-high',
  'concern-low',
  'neither-high',
  'neither-low',
] as const;
export type Variation = (typeof variations)[number];

export const assurances = ['pass', 'fail', 'hit-and-miss'] as const;
export type Assurance = (typeof assurances)[number];

export const variationLabel: Record<Variation, string> = {
  'common-cause': 'Common cause variation: no significant change',
  'improvement-high': 'Special cause variation: improvement (higher values)',
  'improvement-low': 'Special cause variation: improvement (lower values)',
  'concern-high': 'Special cause variation: concern (higher values)',
  'concern-low': 'Special cause variation: concern (lower values)',
  'neither-high': 'Special cause variation: higher values (neither better nor worse)',
  'neither-low': 'Special cause variation: lower values (neither better nor worse)',
};

export const assuranceLabel: Record<Assurance, string> = {
  pass: 'Assurance: the process will consistently meet the target',
  fail: 'Assurance: the process will consistently miss the target',
  'hit-and-miss': 'Assurance: the process will sometimes meet and sometimes miss the target',
};

/** The variation the latest point shows. */
export function variationOf(chart: XmrChart, polarity: Polarity): Variation {
  const last = chart.points.at(-1);
  if (!last?.side) return 'common-cause';
  if (polarity === 'neutral') return `neither-${last.side}`;
  const good = (last.side === 'high') === (polarity === 'higher-is-better');
  return `${good ? 'improvement' : 'concern'}-${last.side}`;
}

/**
 * Assurance against a number or a range: passing when the whole band between the process limits is on the
 * good side of the target, failing when it is all on the bad side, hit and miss when the target lies
 * inside it. A direction target ("increase") has no fixed line to test, so gives none.
 */
export function assuranceOf(
  chart: XmrChart,
  spec: TargetSpec | undefined,
  polarity: Polarity,
): Assurance | undefined {
  if (!spec || spec.kind === 'direction') return undefined;
  const { lowerLimit: lo, upperLimit: hi } = chart;
  if (spec.kind === 'range' && polarity === 'neutral') {
    if (lo >= spec.low && hi <= spec.high) return 'pass';
    if (hi < spec.low || lo > spec.high) return 'fail';
    return 'hit-and-miss';
  }
  if (polarity === 'neutral') return undefined;
  const line = spec.kind === 'value' ? spec.value : polarity === 'higher-is-better' ? spec.low : spec.high;
  if (polarity === 'higher-is-better') return lo >= line ? 'pass' : hi < line ? 'fail' : 'hit-and-miss';
  return hi <= line ? 'pass' : lo > line ? 'fail' : 'hit-and-miss';
}

/** Short forms for table cells, where the icon's own label gives the full words. */
export const variationShort: Record<Variation, string> = {
  'common-cause': 'Common cause',
  'improvement-high': 'Improvement (high)',
  'improvement-low': 'Improvement (low)',
  'concern-high': 'Concern (high)',
  'concern-low': 'Concern (low)',
  'neither-high': 'Special cause (high)',
  'neither-low': 'Special cause (low)',
};

export const assuranceShort: Record<Assurance, string> = {
  pass: 'Consistently passing',
  fail: 'Consistently failing',
  'hit-and-miss': 'Hit and miss',
};
