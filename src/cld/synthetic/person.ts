/**
 * Synthetic people: identifiers and the person fields of a CLD row. The mixes are rough shapes of
 * English adult social care (most long-term clients 65 and over; learning disability and mental health
 * clients mostly of working age), not any council's figures.
 */
import { ageAt, dayFromParts, partsOf, type Day } from './dates.js';
import type { PeriodContext, SyntheticPerson } from './model.js';
import { syntheticNhsNumber } from './nhs-number.js';
import { weighted, type Rng } from './random.js';
import type { AccommodationKey, EmploymentKey, EthnicityKey, PsrKey, YesNoKey } from './vocabulary.js';

export interface PersonIds {
  ordinal: number;
  /** Unique across every council of a run. */
  nhsOrdinal: number;
  councilIndex: number;
}

const PSR = weighted<PsrKey>([
  ['physicalPersonal', 48],
  ['physicalAccess', 7],
  ['memory', 10],
  ['learningDisability', 17],
  ['mentalHealth', 10],
  ['sensoryVisual', 1.2],
  ['sensoryHearing', 0.6],
  ['sensoryDual', 0.2],
  ['socialIsolation', 2.4],
  ['socialSubstance', 0.8],
  ['socialAsylum', 0.3],
  ['unknown', 1.5],
]);

const ETHNICITY = weighted<EthnicityKey>([
  ['whiteBritish', 80],
  ['whiteIrish', 1],
  ['whiteTraveller', 0.3],
  ['whiteOther', 3],
  ['mixedWhiteBlackCaribbean', 0.5],
  ['mixedWhiteBlackAfrican', 0.2],
  ['mixedWhiteAsian', 0.3],
  ['mixedOther', 0.4],
  ['asianIndian', 2],
  ['asianPakistani', 2.5],
  ['asianBangladeshi', 0.8],
  ['asianChinese', 0.3],
  ['asianOther', 1],
  ['blackAfrican', 1.5],
  ['blackCaribbean', 1.2],
  ['blackOther', 0.5],
  ['otherArab', 0.3],
  ['otherAny', 0.7],
  ['refused', 0.4],
  ['notKnown', 3],
]);

const EMPLOYMENT_LD = weighted<EmploymentKey>([
  ['paidUnder16', 4],
  ['paid16Plus', 2],
  ['paidHoursUnknown', 0.5],
  ['seekingWork', 7],
  ['notSeeking', 62],
  ['voluntary', 6],
  ['unknown', 18.5],
]);

const HOME_OLDER = weighted<AccommodationKey>([
  ['ownerOccupier', 52],
  ['tenantSocial', 22],
  ['tenantPrivate', 6],
  ['sheltered', 9],
  ['withFamily', 6],
  ['unknown', 5],
]);

const HOME_LEARNING_DISABILITY = weighted<AccommodationKey>([
  ['withFamily', 44],
  ['supported', 27],
  ['tenantSocial', 8],
  ['tenantPrivate', 2],
  ['sharedLives', 5],
  ['ownerOccupier', 1],
  ['unknown', 4],
  ['careHome', 0.5],
  ['mobile', 0.3],
]);

const HOME_WORKING_AGE = weighted<AccommodationKey>([
  ['tenantSocial', 30],
  ['tenantPrivate', 14],
  ['ownerOccupier', 18],
  ['withFamily', 18],
  ['supported', 8],
  ['shortTermGuest', 1.5],
  ['nightShelter', 1],
  ['temporaryCouncil', 1.5],
  ['roughSleeper', 0.5],
  ['refuge', 0.3],
  ['approvedPremises', 0.3],
  ['otherTemporary', 0.5],
  ['unknown', 6],
]);

/** Age at the end of the period, by primary support reason. */
function drawAge(rng: Rng, psr: PsrKey): number {
  switch (psr) {
    case 'physicalPersonal':
    case 'physicalAccess':
      return rng.chance(0.85) ? rng.normalInt(82, 8, 65, 104) : rng.normalInt(50, 10, 18, 64);
    case 'memory':
      return rng.normalInt(84, 6, 55, 104);
    case 'learningDisability':
      return rng.normalInt(40, 13, 18, 90);
    case 'mentalHealth':
      return rng.normalInt(50, 14, 18, 95);
    case 'sensoryVisual':
    case 'sensoryHearing':
    case 'sensoryDual':
      return rng.normalInt(72, 16, 18, 104);
    case 'unknown':
      return rng.normalInt(70, 18, 18, 104);
    default:
      return rng.normalInt(45, 14, 18, 90);
  }
}

/** A proxy date of birth that makes the person `age` at `at`. */
function birthFor(rng: Rng, age: number, at: Day): Day {
  // Case systems hold placeholder dates of birth; the reference notes a cluster aged 115 and over.
  if (rng.chance(0.0005)) return dayFromParts(1900, 1, 1);
  const [year, month] = partsOf(at);
  const months = year * 12 + (month - 1) - age * 12 - rng.int(0, 11);
  return dayFromParts(Math.floor(months / 12), (months % 12) + 1, 1);
}

export function laPersonId(councilIndex: number, ordinal: number): string {
  // A bijection on 0–9,999,999 (7919 is prime), so ids look issued rather than counted.
  const n = (ordinal * 7919 + 104_729) % 10_000_000;
  switch (councilIndex % 4) {
    case 0:
      return String(10_000_000 + n);
    case 1:
      return `P${String(n).padStart(7, '0')}`;
    case 2:
      return `MOS${String(n).padStart(7, '0')}`;
    default:
      return String(n + 1);
  }
}

function nhsNumberFor(rng: Rng, ids: PersonIds, ethnicity: EthnicityKey): string {
  // People without an NHS number are more often from Gypsy, Roma and Traveller communities.
  const missing = ethnicity === 'whiteTraveller' ? 0.5 : 0.02;
  return rng.chance(missing) ? '' : syntheticNhsNumber(ids.nhsOrdinal);
}

function yesNo(rng: Rng, yes: number, unknown: number): YesNoKey {
  const x = rng.float();
  return x < yes ? 'yes' : x < yes + unknown ? 'unknown' : 'no';
}

export interface ServiceUserDraw {
  person: SyntheticPerson;
  /** Age at the end of the period. */
  age: number;
}

export function drawServiceUser(rng: Rng, ctx: PeriodContext, ids: PersonIds): ServiceUserDraw {
  const psr = rng.weighted(PSR);
  const birth = birthFor(rng, drawAge(rng, psr), ctx.periodEnd);
  // From the date of birth, not the draw: a placeholder 1900 birth makes the person 124.
  const age = ageAt(birth, ctx.periodEnd);
  const ethnicity = rng.weighted(ETHNICITY);
  const older = age >= 65;
  const x = rng.float();
  const gender = x < 0.003 ? 'other' : x < 0.008 ? 'unknown' : x < (older ? 0.62 : 0.45) ? 'female' : 'male';
  const learningDisability = psr === 'learningDisability';
  const sensory = psr === 'sensoryVisual' || psr === 'sensoryHearing' || psr === 'sensoryDual';
  const person: SyntheticPerson = {
    ordinal: ids.ordinal,
    nhsNumber: nhsNumberFor(rng, ids, ethnicity),
    laId: laPersonId(ids.councilIndex, ids.ordinal),
    gender,
    ethnicity,
    birth,
    death: null,
    clientType: 'serviceUser',
    psr,
    accommodation: communityHome(rng, age, psr),
    employment: learningDisability && age >= 18 && age <= 64 ? rng.weighted(EMPLOYMENT_LD) : null,
    hasUnpaidCarer: yesNo(rng, older ? 0.38 : 0.3, 0.1),
    autism: learningDisability ? yesNo(rng, 0.3, 0.05) : yesNo(rng, 0.01, 0.09),
    visualImpairment: sensory && psr !== 'sensoryHearing' ? 'yes' : yesNo(rng, 0.03, 0.17),
    hearingImpairment: sensory && psr !== 'sensoryVisual' ? 'yes' : yesNo(rng, 0.04, 0.17),
    dementia:
      psr === 'memory' ? yesNo(rng, 0.9, 0.05) : age >= 80 ? yesNo(rng, 0.1, 0.1) : yesNo(rng, 0.01, 0.1),
    funding: null,
    carer: null,
  };
  const f = rng.float();
  person.funding = f < 0.7 ? 'fullyLa' : f < 0.92 ? 'joint' : f < 0.95 ? 'fullyClient' : 'unknown';
  return { person, age };
}

export function communityHome(rng: Rng, age: number, psr: PsrKey | null): AccommodationKey {
  if (psr === 'learningDisability' && age < 65) return rng.weighted(HOME_LEARNING_DISABILITY);
  return age >= 65 ? rng.weighted(HOME_OLDER) : rng.weighted(HOME_WORKING_AGE);
}

export function drawCarer(
  rng: Rng,
  ctx: PeriodContext,
  ids: PersonIds,
  linkedIds: string[],
): SyntheticPerson {
  const age = rng.normalInt(60, 14, 18, 95);
  const ethnicity = rng.weighted(ETHNICITY);
  const hours = rng.float();
  return {
    ordinal: ids.ordinal,
    nhsNumber: nhsNumberFor(rng, ids, ethnicity),
    laId: laPersonId(ids.councilIndex, ids.ordinal),
    gender: rng.chance(0.005) ? 'unknown' : rng.chance(0.6) ? 'female' : 'male',
    ethnicity,
    birth: birthFor(rng, age, ctx.periodEnd),
    death: null,
    clientType: 'carer',
    psr: 'unpaidCarer',
    accommodation: null,
    employment: null,
    hasUnpaidCarer: null,
    autism: null,
    visualImpairment: null,
    hearingImpairment: null,
    dementia: null,
    funding: null,
    carer: {
      hoursPerWeek: hours < 0.25 ? rng.int(5, 19) : hours < 0.6 ? rng.int(20, 49) : rng.int(50, 100),
      linkedIds,
      adultsCaredFor: Math.max(linkedIds.length, rng.chance(0.1) ? 2 : 1),
    },
  };
}

export function ageOf(person: SyntheticPerson, at: Day): number {
  return ageAt(person.birth, at);
}
