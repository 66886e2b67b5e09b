/**
 * The coded values the generator writes, each with its release 1 and release 2 spelling. These are the
 * generator's own lists, written from the reference documents where they quote values (service types,
 * event outcomes, review reasons, accommodation statuses, delivery mechanisms). Elsewhere they were first
 * written "in the same style", and several of those guesses were not the specification's spellings: they
 * now follow the sources the domain vocabulary (src/domain/cld/vocabulary.ts) cites — DHSC's published CLD
 * cleaning tables and person-details SQL (release 1 employment statuses, primary support reasons, service
 * components; release 2 ethnicities) — and the domain's lists where no public source settles the wording.
 * The lists stay separate from the domain on purpose, so that `vocabulary.test.ts` beside them proves every
 * value the generator can write is a valid value of its release, and a clean file is detected as that
 * release. Deliberately invalid values belong to the dirty row kinds (render.ts), not here.
 */
import type { CldColumn } from './columns.js';

export type Release = 1 | 2;

type Spellings = Readonly<Record<string, readonly [release1: string, release2: string]>>;

const same = (text: string): readonly [string, string] => [text, text];

export const GENDER = {
  male: same('Male'),
  female: same('Female'),
  other: same('Other'),
  unknown: same('Unknown'),
} as const satisfies Spellings;

export const ETHNICITY = {
  whiteBritish: [
    'White: English / Welsh / Scottish / Northern Irish / British',
    'White: English, Welsh, Scottish, Northern Irish or British',
  ],
  whiteIrish: same('White: Irish'),
  // The census wording in both releases (the domain also accepts 'White: Gypsy / Irish Traveller').
  whiteTraveller: same('White: Gypsy or Irish Traveller'),
  whiteOther: same('White: Any other White background'),
  mixedWhiteBlackCaribbean: [
    'Mixed: White and Black Caribbean',
    'Mixed or multiple ethnic groups: White and Black Caribbean',
  ],
  mixedWhiteBlackAfrican: [
    'Mixed: White and Black African',
    'Mixed or multiple ethnic groups: White and Black African',
  ],
  mixedWhiteAsian: ['Mixed: White and Asian', 'Mixed or multiple ethnic groups: White and Asian'],
  mixedOther: [
    'Mixed: Any other Mixed / multiple ethnic background',
    'Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background',
  ],
  asianIndian: ['Asian / Asian British: Indian', 'Asian or Asian British: Indian'],
  asianPakistani: ['Asian / Asian British: Pakistani', 'Asian or Asian British: Pakistani'],
  asianBangladeshi: ['Asian / Asian British: Bangladeshi', 'Asian or Asian British: Bangladeshi'],
  asianChinese: ['Asian / Asian British: Chinese', 'Asian or Asian British: Chinese'],
  asianOther: [
    'Asian / Asian British: Any other Asian background',
    'Asian or Asian British: Any other Asian background',
  ],
  blackAfrican: [
    'Black / African / Caribbean / Black British: African',
    'Black, Black British, Caribbean or African: African',
  ],
  blackCaribbean: [
    'Black / African / Caribbean / Black British: Caribbean',
    'Black, Black British, Caribbean or African: Caribbean',
  ],
  blackOther: [
    'Black / African / Caribbean / Black British: Any other Black / African / Caribbean background',
    'Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background',
  ],
  otherArab: same('Other ethnic group: Arab'),
  otherAny: same('Other ethnic group: Any other ethnic group'),
  refused: ['Refused', 'No data: Refused'],
  notKnown: ['Undeclared / Not known', 'No data: Undeclared or not known'],
} as const satisfies Spellings;

export const CLIENT_TYPE = {
  serviceUser: ['Service User', 'Service user'],
  carer: ['Carer', 'Unpaid carer'],
  carerByAssociation: ['Carer known by association', 'Unpaid carer known by association'],
} as const satisfies Spellings;

export const PRIMARY_SUPPORT_REASON = {
  physicalAccess: ['Physical Support: Access & mobility only', 'Physical support: Access and mobility only'],
  physicalPersonal: ['Physical Support: Personal care support', 'Physical support: Personal care support'],
  sensoryVisual: [
    'Sensory Support: Support for visual impairment',
    'Sensory support: Support for visual impairment',
  ],
  sensoryHearing: [
    'Sensory Support: Support for hearing impairment',
    'Sensory support: Support for hearing impairment',
  ],
  sensoryDual: [
    'Sensory Support: Support for dual impairment',
    'Sensory support: Support for dual impairment',
  ],
  memory: ['Support with Memory & Cognition', 'Support with memory and cognition'],
  learningDisability: ['Learning Disability Support', 'Learning disability support'],
  mentalHealth: ['Mental Health Support', 'Mental health support'],
  socialSubstance: ['Social Support: Substance misuse support', 'Social support: Substance misuse support'],
  socialAsylum: ['Social Support: Asylum seeker support', 'Social support: Asylum seeker support'],
  socialIsolation: [
    'Social Support: Support for Social Isolation/Other',
    'Social support: Support for social isolation or other reason',
  ],
  // Release 2 gives carers a primary support reason; release 1 leaves it blank for them.
  unpaidCarer: ['', 'Social support: Support to unpaid carer'],
  unknown: same('Unknown'),
} as const satisfies Spellings;

// Release 1 spellings as in the LTS004 mapping table of the reference document.
export const ACCOMMODATION_STATUS = {
  ownerOccupier: ['Owner occupier or shared ownership scheme', 'Owner occupier or shared ownership scheme'],
  tenantSocial: ['Tenant', 'Tenant: Local authority or other social housing provider'],
  tenantPrivate: ['Tenant - private landlord', 'Tenant: Private landlord'],
  withFamily: [
    'Settled mainstream housing with family / friends',
    'Settled mainstream housing with family or friends',
  ],
  supported: [
    'Supported accommodation / supported lodgings / supported group home',
    'Supported accommodation, supported lodgings or supported group home',
  ],
  sharedLives: same('Shared Lives scheme'),
  approvedPremises: same(
    'Approved premises for offenders released from prison or under probation supervision',
  ),
  sheltered: [
    'Sheltered housing / extra care housing / other sheltered housing',
    'Sheltered housing, extra care housing or other sheltered housing',
  ],
  mobile: [
    'Mobile accommodation for Gypsy / Roma and Traveller communities',
    'Mobile accommodation for Gypsy, Roma and Traveller communities',
  ],
  roughSleeper: ['Rough sleeper / squatting', 'Rough sleeper or squatting'],
  nightShelter: [
    'Night shelter / emergency hostel / direct access hostel',
    'Night shelter, emergency hostel or direct access hostel',
  ],
  refuge: same('Refuge'),
  temporaryCouncil: same('Placed in temporary accommodation by the council (inc. homelessness resettlement)'),
  shortTermGuest: [
    'Staying with family / friends as a short-term guest',
    'Staying with family or friends as a short term guest',
  ],
  healthcare: [
    'Acute / long-term healthcare residential facility or hospital',
    'Acute hospital or long term healthcare residential facility',
  ],
  careHome: same('Registered care home'),
  nursingHome: same('Registered nursing home'),
  prison: [
    'Prison / Young offenders institution / detention centre',
    'Prison, young offenders institution or detention centre',
  ],
  otherTemporary: same('Other temporary accommodation'),
  unknown: same('Unknown'),
} as const satisfies Spellings;

export const EMPLOYMENT_STATUS = {
  paidUnder16: same('Paid: Less than 16 hours a week'),
  paid16Plus: same('Paid: 16 or more hours a week'),
  paidHoursUnknown: same('Paid: Hours per week unknown'),
  // Release 1 as in DHSC's reference table of employment statuses (bracketed, not after a colon).
  seekingWork: ['Not in Paid Employment (seeking work)', 'Not in paid employment: Seeking work'],
  notSeeking: [
    'Not in Paid Employment (not actively seeking work / retired)',
    'Not in paid employment: Not actively seeking work or retired',
  ],
  voluntary: ['Not in Paid Employment (voluntary work only)', 'Not in paid employment: Voluntary work only'],
  unknown: same('Unknown'),
} as const satisfies Spellings;

export const YES_NO = {
  yes: same('Yes'),
  no: same('No'),
  unknown: same('Unknown'),
} as const satisfies Spellings;

// Release 1 records only whether there is an impairment; release 2 records its severity, and a plain
// yes or no is no longer one of its values.
export const VISUAL_IMPAIRMENT = {
  yes: ['Yes', 'Visual impairment - severity unknown'],
  no: ['No', 'No visual impairment'],
  unknown: same('Unknown'),
} as const satisfies Spellings;

export const HEARING_IMPAIRMENT = {
  yes: ['Yes', 'Hearing impairment: Severity unknown'],
  no: ['No', 'No hearing impairment'],
  unknown: same('Unknown'),
} as const satisfies Spellings;

export const CLIENT_FUNDING_STATUS = {
  fullyClient: ['Fully Client Funded', 'Fully client funded'],
  joint: ['Joint Client and LA Funded', 'Joint client and social care funded'],
  fullyLa: ['Fully LA Funded', 'Fully social care funded'],
  unknown: same('Unknown'),
} as const satisfies Spellings;

export const EVENT_TYPE = {
  request: same('Request'),
  assessment: same('Assessment'),
  service: same('Service'),
  review: same('Review'),
} as const satisfies Spellings;

// Release 1 spellings as quoted in the reference documents; release 2 merges several of them.
export const EVENT_OUTCOME = {
  progressStMax: ['Progress to Reablement/ST-Max', 'Progress to reablement/ST-Max'],
  progressAssessment: ['Progress to Assessment', 'Progress to assessment, review or reassessment'],
  progressReassessment: [
    'Progress to Re-assessment / Unplanned Review',
    'Progress to assessment, review or reassessment',
  ],
  progressSupportPlanning: [
    'Progress to Support Planning / Services',
    'Progress to support planning or services',
  ],
  provisionOfService: ['Provision of service', 'Progress to support planning or services'],
  noChange: ['No change in package', 'Continuation of support or services'],
  admittedToHospital: same('Admitted to hospital'),
  endedAsPlanned: ['Service ended as planned', 'NFA: Support ended as planned'],
  // Release 2 has no end-of-life outcome: those people are fast-tracked to NHS funding.
  endOfLife: ['Progress to End of Life Care', 'NFA: Referral to NHS services or NHS funded social care'],
  nfaMoved: ['NFA - Moved to another LA', 'NFA: Responsibility moved to another local authority'],
  nfaNhsFunded: ['NFA - 100% NHS funded care', 'NFA: Referral to NHS services or NHS funded social care'],
  nfaSelfFunded: [
    'NFA - Self-funded client (Inc. 12wk disregard)',
    'NFA: Self-funded client or under 12wk disregard',
  ],
  nfaInformation: [
    'NFA - Information & Advice / Signposting only',
    'NFA: Information and advice or signposting',
  ],
  nfaDeclined: ['NFA - Support declined', 'NFA: Support declined'],
  nfaDeceased: ['NFA - Deceased', 'NFA: Deceased'],
  nfaEndedOther: ['NFA - Support ended: Other reason', 'NFA: Support ended for other reason'],
  nfaNoServicesOther: [
    'NFA - No services offered: Other reason',
    'NFA: No services offered for other reason',
  ],
  nfaOther: ['NFA- Other', 'NFA: Other'],
} as const satisfies Spellings;

export const ROUTE_OF_ACCESS = {
  hospitalDischarge: ['Discharge from Hospital', 'Discharge from hospital'],
  hospitalDiversion: ['Diversion from Hospital Services', 'Diversion from hospital services'],
  community: ['Community / Other route', 'Community or other route'],
  transition: ['Planned Entry (Transition)', 'Planned entry (transition)'],
  selfFunderDepleted: ['Self-Funder with Depleted Funds', 'Self-funder with depleted funds'],
  prison: same('Prison'),
} as const satisfies Spellings;

export const ASSESSMENT_TYPE = {
  longTerm: ['Long Term Assessment', 'Long term assessment'],
  shortTerm: ['Short Term Assessment', 'Short term assessment'],
  // The specification has no joint carer assessment type: assessing a carer with the person cared for is
  // still a carer assessment.
  carer: ['Carer Assessment', 'Unpaid carer assessment'],
} as const satisfies Spellings;

export const ASSESSMENT_METHOD = {
  faceToFace: ['Face to Face', 'Face to face'],
  remote: ['Telephone / Video', 'Telephone or video'],
  supportedSelf: ['Supported Self-Assessment', 'Supported self-assessment'],
} as const satisfies Spellings;

export const SERVICE_TYPE = {
  nursing: ['Long Term Support: Nursing Care', 'Long term support: Nursing care'],
  residential: ['Long Term Support: Residential Care', 'Long term support: Residential care'],
  community: ['Long Term Support: Community', 'Long term support: Community'],
  prison: ['Long Term Support: Prison', 'Long term support: Prison'],
  stMax: ['Short Term Support: ST-Max', 'Short term support: ST-Max'],
  ongoingLowLevel: ['Short Term Support: Ongoing Low Level', 'Short term support: Ongoing low level'],
  otherShortTerm: ['Short Term Support: Other Short Term', 'Short term support: Other short term'],
  carerDirect: ['Carer Support: Direct to Carer', 'Unpaid carer support: Direct to unpaid carer'],
  carerCaredFor: [
    'Carer Support: Support involving the person cared-for',
    'Unpaid carer support: Support involving the person cared-for',
  ],
} as const satisfies Spellings;

export const SERVICE_COMPONENT = {
  longTermNursing: ['Long Term Nursing Care', 'Long term nursing care'],
  longTermResidential: ['Long Term Residential Care', 'Long term residential care'],
  shortTermResidential: ['Short Term Residential Care', 'Short term residential care'],
  homeSupport: ['Home Support', 'Home support or domiciliary care'],
  daySupport: ['Day Support', 'Day support'],
  meals: same('Meals'),
  transport: same('Transport'),
  equipment: same('Equipment'),
  directPayment: ['Direct Payment', 'Direct payment'],
  sharedLives: same('Shared Lives'),
  supportedLiving: ['Community Supported Living', 'Community supported living'],
  extraCare: ['Extra Care Housing', 'Extra care housing'],
  reablement: same('Reablement'),
  professional: ['Professional Support', 'Professional support: Other'],
  otherShortTerm: ['Other Short Term Support', 'Other short term support'],
  otherLongTerm: ['Other Long Term Support', 'Other long term support'],
  carerRespite: ['Carer Respite', 'Unpaid carer respite'],
  carerSitting: ['Carer Sitting Service', 'Unpaid carer sitting service'],
  carerOther: ['Other Carer Support', 'Other unpaid carer support'],
} as const satisfies Spellings;

export const DELIVERY_MECHANISM = {
  directPayment: ['Direct Payment', 'Direct payment'],
  managedBudget: ['CASSR Managed Personal Budget', 'CASSR managed personal budget'],
  commissioned: ['CASSR Commissioned Support', 'CASSR commissioned support'],
} as const satisfies Spellings;

// Release 1 spellings as quoted in the LTS002 section of the reference document; release 2 as the domain
// spells them (unplanned reasons after 'Unplanned:', as DHSC's review-type SQL expects a leading word).
export const REVIEW_REASON = {
  planned: same('Planned'),
  hospital: [
    'Unplanned - Hospital (Planned and unplanned episodes)',
    'Unplanned: Hospital (planned and unplanned episodes)',
  ],
  carer: ['Unplanned - Carer related', 'Unplanned: Unpaid carer related'],
  safeguarding: ['Unplanned - Safeguarding concern', 'Unplanned: Safeguarding concern'],
  providerFailure: ['Unplanned - Provider Failure', 'Unplanned: Provider failure'],
  commissioning: [
    'Unplanned - Change in Commissioning arrangements',
    'Unplanned: Change in commissioning arrangements',
  ],
  other: ['Unplanned - Other Reason', 'Unplanned: Other reason'],
} as const satisfies Spellings;

export const REVIEW_OUTCOMES_ACHIEVED = {
  fully: ['Fully Achieved', 'Fully achieved'],
  partially: ['Partially Achieved', 'Partially achieved'],
  not: ['Not Achieved', 'Not achieved'],
  unknown: same('Unknown'),
} as const satisfies Spellings;

export const REVIEW_METHOD = {
  serviceUser: ['Service User Only', 'Service user only'],
  withCarer: ['Service User and Carer', 'Service user and unpaid carer'],
  carerOnly: ['Carer Only', 'Unpaid carer only'],
} as const satisfies Spellings;

export const COST_FREQUENCY = {
  hourly: same('Hourly'),
  daily: same('Daily'),
  perSession: ['Per Session', 'Per session'],
  weekly: same('Weekly'),
  fortnightly: same('Fortnightly'),
  fourWeekly: ['4-Weekly', '4-weekly'],
  monthly: same('Monthly'),
  quarterly: same('Quarterly'),
  annually: same('Annually'),
  oneOff: same('One-off'),
} as const satisfies Spellings;

export type GenderKey = keyof typeof GENDER;
export type EthnicityKey = keyof typeof ETHNICITY;
export type ClientTypeKey = keyof typeof CLIENT_TYPE;
export type PsrKey = keyof typeof PRIMARY_SUPPORT_REASON;
export type AccommodationKey = keyof typeof ACCOMMODATION_STATUS;
export type EmploymentKey = keyof typeof EMPLOYMENT_STATUS;
export type YesNoKey = keyof typeof YES_NO;
export type FundingKey = keyof typeof CLIENT_FUNDING_STATUS;
export type EventTypeKey = keyof typeof EVENT_TYPE;
export type OutcomeKey = keyof typeof EVENT_OUTCOME;
export type RouteKey = keyof typeof ROUTE_OF_ACCESS;
export type AssessmentTypeKey = keyof typeof ASSESSMENT_TYPE;
export type AssessmentMethodKey = keyof typeof ASSESSMENT_METHOD;
export type ServiceTypeKey = keyof typeof SERVICE_TYPE;
export type ComponentKey = keyof typeof SERVICE_COMPONENT;
export type MechanismKey = keyof typeof DELIVERY_MECHANISM;
export type ReviewReasonKey = keyof typeof REVIEW_REASON;
export type ReviewAchievedKey = keyof typeof REVIEW_OUTCOMES_ACHIEVED;
export type ReviewMethodKey = keyof typeof REVIEW_METHOD;
export type FrequencyKey = keyof typeof COST_FREQUENCY;

/** Which list each coded column takes its values from. */
export const CODED_COLUMNS = {
  Gender: GENDER,
  Ethnicity: ETHNICITY,
  Client_Type: CLIENT_TYPE,
  Primary_Support_Reason: PRIMARY_SUPPORT_REASON,
  Accommodation_Status: ACCOMMODATION_STATUS,
  Employment_Status: EMPLOYMENT_STATUS,
  Has_Unpaid_Carer: YES_NO,
  Autism_Spectrum_Disorder_ASD: YES_NO,
  Visual_Impairment: VISUAL_IMPAIRMENT,
  Hearing_Impairment: HEARING_IMPAIRMENT,
  Dementia: YES_NO,
  Client_Funding_Status: CLIENT_FUNDING_STATUS,
  Event_Type: EVENT_TYPE,
  Event_Outcome: EVENT_OUTCOME,
  Request_Route_of_Access: ROUTE_OF_ACCESS,
  Assessment_Type: ASSESSMENT_TYPE,
  Eligible_Needs_Identified: YES_NO,
  Method_of_Assessment: ASSESSMENT_METHOD,
  Service_Type: SERVICE_TYPE,
  Service_Component: SERVICE_COMPONENT,
  Delivery_Mechanism: DELIVERY_MECHANISM,
  Review_Reason: REVIEW_REASON,
  Review_Outcomes_Achieved: REVIEW_OUTCOMES_ACHIEVED,
  Method_of_Review: REVIEW_METHOD,
  Cost_Frequency_Unit_Type: COST_FREQUENCY,
} as const satisfies Partial<Record<CldColumn, Spellings>>;

export type CodedColumn = keyof typeof CODED_COLUMNS;

/** The valid (unquoted) values of every coded column in a release. */
export function codedValues(release: Release): ReadonlyMap<CodedColumn, ReadonlySet<string>> {
  const out = new Map<CodedColumn, ReadonlySet<string>>();
  for (const [column, list] of Object.entries(CODED_COLUMNS) as [CodedColumn, Spellings][]) {
    const values = new Set<string>();
    for (const pair of Object.values(list)) {
      const text = pair[release - 1];
      if (text) values.add(text);
    }
    out.set(column, values);
  }
  return out;
}

/** A list's spellings for one release, ready for a CSV field. */
export function spellings<K extends string>(
  list: Readonly<Record<K, readonly [string, string]>>,
  release: Release,
): Readonly<Record<K, string>> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(list) as K[]) {
    const [release1, release2] = list[key];
    out[key] = csvField(release === 1 ? release1 : release2);
  }
  return out;
}

/** Quotes a CSV field when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
