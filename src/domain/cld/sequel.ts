/**
 * The SALT sequel categories that CLD events map to (appendix tables of the SALT transformation
 * document). A sequel is what followed a request (STS001) or a period of ST-Max (STS002a): a service
 * found in the chronology gives it through its service type, otherwise an outcome does.
 */
import type { EventOutcome, ServiceType } from './vocabulary.js';

export type Sts001Sequel =
  | 'st-max'
  | 'long-term-nursing'
  | 'long-term-residential'
  | 'long-term-community'
  | 'long-term-prison'
  | 'nhs-funded-care'
  | 'end-of-life'
  | 'ongoing-low-level'
  | 'short-term-other'
  | 'universal-services-signposting'
  | 'no-services-deceased'
  | 'no-services-other-reason'
  | 'unable-to-classify';

export const STS001_SEQUEL_LABEL: Readonly<Record<Sts001Sequel, string>> = {
  'st-max': 'Short Term Support to Maximise Independence',
  'long-term-nursing': 'Long Term Support Nursing Care',
  'long-term-residential': 'Long Term Support Residential Care',
  'long-term-community': 'Long Term Support Community',
  'long-term-prison': 'Long Term Support Prison',
  'nhs-funded-care': '100% NHS Funded Care',
  'end-of-life': 'End of Life',
  'ongoing-low-level': 'Ongoing Low Level Support',
  'short-term-other': 'Short Term Support (other)',
  'universal-services-signposting': 'Universal Services / Signposted to other services',
  'no-services-deceased': 'No Services Provided - Deceased',
  'no-services-other-reason': 'No Services Provided - other reason',
  'unable-to-classify': 'Unable to classify',
};

/** Carer services are not sequels to a service user's request. */
export const STS001_SEQUEL_BY_SERVICE: Readonly<Partial<Record<ServiceType, Sts001Sequel>>> = {
  'short-term-st-max': 'st-max',
  'long-term-nursing': 'long-term-nursing',
  'long-term-residential': 'long-term-residential',
  'long-term-community': 'long-term-community',
  'long-term-prison': 'long-term-prison',
  'short-term-ongoing-low-level': 'ongoing-low-level',
  'short-term-other': 'short-term-other',
};

// The appendix names only two outcomes for "other reason"; the national SQL also sends moved, self-funded,
// declined and no-services-offered there, and so does this table. The release 2 referral within the
// council is an NFA of the same kind. "Service ended as planned" stays unclassified, as in the SQL.
export const STS001_SEQUEL_BY_OUTCOME: Readonly<Record<EventOutcome, Sts001Sequel>> = {
  'progress-to-reablement': 'unable-to-classify',
  'progress-to-assessment-or-review': 'unable-to-classify',
  'progress-to-financial-assessment': 'unable-to-classify',
  'progress-to-support-planning': 'unable-to-classify',
  'continuation-of-support': 'unable-to-classify',
  'progress-to-end-of-life-care': 'end-of-life',
  'admitted-to-hospital': 'unable-to-classify',
  'nfa-moved-to-another-la': 'no-services-other-reason',
  'nfa-nhs-funded': 'nhs-funded-care',
  'nfa-self-funded': 'no-services-other-reason',
  'nfa-information-advice': 'universal-services-signposting',
  'nfa-referral-within-la': 'no-services-other-reason',
  'nfa-support-declined': 'no-services-other-reason',
  'nfa-deceased': 'no-services-deceased',
  'nfa-support-ended-as-planned': 'unable-to-classify',
  'nfa-support-ended-other': 'no-services-other-reason',
  'nfa-no-services-offered-other': 'no-services-other-reason',
  'nfa-other': 'no-services-other-reason',
};

export type Sts002aSequel =
  | 'early-cessation-nhs-funded-or-deceased'
  | 'long-term-support'
  | 'no-services-self-funding'
  | 'ongoing-low-level'
  | 'short-term-other'
  | 'no-services-declined'
  | 'no-services-universal-signposting'
  | 'no-services-other'
  | 'unable-to-classify';

export const STS002A_SEQUEL_LABEL: Readonly<Record<Sts002aSequel, string>> = {
  'early-cessation-nhs-funded-or-deceased':
    'Early cessation of service (not leading to long term support) - 100% NHS funded care / End of Life / deceased',
  'long-term-support': 'Long Term Support (any setting)',
  'no-services-self-funding': 'No services provided - needs identified but self-funding',
  'ongoing-low-level': 'Ongoing Low Level Support',
  'short-term-other': 'Short Term Support (other)',
  'no-services-declined': 'No services provided - needs identified but support declined',
  'no-services-universal-signposting':
    'No Services Provided - Universal Services / signposted to other services',
  'no-services-other': 'No services provided - other',
  'unable-to-classify': 'Unable to classify',
};

/** A further ST-Max ends the chain rather than being its sequel, so it has no entry. */
export const STS002A_SEQUEL_BY_SERVICE: Readonly<Partial<Record<ServiceType, Sts002aSequel>>> = {
  'long-term-nursing': 'long-term-support',
  'long-term-residential': 'long-term-support',
  'long-term-community': 'long-term-support',
  'long-term-prison': 'long-term-support',
  'short-term-ongoing-low-level': 'ongoing-low-level',
  'short-term-other': 'short-term-other',
};

export const STS002A_SEQUEL_BY_OUTCOME: Readonly<Record<EventOutcome, Sts002aSequel>> = {
  'progress-to-reablement': 'unable-to-classify',
  'progress-to-assessment-or-review': 'unable-to-classify',
  'progress-to-financial-assessment': 'unable-to-classify',
  'progress-to-support-planning': 'unable-to-classify',
  'continuation-of-support': 'unable-to-classify',
  'progress-to-end-of-life-care': 'unable-to-classify',
  'admitted-to-hospital': 'unable-to-classify',
  'nfa-moved-to-another-la': 'no-services-other',
  'nfa-nhs-funded': 'early-cessation-nhs-funded-or-deceased',
  'nfa-self-funded': 'no-services-self-funding',
  'nfa-information-advice': 'no-services-universal-signposting',
  'nfa-referral-within-la': 'no-services-other',
  'nfa-support-declined': 'no-services-declined',
  'nfa-deceased': 'early-cessation-nhs-funded-or-deceased',
  'nfa-support-ended-as-planned': 'no-services-other',
  'nfa-support-ended-other': 'no-services-other',
  'nfa-no-services-offered-other': 'no-services-other',
  'nfa-other': 'no-services-other',
};
