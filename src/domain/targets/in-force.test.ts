import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePeriod } from '../period.js';
import { freezeTarget, type FrozenTarget } from './target.js';
import { targetFrozen, targetInForce } from './in-force.js';
import { ragFor } from './rag.js';

const measure = { unit: 'percent', decimals: 1, polarity: 'higher-is-better' } as const;
const p = (label: string) => parsePeriod(label)!;

interface V {
  period: string;
  setOn: string;
  version: number;
  target: FrozenTarget;
}

// The 2025-26 target set in April (75, amber within 2), changed in August to 78 with no tolerance.
const versions: V[] = [
  {
    period: '2025-26',
    setOn: '2025-04-10',
    version: 1,
    target: freezeTarget({ kind: 'value', value: 75, tolerance: 2 }, measure),
  },
  {
    period: '2025-26',
    setOn: '2025-08-01',
    version: 2,
    target: freezeTarget({ kind: 'value', value: 78 }, measure),
  },
  {
    period: '2024-25',
    setOn: '2025-06-01',
    version: 1,
    target: freezeTarget({ kind: 'value', value: 70 }, measure),
  },
  {
    period: 'Q4 2025-26',
    setOn: '2025-04-10',
    version: 1,
    target: freezeTarget({ kind: 'value', value: 80 }, measure),
  },
];

test("a closed quarter keeps the target in force on its last day after the year's target changes", () => {
  const q1 = targetInForce(versions, p('Q1 2025-26'));
  assert.equal(q1?.version, 1);
  assert.equal(ragFor(73.5, q1!.target).status, 'amber');
  const q2 = targetInForce(versions, p('Q2 2025-26'));
  assert.equal(q2?.version, 2);
  assert.equal(ragFor(73.5, q2!.target).status, 'red');
  // Months follow the same rule: June is judged by April's target, September by August's.
  assert.equal(targetInForce(versions, p('2025-06'))?.version, 1);
  assert.equal(targetInForce(versions, p('2025-09'))?.version, 2);
  // The year as a whole is judged by the version in force at its end.
  assert.equal(targetInForce(versions, p('2025-26'))?.version, 2);
});

test("a target for the quarter itself wins over the year's; one set late still judges its period", () => {
  assert.equal(targetInForce(versions, p('Q4 2025-26'))?.target.spec.kind, 'value');
  assert.deepEqual(targetInForce(versions, p('Q4 2025-26'))?.target.spec, { kind: 'value', value: 80 });
  // Last year's target was only loaded in June 2025, after the year closed: it is the one that applies.
  assert.equal(targetInForce(versions, p('2024-25'))?.period, '2024-25');
  assert.equal(targetInForce(versions, p('2023-24')), undefined);
});

test('a target is frozen once its period has ended', () => {
  assert.equal(targetFrozen(p('2025-26'), '2026-03-31'), false);
  assert.equal(targetFrozen(p('2025-26'), '2026-04-01'), true);
});

test('a frozen target keeps the polarity and decimals it was set with', () => {
  const frozen = freezeTarget({ kind: 'value', value: 10 }, measure);
  // Were the measure later redefined as lower-is-better, the frozen rule still judges higher as better.
  assert.equal(ragFor(12, frozen).status, 'green');
  assert.equal(frozen.rule, 'rag-1');
});
