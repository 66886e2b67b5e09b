import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ragFor } from './rag.js';
import { describeTarget, freezeTarget, targetConflict, targetSpecSchema, type TargetSpec } from './target.js';

const percentUp = { unit: 'percent', decimals: 1, polarity: 'higher-is-better' } as const;
const percentDown = { unit: 'percent', decimals: 1, polarity: 'lower-is-better' } as const;
const rateDown = { unit: 'rate-per-100k', decimals: 1, polarity: 'lower-is-better' } as const;
const countNeutral = { unit: 'count', decimals: 0, polarity: 'neutral' } as const;
const countDown = { unit: 'count', decimals: 0, polarity: 'lower-is-better' } as const;

type M = Parameters<typeof freezeTarget>[1];
const rag = (value: number, spec: TargetSpec, measure: M) =>
  ragFor(value, freezeTarget(spec, measure)).status;

test('a number target, higher is better: met at or above it, compared as published', () => {
  const spec: TargetSpec = { kind: 'value', value: 75 };
  assert.equal(rag(75, spec, percentUp), 'green');
  assert.equal(rag(80, spec, percentUp), 'green');
  // 74.96 is published as 75.0%: a reader sees the target met.
  assert.equal(rag(74.96, spec, percentUp), 'green');
  assert.equal(rag(74.94, spec, percentUp), 'red');
});

test('tolerance edges: a miss by exactly the tolerance is amber, by a little more red', () => {
  const spec: TargetSpec = { kind: 'value', value: 75, tolerance: 2 };
  assert.equal(rag(74.9, spec, percentUp), 'amber');
  assert.equal(rag(73, spec, percentUp), 'amber');
  assert.equal(rag(72.9, spec, percentUp), 'red');
  // Lower is better (Rotherham's delayed transfers, 2.5%): 0.5 above is the edge of amber.
  const dtoc: TargetSpec = { kind: 'value', value: 2.5, tolerance: 0.5 };
  assert.equal(rag(2.5, dtoc, percentDown), 'green');
  assert.equal(rag(1.8, dtoc, percentDown), 'green');
  assert.equal(rag(3.0, dtoc, percentDown), 'amber');
  assert.equal(rag(3.1, dtoc, percentDown), 'red');
  // A tolerance of zero gives amber only exactly on the line, which is already green: so never amber.
  assert.equal(rag(74.9, { kind: 'value', value: 75, tolerance: 0 }, percentUp), 'red');
});

test('a number target on a neutral measure is judged on both sides', () => {
  const spec: TargetSpec = { kind: 'value', value: 100, tolerance: 5 };
  assert.equal(rag(100, spec, countNeutral), 'green');
  assert.equal(rag(105, spec, countNeutral), 'amber');
  assert.equal(rag(95, spec, countNeutral), 'amber');
  assert.equal(rag(94, spec, countNeutral), 'red');
  assert.equal(rag(106, spec, countNeutral), 'red');
});

test('a range target: within is green, beyond on the good side too, short of it amber or red', () => {
  // Rotherham: reviews 70-80% a year.
  const reviews: TargetSpec = { kind: 'range', low: 70, high: 80, tolerance: 2 };
  assert.equal(rag(75, reviews, percentUp), 'green');
  assert.equal(rag(70, reviews, percentUp), 'green');
  assert.equal(rag(86, reviews, percentUp), 'green');
  assert.equal(rag(68, reviews, percentUp), 'amber');
  assert.equal(rag(67.9, reviews, percentUp), 'red');
  const down: TargetSpec = { kind: 'range', low: 10, high: 20, tolerance: 1 };
  assert.equal(rag(5, down, percentDown), 'green');
  assert.equal(rag(21, down, percentDown), 'amber');
  assert.equal(rag(21.1, down, percentDown), 'red');
  const neutral: TargetSpec = { kind: 'range', low: 70, high: 80, tolerance: 1 };
  assert.equal(rag(81, neutral, countNeutral), 'amber');
  assert.equal(rag(69, neutral, countNeutral), 'amber');
  assert.equal(rag(82, neutral, countNeutral), 'red');
});

test("direction targets from a baseline, as in Manchester's plan", () => {
  // "Maintain or reduce" permanent admissions 65+ from 829.9 per 100,000.
  const admissions: TargetSpec = {
    kind: 'direction',
    direction: 'maintain-or-reduce',
    baseline: { value: 829.9, period: '2017-18' },
  };
  assert.equal(rag(829.9, admissions, rateDown), 'green');
  assert.equal(rag(829.94, admissions, rateDown), 'green');
  assert.equal(rag(700, admissions, rateDown), 'green');
  assert.equal(rag(830.0, admissions, rateDown), 'red');
  const tolerant = { ...admissions, tolerance: 5 };
  assert.equal(rag(834.9, tolerant, rateDown), 'amber');
  assert.equal(rag(835.0, tolerant, rateDown), 'red');
  // "Increase" from 73.8%: holding level is not an increase.
  const increase: TargetSpec = {
    kind: 'direction',
    direction: 'increase',
    baseline: { value: 73.8, period: '2017-18' },
  };
  assert.equal(rag(73.9, increase, percentUp), 'green');
  assert.equal(rag(73.8, increase, percentUp), 'red');
  assert.equal(rag(73.8, { ...increase, tolerance: 0 }, percentUp), 'amber');
  // "Decrease" weekly homecare hours from 24,777.
  const reduce: TargetSpec = {
    kind: 'direction',
    direction: 'reduce',
    baseline: { value: 24777, period: '2017-18' },
  };
  assert.equal(rag(24776, reduce, countDown), 'green');
  assert.equal(rag(24777, reduce, countDown), 'red');
  // On a neutral measure the target's own direction decides.
  assert.equal(rag(24800, { ...reduce, tolerance: 50 }, countNeutral), 'amber');
});

test('a direction against the polarity is refused with a reason; neutral measures accept either', () => {
  const increase: TargetSpec = {
    kind: 'direction',
    direction: 'increase',
    baseline: { value: 10, period: '2023-24' },
  };
  assert.match(targetConflict(increase, 'lower-is-better') ?? '', /"Increase" conflicts .* lower is better/);
  assert.equal(targetConflict(increase, 'higher-is-better'), undefined);
  assert.equal(targetConflict(increase, 'neutral'), undefined);
});

test('targets in words, and the reason beside every RAG', () => {
  assert.equal(describeTarget({ kind: 'value', value: 2.5 }, percentDown), '2.5% or less');
  assert.equal(describeTarget({ kind: 'range', low: 70, high: 80 }, percentUp), '70.0% to 80.0%');
  assert.equal(
    describeTarget(
      { kind: 'direction', direction: 'maintain-or-reduce', baseline: { value: 829.9, period: '2017-18' } },
      rateDown,
    ),
    'Maintain or reduce (from 829.9 per 100,000 in 2017-18)',
  );
  const r = ragFor(73.5, freezeTarget({ kind: 'value', value: 75, tolerance: 2 }, percentUp));
  assert.deepEqual(r, {
    status: 'amber',
    label: 'Amber: near target',
    reason:
      '73.5% misses the target (75.0% or more) by 1.5 percentage points, within the tolerance of 2.0 percentage points.',
    shortfall: 1.5,
  });
  assert.equal(ragFor(76, freezeTarget({ kind: 'value', value: 75 }, percentUp)).label, 'Green: on target');
});

test('the target schema gives clear messages', () => {
  const bad = targetSpecSchema.safeParse({ kind: 'range', low: 80, high: 70 });
  assert.equal(bad.success, false);
  assert.match(JSON.stringify(bad.error?.issues), /must not be above its top/);
  assert.equal(targetSpecSchema.safeParse({ kind: 'value', value: 3, tolerance: -1 }).success, false);
});
