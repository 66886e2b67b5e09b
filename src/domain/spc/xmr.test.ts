import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assuranceOf, variationOf } from './icons.js';
import { MIN_SPC_POINTS, xmrChart, type SpcSignal } from './xmr.js';

const series = (values: number[]) => values.map((value, i) => ({ period: `m${i + 1}`, value }));
const chart = (values: number[]) => {
  const c = xmrChart(series(values));
  assert.ok(c, 'expected a chart');
  return c;
};
const flagged = (values: number[], signal: SpcSignal) =>
  chart(values)
    .points.map((p, i) => (p.signals.includes(signal) ? i : -1))
    .filter((i) => i >= 0);

const stable = [50, 52, 48, 51, 49, 50, 53, 47, 51, 49, 50, 52, 48, 51, 49];

test('limits are the mean plus and minus 2.66 average moving ranges; a stable series shows common cause', () => {
  const c = chart(stable);
  assert.equal(c.mean, 50);
  // Moving ranges 2,4,3,2,1,3,6,4,2,1,2,4,3,2: 39 / 14.
  assert.ok(Math.abs(c.averageMovingRange - 39 / 14) < 1e-12);
  assert.ok(Math.abs(c.upperLimit - (50 + (2.66 * 39) / 14)) < 1e-12);
  assert.ok(c.points.every((p) => p.signals.length === 0));
  assert.equal(variationOf(c, 'higher-is-better'), 'common-cause');
});

test('fewer points than the minimum give no chart', () => {
  assert.equal(MIN_SPC_POINTS, 15);
  assert.equal(xmrChart(series(stable.slice(0, 14))), undefined);
});

test('rule 1: a point beyond a process limit', () => {
  const values = [...stable.slice(0, 14), 70];
  assert.deepEqual(flagged(values, 'beyond-limits'), [14]);
  const c = chart(values);
  assert.equal(variationOf(c, 'higher-is-better'), 'improvement-high');
  assert.equal(variationOf(c, 'lower-is-better'), 'concern-high');
  assert.equal(variationOf(c, 'neutral'), 'neither-high');
});

test('rule 2: a run of 7 above the mean is a shift; 6 is not', () => {
  const seven = [50, 52, 48, 51, 49, 50, 52, 48, 53, 52, 54, 53, 52, 54, 53];
  assert.deepEqual(flagged(seven, 'shift'), [8, 9, 10, 11, 12, 13, 14]);
  const six = [50, 52, 48, 51, 49, 50, 52, 48, 49, 52, 54, 53, 52, 54, 53];
  assert.deepEqual(flagged(six, 'shift'), []);
  // Below the mean for a measure where lower is better: improvement.
  const below = seven.map((v) => 100 - v);
  assert.equal(variationOf(chart(below), 'lower-is-better'), 'improvement-low');
});

test('rule 3: 6 points each higher than the last is a trend; 5 is not', () => {
  const six = [50, 52, 48, 51, 49, 50, 53, 47, 51, 49, 48, 49, 50, 51, 52, 53];
  assert.deepEqual(flagged(six, 'trend'), [10, 11, 12, 13, 14, 15]);
  const five = [50, 52, 48, 51, 49, 50, 53, 47, 51, 49, 50, 49, 50, 51, 52, 53];
  assert.deepEqual(flagged(five, 'trend'), []);
  // A repeated value ends a trend.
  const flat = [50, 52, 48, 51, 49, 50, 53, 47, 51, 49, 48, 49, 50, 50, 51, 52, 53];
  assert.deepEqual(flagged(flat, 'trend'), []);
  const falling = six.map((v) => 100 - v);
  assert.deepEqual(flagged(falling, 'trend'), [10, 11, 12, 13, 14, 15]);
  assert.equal(variationOf(chart(falling), 'higher-is-better'), 'concern-low');
});

test('rule 4: two of three points beyond two sigma on the same side', () => {
  const base = [50, 51, 49, 50, 51, 49, 50, 51, 49, 50, 51, 49, 50, 51, 49, 50];
  assert.deepEqual(flagged([...base, 54, 50, 54], 'two-of-three'), [16, 18]);
  assert.deepEqual(flagged([...base, 54, 50, 54], 'beyond-limits'), []);
  assert.deepEqual(flagged([...base, 53, 50, 53], 'two-of-three'), []);
});

test('assurance: the target against the process limits, polarity-aware', () => {
  const c = chart(stable); // limits about 42.6 to 57.4
  assert.equal(assuranceOf(c, { kind: 'value', value: 40 }, 'higher-is-better'), 'pass');
  assert.equal(assuranceOf(c, { kind: 'value', value: 60 }, 'higher-is-better'), 'fail');
  assert.equal(assuranceOf(c, { kind: 'value', value: 50 }, 'higher-is-better'), 'hit-and-miss');
  assert.equal(assuranceOf(c, { kind: 'value', value: 60 }, 'lower-is-better'), 'pass');
  assert.equal(assuranceOf(c, { kind: 'value', value: 40 }, 'lower-is-better'), 'fail');
  assert.equal(assuranceOf(c, { kind: 'range', low: 40, high: 45 }, 'higher-is-better'), 'pass');
  assert.equal(assuranceOf(c, { kind: 'range', low: 40, high: 60 }, 'neutral'), 'pass');
  assert.equal(assuranceOf(c, { kind: 'range', low: 45, high: 55 }, 'neutral'), 'hit-and-miss');
  assert.equal(
    assuranceOf(
      c,
      { kind: 'direction', direction: 'increase', baseline: { value: 50, period: 'x' } },
      'higher-is-better',
    ),
    undefined,
  );
  assert.equal(assuranceOf(c, undefined, 'higher-is-better'), undefined);
});

test('recalculated limits: after a known change the new phase is judged by its own mean and limits', () => {
  const before = [50, 52, 48, 51, 49, 50, 53, 47, 51, 49, 50, 52, 48, 51, 49];
  const after = [56, 58, 55, 57, 56, 58, 55, 57, 56, 57];
  const values = [...before, ...after];
  const single = chart(values);
  assert.equal(single.phases.length, 1);
  assert.equal(variationOf(single, 'higher-is-better'), 'improvement-high');
  assert.equal(assuranceOf(single, { kind: 'value', value: 54 }, 'higher-is-better'), 'hit-and-miss');

  const split = xmrChart(series(values), { phaseStarts: ['m16'] })!;
  assert.deepEqual(
    split.phases.map((p) => [p.from, p.start, p.end]),
    [
      ['m1', 0, 15],
      ['m16', 15, 25],
    ],
  );
  assert.equal(split.mean, 56.5);
  assert.equal(split.points[15]!.movingRange, null, 'the jump into the new phase is not a moving range');
  assert.ok(split.points.every((p) => p.signals.length === 0));
  assert.equal(variationOf(split, 'higher-is-better'), 'common-cause');
  assert.equal(assuranceOf(split, { kind: 'value', value: 54 }, 'higher-is-better'), 'hit-and-miss');
  assert.equal(assuranceOf(split, { kind: 'value', value: 51 }, 'higher-is-better'), 'pass');
  // A start leaving fewer than six points after it is ignored, and said to be.
  const late = xmrChart(series(values), { phaseStarts: ['m21', 'm99'] })!;
  assert.equal(late.phases.length, 1);
  assert.deepEqual(late.ignoredPhaseStarts, ['m99', 'm21']);
});
