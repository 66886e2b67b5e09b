/**
 * One CLD row in, one typed event (with any flags) or the reasons it cannot be loaded out. File-level
 * checks live beside it: the header row (headers.ts) and the release the file is written in
 * (release.ts).
 */
import type { Pence } from '../money.js';
import { matchCodeIn, type CodeSet, type Release } from './codes.js';
import { parseBoundedUnitCost, parsePlannedUnits, weeklyCost } from './cost.js';
import { ageAt, parseCldDate, yearMonth } from './dates.js';
import type { CldEvent } from './event.js';
import { CLD_FIELDS, fieldOf, type CldFieldKey, type RowFacts } from './fields.js';
import { mappingForRow, type HeaderMapping } from './headers.js';
import { problem, type Problem, type ProblemRule } from './problem.js';
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
} from './vocabulary.js';

export { mapHeaders, normaliseHeader, type HeaderMapping } from './headers.js';
export { detectRelease, type ReleaseDetection } from './release.js';
export { weeklyCost, type WeeklyCost } from './cost.js';
export { pseudonymiseEvent } from './event.js';
export type { CldEvent, PseudonymisedCldEvent, DirectIdentifiers, PersonPseudonymiser } from './event.js';

export interface CldRowContext {
  /** The submission's own period and council, ISO dates and LA code. */
  reportingPeriodStart: string;
  reportingPeriodEnd: string;
  laCode: string;
  /** 'auto' accepts either release's spellings; 1 or 2 flags spellings of the other release. */
  release: Release | 'auto';
  /** Defaults to true, as the national SQL compares under a case-insensitive collation. */
  caseInsensitive?: boolean;
  /** The file's header mapping, when the caller has it; otherwise worked out from the row's keys. */
  headers?: HeaderMapping;
}

export interface FieldState {
  applicable: boolean;
  mandatory: boolean;
  state: 'blank' | 'valid' | 'invalid';
  /** The submitted text, only for an invalid value (the quality report redacts identifiers). */
  invalidValue?: string;
}

export type RowFieldStates = Readonly<Record<CldFieldKey, FieldState>>;

export type ParseResult =
  | { ok: true; rowNumber: number; event: CldEvent; problems: Problem[]; fields: RowFieldStates }
  | { ok: false; rowNumber: number; problems: Problem[]; fields: RowFieldStates };

/** Fields a row cannot be loaded without: a blank one (where it applies) rejects the row. */
export const REQUIRED_TO_LOAD: ReadonlySet<CldFieldKey> = new Set([
  'laCode',
  'reportingPeriodStart',
  'reportingPeriodEnd',
  'clientType',
  'eventType',
  'eventStartDate',
]);

/**
 * Fields whose unreadable value rejects the row (where it applies): without them the row cannot be
 * placed in time or attributed. An open event with no end date is normal; an end date that cannot be
 * read is not, as the event may be open or closed.
 */
export const MUST_PARSE: ReadonlySet<CldFieldKey> = new Set([
  ...REQUIRED_TO_LOAD,
  'eventEndDate',
  'dateOfDeath',
]);

const isSensitive = (key: CldFieldKey) => fieldOf(key).handling !== 'keep';

/** Quoted value for a message, or a neutral phrase for identifiers, names, postcodes and birth dates. */
const shown = (key: CldFieldKey, raw: string) => (isSensitive(key) ? 'the value given' : `'${raw}'`);

export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits) || /^(\d)\1{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

const FULL_POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)\s*\d[A-Z]{2}$/;
const DISTRICT_ONLY = /^([A-Z]{1,2}\d[A-Z\d]?)$/;

export function postcodeDistrict(raw: string): string | undefined {
  // Only a to z are upper-cased: toUpperCase() would also turn 'ſ' into 'S' and 'ß' into 'SS'.
  const s = raw.trim().replace(/[a-z]+/g, (letters) => letters.toUpperCase());
  return (FULL_POSTCODE.exec(s) ?? DISTRICT_ONLY.exec(s))?.[1];
}

export function parseCldRow(
  raw: Readonly<Record<string, string>>,
  rowNumber: number,
  context: CldRowContext,
): ParseResult {
  const mapping = context.headers ?? mappingForRow(raw);
  const caseInsensitive = context.caseInsensitive ?? true;
  const problems: Problem[] = [];
  const states = new Map<CldFieldKey, FieldState>();
  let sawR1 = false;
  let sawR2 = false;

  const cell = (key: CldFieldKey): string => {
    const header = mapping.byField.get(key);
    return header === undefined ? '' : (raw[header] ?? '').trim();
  };
  const mark = (key: CldFieldKey, state: FieldState['state'], value?: string) =>
    states.set(key, {
      applicable: false,
      mandatory: false,
      state,
      ...(state === 'invalid' && value !== undefined ? { invalidValue: value } : {}),
    });
  // Severity is settled once applicability is known (below).
  const invalid = (key: CldFieldKey, rule: ProblemRule, value: string, why: string) => {
    mark(key, 'invalid', value);
    problems.push(problem(key, rule, MUST_PARSE.has(key) ? 'reject' : 'flag', `${fieldOf(key).r1}: ${why}`));
  };

  const text = (key: CldFieldKey): string | null => {
    const value = cell(key);
    mark(key, value ? 'valid' : 'blank');
    return value || null;
  };
  const date = (key: CldFieldKey): string | null => {
    const value = cell(key);
    const iso = value ? parseCldDate(value) : undefined;
    if (!value) mark(key, 'blank');
    else if (!iso) invalid(key, 'invalid-date', value, `${shown(key, value)} is not a date.`);
    else mark(key, 'valid');
    return iso ?? null;
  };
  const code = <C extends string>(key: CldFieldKey, set: CodeSet<C>): C | null => {
    const value = cell(key);
    if (!value) {
      mark(key, 'blank');
      return null;
    }
    const match = matchCodeIn(set, value, { caseInsensitive });
    if (!match) {
      invalid(key, 'invalid-code', value, `'${value}' is not a ${set.name} in release 1 or 2.`);
      return null;
    }
    if (match.r1 && !match.r2) sawR1 = true;
    if (match.r2 && !match.r1) sawR2 = true;
    const other = context.release === 1 ? !match.r1 : context.release === 2 ? !match.r2 : false;
    if (other) {
      problems.push(
        problem(
          key,
          'wrong-release',
          'flag',
          `${fieldOf(key).r1}: '${value}' is a release ${context.release === 1 ? 2 : 1} spelling in a release ${context.release} file.`,
        ),
      );
    }
    mark(key, 'valid');
    return match.code;
  };

  // Submission
  const laCode = text('laCode');
  const periodStart = date('reportingPeriodStart');
  const periodEnd = date('reportingPeriodEnd');

  // Person: identifiers are checked here and leave only inside directIdentifiers.
  const nhsRaw = cell('nhsNumber');
  let nhsNumber: string | null = null;
  if (!nhsRaw) mark('nhsNumber', 'blank');
  else {
    const digits = nhsRaw.replace(/[\s-]/g, '');
    if (isValidNhsNumber(digits)) {
      nhsNumber = digits;
      mark('nhsNumber', 'valid');
    } else {
      invalid(
        'nhsNumber',
        'invalid-identifier',
        nhsRaw,
        'not a valid NHS number (ten digits with a check digit).',
      );
    }
  }
  const laPersonId = text('laPersonId');
  for (const key of ['firstName', 'lastName', 'gpPracticeCode', 'gpPracticeName'] as const) text(key);
  const linkedPersonIds = (['linkedPersonId1', 'linkedPersonId2', 'linkedPersonId3'] as const)
    .map((key) => text(key))
    .filter((id): id is string => id !== null);

  const genderCode = code('gender', gender);
  const ethnicityCode = code('ethnicity', ethnicity);
  const birthDate = date('dateOfBirth');
  const dateOfDeath = date('dateOfDeath');
  const client = code('clientType', clientType);
  const psr = code('primarySupportReason', primarySupportReason);
  const postcodeRaw = cell('postcode');
  let district: string | null = null;
  if (!postcodeRaw) mark('postcode', 'blank');
  else {
    district = postcodeDistrict(postcodeRaw) ?? null;
    if (district) mark('postcode', 'valid');
    else invalid('postcode', 'invalid-postcode', postcodeRaw, 'not a UK postcode.');
  }
  const accommodation = code('accommodationStatus', accommodationStatus);
  const employment = code('employmentStatus', employmentStatus);
  const hasUnpaidCarer = code('hasUnpaidCarer', yesNoUnknown);
  const autism = code('autism', yesNoUnknown);
  const visual = code('visualImpairment', visualImpairment);
  const hearing = code('hearingImpairment', hearingImpairment);
  const dementia = code('dementia', yesNoUnknown);
  const funding = code('clientFundingStatus', clientFundingStatus);

  // Event
  const type = code('eventType', eventType);
  const eventReference = text('eventReference');
  const start = date('eventStartDate');
  const end = date('eventEndDate');
  const eventDescription = text('eventDescription');
  const outcome = code('eventOutcome', eventOutcome);
  const route = code('routeOfAccess', routeOfAccess);
  const assessment = code('assessmentType', assessmentType);
  const eligibleNeedsIdentified = text('eligibleNeedsIdentified');
  const methodOfAssessment = text('methodOfAssessment');
  const totalHoursCaringPerWeek = text('totalHoursCaringPerWeek');
  const adultsRaw = cell('numberOfAdultsCaredFor');
  let adults: number | null = null;
  if (!adultsRaw) mark('numberOfAdultsCaredFor', 'blank');
  else if (/^\d{1,3}$/.test(adultsRaw)) {
    adults = Number(adultsRaw);
    mark('numberOfAdultsCaredFor', 'valid');
  } else
    invalid('numberOfAdultsCaredFor', 'invalid-number', adultsRaw, `'${adultsRaw}' is not a whole number.`);
  const service = code('serviceType', serviceType);
  const component = code('serviceComponent', serviceComponent);
  const delivery = code('deliveryMechanism', deliveryMechanism);
  const providerCqcLocationId = text('providerCqcLocationId');
  const providerCqcLocationName = text('providerCqcLocationName');
  const review = code('reviewReason', reviewReason);
  const reviewOutcomesAchieved = text('reviewOutcomesAchieved');
  const methodOfReview = text('methodOfReview');

  // Costs
  const unitCostRaw = cell('unitCost');
  let unitCost: Pence | null = null;
  if (!unitCostRaw) mark('unitCost', 'blank');
  else {
    const pence = parseBoundedUnitCost(unitCostRaw);
    if (pence === undefined) {
      invalid(
        'unitCost',
        'invalid-number',
        unitCostRaw,
        `'${unitCostRaw}' is not a cost in pounds and pence.`,
      );
    } else {
      unitCost = pence;
      mark('unitCost', 'valid');
    }
  }
  const frequency = code('costFrequency', costFrequency);
  const unitsRaw = cell('plannedUnitsPerWeek');
  let units: string | null = null;
  if (!unitsRaw) mark('plannedUnitsPerWeek', 'blank');
  else if (!parsePlannedUnits(unitsRaw)) {
    invalid('plannedUnitsPerWeek', 'invalid-number', unitsRaw, `'${unitsRaw}' is not a number of units.`);
  } else {
    units = unitsRaw.replace(/,/g, '');
    mark('plannedUnitsPerWeek', 'valid');
  }

  const birthMonth = birthDate ? yearMonth(birthDate) : null;
  const ageAtPeriodEnd = birthMonth && periodEnd ? ageAt(birthMonth, periodEnd) : null;
  const facts: RowFacts = {
    clientType: client,
    eventType: type,
    primarySupportReason: psr,
    ageAtPeriodEnd,
    assessmentType: assessment,
    reviewReason: review,
    serviceType: service,
    serviceComponent: component,
    deliveryMechanism: delivery,
    costFrequency: frequency,
    hasDateOfDeath: dateOfDeath !== null,
    hasEndDate: end !== null,
  };

  // Applicability and mandatory rules, on the facts of this row.
  for (const f of CLD_FIELDS) {
    const state = states.get(f.key) ?? { applicable: false, mandatory: false, state: 'blank' as const };
    state.applicable = f.applicable.holds(facts);
    state.mandatory = state.applicable && f.mandatory.holds(facts);
    states.set(f.key, state);
    // A column the file leaves out altogether is reported once for the file (mapHeaders), not per row.
    if (state.mandatory && state.state === 'blank' && mapping.byField.has(f.key)) {
      const severity = REQUIRED_TO_LOAD.has(f.key) ? 'reject' : 'flag';
      problems.push(
        problem(f.key, 'missing-mandatory', severity, `${f.r1} is required for ${f.mandatory.text}.`),
      );
    }
  }
  // An unreadable value in a field that does not apply to this row cannot stop it loading.
  for (const [i, p] of problems.entries()) {
    if (p.severity === 'reject' && p.field && !states.get(p.field)?.applicable)
      problems[i] = { ...p, severity: 'flag' };
  }

  // Rules across fields.
  const reject = (field: CldFieldKey | null, rule: ProblemRule, message: string) =>
    problems.push(problem(field, rule, 'reject', message));
  if (laCode && laCode.toUpperCase() !== context.laCode.trim().toUpperCase()) {
    reject('laCode', 'other-la', `The row is for council ${laCode}, not ${context.laCode}.`);
  }
  if (
    (periodStart && periodStart !== context.reportingPeriodStart) ||
    (periodEnd && periodEnd !== context.reportingPeriodEnd)
  ) {
    reject(
      null,
      'other-period',
      `The row's reporting period is not the submission's (${context.reportingPeriodStart} to ${context.reportingPeriodEnd}).`,
    );
  }
  if (!nhsNumber && !laPersonId) {
    reject(
      null,
      'no-person-identifier',
      'The row has neither a valid NHS number nor an LA person identifier.',
    );
  }
  const limit = context.reportingPeriodEnd;
  const datesAfterPeriod: [CldFieldKey, string | null][] = [
    ['eventStartDate', start],
    ['eventEndDate', end],
    ['dateOfDeath', dateOfDeath],
    ['dateOfBirth', birthDate],
  ];
  for (const [key, value] of datesAfterPeriod) {
    if (value && value > limit) {
      reject(
        key,
        'date-after-period-end',
        `${fieldOf(key).r1} is after the reporting period end (${limit}).`,
      );
    }
  }
  if (start && end && end < start) {
    reject('eventEndDate', 'end-before-start', `The event ends (${end}) before it starts (${start}).`);
  }
  if (dateOfDeath && start && start > dateOfDeath) {
    reject(
      'eventStartDate',
      'event-after-death',
      `The event starts (${start}) after the date of death (${dateOfDeath}).`,
    );
  } else if (dateOfDeath && end && end > dateOfDeath) {
    problems.push(
      problem(
        'eventEndDate',
        'end-after-death',
        'flag',
        `The event ends (${end}) after the date of death (${dateOfDeath}).`,
      ),
    );
  }
  if (birthDate && start && start < birthDate) {
    reject('eventStartDate', 'event-before-birth', 'The event starts before the date of birth.');
  }
  if (birthDate && dateOfDeath && dateOfDeath < birthDate) {
    reject('dateOfDeath', 'death-before-birth', 'The date of death is before the date of birth.');
  }

  const fields = Object.fromEntries(states) as Record<CldFieldKey, FieldState>;
  if (problems.some((p) => p.severity === 'reject') || !client || !laCode || !periodStart || !periodEnd) {
    return { ok: false, rowNumber, problems, fields };
  }

  let weekly: Pence | null = null;
  if (type === 'service' && unitCost !== null && frequency !== null) {
    const cost = weeklyCost(unitCost, frequency, units);
    if (cost.kind === 'weekly') weekly = cost.pence;
  }

  return {
    ok: true,
    rowNumber,
    problems,
    fields,
    event: {
      rowNumber,
      release: sawR1 === sawR2 ? null : sawR1 ? 1 : 2,
      laCode,
      reportingPeriodStart: periodStart,
      reportingPeriodEnd: periodEnd,
      directIdentifiers: { nhsNumber, laPersonId, linkedPersonIds },
      gender: genderCode,
      ethnicity: ethnicityCode,
      birthMonth,
      ageAtPeriodEnd,
      dateOfDeath,
      clientType: client,
      primarySupportReason: psr,
      postcodeDistrict: district,
      accommodationStatus: accommodation,
      employmentStatus: employment,
      hasUnpaidCarer,
      autism,
      visualImpairment: visual,
      hearingImpairment: hearing,
      dementia,
      clientFundingStatus: funding,
      eventType: type,
      eventReference,
      eventStartDate: start,
      eventEndDate: end,
      eventDescription,
      eventOutcome: outcome,
      routeOfAccess: route,
      assessmentType: assessment,
      eligibleNeedsIdentified,
      methodOfAssessment,
      totalHoursCaringPerWeek,
      numberOfAdultsCaredFor: adults,
      serviceType: service,
      serviceComponent: component,
      deliveryMechanism: delivery,
      providerCqcLocationId,
      providerCqcLocationName,
      reviewReason: review,
      reviewOutcomesAchieved,
      methodOfReview,
      unitCostPence: unitCost,
      costFrequency: frequency,
      plannedUnitsPerWeek: units,
      weeklyCostPence: weekly,
    },
  };
}
