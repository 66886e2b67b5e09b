import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPlanEdit, PlanEditError } from './edit.js';
import { emptyPlan, planFileSchema, planFromFile, planSchema } from './plan.js';

test('a plan file gets ids and gives up its targets; edits add, rename, move and remove items', () => {
  const file = planFileSchema.parse({
    version: 1,
    title: 'Adult social care performance plan',
    years: ['2025-26', '2026-27'],
    priorities: [
      {
        title: 'Healthy, cared-for people',
        objectives: [
          {
            title: 'Support people to be healthy, well and safe',
            indicators: [
              {
                measureId: 'ascof23-2C',
                label: 'Maintain or reduce permanent admissions of older people',
                baseline: { period: '2024-25' },
                targets: {
                  '2025-26': {
                    kind: 'direction',
                    direction: 'maintain-or-reduce',
                    baseline: { value: 560.1, period: '2024-25' },
                  },
                },
              },
            ],
          },
        ],
      },
    ],
  });
  const { plan, targets } = planFromFile(file);
  assert.equal(plan.priorities[0]!.id, 'p-1');
  assert.equal(plan.priorities[0]!.objectives[0]!.id, 'o-1');
  assert.equal(plan.priorities[0]!.objectives[0]!.indicators[0]!.id, 'i-1');
  assert.deepEqual(
    targets.map((t) => [t.measureId, t.year, t.spec.kind]),
    [['ascof23-2C', '2025-26', 'direction']],
  );
  assert.ok(planSchema.safeParse(plan).success);

  let edited = applyPlanEdit(plan, { op: 'add-priority', title: 'Independence' });
  edited = applyPlanEdit(edited, { op: 'add-objective', priorityId: 'p-2', title: 'Reablement first' });
  edited = applyPlanEdit(edited, {
    op: 'add-indicator',
    objectiveId: 'o-2',
    indicator: { measureId: 'local-reablement-no-ongoing', baseline: { period: '2024-25', value: 49.3 } },
  });
  assert.equal(edited.priorities[1]!.objectives[0]!.indicators[0]!.id, 'i-2');
  edited = applyPlanEdit(edited, { op: 'move', id: 'p-2', direction: 'up' });
  assert.deepEqual(
    edited.priorities.map((p) => p.id),
    ['p-2', 'p-1'],
  );
  edited = applyPlanEdit(edited, { op: 'rename', id: 'o-2', title: 'Home first' });
  assert.equal(edited.priorities[0]!.objectives[0]!.title, 'Home first');
  edited = applyPlanEdit(edited, { op: 'remove', id: 'i-1' });
  assert.equal(edited.priorities[1]!.objectives[0]!.indicators.length, 0);
  assert.throws(() => applyPlanEdit(edited, { op: 'remove', id: 'i-9' }), PlanEditError);
  assert.throws(
    () => applyPlanEdit(emptyPlan('x', ['2025-26']), { op: 'add-objective', priorityId: 'p-1', title: 'y' }),
    /Choose the priority/,
  );
  // The original is untouched: edits return new plans.
  assert.equal(plan.priorities.length, 1);
});
