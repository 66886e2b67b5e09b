import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDecimal, parseDecimal, parseUnitCost, weeklyCost } from './cost.js';

const weekly = (
  unitCost: string,
  ...rest: Parameters<typeof weeklyCost> extends [unknown, ...infer R] ? R : never
) => weeklyCost(parseUnitCost(unitCost)!, ...rest);

test('unit costs are read into whole pence', () => {
  assert.equal(parseUnitCost('18.50'), 1850n);
  assert.equal(parseUnitCost('£1,234.5'), 123450n);
  assert.equal(parseUnitCost('123.4500'), 12345n);
  assert.equal(parseUnitCost('12'), 1200n);
  assert.equal(parseUnitCost('12.345'), undefined);
  assert.equal(parseUnitCost('twelve'), undefined);
});

test('decimals are exact', () => {
  assert.deepEqual(parseDecimal('7.50'), { digits: 75n, scale: 1 });
  assert.equal(formatDecimal(parseDecimal('0.25')!), '0.25');
  assert.equal(formatDecimal(parseDecimal('-3')!), '-3');
  assert.equal(parseDecimal('1.2.3'), undefined);
});

test('costs per period scale to a week', () => {
  assert.deepEqual(weekly('250.00', 'weekly'), { kind: 'weekly', pence: 25000n });
  assert.deepEqual(weekly('500.00', 'fortnightly'), { kind: 'weekly', pence: 25000n });
  assert.deepEqual(weekly('1000.00', 'four-weekly'), { kind: 'weekly', pence: 25000n });
  assert.deepEqual(weekly('1300.00', 'quarterly'), { kind: 'weekly', pence: 10000n });
  assert.deepEqual(weekly('5200.00', 'annually'), { kind: 'weekly', pence: 10000n });
});

test('a monthly cost is twelve months over fifty-two weeks, rounded once to the penny', () => {
  // 1000 × 12 / 52 = 230.769…
  assert.deepEqual(weekly('1000.00', 'monthly'), { kind: 'weekly', pence: 23077n });
});

test('costs per period ignore planned units (the frequency is trusted)', () => {
  assert.deepEqual(weekly('250.00', 'weekly', '3'), { kind: 'weekly', pence: 25000n });
});

test('an hourly cost is multiplied by the planned hours per week', () => {
  // 18.50 × 10.5 = 194.25
  assert.deepEqual(weekly('18.50', 'hourly', '10.5'), { kind: 'weekly', pence: 19425n });
});

test('daily and per-session costs use planned units too', () => {
  assert.deepEqual(weekly('95.00', 'daily', '7'), { kind: 'weekly', pence: 66500n });
  assert.deepEqual(weekly('40.00', 'per-session', '2'), { kind: 'weekly', pence: 8000n });
});

test('halves of a penny round away from zero', () => {
  assert.deepEqual(weekly('0.01', 'hourly', '0.5'), { kind: 'weekly', pence: 1n });
  assert.deepEqual(weekly('0.01', 'hourly', '0.49'), { kind: 'weekly', pence: 0n });
});

test('a cost per unit without usable planned units has no weekly cost', () => {
  assert.deepEqual(weekly('18.50', 'hourly'), { kind: 'unknown', reason: 'planned-units-missing' });
  assert.deepEqual(weekly('18.50', 'hourly', ' '), { kind: 'unknown', reason: 'planned-units-missing' });
  assert.deepEqual(weekly('18.50', 'hourly', 'ten'), { kind: 'unknown', reason: 'planned-units-invalid' });
  assert.deepEqual(weekly('18.50', 'hourly', '-2'), { kind: 'unknown', reason: 'planned-units-invalid' });
});

test('one-off costs are excluded from weekly cost', () => {
  assert.deepEqual(weekly('750.00', 'one-off'), { kind: 'excluded', reason: 'one-off' });
  assert.deepEqual(weekly('750.00', 'one-off', '1'), { kind: 'excluded', reason: 'one-off' });
});
