/**
 * Journeys through adult social care: a request (route of access), within days an assessment or a
 * period of ST-Max, what followed (long-term support, ongoing low-level support, no services, end of
 * life …), then services and reviews. Existing long-term clients start before the period.
 */
import type { Day } from './dates.js';
import { longTermSupport, review, UNPLANNED_REASON } from './long-term.js';
import { newEvent, type PeriodContext, type SyntheticEvent, type SyntheticPerson } from './model.js';
import { communityHome } from './person.js';
import { weighted, type Rng, type Weighted } from './random.js';
import { serviceLine } from './services.js';
import type { AssessmentMethodKey, ComponentKey, OutcomeKey, RouteKey } from './vocabulary.js';

const ROUTE_OLDER = weighted<RouteKey>([
  ['community', 58],
  ['hospitalDischarge', 32],
  ['hospitalDiversion', 5],
  ['selfFunderDepleted', 5],
]);
const ROUTE_WORKING_AGE = weighted<RouteKey>([
  ['community', 82],
  ['hospitalDischarge', 10],
  ['hospitalDiversion', 3],
  ['transition', 2],
  ['prison', 1],
  ['selfFunderDepleted', 1],
]);
const REQUEST_AFTER_HOSPITAL = weighted<OutcomeKey>([
  ['progressStMax', 45],
  ['progressAssessment', 30],
  ['nfaInformation', 5],
  ['nfaNhsFunded', 6],
  ['endOfLife', 3],
  ['nfaDeceased', 2],
  ['nfaSelfFunded', 3],
  ['provisionOfService', 4],
  ['nfaDeclined', 2],
]);
const REQUEST_FROM_COMMUNITY = weighted<OutcomeKey>([
  ['nfaInformation', 38],
  ['progressAssessment', 34],
  ['progressStMax', 12],
  ['provisionOfService', 5],
  ['nfaDeclined', 3],
  ['nfaOther', 2],
  ['nfaSelfFunded', 2],
  ['nfaNhsFunded', 1],
  ['admittedToHospital', 2],
  ['endOfLife', 1],
  ['nfaDeceased', 0.5],
  ['nfaNoServicesOther', 1.5],
]);

type NextStep = 'longTerm' | 'careHome' | 'lowLevel' | 'otherShortTerm' | 'assessment' | 'died' | 'none';

const AFTER_ST_MAX = weighted<[OutcomeKey, NextStep]>([
  [['endedAsPlanned', 'none'], 45],
  [['progressSupportPlanning', 'longTerm'], 22],
  [['progressSupportPlanning', 'careHome'], 4],
  [['provisionOfService', 'lowLevel'], 6],
  [['admittedToHospital', 'none'], 6],
  [['nfaDeceased', 'died'], 2],
  [['nfaDeclined', 'none'], 4],
  [['nfaNhsFunded', 'none'], 3],
  [['progressAssessment', 'assessment'], 5],
  [['nfaSelfFunded', 'none'], 3],
]);
const AFTER_ASSESSMENT = weighted<[OutcomeKey, NextStep]>([
  [['progressSupportPlanning', 'longTerm'], 55],
  [['provisionOfService', 'lowLevel'], 8],
  [['provisionOfService', 'otherShortTerm'], 3],
  [['nfaSelfFunded', 'none'], 8],
  [['nfaDeclined', 'none'], 5],
  [['nfaNoServicesOther', 'none'], 7],
  [['nfaInformation', 'none'], 8],
  [['endOfLife', 'none'], 3],
  [['nfaNhsFunded', 'none'], 2],
  [['nfaDeceased', 'died'], 1],
]);
const ASSESSMENT_METHOD = weighted<AssessmentMethodKey>([
  ['faceToFace', 70],
  ['remote', 22],
  ['supportedSelf', 8],
]);
const LOW_LEVEL = weighted<ComponentKey>([
  ['equipment', 50],
  ['otherShortTerm', 35],
  ['meals', 15],
]);

/** What a journey hands back: the day the person died, if they did in the period. */
export type Death = Day | null;

export function request(rng: Rng, start: Day, route: RouteKey, outcome: OutcomeKey): SyntheticEvent {
  const x = rng.float();
  const length = x < 0.5 ? 0 : x < 0.8 ? rng.int(1, 3) : rng.int(4, 20);
  const e = newEvent('request', start, start + length);
  e.route = route;
  e.outcome = outcome;
  return e;
}

function drawRoute(rng: Rng, person: SyntheticPerson, age: number): RouteKey {
  // Young adults with a learning disability mostly arrive through transition from children's services.
  if (person.psr === 'learningDisability' && age <= 25 && rng.chance(0.6)) return 'transition';
  return rng.weighted(age >= 65 ? ROUTE_OLDER : ROUTE_WORKING_AGE);
}

/** Someone new who contacts the council during the period. */
export function newClient(
  rng: Rng,
  ctx: PeriodContext,
  person: SyntheticPerson,
  age: number,
  events: SyntheticEvent[],
): Death {
  let day = ctx.periodStart - 7 + rng.int(0, ctx.periodEnd - ctx.periodStart + 7);
  const route = drawRoute(rng, person, age);
  if (rng.chance(0.05)) {
    // A first contact closed with advice, then a second within days: one request once clustered.
    const first = request(rng, day, route, 'nfaInformation');
    first.end = day + rng.int(0, 1);
    events.push(first);
    day = first.end + rng.int(1, 4);
  }
  const table: Weighted<OutcomeKey> =
    route === 'hospitalDischarge' ? REQUEST_AFTER_HOSPITAL : REQUEST_FROM_COMMUNITY;
  const outcome = rng.weighted(table);
  const req = request(rng, day, route, outcome);
  events.push(req);
  const after = req.end ?? day;
  switch (outcome) {
    case 'progressStMax':
      return stMax(rng, ctx, person, age, after + rng.int(0, 3), events);
    case 'progressAssessment':
      return assessment(rng, ctx, person, age, after + rng.days(18, 150), events);
    case 'provisionOfService':
      lowLevel(rng, person, age, after + rng.int(0, 7), events);
      return null;
    case 'nfaDeceased':
      return after;
    default:
      return null;
  }
}

function stMax(
  rng: Rng,
  ctx: PeriodContext,
  person: SyntheticPerson,
  age: number,
  start: Day,
  events: SyntheticEvent[],
): Death {
  const end = start + rng.normalInt(24, 10, 5, 42);
  const line = serviceLine(rng, 'stMax', 'reablement', 'commissioned', start, end, age, person.psr);
  const [outcome, next] = rng.weighted(AFTER_ST_MAX);
  line.outcome = outcome;
  events.push(line);
  return followOn(rng, ctx, person, age, next, end, events);
}

function assessment(
  rng: Rng,
  ctx: PeriodContext,
  person: SyntheticPerson,
  age: number,
  start: Day,
  events: SyntheticEvent[],
): Death {
  const end = start + rng.days(7, 60);
  const e = newEvent('assessment', start, end);
  e.assessmentType = rng.chance(0.88) ? 'longTerm' : 'shortTerm';
  e.assessmentMethod = rng.weighted(ASSESSMENT_METHOD);
  const [outcome, next] = rng.weighted(AFTER_ASSESSMENT);
  e.outcome = outcome;
  e.eligible = next !== 'none' || outcome === 'nfaSelfFunded' ? 'yes' : rng.chance(0.7) ? 'no' : 'unknown';
  events.push(e);
  return followOn(rng, ctx, person, age, next, end, events);
}

function followOn(
  rng: Rng,
  ctx: PeriodContext,
  person: SyntheticPerson,
  age: number,
  next: NextStep,
  after: Day,
  events: SyntheticEvent[],
): Death {
  switch (next) {
    case 'longTerm':
      // Within three days after ST-Max (so it is that period's sequel), later after an assessment.
      return longTermSupport(rng, ctx, person, age, after + rng.int(0, 3), events);
    case 'careHome':
      return longTermSupport(rng, ctx, person, age, after + rng.int(0, 3), events, {
        setting: rng.chance(0.5) ? 'nursing' : 'residential',
      });
    case 'lowLevel':
      lowLevel(rng, person, age, after + rng.int(0, 3), events);
      return null;
    case 'otherShortTerm': {
      const start = after + rng.int(0, 7);
      const end = start + rng.int(7, 42);
      const stay = serviceLine(
        rng,
        'otherShortTerm',
        'shortTermResidential',
        'commissioned',
        start,
        end,
        age,
        null,
      );
      stay.outcome = rng.chance(0.4) ? 'progressSupportPlanning' : 'endedAsPlanned';
      events.push(stay);
      if (stay.outcome === 'endedAsPlanned') return null;
      return longTermSupport(rng, ctx, person, age, end + 1, events, { setting: 'residential' });
    }
    case 'assessment':
      return assessment(rng, ctx, person, age, after + rng.int(0, 14), events);
    case 'died':
      return after;
    case 'none':
      return null;
  }
}

function lowLevel(
  rng: Rng,
  person: SyntheticPerson,
  age: number,
  start: Day,
  events: SyntheticEvent[],
): void {
  const component = rng.weighted(LOW_LEVEL);
  const end =
    component === 'equipment'
      ? start + rng.int(0, 14)
      : component === 'meals'
        ? start + rng.int(30, 200)
        : rng.chance(0.5)
          ? null
          : start + rng.int(60, 365);
  const line = serviceLine(rng, 'ongoingLowLevel', component, 'commissioned', start, end, age, person.psr);
  if (end !== null) line.outcome = 'endedAsPlanned';
  events.push(line);
}

/** Someone in long-term support since before the period; some get in touch again during it. */
export function existingClient(
  rng: Rng,
  ctx: PeriodContext,
  person: SyntheticPerson,
  age: number,
  events: SyntheticEvent[],
): Death {
  // Years in support, skewed short; never before the person turned 18.
  const adult = person.birth + 18 * 365 + 5;
  const start = Math.max(adult, ctx.periodStart - 1 - rng.days(900, 12 * 365));
  if (person.accommodation === null) person.accommodation = communityHome(rng, age, person.psr);
  const death = longTermSupport(rng, ctx, person, age, start, events);
  if (rng.chance(0.12)) {
    const last = death ?? ctx.periodEnd;
    const day =
      Math.max(start, ctx.periodStart) + rng.int(0, Math.max(0, last - Math.max(start, ctx.periodStart)));
    const req = request(rng, day, 'community', 'progressReassessment');
    events.push(req);
    const outcome: OutcomeKey = rng.chance(0.6) ? 'progressSupportPlanning' : 'noChange';
    events.push(review(rng, rng.weighted(UNPLANNED_REASON), (req.end ?? day) + rng.int(0, 10), outcome));
  }
  return death;
}
