/**
 * Carers' journeys: a carer's assessment (after a request, or a review for carers already known), then
 * support direct to the carer (usually a one-off direct payment) or support involving the person cared
 * for (respite).
 */
import type { Day } from './dates.js';
import { request } from './journey.js';
import { newEvent, type PeriodContext, type SyntheticEvent } from './model.js';
import { weighted, type Rng } from './random.js';
import { serviceLine } from './services.js';
import type { OutcomeKey } from './vocabulary.js';

const CARER_OUTCOME = weighted<OutcomeKey>([
  ['provisionOfService', 60],
  ['nfaInformation', 28],
  ['nfaDeclined', 7],
  ['nfaNoServicesOther', 5],
]);

export function carerJourney(
  rng: Rng,
  ctx: PeriodContext,
  age: number,
  events: SyntheticEvent[],
  notBefore: Day,
): void {
  const from = Math.max(ctx.periodStart, notBefore);
  if (from > ctx.periodEnd) return;
  const day = from + rng.int(0, ctx.periodEnd - from);
  let contact: SyntheticEvent;
  if (rng.chance(0.45)) {
    let start = day;
    if (rng.chance(0.5)) {
      const req = request(rng, day, 'community', 'progressAssessment');
      events.push(req);
      start = (req.end ?? day) + rng.days(14, 90);
    }
    contact = newEvent('assessment', start, start + rng.days(5, 45));
    contact.assessmentType = 'carer';
    contact.assessmentMethod = rng.chance(0.75) ? 'faceToFace' : 'remote';
    contact.eligible = rng.chance(0.8) ? 'yes' : 'no';
  } else {
    contact = newEvent('review', day, day + rng.days(4, 21));
    contact.reviewReason = 'planned';
    contact.reviewMethod = 'carerOnly';
    contact.reviewAchieved = rng.chance(0.6) ? 'fully' : 'partially';
  }
  contact.outcome = rng.weighted(CARER_OUTCOME);
  events.push(contact);
  if (contact.outcome !== 'provisionOfService') return;
  const start = (contact.end ?? day) + rng.int(0, 21);
  events.push(carerService(rng, start, age));
}

function carerService(rng: Rng, start: Day, age: number): SyntheticEvent {
  const x = rng.float();
  if (x < 0.55) {
    const line = serviceLine(
      rng,
      'carerDirect',
      'directPayment',
      'directPayment',
      start,
      start + rng.int(0, 28),
      age,
      null,
    );
    line.outcome = 'endedAsPlanned';
    return line;
  }
  if (x < 0.65) {
    return serviceLine(rng, 'carerDirect', 'carerSitting', 'commissioned', start, null, age, null);
  }
  if (x < 0.75) {
    const mechanism = rng.chance(0.5) ? 'managedBudget' : 'commissioned';
    const line = serviceLine(
      rng,
      'carerDirect',
      'carerOther',
      mechanism,
      start,
      start + rng.int(0, 60),
      age,
      null,
    );
    line.outcome = 'endedAsPlanned';
    return line;
  }
  const end = rng.chance(0.6) ? start + rng.int(1, 14) : null;
  const line = serviceLine(rng, 'carerCaredFor', 'carerRespite', 'commissioned', start, end, age, null);
  if (end !== null) line.outcome = 'endedAsPlanned';
  return line;
}
