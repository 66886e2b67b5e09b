/**
 * Service lines: setting, component, delivery mechanism and what they cost. Prices are rough 2023-24
 * shapes (a care home place is a weekly fee, home care an hourly rate times planned hours, a direct
 * payment a four-weekly or monthly sum, equipment a one-off), not any council's rates.
 */
import type { Day } from './dates.js';
import { newEvent, type SyntheticEvent } from './model.js';
import { weighted, type Rng } from './random.js';
import {
  csvField,
  type ComponentKey,
  type FrequencyKey,
  type MechanismKey,
  type PsrKey,
  type ServiceTypeKey,
} from './vocabulary.js';

export type Setting = 'nursing' | 'residential' | 'community' | 'prison';

export function drawSetting(rng: Rng, psr: PsrKey | null, age: number): Setting {
  if (age < 65 && rng.chance(0.004)) return 'prison';
  const x = rng.float();
  if (psr === 'memory') return x < 0.25 ? 'nursing' : x < 0.55 ? 'residential' : 'community';
  if (age >= 65) return x < 0.1 ? 'nursing' : x < 0.27 ? 'residential' : 'community';
  if (psr === 'learningDisability' || psr === 'mentalHealth') return x < 0.11 ? 'residential' : 'community';
  return x < 0.03 ? 'nursing' : x < 0.08 ? 'residential' : 'community';
}

const COMMUNITY_LD = weighted<ComponentKey>([
  ['supportedLiving', 42],
  ['homeSupport', 15],
  ['directPayment', 20],
  ['daySupport', 13],
  ['sharedLives', 10],
]);
const COMMUNITY_MH = weighted<ComponentKey>([
  ['homeSupport', 40],
  ['supportedLiving', 25],
  ['directPayment', 15],
  ['professional', 20],
]);
const COMMUNITY_OTHER = weighted<ComponentKey>([
  ['homeSupport', 66],
  ['directPayment', 15],
  ['extraCare', 8],
  ['daySupport', 6],
  ['meals', 2],
  ['professional', 3],
]);
const COMMUNITY_EXTRA = weighted<ComponentKey>([
  ['daySupport', 35],
  ['equipment', 25],
  ['transport', 15],
  ['meals', 15],
  ['homeSupport', 10],
]);

export function mainCommunityComponent(rng: Rng, psr: PsrKey | null, age: number): ComponentKey {
  if (psr === 'learningDisability' && age < 65) return rng.weighted(COMMUNITY_LD);
  if (psr === 'mentalHealth' && age < 65) return rng.weighted(COMMUNITY_MH);
  return rng.weighted(COMMUNITY_OTHER);
}

export function extraCommunityComponent(rng: Rng): ComponentKey {
  return rng.weighted(COMMUNITY_EXTRA);
}

/** Delivery mechanism is optional in CLD, so a few lines leave it blank. */
export function communityMechanism(rng: Rng, component: ComponentKey, age: number): MechanismKey | null {
  const x = rng.float();
  if (component === 'directPayment') return x < 0.95 ? 'directPayment' : 'managedBudget';
  const direct = age < 65 ? 0.12 : 0.05;
  if (x < direct) return 'directPayment';
  if (x < direct + 0.15) return 'managedBudget';
  return x < 0.95 ? 'commissioned' : null;
}

const DESCRIPTIONS: Partial<Record<ComponentKey, readonly string[]>> = {
  longTermNursing: ['Nursing home placement', 'Nursing placement, dementia unit'],
  longTermResidential: ['Care home placement', 'Residential placement, respite converted to permanent'],
  shortTermResidential: ['Short stay in a care home', 'Interim bed, step down from hospital'],
  homeSupport: [
    'Home care',
    'Home care, 2 calls a day',
    'Home care, 4 calls a day',
    'Double-handed home care',
  ],
  daySupport: ['Day centre', 'Day opportunities, 2 days a week'],
  meals: ['Meals at home'],
  transport: ['Transport to day centre'],
  equipment: ['Equipment', 'Stair lift', 'Bathing equipment, grab rails'],
  directPayment: ['Direct payment', 'Direct payment for a personal assistant'],
  sharedLives: ['Shared Lives arrangement'],
  supportedLiving: ['Supported living', 'Supported living, shared house'],
  extraCare: ['Extra care scheme'],
  reablement: ['Reablement', 'Reablement after hospital discharge'],
  professional: ['Social worker support'],
  otherShortTerm: ['Telecare', 'Telecare, pendant alarm'],
  carerRespite: ['Respite for the carer', 'Overnight respite'],
  carerSitting: ['Sitting service'],
  carerOther: ['Carer support payment'],
};

const CARE_PROVIDERS = new Set<ComponentKey>([
  'longTermNursing',
  'longTermResidential',
  'shortTermResidential',
  'homeSupport',
  'supportedLiving',
  'extraCare',
  'sharedLives',
  'reablement',
]);

/** A service event with its component, mechanism, description, provider and cost. */
export function serviceLine(
  rng: Rng,
  serviceType: ServiceTypeKey,
  component: ComponentKey,
  mechanism: MechanismKey | null,
  start: Day,
  end: Day | null,
  age: number,
  psr: PsrKey | null,
): SyntheticEvent {
  const e = newEvent('service', start, end);
  e.serviceType = serviceType;
  e.component = component;
  e.mechanism = mechanism;
  const descriptions = DESCRIPTIONS[component];
  if (descriptions && rng.chance(0.7)) e.description = csvField(rng.pick(descriptions));
  if (mechanism !== 'directPayment' && CARE_PROVIDERS.has(component) && rng.chance(0.8)) {
    e.provider = `1-${rng.int(100_000_000, 999_999_999)}${rng.int(0, 9)}`;
  }
  price(rng, e, age, psr);
  return e;
}

function set(e: SyntheticEvent, frequency: FrequencyKey, pence: number, halfUnits: number | null): void {
  e.frequency = frequency;
  e.unitCost = pence;
  e.plannedHalfUnits = halfUnits;
}

/** Planned hours a week, in halves. */
function hours(rng: Rng, mean: number, sd: number, min: number, max: number): number {
  return rng.normalInt(mean * 2, sd * 2, min * 2, max * 2);
}

function price(rng: Rng, e: SyntheticEvent, age: number, psr: PsrKey | null): void {
  // Cost fields are not mandatory: a few lines carry none.
  if (rng.chance(0.03)) return;
  const younger = age < 65;
  switch (e.component) {
    case 'longTermNursing':
      return set(e, 'weekly', younger ? rng.int(110_000, 180_000) : rng.int(95_000, 130_000), null);
    case 'longTermResidential': {
      const [low, high] =
        younger && psr === 'learningDisability'
          ? [120_000, 250_000]
          : younger
            ? [90_000, 150_000]
            : [70_000, 105_000];
      return set(e, 'weekly', rng.int(low, high), null);
    }
    case 'shortTermResidential':
      return set(e, 'weekly', rng.int(80_000, 110_000), null);
    case 'homeSupport':
      return set(e, 'hourly', rng.int(2_000, 2_700), hours(rng, 10, 5, 2, 40));
    case 'daySupport':
      return set(e, rng.chance(0.6) ? 'perSession' : 'daily', rng.int(4_000, 9_000), 2 * rng.int(1, 5));
    case 'meals':
      return set(e, 'daily', rng.int(450, 700), 2 * rng.int(5, 7));
    case 'transport':
      return set(e, 'perSession', rng.int(800, 2_000), 2 * rng.int(2, 5));
    case 'equipment':
      return set(e, 'oneOff', rng.int(5_000, 150_000), null);
    case 'directPayment': {
      if (e.serviceType === 'carerDirect') return set(e, 'oneOff', rng.int(15_000, 60_000), null);
      const x = rng.float();
      if (x < 0.6) return set(e, 'fourWeekly', rng.int(40_000, 400_000), null);
      if (x < 0.8) return set(e, 'monthly', rng.int(45_000, 430_000), null);
      if (x < 0.82) return set(e, 'fortnightly', rng.int(20_000, 200_000), null);
      return set(e, 'weekly', rng.int(10_000, 100_000), null);
    }
    case 'sharedLives':
      return set(e, 'weekly', rng.int(40_000, 70_000), null);
    case 'supportedLiving':
      return rng.chance(0.7)
        ? set(e, 'weekly', rng.int(80_000, 220_000), null)
        : set(e, 'hourly', rng.int(1_900, 2_500), hours(rng, 45, 15, 10, 120));
    case 'extraCare':
      return set(e, 'hourly', rng.int(1_900, 2_400), hours(rng, 8, 4, 2, 20));
    case 'reablement':
      if (rng.chance(0.5)) return; // in-house reablement carries no unit cost
      return set(e, 'hourly', rng.int(2_200, 2_800), hours(rng, 9, 3, 3, 20));
    case 'otherShortTerm':
      return set(e, 'weekly', rng.int(300, 800), null);
    case 'carerRespite':
      return set(e, rng.chance(0.7) ? 'daily' : 'perSession', rng.int(9_000, 16_000), 2 * rng.int(1, 3));
    case 'carerSitting':
      return set(e, 'hourly', rng.int(1_800, 2_400), hours(rng, 5, 2, 2, 12));
    case 'carerOther':
      return set(e, rng.chance(0.8) ? 'oneOff' : 'annually', rng.int(15_000, 60_000), null);
    default:
      return; // professional support and the like: staff time, not a priced service
  }
}
