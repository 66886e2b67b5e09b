/** Input schemas for the risk register: forms, the API and the importer validate through these. */
import { z } from 'zod';
import { RAGS } from '../../domain/risk/bands.js';
import { REVIEW_FREQUENCIES } from '../../domain/risk/review.js';
import { isoDate, optionalDate } from '../programme/schemas.js';

const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);
const factor = (what: string) =>
  z.preprocess(
    blankToNull,
    z.coerce
      .number({ message: `Choose the ${what}, 1 to 5` })
      .int(`Choose the ${what}, 1 to 5`)
      .min(1, `Choose the ${what}, 1 to 5`)
      .max(5, `Choose the ${what}, 1 to 5`)
      .nullable(),
  );
const text = (max: number) => z.string().trim().max(max, `Must be ${max} characters or fewer`);
const list = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(/[\n;]+|,(?![^(]*\))/)
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  z.array(text(200).min(1)),
);

export const riskSchema = z.object({
  reference: text(20).min(1, 'Enter the risk ID, for example 17'),
  title: text(200).default(''),
  description: text(5000).min(1, 'Describe the risk'),
  themes: list.default([]),
  owners: list.default([]),
  controls: text(10_000).default(''),
  assurance: text(10_000).default(''),
  inherentImpact: factor('inherent impact').default(null),
  inherentLikelihood: factor('inherent likelihood').default(null),
  targetImpact: factor('target impact').default(null),
  targetLikelihood: factor('target likelihood').default(null),
  reviewFrequency: z.enum(REVIEW_FREQUENCIES).default('quarterly'),
  nextReviewOn: optionalDate,
  exempt: z
    .preprocess((v) => v === true || v === 'true' || v === 'on' || v === 'yes', z.boolean())
    .default(false),
  exemptReason: text(500).default(''),
  programmeId: z.preprocess(blankToNull, z.coerce.number().int().positive().nullable()).default(null),
});
export type RiskInput = z.input<typeof riskSchema>;

/** A new risk is scored when it is added: its first review. */
export const newRiskSchema = riskSchema.extend({
  impact: factor('impact').default(null),
  likelihood: factor('likelihood').default(null),
  assessedOn: optionalDate,
});
export type NewRiskInput = z.input<typeof newRiskSchema>;

export const reviewSchema = z.object({
  reviewedOn: isoDate,
  impact: factor('impact').default(null),
  likelihood: factor('likelihood').default(null),
  notes: text(5000).default(''),
  nextReviewOn: optionalDate,
});
export type ReviewInput = z.input<typeof reviewSchema>;

export const schemeSchema = z.object({
  fromPeriod: z.string().trim().min(1, 'Enter the financial year the bands apply from, for example 2026-27'),
  bands: z
    .array(z.object({ rag: z.enum(RAGS), min: z.coerce.number().int(), max: z.coerce.number().int() }))
    .min(1, 'Give at least one band'),
  appetite: z.object({
    overall: z.coerce.number().int(),
    themes: z.record(z.string(), z.coerce.number().int()).default({}),
  }),
});
export type SchemeInput = z.input<typeof schemeSchema>;

export const keyActionSchema = z.object({
  text: text(2000).min(1, 'Describe the key action'),
  deadline: optionalDate,
  actionId: z.preprocess(blankToNull, z.coerce.number().int().positive().nullable()).default(null),
});
export type KeyActionInput = z.input<typeof keyActionSchema>;
