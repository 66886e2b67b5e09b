import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageAt, parseCldDate } from './dates.js';

test('ISO dates, with or without a time, and UK day-first dates are read', () => {
  assert.equal(parseCldDate('2023-04-01'), '2023-04-01');
  assert.equal(parseCldDate('2023-04-01 00:00:00.000'), '2023-04-01');
  assert.equal(parseCldDate('2023-04-01T00:00:00Z'), '2023-04-01');
  assert.equal(parseCldDate('01/04/2023'), '2023-04-01');
  assert.equal(parseCldDate('1/4/2023'), '2023-04-01');
  assert.equal(parseCldDate('29/02/2024'), '2024-02-29');
});

test('days that do not exist and other forms are not dates', () => {
  assert.equal(parseCldDate('31/02/2024'), undefined);
  assert.equal(parseCldDate('29/02/2023'), undefined);
  assert.equal(parseCldDate('2024-13-01'), undefined);
  assert.equal(parseCldDate('04/01/23'), undefined);
  assert.equal(parseCldDate('April 2023'), undefined);
});

test('age counts whole years from the first of the birth month', () => {
  assert.equal(ageAt('1959-03', '2024-03-31'), 65);
  assert.equal(ageAt('1959-04', '2024-03-31'), 64);
  assert.equal(ageAt('2006-03', '2024-03-01'), 18);
});
