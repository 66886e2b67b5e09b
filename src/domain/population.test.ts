import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandTotals, midYearDate, populationYearFor } from './population.js';

test('a financial year takes the estimate of the mid-year it starts in', () => {
  assert.equal(populationYearFor('2023-24'), 2023);
  assert.equal(populationYearFor('2017/18'), 2017);
  assert.equal(populationYearFor('2024-2025'), 2024);
  assert.throws(() => populationYearFor('2023'), /not a financial year/);
  assert.throws(() => populationYearFor('Q1 2023-24'), /not a financial year/);
  assert.throws(() => populationYearFor('2023-04'), /not a financial year/);
});

test('the mid-year reference date is 30 June', () => {
  assert.equal(midYearDate(2024), '2024-06-30');
});

test('bands count 18 to 64, 65 and over (the open-ended top age included), and 18 and over', () => {
  const counts = new Map([
    [0, 1000],
    [17, 100],
    [18, 10],
    [64, 20],
    [65, 30],
    [90, 5],
  ]);
  assert.deepEqual(bandTotals(counts), { '18-64': 30, '65+': 35, '18+': 65 });
  assert.deepEqual(bandTotals(new Map()), { '18-64': 0, '65+': 0, '18+': 0 });
});
