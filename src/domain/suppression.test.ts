import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFigure } from './suppression.js';

test('figures stay exact decimal strings', () => {
  assert.deepEqual(parseFigure(' 13.10 '), { kind: 'value', value: '13.10' });
  assert.deepEqual(parseFigure('1,234'), { kind: 'value', value: '1234' });
  assert.deepEqual(parseFigure('-0.0'), { kind: 'value', value: '0.0' });
});

test('markers and sentinels are never values', () => {
  assert.equal(parseFigure('[c]').kind, 'suppressed');
  assert.equal(parseFigure('[x]').kind, 'suppressed');
  assert.deepEqual(parseFigure('999999995'), {
    kind: 'suppressed',
    suppression: 'sentinel',
    raw: '999999995',
  });
  assert.equal(parseFigure('888888885').kind, 'suppressed');
  assert.equal(parseFigure('').kind, 'blank');
  assert.deepEqual(parseFigure('n/a%'), { kind: 'invalid', raw: 'n/a%' });
});
