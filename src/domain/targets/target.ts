/**
 * Targets as councils write them in their performance plans: a number ("2.5%"), a range ("70–80% a year")
 * or a direction from a baseline ("Maintain or reduce" from 829.9, "Increase" from 73.8%), each with an
 * optional tolerance that gives amber instead of red.
 */
import { z } from 'zod';
import { formatValue, type MeasureDefinition, type Polarity } from '../measure.js';

export const targetDirections = ['increase', 'reduce', 'maintain-or-increase', 'maintain-or-reduce'] as const;
export type TargetDirection = (typeof targetDirections)[number];

export const directionText: Record<TargetDirection, string> = {
  increase: 'Increase',
  reduce: 'Reduce',
  'maintain-or-increase': 'Maintain or increase',
  'maintain-or-reduce': 'Maintain or reduce',
};

const tolerance = z
  .number()
  .nonnegative('The tolerance cannot be negative')
  .optional()
  .describe(
    "How far on the wrong side of the target still counts as amber, in the measure's unit (e.g. 2 for 2 percentage points). Without one, a miss is red.",
  );

const finite = (what: string) => z.number({ message: `Enter ${what} as a number` }).finite();

export const targetSpecSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z
        .literal('value')
        .describe('A number to reach: at least it when higher is better, at most it when lower is better.'),
      value: finite('the target'),
      tolerance,
    }),
    z
      .strictObject({
        kind: z.literal('range').describe('A band to be within, e.g. 70 to 80.'),
        low: finite('the bottom of the range'),
        high: finite('the top of the range'),
        tolerance,
      })
      .refine((r) => r.low <= r.high, {
        message: 'The bottom of the range must not be above its top',
        path: ['high'],
      }),
    z.strictObject({
      kind: z.literal('direction').describe('A movement from a baseline, e.g. maintain or reduce.'),
      direction: z.enum(targetDirections, { message: `Choose one of: ${targetDirections.join(', ')}` }),
      baseline: z.strictObject({
        value: finite('the baseline'),
        period: z.string().min(1, 'Say which period the baseline is from'),
      }),
      tolerance,
    }),
  ])
  .describe('A target for one measure, organisation and period.');

export type TargetSpec = z.infer<typeof targetSpecSchema>;
export type TargetKind = TargetSpec['kind'];

/** What the RAG rule needs to know about the measure, copied into the target when it is set. */
export type TargetMeasure = Pick<MeasureDefinition, 'unit' | 'decimals' | 'polarity'>;

/**
 * A target with the rule that judges it, frozen together: the measure's polarity, unit and decimals as
 * they were when it was set, and the version of the RAG rule. A later change to any of them leaves the
 * colours of periods judged by this target as they were.
 */
export interface FrozenTarget {
  spec: TargetSpec;
  measure: TargetMeasure;
  rule: typeof RAG_RULE;
}

/** The version of the RAG rule in `rag.ts`; bumped if the rule ever changes, so old targets keep theirs. */
export const RAG_RULE = 'rag-1' as const;

const increasing = (d: TargetDirection) => d === 'increase' || d === 'maintain-or-increase';

/** Why a target cannot apply to a measure, or undefined when it can. */
export function targetConflict(spec: TargetSpec, polarity: Polarity): string | undefined {
  if (spec.kind !== 'direction' || polarity === 'neutral') return undefined;
  const wantsHigher = increasing(spec.direction);
  if (wantsHigher === (polarity === 'higher-is-better')) return undefined;
  return `"${directionText[spec.direction]}" conflicts with the measure, where ${
    polarity === 'higher-is-better' ? 'higher' : 'lower'
  } is better`;
}

/** The target in words, as a plan shows it: '75.0% or more', '70.0% to 80.0%', 'Maintain or reduce (829.9 in 2017-18)'. */
export function describeTarget(spec: TargetSpec, measure: TargetMeasure): string {
  const f = (v: number) => formatValue(measure, v);
  switch (spec.kind) {
    case 'value':
      if (measure.polarity === 'higher-is-better') return `${f(spec.value)} or more`;
      if (measure.polarity === 'lower-is-better') return `${f(spec.value)} or less`;
      return f(spec.value);
    case 'range':
      return `${f(spec.low)} to ${f(spec.high)}`;
    case 'direction':
      return `${directionText[spec.direction]} (from ${f(spec.baseline.value)} in ${spec.baseline.period})`;
  }
}

/** The short form for a plan's target column: '75.0%', '70.0% to 80.0%', 'Maintain or reduce'. */
export function shortTarget(spec: TargetSpec, measure: TargetMeasure): string {
  const f = (v: number) => formatValue(measure, v);
  if (spec.kind === 'value') return f(spec.value);
  if (spec.kind === 'range') return `${f(spec.low)} to ${f(spec.high)}`;
  return directionText[spec.direction];
}

export function freezeTarget(spec: TargetSpec, measure: TargetMeasure): FrozenTarget {
  return {
    spec,
    measure: { unit: measure.unit, decimals: measure.decimals, polarity: measure.polarity },
    rule: RAG_RULE,
  };
}
