/**
 * Every figure the engine derives from CLD, as data: which cohort it counts, how (people or episodes
 * in the numerator and denominator, a sum, a percentile) and by which breakdowns. The measure ids are
 * those of the catalogue (`catalogue/measures/ascof-2023.yaml`, `cld-2024.yaml`).
 */
import { eventsInPeriod, openCarerServices, openLongTerm, reviewCoverage, waiting } from './activity.js';
import {
  carers,
  lts001a,
  lts001b,
  lts001c,
  lts004,
  selfDirectedUsers,
  settledAccommodation,
} from './long-term.js';
import type { DeriveOptions } from './options.js';
import type { Period } from './period.js';
import { careHomeAdmissions, sts001, sts002a, sts002b } from './short-term.js';
import type { Inputs } from './sql.js';

export type CohortSql = (inputs: Inputs, period: Period, options: DeriveOptions) => string;

export const COHORTS = {
  sts001,
  sts002a,
  sts002b,
  lts001a,
  lts001b,
  lts001c,
  lts003: (i, p, o) => carers(i, p, o, false),
  lts004,
  careHomeAdmissions,
  settledAccommodation,
  selfDirectedUsers,
  selfDirectedCarers: (i, p, o) => carers(i, p, o, true),
  openLongTerm,
  reviewCoverage,
  requests: (i, p, o) => eventsInPeriod(i, p, o, 'request'),
  assessments: (i, p, o) => eventsInPeriod(i, p, o, 'assessment'),
  reviews: (i, p, o) => eventsInPeriod(i, p, o, 'review'),
  waitingAssessment: (i, p, o) => waiting(i, p, o, 'assessment'),
  waitingReview: (i, p, o) => waiting(i, p, o, 'review'),
  openCarerServices,
} satisfies Record<string, CohortSql>;

export type CohortName = keyof typeof COHORTS;

/**
 * count: distinct units in the denominator. ratio: numerator and denominator units, times the
 * multiplier. per-population: numerator units per 100,000 of an age band's population. sum / median /
 * p90: of a column over the denominator's units.
 */
export type Aggregate =
  | { kind: 'count' }
  | { kind: 'ratio'; multiplier: number; numerator?: string }
  | { kind: 'per-population'; ageBand: '18-64' | '65+' }
  | { kind: 'sum'; column: string; scale: number }
  | { kind: 'mean'; column: string; scale: number }
  | { kind: 'share'; part: string; whole: string; multiplier: number }
  | { kind: 'percentile'; column: string; fraction: number };

export interface Derivation {
  measureId: string;
  cohort: CohortName;
  aggregate: Aggregate;
  /** Breakdown columns of the cohort, each list one table of cells (besides the total). */
  breakdowns: readonly (readonly string[])[];
  /** Rows of the cohort the figure counts, when not all (SQL over cohort columns). */
  where?: string;
}

const count = { kind: 'count' } as const;

export const DERIVATIONS: readonly Derivation[] = [
  {
    measureId: 'cld-STS001',
    cohort: 'sts001',
    aggregate: count,
    breakdowns: [['sequel'], ['route'], ['age_band', 'sequel']],
  },
  {
    measureId: 'cld-STS002a',
    cohort: 'sts002a',
    aggregate: count,
    breakdowns: [['sequel'], ['age_band', 'sequel']],
  },
  { measureId: 'cld-STS002b', cohort: 'sts002b', aggregate: count, breakdowns: [['age_band']] },
  {
    measureId: 'cld-LTS001a',
    cohort: 'lts001a',
    aggregate: count,
    breakdowns: [['setting'], ['psr'], ['age_band'], ['age_band', 'psr'], ['age_band', 'setting']],
  },
  {
    measureId: 'cld-LTS001b',
    cohort: 'lts001b',
    aggregate: count,
    breakdowns: [
      ['setting'],
      ['psr'],
      ['age_band'],
      ['gender'],
      ['age_band', 'psr'],
      ['age_band', 'setting'],
    ],
  },
  {
    measureId: 'cld-LTS001c',
    cohort: 'lts001c',
    aggregate: count,
    breakdowns: [['setting'], ['psr'], ['age_band'], ['age_band', 'setting']],
  },
  {
    measureId: 'cld-LTS003',
    cohort: 'lts003',
    aggregate: count,
    breakdowns: [['support'], ['age_band', 'support']],
  },
  {
    measureId: 'cld-LTS004',
    cohort: 'lts004',
    aggregate: count,
    breakdowns: [['accommodation'], ['employment'], ['accommodation', 'employment']],
  },
  {
    measureId: 'ascof23-2A',
    cohort: 'sts002a',
    aggregate: { kind: 'ratio', multiplier: 100 },
    breakdowns: [['age_band']],
  },
  {
    measureId: 'ascof23-2B',
    cohort: 'careHomeAdmissions',
    aggregate: { kind: 'per-population', ageBand: '18-64' },
    breakdowns: [],
    where: `age_band = '18-64'`,
  },
  {
    measureId: 'ascof23-2C',
    cohort: 'careHomeAdmissions',
    aggregate: { kind: 'per-population', ageBand: '65+' },
    breakdowns: [],
    where: `age_band = '65+'`,
  },
  {
    measureId: 'ascof23-2E',
    cohort: 'settledAccommodation',
    aggregate: { kind: 'ratio', multiplier: 100 },
    breakdowns: [['age_band']],
  },
  {
    measureId: 'ascof23-3D1A',
    cohort: 'selfDirectedUsers',
    aggregate: { kind: 'ratio', multiplier: 100, numerator: 'self_directed' },
    breakdowns: [['age_band']],
  },
  {
    measureId: 'ascof23-3D2A',
    cohort: 'selfDirectedUsers',
    aggregate: { kind: 'ratio', multiplier: 100, numerator: 'direct_payment' },
    breakdowns: [['age_band']],
  },
  {
    measureId: 'ascof23-3D1B',
    cohort: 'selfDirectedCarers',
    aggregate: { kind: 'ratio', multiplier: 100, numerator: 'self_directed' },
    breakdowns: [],
    where: 'in_den',
  },
  {
    measureId: 'ascof23-3D2B',
    cohort: 'selfDirectedCarers',
    aggregate: { kind: 'ratio', multiplier: 100, numerator: 'in_num' },
    breakdowns: [],
    where: 'in_den',
  },
  {
    measureId: 'cld-OPEN-LT',
    cohort: 'openLongTerm',
    aggregate: count,
    breakdowns: [['setting'], ['psr'], ['age_band']],
  },
  { measureId: 'cld-OPEN-CARER', cohort: 'openCarerServices', aggregate: count, breakdowns: [] },
  {
    measureId: 'cld-REQUESTS',
    cohort: 'requests',
    aggregate: count,
    breakdowns: [['client_type'], ['age_band']],
  },
  { measureId: 'cld-ASSESSMENTS', cohort: 'assessments', aggregate: count, breakdowns: [['client_type']] },
  { measureId: 'cld-REVIEWS', cohort: 'reviews', aggregate: count, breakdowns: [['client_type']] },
  {
    measureId: 'cld-REVIEWED-12M',
    cohort: 'reviewCoverage',
    aggregate: { kind: 'ratio', multiplier: 100 },
    breakdowns: [['setting'], ['age_band']],
  },
  {
    measureId: 'cld-WAIT-ASSESS',
    cohort: 'waitingAssessment',
    aggregate: count,
    breakdowns: [['client_type']],
  },
  {
    measureId: 'cld-WAIT-ASSESS-MEDIAN',
    cohort: 'waitingAssessment',
    aggregate: { kind: 'percentile', column: 'wait_days', fraction: 0.5 },
    breakdowns: [],
  },
  {
    measureId: 'cld-WAIT-ASSESS-P90',
    cohort: 'waitingAssessment',
    aggregate: { kind: 'percentile', column: 'wait_days', fraction: 0.9 },
    breakdowns: [],
  },
  { measureId: 'cld-WAIT-REVIEW', cohort: 'waitingReview', aggregate: count, breakdowns: [] },
  {
    measureId: 'cld-WAIT-REVIEW-MEDIAN',
    cohort: 'waitingReview',
    aggregate: { kind: 'percentile', column: 'wait_days', fraction: 0.5 },
    breakdowns: [],
  },
  {
    measureId: 'cld-WAIT-REVIEW-P90',
    cohort: 'waitingReview',
    aggregate: { kind: 'percentile', column: 'wait_days', fraction: 0.9 },
    breakdowns: [],
  },
  {
    measureId: 'cld-COST-WEEKLY',
    cohort: 'openLongTerm',
    aggregate: { kind: 'sum', column: 'weekly_pence', scale: 100 },
    breakdowns: [['setting'], ['psr'], ['age_band']],
  },
  {
    measureId: 'cld-COST-AVERAGE',
    cohort: 'openLongTerm',
    aggregate: { kind: 'mean', column: 'weekly_pence', scale: 100 },
    breakdowns: [['setting'], ['psr'], ['age_band']],
  },
  {
    measureId: 'cld-COST-CARE-HOME-SHARE',
    cohort: 'openLongTerm',
    aggregate: { kind: 'share', part: 'care_home_weekly_pence', whole: 'weekly_pence', multiplier: 100 },
    breakdowns: [['age_band']],
  },
];
