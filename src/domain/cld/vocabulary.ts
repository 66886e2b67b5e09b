/**
 * Every coded value set of the CLD record, release 1 and release 2 spellings side by side, each value
 * mapped to one canonical code. Where release 2 merged two release 1 values the canonical code is the
 * merged concept; where a concept exists in one release only, the other release's list is empty.
 * Sources and the lists still to be checked against the specification workbook: see README.md.
 */
import { codeSet, type CodeOf, type CodeSet, type CodeValue } from './codes.js';

export { matchCode, matchCodeIn, labelOf, codesOf } from './codes.js';
export type { CodeSet, CodeOf, CodeMatch, MatchOptions, Release } from './codes.js';

const list = (s: string | readonly string[]): readonly string[] => (typeof s === 'string' ? [s] : s);
const v = <const C extends string>(
  code: C,
  r1: string | readonly string[],
  r2: string | readonly string[] = r1,
): CodeValue<C> => ({ code, r1: list(r1), r2: list(r2) });

export const eventType = codeSet('event type', [
  v('request', 'Request'),
  v('assessment', 'Assessment'),
  v('service', 'Service'),
  v('review', 'Review'),
]);
export type EventType = CodeOf<typeof eventType>;

export const clientType = codeSet('client type', [
  v('service-user', 'Service User', 'Service user'),
  v('carer', 'Carer', 'Unpaid carer'),
  v('carer-known-by-association', 'Carer known by association', 'Unpaid carer known by association'),
]);
export type ClientType = CodeOf<typeof clientType>;

// Unchanged between releases (the national cleaning code treats the two alike).
export const gender = codeSet(
  'gender',
  [v('male', 'Male'), v('female', 'Female'), v('other', 'Other'), v('unknown', 'Unknown')],
  { provisional: true },
);
export type Gender = CodeOf<typeof gender>;

export const ethnicity = codeSet(
  'ethnicity',
  [
    v(
      'white-british',
      'White: English / Welsh / Scottish / Northern Irish / British',
      'White: English, Welsh, Scottish, Northern Irish or British',
    ),
    v('white-irish', 'White: Irish'),
    // 'Gypsy or Irish Traveller' in both releases: the census category the specification follows (and the
    // NHS Digital CLD list's 'White (Gypsy or Irish Traveller)'). The slashed form is kept as a variant.
    v(
      'white-gypsy-irish-traveller',
      ['White: Gypsy or Irish Traveller', 'White: Gypsy / Irish Traveller'],
      'White: Gypsy or Irish Traveller',
    ),
    v('white-roma', [], 'White: Roma'),
    v('white-other', 'White: Any other White background'),
    v(
      'mixed-white-black-caribbean',
      'Mixed: White and Black Caribbean',
      'Mixed or multiple ethnic groups: White and Black Caribbean',
    ),
    v(
      'mixed-white-black-african',
      'Mixed: White and Black African',
      'Mixed or multiple ethnic groups: White and Black African',
    ),
    v('mixed-white-asian', 'Mixed: White and Asian', 'Mixed or multiple ethnic groups: White and Asian'),
    v(
      'mixed-other',
      'Mixed: Any other Mixed / multiple ethnic background',
      'Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background',
    ),
    v('asian-indian', 'Asian / Asian British: Indian', 'Asian or Asian British: Indian'),
    v('asian-pakistani', 'Asian / Asian British: Pakistani', 'Asian or Asian British: Pakistani'),
    v('asian-bangladeshi', 'Asian / Asian British: Bangladeshi', 'Asian or Asian British: Bangladeshi'),
    v('asian-chinese', 'Asian / Asian British: Chinese', 'Asian or Asian British: Chinese'),
    v(
      'asian-other',
      'Asian / Asian British: Any other Asian background',
      'Asian or Asian British: Any other Asian background',
    ),
    v(
      'black-african',
      'Black / African / Caribbean / Black British: African',
      'Black, Black British, Caribbean or African: African',
    ),
    v(
      'black-caribbean',
      'Black / African / Caribbean / Black British: Caribbean',
      'Black, Black British, Caribbean or African: Caribbean',
    ),
    v(
      'black-other',
      'Black / African / Caribbean / Black British: Any other Black / African / Caribbean background',
      'Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background',
    ),
    v('other-arab', 'Other ethnic group: Arab'),
    v('other-any', 'Other ethnic group: Any other ethnic group'),
    v('refused', 'Refused', 'No data: Refused'),
    v('not-known', 'Undeclared / Not known', 'No data: Undeclared or not known'),
  ],
  { provisional: true },
);
export type Ethnicity = CodeOf<typeof ethnicity>;

export type EthnicGroup = 'white' | 'mixed' | 'asian' | 'black' | 'other' | 'not-stated';
export const ETHNIC_GROUP: Readonly<Record<Ethnicity, EthnicGroup>> = {
  'white-british': 'white',
  'white-irish': 'white',
  'white-gypsy-irish-traveller': 'white',
  'white-roma': 'white',
  'white-other': 'white',
  'mixed-white-black-caribbean': 'mixed',
  'mixed-white-black-african': 'mixed',
  'mixed-white-asian': 'mixed',
  'mixed-other': 'mixed',
  'asian-indian': 'asian',
  'asian-pakistani': 'asian',
  'asian-bangladeshi': 'asian',
  'asian-chinese': 'asian',
  'asian-other': 'asian',
  'black-african': 'black',
  'black-caribbean': 'black',
  'black-other': 'black',
  'other-arab': 'other',
  'other-any': 'other',
  refused: 'not-stated',
  'not-known': 'not-stated',
};

export const primarySupportReason = codeSet('primary support reason', [
  v(
    'physical-access-mobility',
    'Physical Support: Access & mobility only',
    'Physical support: Access and mobility only',
  ),
  v(
    'physical-personal-care',
    'Physical Support: Personal care support',
    'Physical support: Personal care support',
  ),
  v(
    'sensory-visual',
    'Sensory Support: Support for visual impairment',
    'Sensory support: Support for visual impairment',
  ),
  v(
    'sensory-hearing',
    'Sensory Support: Support for hearing impairment',
    'Sensory support: Support for hearing impairment',
  ),
  v(
    'sensory-dual',
    'Sensory Support: Support for dual impairment',
    'Sensory support: Support for dual impairment',
  ),
  v('memory-cognition', 'Support with Memory & Cognition', 'Support with memory and cognition'),
  v('learning-disability', 'Learning Disability Support', 'Learning disability support'),
  v('mental-health', 'Mental Health Support', 'Mental health support'),
  v(
    'social-substance-misuse',
    'Social Support: Substance misuse support',
    'Social support: Substance misuse support',
  ),
  v('social-asylum-seeker', 'Social Support: Asylum seeker support', 'Social support: Asylum seeker support'),
  v(
    'social-isolation-other',
    'Social Support: Support for Social Isolation/Other',
    // Both forms circulate in release 2 returns; the longer one is the workbook's.
    [
      'Social support: Support for social isolation or other reason',
      'Social support: Support for social isolation or other',
    ],
  ),
  v('social-unpaid-carer', [], 'Social support: Support to unpaid carer'),
  v('unknown', ['Unknown', 'PSR Not Known'], 'Unknown'),
]);
export type PrimarySupportReason = CodeOf<typeof primarySupportReason>;

export type SupportReasonGroup =
  | 'physical'
  | 'sensory'
  | 'memory-cognition'
  | 'learning-disability'
  | 'mental-health'
  | 'social'
  | 'unknown';
/** The headline reason each sub-reason rolls up to (the SALT tables report both levels). */
export const SUPPORT_REASON_GROUP: Readonly<Record<PrimarySupportReason, SupportReasonGroup>> = {
  'physical-access-mobility': 'physical',
  'physical-personal-care': 'physical',
  'sensory-visual': 'sensory',
  'sensory-hearing': 'sensory',
  'sensory-dual': 'sensory',
  'memory-cognition': 'memory-cognition',
  'learning-disability': 'learning-disability',
  'mental-health': 'mental-health',
  'social-substance-misuse': 'social',
  'social-asylum-seeker': 'social',
  'social-isolation-other': 'social',
  'social-unpaid-carer': 'social',
  unknown: 'unknown',
};

export const serviceType = codeSet('service type', [
  v('long-term-nursing', 'Long Term Support: Nursing Care', 'Long term support: Nursing care'),
  v('long-term-residential', 'Long Term Support: Residential Care', 'Long term support: Residential care'),
  v('long-term-community', 'Long Term Support: Community', 'Long term support: Community'),
  v('long-term-prison', 'Long Term Support: Prison', 'Long term support: Prison'),
  v('short-term-st-max', 'Short Term Support: ST-Max', 'Short term support: ST-Max'),
  v(
    'short-term-ongoing-low-level',
    'Short Term Support: Ongoing Low Level',
    'Short term support: Ongoing low level',
  ),
  v('short-term-other', 'Short Term Support: Other Short Term', 'Short term support: Other short term'),
  v('carer-direct', 'Carer Support: Direct to Carer', 'Unpaid carer support: Direct to unpaid carer'),
  v(
    'carer-via-cared-for',
    'Carer Support: Support involving the person cared-for',
    'Unpaid carer support: Support involving the person cared-for',
  ),
]);
export type ServiceType = CodeOf<typeof serviceType>;

export type ServiceFamily = 'long-term' | 'short-term' | 'carer';
export const SERVICE_FAMILY: Readonly<Record<ServiceType, ServiceFamily>> = {
  'long-term-nursing': 'long-term',
  'long-term-residential': 'long-term',
  'long-term-community': 'long-term',
  'long-term-prison': 'long-term',
  'short-term-st-max': 'short-term',
  'short-term-ongoing-low-level': 'short-term',
  'short-term-other': 'short-term',
  'carer-direct': 'carer',
  'carer-via-cared-for': 'carer',
};

export const serviceComponent = codeSet(
  'service component',
  [
    v('reablement', 'Reablement'),
    v('short-term-nursing', 'Short Term Nursing Care', 'Short term nursing care'),
    v('short-term-residential', 'Short Term Residential Care', 'Short term residential care'),
    v('long-term-nursing', 'Long Term Nursing Care', 'Long term nursing care'),
    v('long-term-residential', 'Long Term Residential Care', 'Long term residential care'),
    v('home-support', 'Home Support', ['Home support or domiciliary care', 'Home support']),
    v('day-support', 'Day Support', 'Day support'),
    v('meals', 'Meals'),
    v('transport', 'Transport'),
    v('equipment', 'Equipment'),
    v('direct-payment', 'Direct Payment', 'Direct payment'),
    v('shared-lives', 'Shared Lives'),
    v('community-supported-living', 'Community Supported Living', 'Community supported living'),
    v('extra-care-housing', 'Extra Care Housing', 'Extra care housing'),
    // Release 2 splits professional support by who gives it; both halves keep the release 1 concept.
    v('professional-support', 'Professional Support', [
      'Professional support: Social worker',
      'Professional support: Other',
      'Professional support',
    ]),
    v(
      'learning-education-employment',
      'Learning/Education/Employment Support',
      'Learning, education or employment support',
    ),
    v('end-of-life-care', 'End of Life Care', 'End of life care'),
    v('emergency-support', 'Emergency Support', 'Emergency support'),
    v('other-short-term', 'Other Short Term Support', 'Other short term support'),
    v('other-long-term', 'Other Long Term Support', 'Other long term support'),
    v('carer-respite', 'Carer Respite', 'Unpaid carer respite'),
    v('carer-sitting', 'Carer Sitting Service', 'Unpaid carer sitting service'),
    v('carer-universal', 'Carer Universal Services', 'Unpaid carer universal services'),
    v('carer-other', 'Other Carer Support', 'Other unpaid carer support'),
  ],
  { provisional: true },
);
export type ServiceComponent = CodeOf<typeof serviceComponent>;

export const deliveryMechanism = codeSet('delivery mechanism', [
  v('direct-payment', 'Direct Payment', 'Direct payment'),
  v('managed-personal-budget', 'CASSR Managed Personal Budget', 'CASSR managed personal budget'),
  v('commissioned-support', 'CASSR Commissioned Support', 'CASSR commissioned support'),
]);
export type DeliveryMechanism = CodeOf<typeof deliveryMechanism>;

export const routeOfAccess = codeSet(
  'route of access',
  [
    v('planned-entry', 'Planned Entry (Transition)', 'Planned entry (transition)'),
    v('hospital-discharge', 'Discharge from Hospital', 'Discharge from hospital'),
    v('hospital-diversion', 'Diversion from Hospital Services', 'Diversion from hospital services'),
    v('self-funder-depleted-funds', 'Self-Funder with Depleted Funds', 'Self-funder with depleted funds'),
    v('prison', 'Prison'),
    v('community-other', 'Community / Other route', ['Community or other route', 'Community / other route']),
  ],
  { provisional: true },
);
export type RouteOfAccess = CodeOf<typeof routeOfAccess>;

export const assessmentType = codeSet(
  'assessment type',
  [
    v('short-term', 'Short Term Assessment', 'Short term assessment'),
    v('long-term', 'Long Term Assessment', 'Long term assessment'),
    v('carer', 'Carer Assessment', 'Unpaid carer assessment'),
    v('financial', 'Financial Assessment', 'Financial assessment'),
  ],
  { provisional: true },
);
export type AssessmentType = CodeOf<typeof assessmentType>;

export const reviewReason = codeSet(
  'review reason',
  [
    v('planned', 'Planned'),
    v('short-term', [], 'Review of short term support'),
    v(
      'unplanned-hospital',
      'Unplanned - Hospital (Planned and unplanned episodes)',
      'Unplanned: Hospital (planned and unplanned episodes)',
    ),
    v('unplanned-carer', 'Unplanned - Carer related', 'Unplanned: Unpaid carer related'),
    v('unplanned-safeguarding', 'Unplanned - Safeguarding concern', 'Unplanned: Safeguarding concern'),
    v('unplanned-provider-failure', 'Unplanned - Provider Failure', 'Unplanned: Provider failure'),
    v(
      'unplanned-commissioning-change',
      'Unplanned - Change in Commissioning arrangements',
      'Unplanned: Change in commissioning arrangements',
    ),
    v('unplanned-other', 'Unplanned - Other Reason', 'Unplanned: Other reason'),
  ],
  { provisional: true },
);
export type ReviewReason = CodeOf<typeof reviewReason>;

export const UNPLANNED_REVIEW: ReadonlySet<ReviewReason> = new Set([
  'unplanned-hospital',
  'unplanned-carer',
  'unplanned-safeguarding',
  'unplanned-provider-failure',
  'unplanned-commissioning-change',
  'unplanned-other',
]);

/**
 * One list serves requests, assessments, reviews and the end of services (it is also what an
 * ST-Max period is judged by when nothing follows it). Release 2 merged 'Progress to Assessment' with
 * 'Progress to Re-assessment / Unplanned Review', renamed the NFA family and added a referral within
 * the council; 'Progress to financial assessment' and 'Progress to End of Life Care' have no release 2
 * counterpart and stay as codes of their own so release 1 returns lose nothing.
 */
export const eventOutcome = codeSet('event outcome', [
  v('progress-to-reablement', 'Progress to Reablement/ST-Max', 'Progress to reablement/ST-Max'),
  v(
    'progress-to-assessment-or-review',
    ['Progress to Assessment', 'Progress to Re-assessment / Unplanned Review'],
    'Progress to assessment, review or reassessment',
  ),
  v('progress-to-financial-assessment', 'Progress to financial assessment', []),
  // 'Provision of service' has no release 2 value of its own; a service starting is what the support
  // planning outcome leads to, so it joins that code.
  v(
    'progress-to-support-planning',
    ['Progress to Support Planning / Services', 'Provision of service'],
    'Progress to support planning or services',
  ),
  v('continuation-of-support', 'No change in package', 'Continuation of support or services'),
  v('progress-to-end-of-life-care', 'Progress to End of Life Care', []),
  v('admitted-to-hospital', 'Admitted to hospital'),
  v(
    'nfa-moved-to-another-la',
    'NFA - Moved to another LA',
    'NFA: Responsibility moved to another local authority',
  ),
  v(
    'nfa-nhs-funded',
    'NFA - 100% NHS funded care',
    'NFA: Referral to NHS services or NHS funded social care',
  ),
  v(
    'nfa-self-funded',
    'NFA - Self-funded client (Inc. 12wk disregard)',
    'NFA: Self-funded client or under 12wk disregard',
  ),
  v(
    'nfa-information-advice',
    'NFA - Information & Advice / Signposting only',
    'NFA: Information and advice or signposting',
  ),
  v('nfa-referral-within-la', [], 'NFA: Referral to other service within the local authority'),
  v('nfa-support-declined', 'NFA - Support declined', 'NFA: Support declined'),
  v('nfa-deceased', 'NFA - Deceased', 'NFA: Deceased'),
  v('nfa-support-ended-as-planned', 'Service ended as planned', 'NFA: Support ended as planned'),
  v('nfa-support-ended-other', 'NFA - Support ended: Other reason', 'NFA: Support ended for other reason'),
  v(
    'nfa-no-services-offered-other',
    'NFA - No services offered: Other reason',
    'NFA: No services offered for other reason',
  ),
  // The workbook spells it without the space before the hyphen; returns use both.
  v('nfa-other', ['NFA- Other', 'NFA - Other'], 'NFA: Other'),
]);
export type EventOutcome = CodeOf<typeof eventOutcome>;

/** No further action: the outcomes that end a person's contact (used by the sequel rules). */
export const isNoFurtherAction = (outcome: EventOutcome): boolean => outcome.startsWith('nfa-');

export const accommodationStatus = codeSet('accommodation status', [
  v('owner-occupier', 'Owner occupier or shared ownership scheme'),
  v('tenant-social', 'Tenant', 'Tenant: Local authority or other social housing provider'),
  v('tenant-private', 'Tenant - private landlord', 'Tenant: Private landlord'),
  v(
    'settled-with-family',
    'Settled mainstream housing with family / friends',
    'Settled mainstream housing with family or friends',
  ),
  v(
    'supported-accommodation',
    'Supported accommodation / supported lodgings / supported group home',
    'Supported accommodation, supported lodgings or supported group home',
  ),
  v('shared-lives', 'Shared Lives scheme'),
  v(
    'approved-premises',
    'Approved premises for offenders released from prison or under probation supervision',
  ),
  v(
    'sheltered-housing',
    'Sheltered housing / extra care housing / other sheltered housing',
    'Sheltered housing, extra care housing or other sheltered housing',
  ),
  v(
    'mobile-accommodation',
    'Mobile accommodation for Gypsy / Roma and Traveller communities',
    'Mobile accommodation for Gypsy, Roma and Traveller communities',
  ),
  v('rough-sleeper', 'Rough sleeper / squatting', 'Rough sleeper or squatting'),
  v(
    'night-shelter',
    'Night shelter / emergency hostel / direct access hostel',
    'Night shelter, emergency hostel or direct access hostel',
  ),
  v('refuge', 'Refuge'),
  v('council-temporary', 'Placed in temporary accommodation by the council (inc. homelessness resettlement)'),
  v(
    'staying-with-family-short-term',
    'Staying with family / friends as a short-term guest',
    'Staying with family or friends as a short term guest',
  ),
  v(
    'healthcare-facility',
    'Acute / long-term healthcare residential facility or hospital',
    'Acute hospital or long term healthcare residential facility',
  ),
  v('registered-care-home', 'Registered care home'),
  v('registered-nursing-home', 'Registered nursing home'),
  v(
    'prison',
    'Prison / Young offenders institution / detention centre',
    'Prison, young offenders institution or detention centre',
  ),
  v('other-temporary', 'Other temporary accommodation'),
  v('unknown', 'Unknown'),
]);
export type AccommodationStatus = CodeOf<typeof accommodationStatus>;

/** SALT LTS004 tables 2a/2b and ASCOF 2E; an unknown status counts as unsettled, as nationally. */
export const ACCOMMODATION_SETTLED: Readonly<Record<AccommodationStatus, 'settled' | 'unsettled'>> = {
  'owner-occupier': 'settled',
  'tenant-social': 'settled',
  'tenant-private': 'settled',
  'settled-with-family': 'settled',
  'supported-accommodation': 'settled',
  'shared-lives': 'settled',
  'approved-premises': 'settled',
  'sheltered-housing': 'settled',
  'mobile-accommodation': 'settled',
  'rough-sleeper': 'unsettled',
  'night-shelter': 'unsettled',
  refuge: 'unsettled',
  'council-temporary': 'unsettled',
  'staying-with-family-short-term': 'unsettled',
  'healthcare-facility': 'unsettled',
  'registered-care-home': 'unsettled',
  'registered-nursing-home': 'unsettled',
  prison: 'unsettled',
  'other-temporary': 'unsettled',
  unknown: 'unsettled',
};

export const employmentStatus = codeSet('employment status', [
  v('paid-under-16-hours', 'Paid: Less than 16 hours a week'),
  v('paid-16-hours-or-more', 'Paid: 16 or more hours a week'),
  v('paid-hours-unknown', 'Paid: Hours per week unknown'),
  v('seeking-work', 'Not in Paid Employment (seeking work)', 'Not in paid employment: Seeking work'),
  v(
    'not-seeking-work-or-retired',
    'Not in Paid Employment (not actively seeking work / retired)',
    'Not in paid employment: Not actively seeking work or retired',
  ),
  v(
    'voluntary-work-only',
    'Not in Paid Employment (voluntary work only)',
    'Not in paid employment: Voluntary work only',
  ),
  v('unknown', 'Unknown'),
]);
export type EmploymentStatus = CodeOf<typeof employmentStatus>;

/** SALT LTS004 table 1: unknown is not counted as paid. */
export const EMPLOYMENT_PAID: Readonly<Record<EmploymentStatus, 'paid' | 'not-paid'>> = {
  'paid-under-16-hours': 'paid',
  'paid-16-hours-or-more': 'paid',
  'paid-hours-unknown': 'paid',
  'seeking-work': 'not-paid',
  'not-seeking-work-or-retired': 'not-paid',
  'voluntary-work-only': 'not-paid',
  unknown: 'not-paid',
};

export const costFrequency = codeSet(
  'cost frequency (unit type)',
  [
    v('hourly', 'Hourly'),
    v('daily', 'Daily'),
    v('per-session', 'Per Session', 'Per session'),
    v('weekly', 'Weekly'),
    v('fortnightly', 'Fortnightly'),
    v('four-weekly', '4-Weekly', '4-weekly'),
    v('monthly', 'Monthly'),
    v('quarterly', 'Quarterly'),
    v('annually', 'Annually'),
    v('one-off', 'One-off'),
  ],
  { provisional: true },
);
export type CostFrequency = CodeOf<typeof costFrequency>;

/**
 * How a unit cost becomes a cost per week: a fixed fraction for costs per period (a year is 52 weeks,
 * as in the national cost code, so monthly is 12/52), the planned units per week for costs per unit of
 * time or session, and nothing for one-off costs, which are not a recurring weekly cost.
 */
export type WeeklyFactor =
  { kind: 'per-period'; numerator: bigint; denominator: bigint } | { kind: 'per-unit' } | { kind: 'one-off' };
export const WEEKLY_FACTOR: Readonly<Record<CostFrequency, WeeklyFactor>> = {
  hourly: { kind: 'per-unit' },
  daily: { kind: 'per-unit' },
  'per-session': { kind: 'per-unit' },
  weekly: { kind: 'per-period', numerator: 1n, denominator: 1n },
  fortnightly: { kind: 'per-period', numerator: 1n, denominator: 2n },
  'four-weekly': { kind: 'per-period', numerator: 1n, denominator: 4n },
  monthly: { kind: 'per-period', numerator: 12n, denominator: 52n },
  quarterly: { kind: 'per-period', numerator: 4n, denominator: 52n },
  annually: { kind: 'per-period', numerator: 1n, denominator: 52n },
  'one-off': { kind: 'one-off' },
};

export const yesNoUnknown = codeSet(
  'yes / no / unknown',
  [v('yes', 'Yes'), v('no', 'No'), v('unknown', 'Unknown')],
  {
    provisional: true,
  },
);
export type YesNoUnknown = CodeOf<typeof yesNoUnknown>;

// Release 1 recorded only whether there is an impairment; release 2 records its severity. A release 1
// 'Yes' therefore lands on the severity-unknown code.
export const visualImpairment = codeSet(
  'visual impairment',
  [
    v('blind', 'Blind/severely sight impaired'),
    v('partially-sighted', 'Partial sight/sight impaired'),
    v(
      'severity-unknown',
      ['Yes', 'Visual impairment - severity unknown'],
      'Visual impairment - severity unknown',
    ),
    v('none', ['No', 'No visual impairment'], 'No visual impairment'),
    v('unknown', 'Unknown'),
  ],
  { provisional: true },
);
export type VisualImpairment = CodeOf<typeof visualImpairment>;

export const hearingImpairment = codeSet(
  'hearing impairment',
  [
    v('deaf-with-speech', 'Deaf with speech'),
    v('deaf-without-speech', 'Deaf without speech'),
    v('hard-of-hearing', 'Hard of hearing'),
    v(
      'severity-unknown',
      ['Yes', 'Hearing impairment: Severity unknown'],
      'Hearing impairment: Severity unknown',
    ),
    v('none', ['No', 'No hearing impairment'], 'No hearing impairment'),
    v('unknown', 'Unknown'),
  ],
  { provisional: true },
);
export type HearingImpairment = CodeOf<typeof hearingImpairment>;

export const clientFundingStatus = codeSet(
  'client funding status',
  [
    v('fully-client-funded', 'Fully Client Funded', 'Fully client funded'),
    v('joint-funded', 'Joint Client and LA Funded', 'Joint client and social care funded'),
    v('fully-la-funded', 'Fully LA Funded', 'Fully social care funded'),
    v('unknown', 'Unknown'),
  ],
  { provisional: true },
);
export type ClientFundingStatus = CodeOf<typeof clientFundingStatus>;

/** Every value set, for listings and for checks that run over all of them. */
export const CODE_SETS: readonly CodeSet<string>[] = [
  eventType,
  clientType,
  gender,
  ethnicity,
  primarySupportReason,
  serviceType,
  serviceComponent,
  deliveryMechanism,
  routeOfAccess,
  assessmentType,
  reviewReason,
  eventOutcome,
  accommodationStatus,
  employmentStatus,
  costFrequency,
  yesNoUnknown,
  visualImpairment,
  hearingImpairment,
  clientFundingStatus,
];
