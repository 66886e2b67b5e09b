/**
 * Edits to a performance plan as pure functions: each takes a plan and returns a new one, or throws a
 * PlanEditError saying what is wrong. The service saves the result as the plan's next version.
 */
import { z } from 'zod';
import { financialYearSchema, measureIdSchema } from '../measure.js';
import { nextId, type Indicator, type Plan } from './plan.js';

export class PlanEditError extends Error {
  override readonly name = 'PlanEditError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export type PlanEdit =
  | { op: 'add-priority'; title: string }
  | { op: 'add-objective'; priorityId: string; title: string }
  | { op: 'add-indicator'; objectiveId: string; indicator: Omit<Indicator, 'id'> }
  | { op: 'rename'; id: string; title: string }
  | { op: 'update-indicator'; id: string; indicator: Omit<Indicator, 'id'> }
  | { op: 'remove'; id: string }
  | { op: 'move'; id: string; direction: 'up' | 'down' }
  | { op: 'set-years'; years: string[] }
  | { op: 'set-title'; title: string };

const indicatorInput = z.strictObject({
  measureId: measureIdSchema,
  label: z.string().trim().max(300).optional(),
  baseline: z
    .strictObject({
      period: z.string().min(1),
      value: z.number().finite().optional(),
      note: z.string().max(200).optional(),
    })
    .optional(),
});
const title = z.string().trim().min(1, 'Give a title').max(300);

/** One edit as the API takes it. */
export const planEditSchema = z
  .discriminatedUnion('op', [
    z.strictObject({ op: z.literal('add-priority'), title }),
    z.strictObject({ op: z.literal('add-objective'), priorityId: z.string(), title }),
    z.strictObject({ op: z.literal('add-indicator'), objectiveId: z.string(), indicator: indicatorInput }),
    z.strictObject({ op: z.literal('rename'), id: z.string(), title }),
    z.strictObject({ op: z.literal('update-indicator'), id: z.string(), indicator: indicatorInput }),
    z.strictObject({ op: z.literal('remove'), id: z.string() }),
    z.strictObject({ op: z.literal('move'), id: z.string(), direction: z.enum(['up', 'down']) }),
    z.strictObject({ op: z.literal('set-years'), years: z.array(financialYearSchema).min(1).max(6) }),
    z.strictObject({ op: z.literal('set-title'), title }),
  ])
  .describe('One change to a performance plan.');

function move<T extends { id: string }>(items: T[], id: string, direction: 'up' | 'down'): boolean {
  const i = items.findIndex((x) => x.id === id);
  if (i === -1) return false;
  const j = direction === 'up' ? i - 1 : i + 1;
  if (j >= 0 && j < items.length) [items[i], items[j]] = [items[j]!, items[i]!];
  return true;
}

function notFound(id: string): never {
  throw new PlanEditError('id', `There is no item ${id} in the plan`);
}

export function applyPlanEdit(plan: Plan, edit: PlanEdit): Plan {
  const next = structuredClone(plan);
  const objectives = next.priorities.flatMap((p) => p.objectives);
  const indicators = objectives.flatMap((o) => o.indicators);
  switch (edit.op) {
    case 'set-title':
      next.title = edit.title;
      return next;
    case 'set-years':
      next.years = edit.years;
      return next;
    case 'add-priority':
      next.priorities.push({ id: nextId(next, 'p'), title: edit.title, objectives: [] });
      return next;
    case 'add-objective': {
      const p = next.priorities.find((x) => x.id === edit.priorityId);
      if (!p) throw new PlanEditError('priorityId', 'Choose the priority the objective belongs to');
      p.objectives.push({ id: nextId(next, 'o'), title: edit.title, indicators: [] });
      return next;
    }
    case 'add-indicator': {
      const o = objectives.find((x) => x.id === edit.objectiveId);
      if (!o) throw new PlanEditError('objectiveId', 'Choose the objective the indicator belongs to');
      o.indicators.push({ id: nextId(next, 'i'), ...edit.indicator });
      return next;
    }
    case 'update-indicator': {
      const i = indicators.find((x) => x.id === edit.id) ?? notFound(edit.id);
      Object.assign(i, { label: undefined, baseline: undefined }, edit.indicator, { id: i.id });
      return next;
    }
    case 'rename': {
      const item = [...next.priorities, ...objectives].find((x) => x.id === edit.id) ?? notFound(edit.id);
      item.title = edit.title;
      return next;
    }
    case 'remove': {
      const before = JSON.stringify(next);
      next.priorities = next.priorities.filter((p) => p.id !== edit.id);
      for (const p of next.priorities) {
        p.objectives = p.objectives.filter((o) => o.id !== edit.id);
        for (const o of p.objectives) o.indicators = o.indicators.filter((i) => i.id !== edit.id);
      }
      if (JSON.stringify(next) === before) notFound(edit.id);
      return next;
    }
    case 'move': {
      const moved =
        move(next.priorities, edit.id, edit.direction) ||
        next.priorities.some((p) => move(p.objectives, edit.id, edit.direction)) ||
        objectives.some((o) => move(o.indicators, edit.id, edit.direction));
      if (!moved) notFound(edit.id);
      return next;
    }
  }
}
