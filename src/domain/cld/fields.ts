/**
 * The CLD record as data: each field's canonical key, its header in release 1 and release 2, its type,
 * how it is handled on the way in, and when it applies and is mandatory. The rules are small predicates
 * over the facts of a parsed row, so the data-quality report and the row parser read the same table.
 */
import type { CodeSet } from './codes.js';
import {
  accommodationStatus,
  assessmentType,
  clientFundingStatus,
  clientType,
  costFrequency,
  deliveryMechanism,
  employmentStatus,
  ethnicity,
  eventOutcome,
  eventType,
  gender,
  hearingImpairment,
  primarySupportReason,
  reviewReason,
  routeOfAccess,
  serviceComponent,
  serviceType,
  visualImpairment,
  yesNoUnknown,
  SERVICE_FAMILY,
  type AssessmentType,
  type ClientType,
  type CostFrequency,
  type DeliveryMechanism,
  type EventType,
  type PrimarySupportReason,
  type ReviewReason,
  type ServiceComponent,
  type ServiceType,
} from './vocabulary.js';

export type FieldType = 'text' | 'date' | 'code' | 'integer' | 'decimal';

/**
 * keep: stored as parsed. pseudonymise: a direct identifier, replaced by a keyed hash before anything
 * is stored. drop: never stored (completeness is still counted). derive: only a coarser value derived
 * from it is stored (postcode district; month of birth).
 */
export type Handling = 'keep' | 'pseudonymise' | 'drop' | 'derive';

/** What the applicability and mandatory rules look at: canonical values, null when blank or invalid. */
export interface RowFacts {
  clientType: ClientType | null;
  eventType: EventType | null;
  primarySupportReason: PrimarySupportReason | null;
  /** Whole years at the reporting period end, from the month of birth; null without a usable one. */
  ageAtPeriodEnd: number | null;
  assessmentType: AssessmentType | null;
  reviewReason: ReviewReason | null;
  serviceType: ServiceType | null;
  serviceComponent: ServiceComponent | null;
  deliveryMechanism: DeliveryMechanism | null;
  costFrequency: CostFrequency | null;
  hasDateOfDeath: boolean;
  hasEndDate: boolean;
}

/**
 * The ages at which some rule's answer changes: every rule reads only which side of each an age falls,
 * so rows may be grouped by age band (fields.test.ts checks every rule against this).
 */
export const AGE_BREAKS: readonly number[] = [18, 65];

/** The age standing for `age`'s band: the band's lowest age, or one below the first break. */
export function ageBandAge(age: number | null): number | null {
  if (age === null) return null;
  const first = AGE_BREAKS[0] ?? 0;
  return AGE_BREAKS.reduce((band, b) => (age >= b ? b : band), first - 1);
}

export interface Rule {
  /** How the rule reads in a data-quality report. */
  text: string;
  holds: (row: RowFacts) => boolean;
}

const rule = (text: string, holds: (row: RowFacts) => boolean): Rule => ({ text, holds });

// Carers known only through the person they care for have a person record but no event of their own.
const hasEvents = (r: RowFacts) => r.clientType !== 'carer-known-by-association';
const isEvent = (type: EventType) => (r: RowFacts) => hasEvents(r) && r.eventType === type;
const isServiceUser = (r: RowFacts) => r.clientType === 'service-user';
const isCarer = (r: RowFacts) => r.clientType === 'carer' || r.clientType === 'carer-known-by-association';
const isFinancialAssessment = (r: RowFacts) =>
  r.eventType === 'assessment' && r.assessmentType === 'financial';

/**
 * Costs are expected where the council pays or budgets the support itself: long-term services,
 * short-term residential or nursing care and carers' respite, and carer support, unless the service is
 * commissioned support, whose cost sits in contracts rather than on the person's record.
 */
const costsExpected = (r: RowFacts) =>
  isEvent('service')(r) &&
  r.deliveryMechanism !== 'commissioned-support' &&
  ((r.serviceType !== null && SERVICE_FAMILY[r.serviceType] !== 'short-term') ||
    r.serviceComponent === 'short-term-residential' ||
    r.serviceComponent === 'short-term-nursing' ||
    r.serviceComponent === 'carer-respite');

export const ALWAYS = rule('every row', () => true);
export const NEVER = rule('never', () => false);
const EVENTS = rule('rows with an event (not carers known by association)', hasEvents);
const REQUESTS = rule('requests', isEvent('request'));
const ASSESSMENTS = rule('assessments', isEvent('assessment'));
const SERVICES = rule('services', isEvent('service'));
const REVIEWS = rule('reviews', isEvent('review'));
const SERVICE_USERS = rule('service users', isServiceUser);
const CARERS = rule('carers', isCarer);

export type CldFieldKey =
  | 'laCode'
  | 'reportingPeriodStart'
  | 'reportingPeriodEnd'
  | 'laPersonId'
  | 'nhsNumber'
  | 'firstName'
  | 'lastName'
  | 'gpPracticeCode'
  | 'gpPracticeName'
  | 'gender'
  | 'ethnicity'
  | 'dateOfBirth'
  | 'dateOfDeath'
  | 'clientType'
  | 'primarySupportReason'
  | 'postcode'
  | 'accommodationStatus'
  | 'employmentStatus'
  | 'hasUnpaidCarer'
  | 'autism'
  | 'visualImpairment'
  | 'hearingImpairment'
  | 'dementia'
  | 'clientFundingStatus'
  | 'eventType'
  | 'eventReference'
  | 'eventStartDate'
  | 'eventEndDate'
  | 'eventDescription'
  | 'eventOutcome'
  | 'routeOfAccess'
  | 'assessmentType'
  | 'eligibleNeedsIdentified'
  | 'methodOfAssessment'
  | 'totalHoursCaringPerWeek'
  | 'numberOfAdultsCaredFor'
  | 'linkedPersonId1'
  | 'linkedPersonId2'
  | 'linkedPersonId3'
  | 'serviceType'
  | 'serviceComponent'
  | 'deliveryMechanism'
  | 'providerCqcLocationId'
  | 'providerCqcLocationName'
  | 'reviewReason'
  | 'reviewOutcomesAchieved'
  | 'methodOfReview'
  | 'unitCost'
  | 'costFrequency'
  | 'plannedUnitsPerWeek';

export interface CldField {
  key: CldFieldKey;
  /** Header in the release 1 template. */
  r1: string;
  /** Header in the release 2 template. */
  r2: string;
  /** Other headers councils' extracts use for the same column. */
  aliases: readonly string[];
  type: FieldType;
  codes?: CodeSet<string>;
  handling: Handling;
  applicable: Rule;
  mandatory: Rule;
  /**
   * A file without this column cannot be loaded: the field is mandatory in some rows. Optional fields,
   * fields that are never stored and the postcode may be left out (a missing postcode column is a
   * file-level flag: only a district is derived from it and no measure needs it).
   */
  requiredColumn: boolean;
}

interface Spec {
  key: CldFieldKey;
  header: string;
  r2?: string;
  aliases?: readonly string[];
  type: FieldType;
  codes?: CodeSet<string>;
  handling?: Handling;
  applicable?: Rule;
  mandatory?: Rule;
  requiredColumn?: boolean;
}

function field(spec: Spec): CldField {
  const mandatory = spec.mandatory ?? NEVER;
  return {
    key: spec.key,
    r1: spec.header,
    r2: spec.r2 ?? spec.header,
    aliases: spec.aliases ?? [],
    type: spec.type,
    ...(spec.codes ? { codes: spec.codes } : {}),
    handling: spec.handling ?? 'keep',
    applicable: spec.applicable ?? ALWAYS,
    mandatory,
    requiredColumn: spec.requiredColumn ?? (mandatory !== NEVER && (spec.handling ?? 'keep') !== 'drop'),
  };
}

/** The record in specification order. */
export const CLD_FIELDS: readonly CldField[] = [
  // Submission
  field({ key: 'laCode', header: 'LA Code', type: 'text', mandatory: ALWAYS }),
  field({
    key: 'reportingPeriodStart',
    header: 'Reporting Period Start Date',
    type: 'date',
    mandatory: ALWAYS,
  }),
  field({ key: 'reportingPeriodEnd', header: 'Reporting Period End Date', type: 'date', mandatory: ALWAYS }),

  // Person
  field({
    key: 'laPersonId',
    header: 'LA Person Unique Identifier',
    aliases: ['LA Person ID', 'Person Unique Identifier', 'Client ID'],
    type: 'text',
    handling: 'pseudonymise',
    mandatory: ALWAYS,
  }),
  field({
    key: 'nhsNumber',
    header: 'NHS Number',
    type: 'text',
    handling: 'pseudonymise',
    mandatory: ALWAYS,
  }),
  field({
    key: 'firstName',
    header: 'First Name',
    aliases: ['Forename', 'Given Name'],
    type: 'text',
    handling: 'drop',
  }),
  field({
    key: 'lastName',
    header: 'Last Name',
    aliases: ['Surname', 'Family Name'],
    type: 'text',
    handling: 'drop',
  }),
  field({ key: 'gpPracticeCode', header: 'GP Practice Code', type: 'text', handling: 'drop' }),
  field({ key: 'gpPracticeName', header: 'GP Practice Name', type: 'text', handling: 'drop' }),
  field({ key: 'gender', header: 'Gender', type: 'code', codes: gender, mandatory: ALWAYS }),
  field({ key: 'ethnicity', header: 'Ethnicity', type: 'code', codes: ethnicity, mandatory: ALWAYS }),
  field({ key: 'dateOfBirth', header: 'Date of Birth', type: 'date', handling: 'derive', mandatory: ALWAYS }),
  field({ key: 'dateOfDeath', header: 'Date of Death', type: 'date' }),
  field({ key: 'clientType', header: 'Client Type', type: 'code', codes: clientType, mandatory: ALWAYS }),
  field({
    key: 'primarySupportReason',
    header: 'Primary Support Reason',
    type: 'code',
    codes: primarySupportReason,
    mandatory: rule('every row except requests', (r) => r.eventType !== 'request'),
  }),
  field({
    key: 'postcode',
    header: 'Postcode',
    type: 'text',
    handling: 'derive',
    mandatory: ALWAYS,
    requiredColumn: false,
  }),
  field({
    key: 'accommodationStatus',
    header: 'Accommodation Status',
    type: 'code',
    codes: accommodationStatus,
    mandatory: ALWAYS,
  }),
  field({
    key: 'employmentStatus',
    header: 'Employment Status',
    type: 'code',
    codes: employmentStatus,
    mandatory: rule(
      'service users aged 18 to 64 at the period end whose primary support reason is learning disability',
      (r) =>
        isServiceUser(r) &&
        r.primarySupportReason === 'learning-disability' &&
        r.ageAtPeriodEnd !== null &&
        r.ageAtPeriodEnd >= 18 &&
        r.ageAtPeriodEnd <= 64,
    ),
  }),
  field({
    key: 'hasUnpaidCarer',
    header: 'Has Unpaid Carer',
    type: 'code',
    codes: yesNoUnknown,
    mandatory: ALWAYS,
  }),
  field({
    key: 'autism',
    header: 'Autism Spectrum Disorder (ASD)',
    aliases: ['Autism'],
    type: 'code',
    codes: yesNoUnknown,
    applicable: SERVICE_USERS,
  }),
  field({
    key: 'visualImpairment',
    header: 'Visual Impairment',
    type: 'code',
    codes: visualImpairment,
    applicable: SERVICE_USERS,
  }),
  field({
    key: 'hearingImpairment',
    header: 'Hearing Impairment',
    type: 'code',
    codes: hearingImpairment,
    applicable: SERVICE_USERS,
  }),
  field({
    key: 'dementia',
    header: 'Dementia',
    type: 'code',
    codes: yesNoUnknown,
    applicable: SERVICE_USERS,
  }),
  field({
    key: 'clientFundingStatus',
    header: 'Client Funding Status',
    type: 'code',
    codes: clientFundingStatus,
    applicable: SERVICE_USERS,
    mandatory: rule(
      'service users on services, reviews and financial assessments',
      (r) =>
        isServiceUser(r) &&
        (r.eventType === 'service' || r.eventType === 'review' || isFinancialAssessment(r)),
    ),
  }),

  // Event
  field({
    key: 'eventType',
    header: 'Event Type',
    type: 'code',
    codes: eventType,
    applicable: EVENTS,
    mandatory: EVENTS,
  }),
  field({
    key: 'eventReference',
    header: 'Event Reference',
    aliases: ['Event Reference Number'],
    type: 'text',
    applicable: EVENTS,
  }),
  field({
    key: 'eventStartDate',
    header: 'Event Start Date',
    type: 'date',
    applicable: EVENTS,
    mandatory: EVENTS,
  }),
  field({
    key: 'eventEndDate',
    header: 'Event End Date',
    type: 'date',
    applicable: EVENTS,
    mandatory: rule(
      'requests, assessments and reviews, and any event of a person who has died',
      (r) => hasEvents(r) && (r.eventType !== 'service' || r.hasDateOfDeath),
    ),
  }),
  field({ key: 'eventDescription', header: 'Event Description', type: 'text', applicable: EVENTS }),
  field({
    key: 'eventOutcome',
    header: 'Event Outcome',
    type: 'code',
    codes: eventOutcome,
    applicable: EVENTS,
    // An open service has no outcome yet; every other event is recorded once it is over.
    mandatory: rule(
      'ended events other than financial assessments',
      (r) => hasEvents(r) && !isFinancialAssessment(r) && (r.eventType !== 'service' || r.hasEndDate),
    ),
  }),

  // Requests
  field({
    key: 'routeOfAccess',
    header: 'Request: Route of Access',
    aliases: ['Route of Access', 'Request Route of Access'],
    type: 'code',
    codes: routeOfAccess,
    applicable: REQUESTS,
    mandatory: REQUESTS,
  }),

  // Assessments
  field({
    key: 'assessmentType',
    header: 'Assessment Type',
    type: 'code',
    codes: assessmentType,
    applicable: ASSESSMENTS,
    mandatory: ASSESSMENTS,
  }),
  field({
    key: 'eligibleNeedsIdentified',
    header: 'Eligible Needs Identified',
    type: 'text',
    applicable: ASSESSMENTS,
  }),
  field({
    key: 'methodOfAssessment',
    header: 'Method of Assessment',
    type: 'text',
    applicable: ASSESSMENTS,
    mandatory: rule(
      'assessments other than financial ones',
      (r) => isEvent('assessment')(r) && !isFinancialAssessment(r),
    ),
  }),

  // Carers
  field({
    key: 'totalHoursCaringPerWeek',
    header: 'Total Hrs Caring per week',
    aliases: ['Total Hours Caring per Week'],
    type: 'text',
    applicable: CARERS,
  }),
  field({
    key: 'numberOfAdultsCaredFor',
    header: 'No of adults being cared for',
    aliases: ['Number of adults being cared for', 'Number of Adults Cared For'],
    type: 'integer',
    applicable: CARERS,
  }),
  field({
    key: 'linkedPersonId1',
    header: 'Adult 1 Linked Person ID',
    type: 'text',
    handling: 'pseudonymise',
    applicable: CARERS,
  }),
  field({
    key: 'linkedPersonId2',
    header: 'Adult 2 Linked Person ID',
    type: 'text',
    handling: 'pseudonymise',
    applicable: CARERS,
  }),
  field({
    key: 'linkedPersonId3',
    header: 'Adult 3 Linked Person ID',
    type: 'text',
    handling: 'pseudonymise',
    applicable: CARERS,
  }),

  // Services
  field({
    key: 'serviceType',
    header: 'Service Type',
    type: 'code',
    codes: serviceType,
    applicable: SERVICES,
    mandatory: SERVICES,
  }),
  field({
    key: 'serviceComponent',
    header: 'Service Component',
    type: 'code',
    codes: serviceComponent,
    applicable: SERVICES,
    mandatory: SERVICES,
  }),
  field({
    key: 'deliveryMechanism',
    header: 'Delivery Mechanism',
    type: 'code',
    codes: deliveryMechanism,
    applicable: SERVICES,
  }),
  field({
    key: 'providerCqcLocationId',
    header: 'Provider CQC Location ID',
    type: 'text',
    applicable: SERVICES,
  }),
  field({
    key: 'providerCqcLocationName',
    header: 'Provider CQC Location Name',
    type: 'text',
    applicable: SERVICES,
  }),

  // Reviews
  field({
    key: 'reviewReason',
    header: 'Review Reason',
    type: 'code',
    codes: reviewReason,
    applicable: REVIEWS,
    mandatory: REVIEWS,
  }),
  field({
    key: 'reviewOutcomesAchieved',
    header: 'Review Outcomes Achieved',
    type: 'text',
    applicable: REVIEWS,
    mandatory: rule('planned reviews', (r) => isEvent('review')(r) && r.reviewReason === 'planned'),
  }),
  field({
    key: 'methodOfReview',
    header: 'Method of Review',
    type: 'text',
    applicable: REVIEWS,
    mandatory: REVIEWS,
  }),

  // Costs
  field({
    key: 'unitCost',
    header: 'Unit Cost',
    type: 'decimal',
    applicable: SERVICES,
    mandatory: rule('services whose cost the council holds', costsExpected),
  }),
  field({
    key: 'costFrequency',
    header: 'Cost Frequency (Unit Type)',
    aliases: ['Cost Frequency', 'Unit Type'],
    type: 'code',
    codes: costFrequency,
    applicable: SERVICES,
    mandatory: rule('services whose cost the council holds', costsExpected),
  }),
  field({
    key: 'plannedUnitsPerWeek',
    header: 'Planned units per week',
    type: 'decimal',
    applicable: SERVICES,
    // Only a cost per hour, day or session needs the units to become a weekly cost.
    mandatory: rule(
      'services costed per hour, day or session',
      (r) =>
        costsExpected(r) &&
        (r.costFrequency === 'hourly' || r.costFrequency === 'daily' || r.costFrequency === 'per-session'),
    ),
  }),
];

export const FIELD_BY_KEY: ReadonlyMap<CldFieldKey, CldField> = new Map(CLD_FIELDS.map((f) => [f.key, f]));

export function fieldOf(key: CldFieldKey): CldField {
  const f = FIELD_BY_KEY.get(key);
  if (!f) throw new Error(`Unknown CLD field ${key}`);
  return f;
}
