import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateFigures, aggregatePeerSet, median, pooledValue } from './aggregate.js';
import type { Figure } from './types.js';

const percent = { multiplier: 100 };

function figure(
  orgCode: string,
  value: number | null,
  parts: [number, number] | null,
  suppressed = false,
): Figure {
  return {
    orgCode,
    measureId: 'ascof14-1E',
    period: '2017-18',
    value,
    numerator: parts?.[0] ?? null,
    denominator: parts?.[1] ?? null,
    suppressed,
  };
}

test('a published aggregate is the official figure and wins over any computed one', () => {
  const figures = [figure('A', 10, [10, 100]), figure('B', 30, [30, 100])];
  assert.deepEqual(aggregateFigures(figures, percent, 6.0), { value: 6.0, method: 'published', n: 2 });
});

test('with every numerator and denominator the aggregate is pooled, not the mean of values', () => {
  // 95 / 725 (13.1%) and 5 / 275 (1.8%): pooled (95 + 5) / (725 + 275) × 100 = 100 / 1000 × 100 = 10;
  // the mean of the two values would be 7.45.
  const figures = [figure('A', 13.1, [95, 725]), figure('B', 1.8, [5, 275])];
  assert.deepEqual(aggregateFigures(figures, percent), { value: 10, method: 'pooled', n: 2 });
  assert.deepEqual(aggregateFigures(figures, percent, null), { value: 10, method: 'pooled', n: 2 });
});

test('a rate per 100,000 pools counts over populations', () => {
  // (250 + 50) / (36,928 + 13,072) × 100,000 = 300 / 50,000 × 100,000 = 600
  const figures = [figure('A', 677.0, [250, 36_928]), figure('B', 382.5, [50, 13_072])];
  assert.equal(pooledValue(figures, 100_000), 600);
});

test('one member without its parts turns the aggregate into the median of values, labelled', () => {
  // Values 2, 9, 4, 30: sorted 2, 4, 9, 30; median (4 + 9) / 2 = 6.5.
  const figures = [
    figure('A', 2, [2, 100]),
    figure('B', 9, null),
    figure('C', 4, [4, 100]),
    figure('D', 30, [30, 100]),
  ];
  assert.deepEqual(aggregateFigures(figures, percent), { value: 6.5, method: 'median', n: 4 });
});

test('suppressed figures and figures without a value are left out of every aggregate', () => {
  const figures = [
    figure('A', 10, [10, 100]),
    figure('B', null, null, true),
    figure('C', 50, [5, 10], true), // a marker in the source: the number beside it is not a value
    figure('D', null, null),
    figure('E', 20, [40, 200]),
  ];
  // Pooled over A and E only: (10 + 40) / (100 + 200) × 100 = 16.666…
  const result = aggregateFigures(figures, percent);
  assert.equal(result.method, 'pooled');
  assert.equal(result.n, 2);
  assert.ok(Math.abs((result.value ?? 0) - 50 / 3) < 1e-12);
});

test('an odd count has a middle value; nothing to aggregate gives no value', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([]), null);
  assert.deepEqual(aggregateFigures([], percent), { value: null, method: 'median', n: 0 });
  assert.deepEqual(aggregateFigures([figure('A', null, null, true)], percent), {
    value: null,
    method: 'median',
    n: 0,
  });
});

test('zero denominators cannot be pooled', () => {
  assert.equal(pooledValue([figure('A', 0, [0, 0])], 100), null);
});

test('a peer set aggregates its members only', () => {
  const byOrg = new Map(
    [figure('A', 10, [10, 100]), figure('B', 30, [30, 100]), figure('C', 90, [90, 100])].map((f) => [
      f.orgCode,
      f,
    ]),
  );
  // A and C: (10 + 90) / 200 × 100 = 50; B is not a member; 'Z' has no figure.
  assert.deepEqual(aggregatePeerSet({ members: ['A', 'C', 'Z'] }, byOrg, percent), {
    value: 50,
    method: 'pooled',
    n: 2,
  });
  assert.deepEqual(aggregatePeerSet({ members: ['A', 'C'], published: 48.2 }, byOrg, percent), {
    value: 48.2,
    method: 'published',
    n: 2,
  });
});
