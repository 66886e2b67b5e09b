import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMoney, parseMoney, penceToDecimal } from './money.js';

test('money parses exactly, with brackets for negatives', () => {
  assert.equal(parseMoney('1,234.5'), 123450n);
  assert.equal(parseMoney('£10550000'), 1055000000n);
  assert.equal(parseMoney('(5,158)'), -515800n);
  assert.equal(parseMoney('-0.01'), -1n);
  assert.equal(parseMoney('12.345'), undefined);
  assert.equal(parseMoney('abc'), undefined);
});

test('0.1 + 0.2 pounds is exactly 0.30', () => {
  assert.equal(penceToDecimal(parseMoney('0.1')! + parseMoney('0.2')!), '0.30');
});

test("money formats as pounds or £'000 with brackets", () => {
  assert.equal(formatMoney(515800n), '£5,158');
  assert.equal(formatMoney(-515800n), '(5,158)');
  assert.equal(formatMoney(1055000000n, 'thousands'), '£10,550');
  assert.equal(formatMoney(-4_950_000_00n, 'thousands', false), '(4,950)');
});
