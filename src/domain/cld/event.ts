/** A CLD row once parsed: canonical codes, ISO dates, pence and decimal strings. */
import type { Pence } from '../money.js';
import type { Release } from './codes.js';
import type {
  AccommodationStatus,
  AssessmentType,
  ClientFundingStatus,
  ClientType,
  CostFrequency,
  DeliveryMechanism,
  EmploymentStatus,
  Ethnicity,
  EventOutcome,
  EventType,
  Gender,
  HearingImpairment,
  PrimarySupportReason,
  ReviewReason,
  RouteOfAccess,
  ServiceComponent,
  ServiceType,
  VisualImpairment,
  YesNoUnknown,
} from './vocabulary.js';

/** Held only between parsing and pseudonymisation; never stored, logged or shown. */
export interface DirectIdentifiers {
  /** Ten digits with a valid check digit, spaces removed. */
  nhsNumber: string | null;
  laPersonId: string | null;
  /** Up to three adults a carer cares for, by the council's person id. */
  linkedPersonIds: string[];
}

interface CldEventBase {
  rowNumber: number;
  /** The release whose spellings the row's coded values use, when any tells them apart. */
  release: Release | null;
  laCode: string;
  reportingPeriodStart: string;
  reportingPeriodEnd: string;

  gender: Gender | null;
  ethnicity: Ethnicity | null;
  /** 'YYYY-MM': the day of birth is not kept. */
  birthMonth: string | null;
  ageAtPeriodEnd: number | null;
  dateOfDeath: string | null;
  clientType: ClientType;
  primarySupportReason: PrimarySupportReason | null;
  /** The outward part of the postcode ('LS1' of 'LS1 4AP'); the full postcode is not kept. */
  postcodeDistrict: string | null;
  accommodationStatus: AccommodationStatus | null;
  employmentStatus: EmploymentStatus | null;
  hasUnpaidCarer: YesNoUnknown | null;
  autism: YesNoUnknown | null;
  visualImpairment: VisualImpairment | null;
  hearingImpairment: HearingImpairment | null;
  dementia: YesNoUnknown | null;
  clientFundingStatus: ClientFundingStatus | null;

  /** Null only for a carer known by association, who has a person record and no event. */
  eventType: EventType | null;
  eventReference: string | null;
  eventStartDate: string | null;
  /** Null while the event is open. */
  eventEndDate: string | null;
  eventDescription: string | null;
  eventOutcome: EventOutcome | null;

  routeOfAccess: RouteOfAccess | null;
  assessmentType: AssessmentType | null;
  eligibleNeedsIdentified: string | null;
  methodOfAssessment: string | null;

  totalHoursCaringPerWeek: string | null;
  numberOfAdultsCaredFor: number | null;

  serviceType: ServiceType | null;
  serviceComponent: ServiceComponent | null;
  deliveryMechanism: DeliveryMechanism | null;
  providerCqcLocationId: string | null;
  providerCqcLocationName: string | null;

  reviewReason: ReviewReason | null;
  reviewOutcomesAchieved: string | null;
  methodOfReview: string | null;

  unitCostPence: Pence | null;
  costFrequency: CostFrequency | null;
  /** Exact decimal text, e.g. '10.5'. */
  plannedUnitsPerWeek: string | null;
  /** Derived: null for one-off costs, for non-services and where the cost cannot be worked out. */
  weeklyCostPence: Pence | null;
}

export interface CldEvent extends CldEventBase {
  directIdentifiers: DirectIdentifiers;
}

export interface PersonPseudonyms {
  nhsNumber: string | null;
  laPersonId: string | null;
  linkedPersonIds: string[];
}

/** The only form of an event that may be stored: identifiers replaced by keyed hashes. */
export interface PseudonymisedCldEvent extends CldEventBase {
  pseudonyms: PersonPseudonyms;
}

/** Structurally the importer's keyed-hash pseudonymiser; the key never enters the domain. */
export interface PersonPseudonymiser {
  nhsNumber(value: string): string;
  laPersonId(laCode: string, value: string): string;
}

export function pseudonymiseEvent(
  event: CldEvent,
  pseudonymiser: PersonPseudonymiser,
): PseudonymisedCldEvent {
  const { directIdentifiers: ids, ...rest } = event;
  return {
    ...rest,
    pseudonyms: {
      nhsNumber: ids.nhsNumber === null ? null : pseudonymiser.nhsNumber(ids.nhsNumber),
      laPersonId: ids.laPersonId === null ? null : pseudonymiser.laPersonId(event.laCode, ids.laPersonId),
      linkedPersonIds: ids.linkedPersonIds.map((id) => pseudonymiser.laPersonId(event.laCode, id)),
    },
  };
}
