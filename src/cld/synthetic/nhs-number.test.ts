import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidNhsNumber, nhsCheckDigit, syntheticNhsNumber } from './nhs-number.js';

test('the modulus 11 check digit', () => {
  // The NHS Data Dictionary's worked example.
  assert.equal(nhsCheckDigit('943476591'), 9);
  assert.ok(isValidNhsNumber('9434765919'));
  assert.ok(!isValidNhsNumber('9434765918'));
  assert.ok(!isValidNhsNumber('943476591'));
  assert.ok(!isValidNhsNumber('943 476 5919'));
});

test('synthetic NHS numbers are valid, distinct and from the 9xx test ranges', () => {
  const seen = new Set<string>();
  for (const ordinal of [...Array(200_000).keys(), 899_999, 900_000, 5_000_000]) {
    const nhs = syntheticNhsNumber(ordinal);
    assert.ok(isValidNhsNumber(nhs), nhs);
    assert.ok(!seen.has(nhs), `repeated: ${nhs}`);
    seen.add(nhs);
  }
  assert.ok(syntheticNhsNumber(0).startsWith('999'));
  assert.ok(syntheticNhsNumber(899_999).startsWith('999'));
  assert.ok(syntheticNhsNumber(900_000).startsWith('998'));
});
