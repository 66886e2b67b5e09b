import { formatValue } from '../domain/measure.js';
import { suppressionMeaning, type Suppression } from '../domain/suppression.js';
import type { Measure } from '../services/measures.js';
import type { Observation } from '../services/observations.js';

export interface Cell {
  text: string;
  /** Longer explanation for screen readers and the title attribute, e.g. what a marker means. */
  explanation?: string;
  numerator?: string | null;
  denominator?: string | null;
}

/** A figure as a reader should see it: rounded as published, a marker explained, or a dash when absent. */
export function cellFor(measure: Measure, obs: Observation | undefined): Cell {
  if (!obs) return { text: '–', explanation: 'no figure' };
  if (obs.suppression) {
    const meaning = suppressionMeaning[obs.suppression as Suppression] ?? 'suppressed';
    return { text: obs.suppression === 'sentinel' ? '[x]' : obs.suppression, explanation: meaning };
  }
  if (obs.value === null)
    return {
      text: '–',
      explanation: 'no published outcome',
      numerator: obs.numerator,
      denominator: obs.denominator,
    };
  return {
    text: formatValue(measure, Number(obs.value)),
    numerator: obs.numerator,
    denominator: obs.denominator,
  };
}

export const polarityText = {
  'higher-is-better': 'Higher is better',
  'lower-is-better': 'Lower is better',
  neutral: 'Neither higher nor lower is better',
} as const;
