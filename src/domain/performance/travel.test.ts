import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePeriod } from '../period.js';
import { arrowOf, travelFor, travelPhrase } from './travel.js';

const pct = { unit: 'percent', decimals: 1, polarity: 'higher-is-better' } as const;
const countNeutral = { unit: 'count', decimals: 0, polarity: 'neutral' } as const;
const rateDown = { unit: 'rate-per-100k', decimals: 1, polarity: 'lower-is-better' } as const;

test('against the previous quarter and the same quarter last year, polarity-aware', () => {
  // Sefton: safeguarding enquiries concluded within 28 days, 77.4 then 75.4.
  const values = new Map([
    ['Q3 2022-23', 77.4],
    ['Q4 2022-23', 75.4],
    ['Q4 2021-22', 70.1],
  ]);
  const t = travelFor(values, parsePeriod('Q4 2022-23')!, pct);
  assert.deepEqual(t.previous, { period: 'Q3 2022-23', value: 77.4, direction: 'worsened', change: -2 });
  assert.deepEqual(t.lastYear, { period: 'Q4 2021-22', value: 70.1, direction: 'improved', change: 5.3 });
  assert.equal(travelPhrase(t.previous, pct), '▼ 2.0 percentage points (worsened)');
  assert.equal(travelPhrase(t.lastYear, pct), '▲ 5.3 percentage points (improved)');
});

test('neutral counts increase or decrease; lower-is-better falls improve; missing values are not comparable', () => {
  // Sefton: open long-term services 4061 → 4103 ("42▲").
  const open = travelFor(
    new Map([
      ['Q3 2022-23', 4061],
      ['Q4 2022-23', 4103],
    ]),
    parsePeriod('Q4 2022-23')!,
    countNeutral,
  );
  assert.equal(travelPhrase(open.previous, countNeutral), '▲ 42 (increased)');
  assert.equal(open.lastYear.direction, 'not-comparable');
  assert.equal(travelPhrase(open.lastYear, countNeutral), 'not comparable');
  const admissions = travelFor(
    new Map([
      ['2025-02', 610.4],
      ['2025-03', 598.2],
    ]),
    parsePeriod('2025-03')!,
    rateDown,
  );
  assert.equal(admissions.previous.direction, 'improved');
  assert.equal(travelPhrase(admissions.previous, rateDown), '▼ 12.2 per 100,000 (improved)');
});

test("the no-change band: equal once rounded, or a band given in the measure's unit", () => {
  const values = new Map([
    ['2025-02', 70.04],
    ['2025-03', 70.0],
  ]);
  const t = travelFor(values, parsePeriod('2025-03')!, pct);
  assert.equal(t.previous.direction, 'no-change');
  assert.equal(arrowOf(t.previous), '►');
  const banded = travelFor(
    new Map([
      ['2025-02', 70],
      ['2025-03', 70.4],
    ]),
    parsePeriod('2025-03')!,
    pct,
    0.5,
  );
  assert.equal(banded.previous.direction, 'no-change');
});
