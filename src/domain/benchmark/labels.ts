/** The words pages and reports use for benchmark results, in one place so they never disagree. */
import { formatValue, type MeasureDefinition } from '../measure.js';
import type { Travel } from './direction.js';
import type { Quartile } from './quartile.js';

export const quartileLabel: Record<Quartile, string> = {
  1: 'Top',
  2: 'Upper-middle',
  3: 'Lower-middle',
  4: 'Bottom',
};

/** Direction with an arrow and a word: never the arrow (or a colour) alone. */
export const travelLabel: Record<Travel, string> = {
  improved: '↑ Improved',
  worsened: '↓ Worsened',
  'no-change': '→ No change',
  'not-comparable': 'Not comparable',
  increased: 'Increased',
  decreased: 'Decreased',
};

/** A figure as published, or a dash when there is none. */
export function formatOrDash(
  m: Pick<MeasureDefinition, 'unit' | 'decimals'>,
  v: number | null | undefined,
): string {
  return v === null || v === undefined ? '–' : formatValue(m, v);
}

export function polarityNote(polarity: MeasureDefinition['polarity']): string | undefined {
  if (polarity === 'lower-is-better') return 'Lower is better.';
  if (polarity === 'higher-is-better') return 'Higher is better.';
  return undefined;
}
