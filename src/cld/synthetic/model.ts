/**
 * A synthetic person and their events as the generator holds them: release-neutral keys and whole days,
 * turned into a release's spellings only when a row is written.
 */
import type { Day } from './dates.js';
import type {
  AccommodationKey,
  AssessmentMethodKey,
  AssessmentTypeKey,
  ClientTypeKey,
  ComponentKey,
  EmploymentKey,
  EthnicityKey,
  EventTypeKey,
  FrequencyKey,
  FundingKey,
  GenderKey,
  MechanismKey,
  OutcomeKey,
  PsrKey,
  ReviewAchievedKey,
  ReviewMethodKey,
  ReviewReasonKey,
  RouteKey,
  ServiceTypeKey,
  YesNoKey,
} from './vocabulary.js';

export const DIRTY_KINDS = [
  'unknown-code',
  'end-before-start',
  'unparseable-date',
  'missing-mandatory',
  'duplicate',
  'foreign-la-code',
] as const;

export type DirtyKind = (typeof DIRTY_KINDS)[number];

export interface SyntheticPerson {
  /** Position within the council's people: the source of the LA id and the event references. */
  ordinal: number;
  /** '' when the person has no NHS number. */
  nhsNumber: string;
  laId: string;
  gender: GenderKey;
  ethnicity: EthnicityKey;
  /** Proxy date of birth: the first day of the birth month. */
  birth: Day;
  death: Day | null;
  clientType: ClientTypeKey;
  psr: PsrKey | null;
  accommodation: AccommodationKey | null;
  employment: EmploymentKey | null;
  hasUnpaidCarer: YesNoKey | null;
  autism: YesNoKey | null;
  visualImpairment: YesNoKey | null;
  hearingImpairment: YesNoKey | null;
  dementia: YesNoKey | null;
  funding: FundingKey | null;
  carer: CarerDetails | null;
}

export interface CarerDetails {
  hoursPerWeek: number;
  /** LA ids of the adults cared for who are clients here (at most three). */
  linkedIds: string[];
  adultsCaredFor: number;
}

export interface SyntheticEvent {
  type: EventTypeKey;
  ref: string;
  start: Day;
  /** The true end; null while the event is still open beyond every submission. */
  end: Day | null;
  outcome: OutcomeKey | null;
  route: RouteKey | null;
  assessmentType: AssessmentTypeKey | null;
  eligible: YesNoKey | null;
  assessmentMethod: AssessmentMethodKey | null;
  serviceType: ServiceTypeKey | null;
  component: ComponentKey | null;
  mechanism: MechanismKey | null;
  provider: string;
  reviewReason: ReviewReasonKey | null;
  reviewAchieved: ReviewAchievedKey | null;
  reviewMethod: ReviewMethodKey | null;
  /** Pence. */
  unitCost: number | null;
  frequency: FrequencyKey | null;
  /** Planned units per week in halves (21 is 10.5). */
  plannedHalfUnits: number | null;
  /** Already a CSV field. */
  description: string;
  /** This row leaves the NHS number out although the person has one (a record not yet traced). */
  withoutNhs: boolean;
  dirt: DirtyKind | null;
  /** Drawn with the dirt, to choose which field and which bad value deterministically. */
  dirtArg: number;
}

/** Every event has every field, so they all share one object shape. */
export function newEvent(type: EventTypeKey, start: Day, end: Day | null): SyntheticEvent {
  return {
    type,
    ref: '',
    start,
    end,
    outcome: null,
    route: null,
    assessmentType: null,
    eligible: null,
    assessmentMethod: null,
    serviceType: null,
    component: null,
    mechanism: null,
    provider: '',
    reviewReason: null,
    reviewAchieved: null,
    reviewMethod: null,
    unitCost: null,
    frequency: null,
    plannedHalfUnits: null,
    description: '',
    withoutNhs: false,
    dirt: null,
    dirtArg: 0,
  };
}

/** The people of one slot of a council (a client, sometimes with their carer) and their events. */
export interface Household {
  members: { person: SyntheticPerson; events: SyntheticEvent[] }[];
}

/** What the generator knows about the period it simulates. */
export interface PeriodContext {
  periodStart: Day;
  periodEnd: Day;
  /** When providers' fees rise: the first Monday of the period. */
  upliftDay: Day;
}
