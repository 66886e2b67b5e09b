/**
 * Checks on a value a council enters for one of its own measures: the bounds every unit implies (a
 * percentage is 0 to 100, a count is not negative), the measure's fixed scale, and the rules an analyst
 * sets per measure (a range, and how far a value may move from the previous period). Each rule either
 * blocks the value or lets it through with a warning the approver sees.
 */
import { z } from 'zod';
import { formatValue, type MeasureDefinition } from '../measure.js';

export const ruleActions = ['block', 'warn'] as const;
export type RuleAction = (typeof ruleActions)[number];

export const valueRulesSchema = z
  .strictObject({
    min: z.number().finite().optional().describe('Lowest plausible value.'),
    max: z.number().finite().optional().describe('Highest plausible value.'),
    rangeAction: z
      .enum(ruleActions)
      .default('block')
      .describe('Whether a value outside min to max is refused (block) or flagged (warn).'),
    maxChange: z
      .number()
      .positive()
      .optional()
      .describe("Largest expected move from the previous period, in the measure's unit."),
    maxChangePercent: z
      .number()
      .positive()
      .optional()
      .describe('Largest expected move from the previous period, as a percentage of the previous value.'),
    changeAction: z
      .enum(ruleActions)
      .default('warn')
      .describe('Whether a larger move is refused (block) or flagged (warn).'),
  })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
    message: 'The minimum must not be above the maximum',
    path: ['max'],
  })
  .describe('Validation rules for values entered for one measure.');

export type ValueRules = z.infer<typeof valueRulesSchema>;
export type ValueRulesInput = z.input<typeof valueRulesSchema>;

export interface ValueIssue {
  action: RuleAction;
  message: string;
}

type RuleMeasure = Pick<MeasureDefinition, 'unit' | 'decimals' | 'scale'>;

const NON_NEGATIVE = new Set(['percent', 'rate-per-100k', 'count', 'days', 'weeks', 'hours', 'ratio']);

/** The previous period's value the change rule compares with, and where it came from. */
export interface PreviousValue {
  period: string;
  value: number;
  /** 'published' for an approved figure, 'this file' for a row of the same upload. */
  source: string;
}

export function checkValue(
  value: number,
  measure: RuleMeasure,
  rules: ValueRules | undefined,
  previous: PreviousValue | undefined,
): ValueIssue[] {
  const f = (v: number) => formatValue(measure, v);
  const issues: ValueIssue[] = [];
  if (measure.unit === 'percent' && (value < 0 || value > 100))
    issues.push({ action: 'block', message: `${f(value)} is not a percentage between 0% and 100%` });
  else if (NON_NEGATIVE.has(measure.unit) && value < 0)
    issues.push({ action: 'block', message: `${f(value)} is negative, which a ${measure.unit} cannot be` });
  if (measure.scale && (value < measure.scale.min || value > measure.scale.max))
    issues.push({
      action: 'block',
      message: `${f(value)} is outside the scale of ${f(measure.scale.min)} to ${f(measure.scale.max)}`,
    });
  if (rules?.min !== undefined && value < rules.min)
    issues.push({
      action: rules.rangeAction,
      message: `${f(value)} is below the minimum of ${f(rules.min)}`,
    });
  if (rules?.max !== undefined && value > rules.max)
    issues.push({
      action: rules.rangeAction,
      message: `${f(value)} is above the maximum of ${f(rules.max)}`,
    });
  if (rules && previous) issues.push(...changeIssues(value, measure, rules, previous));
  return issues;
}

function changeIssues(value: number, measure: RuleMeasure, rules: ValueRules, previous: PreviousValue) {
  const f = (v: number) => formatValue(measure, v);
  const change = Math.abs(value - previous.value);
  const from = `from ${f(previous.value)} in ${previous.period} (${previous.source})`;
  const out: ValueIssue[] = [];
  if (rules.maxChange !== undefined && change > rules.maxChange)
    out.push({
      action: rules.changeAction,
      message: `${f(value)} moved by ${f(change)} ${from}, more than the ${f(rules.maxChange)} expected`,
    });
  if (rules.maxChangePercent !== undefined && previous.value !== 0) {
    const percent = (change / Math.abs(previous.value)) * 100;
    if (percent > rules.maxChangePercent)
      out.push({
        action: rules.changeAction,
        message: `${f(value)} moved by ${percent.toFixed(1)}% ${from}, more than the ${rules.maxChangePercent}% expected`,
      });
  }
  return out;
}

/** The rules in words, for the template's guidance sheet and the measure page. */
export function describeRules(rules: ValueRules | undefined, measure: RuleMeasure): string[] {
  if (!rules) return [];
  const f = (v: number) => formatValue(measure, v);
  const lines: string[] = [];
  const act = (a: RuleAction) => (a === 'block' ? 'refused' : 'flagged for the approver');
  if (rules.min !== undefined || rules.max !== undefined) {
    const range =
      rules.min !== undefined && rules.max !== undefined
        ? `between ${f(rules.min)} and ${f(rules.max)}`
        : rules.min !== undefined
          ? `at least ${f(rules.min)}`
          : `at most ${f(rules.max!)}`;
    lines.push(`Values should be ${range}; others are ${act(rules.rangeAction)}.`);
  }
  const moves = [
    ...(rules.maxChange !== undefined ? [f(rules.maxChange)] : []),
    ...(rules.maxChangePercent !== undefined ? [`${rules.maxChangePercent}%`] : []),
  ];
  if (moves.length)
    lines.push(
      `A move of more than ${moves.join(' or ')} from the previous period is ${act(rules.changeAction)}.`,
    );
  return lines;
}
