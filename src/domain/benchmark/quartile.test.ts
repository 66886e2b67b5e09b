import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ascending } from './numbers.js';
import { percentileInc, quartilePosition, quartileThresholds } from './quartile.js';

const higher = { polarity: 'higher-is-better', decimals: 1 } as const;
const lower = { polarity: 'lower-is-better', decimals: 1 } as const;

test('thresholds follow Excel QUARTILE.INC (the example in Microsoft’s documentation)', () => {
  // {1,2,4,7,8,9,10,12}, n = 8. Q1 at h = 7 × 0.25 = 1.75: x[1] + 0.75 × (x[2] - x[1]) = 2 + 0.75 × 2 = 3.5
  // (Excel gives 3.5). Median at h = 3.5: 7 + 0.5 × 1 = 7.5. Q3 at h = 5.25: 9 + 0.25 × 1 = 9.25.
  assert.deepEqual(quartileThresholds([1, 2, 4, 7, 8, 9, 10, 12]), {
    lower: 3.5,
    median: 7.5,
    upper: 9.25,
    n: 8,
  });
});

test('with n - 1 divisible by 4 the thresholds are data values', () => {
  // 1..9: h = 2, 4, 6 → x[2] = 3, x[4] = 5, x[6] = 7.
  assert.deepEqual(quartileThresholds([1, 2, 3, 4, 5, 6, 7, 8, 9]), { lower: 3, median: 5, upper: 7, n: 9 });
  assert.equal(percentileInc([4], 0.75), 4);
  assert.equal(quartileThresholds([]), null);
});

// 10, 20 … 80: Q1 at h = 1.75 → 20 + 0.75 × 10 = 27.5; median at 3.5 → 45; Q3 at 5.25 → 60 + 0.25 × 10 = 62.5.
const tens = [10, 20, 30, 40, 50, 60, 70, 80];

test('higher is better: at or above Q3 is top quartile; the next threshold is what must be reached', () => {
  const fifty = quartilePosition(tens, 50, higher);
  assert.equal(fifty?.quartile, 2); // 45 <= 50 < 62.5
  // To reach the top quartile: 62.5, already at published precision; 12.5 more.
  assert.deepEqual(fifty?.next, { quartile: 1, threshold: 62.5, needed: 62.5, change: 12.5 });
  assert.equal(quartilePosition(tens, 70, higher)?.quartile, 1);
  assert.equal(quartilePosition(tens, 70, higher)?.next, null);
  assert.equal(quartilePosition(tens, 30, higher)?.quartile, 3); // 27.5 <= 30 < 45
  assert.equal(quartilePosition(tens, 10, higher)?.quartile, 4);
  assert.deepEqual(quartilePosition(tens, 10, higher)?.next, {
    quartile: 3,
    threshold: 27.5,
    needed: 27.5,
    change: 17.5,
  });
});

test('lower is better (2A2): at or below Q1 is top quartile', () => {
  assert.equal(quartilePosition(tens, 20, lower)?.quartile, 1); // 20 <= 27.5
  assert.equal(quartilePosition(tens, 40, lower)?.quartile, 2); // 27.5 < 40 <= 45
  const fifty = quartilePosition(tens, 50, lower);
  assert.equal(fifty?.quartile, 3); // 45 < 50 <= 62.5
  assert.deepEqual(fifty?.next, { quartile: 2, threshold: 45, needed: 45, change: -5 });
  assert.equal(quartilePosition(tens, 80, lower)?.quartile, 4);
});

test('a value exactly on a threshold takes the better quartile', () => {
  assert.equal(quartilePosition(tens, 62.5, higher)?.quartile, 1);
  assert.equal(quartilePosition(tens, 45, higher)?.quartile, 2);
  assert.equal(quartilePosition(tens, 45, lower)?.quartile, 2);
  assert.equal(quartilePosition(tens, 27.5, lower)?.quartile, 1);
});

test('a threshold between published values needs the next published value beyond it (Sefton)', () => {
  // Twelve 1E values, n = 12. Q1 at h = 11 × 0.25 = 2.75: 1.8 + 0.75 × (2.4 - 1.8) = 2.25.
  // Median at h = 5.5: 4.2 + 0.5 × 0.2 = 4.3. Q3 at h = 8.25: 5.9 + 0.25 × (6.1 - 5.9) = 5.95.
  const values = ascending([0.9, 1.8, 1.8, 2.4, 3.1, 4.2, 4.4, 5.5, 5.9, 6.1, 10.6, 13.1]);
  const thresholds = quartileThresholds(values);
  assert.ok(Math.abs((thresholds?.lower ?? 0) - 2.25) < 1e-12);
  assert.ok(Math.abs((thresholds?.median ?? 0) - 4.3) < 1e-12);
  assert.ok(Math.abs((thresholds?.upper ?? 0) - 5.95) < 1e-12);
  // Sefton at 1.9 in place of the 0.9: sorted 1.8, 1.8, 1.9, 2.4 …, so Q1 at h = 2.75 is
  // 1.9 + 0.75 × (2.4 - 1.9) = 2.275. Bottom quartile; the first one-decimal value at or above 2.275 is 2.3.
  const sefton = quartilePosition(ascending([...values.slice(1), 1.9]), 1.9, higher);
  assert.equal(sefton?.quartile, 4);
  assert.equal(sefton?.next?.needed, 2.3);
  assert.equal(sefton?.next?.change, 0.4);
  // A council at 5.5 (4.3 <= 5.5 < 5.95) needs 6.0, the first tenth at or above 5.95, for the top quartile.
  const upperMiddle = quartilePosition(values, 5.5, higher);
  assert.equal(upperMiddle?.quartile, 2);
  assert.equal(upperMiddle?.next?.needed, 6.0);
  assert.equal(upperMiddle?.next?.change, 0.5);
});

test('lower is better: the value needed rounds down to published precision', () => {
  // 462.8, 591.4, 591.5, 703.0, 703.8: Q1 at h = 1: 591.4; median at h = 2: 591.5; Q3 at 3: 703.0.
  // 700.0 is third quartile (591.5 < 700.0 <= 703.0); the median 591.5 is already a published value.
  const values = [462.8, 591.4, 591.5, 703.0, 703.8];
  assert.deepEqual(quartilePosition(values, 700.0, lower)?.next, {
    quartile: 2,
    threshold: 591.5,
    needed: 591.5,
    change: -108.5,
  });
  // Six values: Q1 at h = 1.25: 591.4 + 0.25 × 0.1 = 591.425; a value must be at or below it: 591.4.
  const six = [462.8, 591.4, 591.5, 703.0, 703.8, 720.0];
  assert.deepEqual(quartilePosition(six, 591.5, lower)?.next?.needed, 591.4);
});

test('no quartile for neutral measures or for sets smaller than four', () => {
  assert.equal(quartilePosition(tens, 50, { polarity: 'neutral', decimals: 1 }), null);
  assert.equal(quartilePosition([1, 2, 3], 2, higher), null);
  assert.equal(quartilePosition([1, 2, 3, 4], 4, higher)?.quartile, 1);
});

test('float noise in an interpolated threshold does not move a council across a boundary', () => {
  // Seven values: Q1 at h = 6 × 0.25 = 1.5: 0.2 + 0.5 × (0.4 - 0.2) = 0.3, which binary arithmetic gives as
  // 0.30000000000000004. A council at 0.3 is on the threshold, so third quartile, not bottom …
  const values = [0.1, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8];
  assert.equal(quartileThresholds(values)?.lower, 0.30000000000000004);
  assert.equal(quartilePosition(values, 0.3, higher)?.quartile, 3);
  // … and a council at 0.1 needs 0.3 to get there, not 0.4.
  assert.equal(quartilePosition(values, 0.1, higher)?.next?.needed, 0.3);
});
