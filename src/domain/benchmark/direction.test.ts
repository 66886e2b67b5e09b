import { test } from 'node:test';
import assert from 'node:assert/strict';
import { directionOfTravel } from './direction.js';

const ldEmployment = { polarity: 'higher-is-better', decimals: 1 } as const;
const admissions65 = { polarity: 'lower-is-better', decimals: 1 } as const;
const adjustedQoL = { polarity: 'higher-is-better', decimals: 3 } as const;

test('higher is better (1E): a rise is an improvement, a fall a worsening', () => {
  // Trafford 1E: 13.1 (2017-18) → 12.4 (2018-19)
  assert.deepEqual(directionOfTravel(12.4, 13.1, ldEmployment), { direction: 'worsened', change: -0.7 });
  assert.deepEqual(directionOfTravel(13.1, 12.4, ldEmployment), { direction: 'improved', change: 0.7 });
});

test('lower is better (2A2): a fall is an improvement', () => {
  // Trafford 2A2: 677.0 (2017-18) → 539.5 (2018-19)
  assert.deepEqual(directionOfTravel(539.5, 677.0, admissions65), { direction: 'improved', change: -137.5 });
  assert.deepEqual(directionOfTravel(677.0, 539.5, admissions65), { direction: 'worsened', change: 137.5 });
});

test('by default no change means equal once rounded to the published decimals', () => {
  // Published values: the smallest change is one unit of the last place.
  assert.deepEqual(directionOfTravel(13.1, 13.1, ldEmployment), { direction: 'no-change', change: 0 });
  assert.deepEqual(directionOfTravel(13.1, 13.0, ldEmployment), { direction: 'improved', change: 0.1 });
  // Computed values: 13.04 and 13.0 both show as 13.0; 13.05 shows as 13.1 (half away from zero).
  assert.deepEqual(directionOfTravel(13.04, 13.0, ldEmployment), { direction: 'no-change', change: 0.04 });
  assert.deepEqual(directionOfTravel(13.05, 13.0, ldEmployment), { direction: 'improved', change: 0.05 });
  assert.equal(directionOfTravel(12.95, 13.0, ldEmployment).direction, 'no-change');
  assert.equal(directionOfTravel(12.94, 13.0, ldEmployment).direction, 'worsened');
  // Three decimals (1J): 0.4124 and 0.412 both show as 0.412.
  assert.equal(directionOfTravel(0.4124, 0.412, adjustedQoL).direction, 'no-change');
  assert.equal(directionOfTravel(0.413, 0.412, adjustedQoL).direction, 'improved');
});

test('a configured band: a change smaller than the band is no change, one equal to it is a change', () => {
  const band = { band: 0.5 };
  assert.equal(directionOfTravel(13.4, 13.0, ldEmployment, band).direction, 'no-change');
  // 13.5 − 13.0 is exactly the band (0.5), so not smaller: improved.
  assert.equal(directionOfTravel(13.5, 13.0, ldEmployment, band).direction, 'improved');
  // 0.1 as a band: 13.1 − 13.0 is 0.0999… in binary but still counts as equal to the band.
  assert.equal(directionOfTravel(13.1, 13.0, ldEmployment, { band: 0.1 }).direction, 'improved');
  assert.equal(directionOfTravel(620.0, 640.0, admissions65, { band: 25 }).direction, 'no-change');
  assert.deepEqual(directionOfTravel(610.0, 640.0, admissions65, { band: 25 }), {
    direction: 'improved',
    change: -30,
  });
});

test('no previous value, no current value or a break in between: not comparable', () => {
  assert.deepEqual(directionOfTravel(13.1, null, ldEmployment), {
    direction: 'not-comparable',
    change: null,
  });
  assert.deepEqual(directionOfTravel(null, 13.1, ldEmployment), {
    direction: 'not-comparable',
    change: null,
  });
  assert.deepEqual(directionOfTravel(13.1, 12.0, ldEmployment, { comparable: false }), {
    direction: 'not-comparable',
    change: null,
  });
});

test('neutral measures increase or decrease, never improve', () => {
  const neutral = { polarity: 'neutral', decimals: 1 } as const;
  assert.equal(directionOfTravel(5.2, 5.0, neutral).direction, 'increased');
  assert.equal(directionOfTravel(4.8, 5.0, neutral).direction, 'decreased');
  assert.equal(directionOfTravel(5.0, 5.0, neutral).direction, 'no-change');
});
