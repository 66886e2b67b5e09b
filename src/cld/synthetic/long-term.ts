/**
 * A period of long-term support: the service lines of a setting, fee uplifts, moves into care homes,
 * planned and unplanned reviews, and deaths.
 */
import type { Day } from './dates.js';
import { newEvent, type PeriodContext, type SyntheticEvent, type SyntheticPerson } from './model.js';
import { weighted, type Rng } from './random.js';
import {
  communityMechanism,
  drawSetting,
  extraCommunityComponent,
  mainCommunityComponent,
  serviceLine,
  type Setting,
} from './services.js';
import type { OutcomeKey, ReviewAchievedKey, ReviewMethodKey, ReviewReasonKey } from './vocabulary.js';

const STOP_OUTCOME = weighted<OutcomeKey>([
  ['nfaEndedOther', 4],
  ['nfaNhsFunded', 3],
  ['nfaMoved', 2],
  ['nfaSelfFunded', 1],
]);
const PLANNED_REVIEW_OUTCOME = weighted<OutcomeKey>([
  ['noChange', 72],
  ['progressSupportPlanning', 14],
  ['progressReassessment', 5],
  ['progressStMax', 2],
  ['nfaEndedOther', 3],
  ['nfaNhsFunded', 1],
  ['admittedToHospital', 1],
  ['nfaDeclined', 2],
]);
const UNPLANNED_REVIEW_OUTCOME = weighted<OutcomeKey>([
  ['progressSupportPlanning', 45],
  ['noChange', 40],
  ['progressReassessment', 10],
  ['nfaEndedOther', 5],
]);
export const UNPLANNED_REASON = weighted<ReviewReasonKey>([
  ['hospital', 40],
  ['carer', 10],
  ['safeguarding', 10],
  ['providerFailure', 5],
  ['commissioning', 5],
  ['other', 30],
]);
const ACHIEVED = weighted<ReviewAchievedKey>([
  ['fully', 45],
  ['partially', 35],
  ['not', 8],
  ['unknown', 12],
]);
const REVIEW_METHOD = weighted<ReviewMethodKey>([
  ['serviceUser', 55],
  ['withCarer', 40],
  ['carerOnly', 5],
]);

export function review(rng: Rng, reason: ReviewReasonKey, start: Day, outcome: OutcomeKey): SyntheticEvent {
  const e = newEvent('review', start, start + rng.days(5, 30));
  e.reviewReason = reason;
  e.outcome = outcome;
  e.reviewAchieved = rng.weighted(ACHIEVED);
  e.reviewMethod = rng.weighted(REVIEW_METHOD);
  return e;
}

/** Chance of dying within a year in each setting. */
function mortality(setting: Setting, age: number): number {
  if (setting === 'nursing') return 0.32;
  if (setting === 'residential') return age >= 65 ? 0.24 : 0.04;
  return age >= 85 ? 0.14 : age >= 65 ? 0.08 : 0.015;
}

function settingLines(
  rng: Rng,
  ctx: PeriodContext,
  person: SyntheticPerson,
  age: number,
  setting: Setting,
  start: Day,
  end: Day | null,
): SyntheticEvent[] {
  const psr = person.psr;
  switch (setting) {
    case 'nursing':
      person.accommodation = 'nursingHome';
      return [serviceLine(rng, 'nursing', 'longTermNursing', careHomeMechanism(rng), start, end, age, psr)];
    case 'residential':
      person.accommodation = 'careHome';
      return [
        serviceLine(rng, 'residential', 'longTermResidential', careHomeMechanism(rng), start, end, age, psr),
      ];
    case 'prison':
      person.accommodation = 'prison';
      return [serviceLine(rng, 'prison', 'otherLongTerm', 'commissioned', start, end, age, psr)];
    case 'community': {
      const component = mainCommunityComponent(rng, psr, age);
      const lines = [
        serviceLine(
          rng,
          'community',
          component,
          communityMechanism(rng, component, age),
          start,
          end,
          age,
          psr,
        ),
      ];
      // Some people have several community services at once (home care with day care, meals, equipment).
      const x = rng.float();
      const extras = x < 0.28 ? 1 : x < 0.38 ? 2 : 0;
      const last = end ?? ctx.periodEnd;
      for (let i = 0; i < extras; i++) {
        const from = start + rng.days(150, 1500);
        if (from > last) continue;
        const extra = extraCommunityComponent(rng);
        const until =
          extra === 'equipment' ? from + rng.int(0, 14) : rng.chance(0.5) ? end : from + rng.int(30, 400);
        const clipped = until === null || end === null ? until : Math.min(until, end);
        const mechanism = communityMechanism(rng, extra, age);
        lines.push(serviceLine(rng, 'community', extra, mechanism, from, clipped, age, psr));
      }
      return lines;
    }
  }
}

function careHomeMechanism(rng: Rng): 'commissioned' | 'managedBudget' | null {
  const x = rng.float();
  return x < 0.9 ? 'commissioned' : x < 0.95 ? 'managedBudget' : null;
}

/**
 * A line that runs across the fee uplift is often closed and reopened at the new price: a new event,
 * which is what makes chaining events into continuous periods matter.
 */
function applyUplift(rng: Rng, ctx: PeriodContext, lines: SyntheticEvent[]): SyntheticEvent[] {
  const out: SyntheticEvent[] = [];
  const uplift = ctx.upliftDay;
  for (const line of lines) {
    const spans = line.start < uplift && (line.end === null || line.end >= uplift);
    if (!spans || line.unitCost === null || line.frequency === 'oneOff' || !rng.chance(0.5)) {
      out.push(line);
      continue;
    }
    const next = {
      ...line,
      start: uplift,
      unitCost: Math.round(line.unitCost * (1.04 + rng.float() * 0.06)),
    };
    line.end = uplift - 1;
    line.outcome = 'noChange';
    out.push(line, next);
  }
  return out;
}

/**
 * Home care hours change every few months; each change closes the line and opens another, so a client
 * in long-term support has a chain of community lines rather than one.
 */
function packageChanges(rng: Rng, ctx: PeriodContext, lines: SyntheticEvent[]): SyntheticEvent[] {
  const out: SyntheticEvent[] = [];
  for (const line of lines) {
    if (line.serviceType !== 'community' || line.frequency !== 'hourly' || line.plannedHalfUnits === null) {
      out.push(line);
      continue;
    }
    let current = line;
    const last = line.end ?? ctx.periodEnd;
    let day = Math.max(line.start + 14, ctx.periodStart - 180) + rng.days(150, 400);
    while (day < last) {
      const hours = Math.min(120, Math.max(2, (current.plannedHalfUnits ?? 0) + rng.int(-6, 8)));
      const next = { ...current, start: day, plannedHalfUnits: hours };
      current.end = day - 1;
      current.outcome = 'progressSupportPlanning';
      out.push(current);
      current = next;
      day += 7 + rng.days(150, 400);
    }
    out.push(current);
  }
  return out;
}

export interface LongTermOptions {
  /** Force a setting (a move from short-term care into a care home). */
  setting?: Setting;
}

/**
 * Long-term support from `start`: its events go into `events`. Returns the day of death when the person
 * dies in the period (the caller ends everything there).
 */
export function longTermSupport(
  rng: Rng,
  ctx: PeriodContext,
  person: SyntheticPerson,
  age: number,
  start: Day,
  events: SyntheticEvent[],
  options: LongTermOptions = {},
): Day | null {
  const setting = options.setting ?? drawSetting(rng, person.psr, age);
  const from = Math.max(start, ctx.periodStart);
  const span = ctx.periodEnd - from;
  if (span < 0) return null;
  const years = (span + 1) / 365;
  const death = rng.chance(mortality(setting, age) * years) ? from + rng.int(0, span) : null;
  let move: Day | null = null;
  if (setting === 'community' && age >= 65 && rng.chance(0.06 * years)) move = from + rng.int(0, span);
  if (move !== null && death !== null && move >= death) move = null;
  let stop: Day | null = null;
  let stopOutcome: OutcomeKey = 'endedAsPlanned';
  if (death === null && move === null && rng.chance(0.05 * years)) {
    stop = from + rng.int(0, span);
    stopOutcome = rng.weighted(STOP_OUTCOME);
  }
  const end = move !== null ? Math.max(start, move - 1) : stop;
  let lines = settingLines(rng, ctx, person, age, setting, start, end);
  for (const line of lines) {
    if (line.end !== null) line.outcome = move !== null ? 'progressSupportPlanning' : stopOutcome;
  }
  if (move !== null) {
    const reviewStart = Math.max(start, move - rng.int(3, 20));
    const r = review(rng, 'hospital', reviewStart, 'progressSupportPlanning');
    r.end = Math.max(reviewStart, Math.min(r.end ?? move, move - 1));
    events.push(r);
    const careHome = rng.chance(0.4) ? 'nursing' : 'residential';
    lines.push(...settingLines(rng, ctx, person, age, careHome, move, null));
  }
  lines = packageChanges(rng, ctx, applyUplift(rng, ctx, lines));
  events.push(...lines);
  const last = Math.min(death ?? ctx.periodEnd, stop ?? ctx.periodEnd);
  plannedReviews(rng, ctx, start, last, events);
  if (rng.chance(0.15 * years)) {
    const day = from + rng.int(0, Math.max(0, last - from));
    events.push(review(rng, rng.weighted(UNPLANNED_REASON), day, rng.weighted(UNPLANNED_REVIEW_OUTCOME)));
  }
  return death;
}

/** A first review six to twelve weeks in, then roughly yearly; some fall overdue and are skipped. */
function plannedReviews(rng: Rng, ctx: PeriodContext, start: Day, last: Day, events: SyntheticEvent[]): void {
  let day = start + rng.int(42, 84);
  while (day <= last) {
    if (day >= ctx.periodStart - 30 && !rng.chance(0.15)) {
      events.push(review(rng, 'planned', day, rng.weighted(PLANNED_REVIEW_OUTCOME)));
    }
    day += rng.int(320, 420);
  }
}
