/**
 * One slot of a council's people, rebuilt from (seed, council, slot) alone: a client (new, or in
 * long-term support since before the period), sometimes with their carer, or a carer on their own.
 * Because nothing carries over between slots, every quarterly submission regenerates the same people.
 */
import { carerJourney } from './carer.js';
import { existingClient, newClient, type Death } from './journey.js';
import {
  DIRTY_KINDS,
  type Household,
  type PeriodContext,
  type SyntheticEvent,
  type SyntheticPerson,
} from './model.js';
import { ageOf, drawCarer, drawServiceUser, type PersonIds } from './person.js';
import { mixSeed, Rng } from './random.js';
import type { EventTypeKey } from './vocabulary.js';

export interface SlotContext {
  seed: number;
  councilIndex: number;
  councilCount: number;
  period: PeriodContext;
  dirtyRate: number;
}

const TYPE_ORDER: Record<EventTypeKey, number> = { request: 0, assessment: 1, service: 2, review: 3 };
const MAX_EVENTS = 99;

export function buildHousehold(sc: SlotContext, slot: number): Household {
  const rng = new Rng(mixSeed(sc.seed, sc.councilIndex, slot));
  const ctx = sc.period;
  const ids = (member: number): PersonIds => {
    const ordinal = 2 * slot + member;
    return {
      ordinal,
      nhsOrdinal: ordinal * sc.councilCount + sc.councilIndex,
      councilIndex: sc.councilIndex,
    };
  };
  const household: Household = { members: [] };
  const kind = rng.float();
  if (kind < 0.05) {
    const carer = drawCarer(rng, ctx, ids(0), []);
    const events: SyntheticEvent[] = [];
    carerJourney(rng, ctx, ageOf(carer, ctx.periodEnd), events, ctx.periodStart);
    household.members.push({ person: carer, events: finish(rng, sc, carer, events, null) });
    return household;
  }
  const { person, age } = drawServiceUser(rng, ctx, ids(0));
  const events: SyntheticEvent[] = [];
  const death =
    kind < 0.49 ? existingClient(rng, ctx, person, age, events) : newClient(rng, ctx, person, age, events);
  const finished = finish(rng, sc, person, events, death);
  household.members.push({ person, events: finished });
  const firstService = finished.find((e) => e.type === 'service');
  if (person.hasUnpaidCarer === 'yes' && firstService && rng.chance(0.25)) {
    const carer = drawCarer(rng, ctx, ids(1), [person.laId]);
    const carerEvents: SyntheticEvent[] = [];
    carerJourney(rng, ctx, ageOf(carer, ctx.periodEnd), carerEvents, firstService.start);
    household.members.push({ person: carer, events: finish(rng, sc, carer, carerEvents, null) });
  }
  return household;
}

/** Ends everything at death, keeps what any submission of the period can see, orders and labels it. */
function finish(
  rng: Rng,
  sc: SlotContext,
  person: SyntheticPerson,
  events: SyntheticEvent[],
  death: Death,
): SyntheticEvent[] {
  const { periodStart, periodEnd } = sc.period;
  let kept = events;
  if (death !== null) {
    person.death = death;
    kept = kept.filter((e) => e.start <= death);
    for (const e of kept) {
      if (e.end === null || e.end > death) {
        e.end = death;
        e.outcome = 'nfaDeceased';
      }
    }
  }
  kept = kept.filter((e) => e.start <= periodEnd && (e.end === null || e.end >= periodStart));
  kept.sort((a, b) => a.start - b.start || TYPE_ORDER[a.type] - TYPE_ORDER[b.type]);
  if (kept.length > MAX_EVENTS) kept.length = MAX_EVENTS;
  const base = (person.ordinal + 1) * 100;
  for (let i = 0; i < kept.length; i++) (kept[i] as SyntheticEvent).ref = String(base + i);
  // A record entered before the person was traced carries only the LA id: the identity rule's
  // ambiguous case, since the same LA id appears with the NHS number on the person's other rows.
  const first = kept[0];
  if (first && kept.length > 1 && person.nhsNumber !== '' && rng.chance(0.03)) first.withoutNhs = true;
  if (sc.dirtyRate > 0) {
    for (const e of kept) {
      if (!rng.chance(sc.dirtyRate)) continue;
      e.dirt = DIRTY_KINDS[rng.int(0, DIRTY_KINDS.length - 1)] ?? null;
      e.dirtArg = rng.uint32();
    }
  }
  return kept;
}
