import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byarInterval, compareWithComparator, confidenceInterval, wilsonInterval } from './significance.js';
import type { BenchmarkMeasure, Figure } from './types.js';

type Measure = Pick<BenchmarkMeasure, 'polarity' | 'unit' | 'multiplier' | 'decimals'>;
const ldEmployment: Measure = { polarity: 'higher-is-better', unit: 'percent', multiplier: 100, decimals: 1 };
const admissions65: Measure = {
  polarity: 'lower-is-better',
  unit: 'rate-per-100k',
  multiplier: 100_000,
  decimals: 1,
};
const qualityOfLife: Measure = { polarity: 'higher-is-better', unit: 'score', multiplier: 1, decimals: 1 };

function figure(
  value: number | null,
  numerator: number | null = null,
  denominator: number | null = null,
): Figure {
  return {
    orgCode: 'E08000009',
    measureId: 'm',
    period: '2017-18',
    value,
    numerator,
    denominator,
    suppressed: false,
  };
}

const close = (actual: number | undefined, expected: number, tolerance = 1e-9) =>
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) < tolerance,
    `expected ${expected}, got ${actual}`,
  );

test('Wilson score interval for Trafford 1E 2017-18: 95 of 725 (13.1%)', () => {
  // z = 1.96, z² = 3.8416. 4x(1 − x/n) = 380 × (630/725) = 330.2068966; √(3.8416 + 330.2068966) = 18.2769936;
  // × 1.96 = 35.8229075. 2x + z² = 193.8416; 2(n + z²) = 1457.6832.
  // lower = (193.8416 − 35.8229075) / 1457.6832 = 0.1084040 → 10.84040%
  // upper = (193.8416 + 35.8229075) / 1457.6832 = 0.1575545 → 15.75545%
  const { lower, upper } = wilsonInterval(95, 725);
  close(lower, 10.8404002, 1e-6);
  close(upper, 15.7554472, 1e-6);
});

test('Wilson interval at the edges: 0 of 50 and 50 of 50', () => {
  // x = 0: spread = z√z² = z² so lower = 0; upper = 2z² / (2(50 + z²)) = 7.6832 / 107.6832 = 7.1350034%.
  const none = wilsonInterval(0, 50);
  close(none.lower, 0);
  close(none.upper, 7.1350034, 1e-6);
  // x = n: upper = (100 + 2z²) / (2(50 + z²)) = 100%; lower = 100 / 107.6832 = 92.8649966%.
  const all = wilsonInterval(50, 50);
  close(all.lower, 92.8649966, 1e-6);
  close(all.upper, 100);
});

test("Byar's interval for 250 admissions in a population of 36,928 (677.0 per 100,000)", () => {
  // lower: 250 × (1 − 1/2250 − 1.96/(3√250))³ = 250 × 0.9582351³ = 219.96636 → × 100,000 / 36,928 = 595.66281
  // upper: 251 × (1 − 1/2259 + 1.96/(3√251))³ = 251 × 1.0407954³ = 282.98914 → 766.32674
  const { lower, upper } = byarInterval(250, 36_928);
  close(lower, 595.662807, 1e-5);
  close(upper, 766.326735, 1e-5);
});

test("Byar's interval for a count of zero starts at zero", () => {
  // upper: 1 × (1 − 1/9 + 1.96/3)³ = 1.5422222³ = 3.6680975 → per 100,000 of 10,000: 36.680975
  const { lower, upper } = byarInterval(0, 10_000);
  close(lower, 0);
  close(upper, 36.680975, 1e-5);
});

test('a higher-is-better proportion whose interval lies above England is better', () => {
  // 10.84–15.76 against England 6.0.
  const result = compareWithComparator(figure(13.1, 95, 725), 6.0, ldEmployment);
  assert.equal(result?.comparison, 'better');
  assert.equal(result?.method, 'wilson');
  assert.equal(result?.comparator, 6.0);
  close(result?.interval?.lower, 10.8404002, 1e-6);
});

test('England inside the interval is similar, even when the values differ', () => {
  // 30 of 600 = 5.0%: Wilson (63.8416 ∓ 21.2767547) / 1207.6832 = 3.5245042% to 7.0480698%; England 6.0 inside.
  const result = compareWithComparator(figure(5.0, 30, 600), 6.0, ldEmployment);
  assert.equal(result?.comparison, 'similar');
  close(result?.interval?.lower, 3.5245042, 1e-6);
  close(result?.interval?.upper, 7.0480698, 1e-6);
  // England at 3.5 lies below the interval: the council is significantly higher, so better.
  assert.equal(compareWithComparator(figure(5.0, 30, 600), 3.5, ldEmployment)?.comparison, 'better');
  // … and at 7.1 above it: worse.
  assert.equal(compareWithComparator(figure(5.0, 30, 600), 7.1, ldEmployment)?.comparison, 'worse');
});

test('lower is better (2A2): a rate significantly above England is worse', () => {
  // 595.7–766.3 per 100,000 against England 585.6: England below the interval, council higher, so worse.
  const worse = compareWithComparator(figure(677.0, 250, 36_928), 585.6, admissions65);
  assert.equal(worse?.comparison, 'worse');
  assert.equal(worse?.method, 'byar');
  // Against 800.0 the council is significantly lower: better. Against 700.0, similar.
  assert.equal(compareWithComparator(figure(677.0, 250, 36_928), 800.0, admissions65)?.comparison, 'better');
  assert.equal(compareWithComparator(figure(677.0, 250, 36_928), 700.0, admissions65)?.comparison, 'similar');
});

test('without numerator and denominator the comparison is plain, and says so', () => {
  assert.deepEqual(compareWithComparator(figure(13.1), 6.0, ldEmployment), {
    comparison: 'better',
    method: 'plain',
    comparator: 6.0,
    interval: null,
  });
  assert.equal(compareWithComparator(figure(677.0), 585.6, admissions65)?.comparison, 'worse');
  assert.equal(compareWithComparator(figure(500.0), 585.6, admissions65)?.comparison, 'better');
  // Equal at published precision: similar (a computed England 6.04 shows as 6.0).
  assert.equal(compareWithComparator(figure(6.0), 6.04, ldEmployment)?.comparison, 'similar');
  assert.equal(compareWithComparator(figure(6.0), 6.05, ldEmployment)?.comparison, 'worse');
});

test('scores have no interval method: plain comparison even with parts', () => {
  const result = compareWithComparator(figure(19.1, 191, 10), 19.0, qualityOfLife);
  assert.equal(result?.method, 'plain');
  assert.equal(result?.comparison, 'better');
  assert.equal(confidenceInterval({ numerator: 191, denominator: 10 }, qualityOfLife), null);
});

test('impossible parts fall back to a plain comparison', () => {
  // A numerator above its denominator is no proportion; a zero denominator has no interval.
  assert.equal(compareWithComparator(figure(50, 60, 50), 6.0, ldEmployment)?.method, 'plain');
  assert.equal(compareWithComparator(figure(50, 0, 0), 6.0, ldEmployment)?.method, 'plain');
});

test('neutral measures say higher or lower, never better or worse', () => {
  const neutral: Measure = { ...ldEmployment, polarity: 'neutral' };
  assert.equal(compareWithComparator(figure(13.1, 95, 725), 6.0, neutral)?.comparison, 'higher');
  assert.equal(compareWithComparator(figure(2.0), 6.0, neutral)?.comparison, 'lower');
});

test('no comparison without a value or a comparator; suppressed figures are not compared', () => {
  assert.equal(compareWithComparator(figure(null), 6.0, ldEmployment), null);
  assert.equal(compareWithComparator(figure(13.1), null, ldEmployment), null);
  assert.equal(
    compareWithComparator({ ...figure(13.1, 95, 725), suppressed: true }, 6.0, ldEmployment),
    null,
  );
});
