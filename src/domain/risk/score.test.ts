import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assess, describeAssessment, factorPairsFor, POSSIBLE_SCORES } from './score.js';

test('scores are impact × likelihood; only fourteen scores are possible', () => {
  assert.deepEqual(POSSIBLE_SCORES, [1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25]);
  assert.deepEqual(assess({ impact: 4, likelihood: 5 }), { ok: { impact: 4, likelihood: 5, score: 20 } });
  assert.deepEqual(assess({ impact: 4, likelihood: 5, score: 20 }), {
    ok: { impact: 4, likelihood: 5, score: 20 },
  });
  assert.deepEqual(factorPairsFor(12), [
    { impact: 3, likelihood: 4 },
    { impact: 4, likelihood: 3 },
  ]);
  assert.deepEqual(factorPairsFor(25), [{ impact: 5, likelihood: 5 }]);
  assert.deepEqual(factorPairsFor(7), []);
});

test('a score alone is kept with its factors not yet recorded, if a pair of factors can give it', () => {
  assert.deepEqual(assess({ score: 25 }), { ok: { impact: null, likelihood: null, score: 25 } });
  assert.deepEqual(assess({ score: 6 }), { ok: { impact: null, likelihood: null, score: 6 } });
  assert.equal(
    describeAssessment({ impact: null, likelihood: null, score: 6 }),
    '6 (impact and likelihood not yet recorded)',
  );
  assert.equal(describeAssessment({ impact: 2, likelihood: 3, score: 6 }), '6 (impact 2 × likelihood 3)');
  for (const bad of [7, 11, 13, 14, 0, 26, 2.5]) {
    const r = assess({ score: bad });
    assert.ok('error' in r, `${bad} should be refused`);
    assert.match(r.error, new RegExp(`^${bad} is not a possible score`));
  }
});

test('factors must be whole numbers 1-5, given together, and agree with a given score', () => {
  assert.deepEqual(assess({ impact: 4 }), {
    error: 'Give both impact and likelihood (each 1 to 5), or neither',
  });
  assert.deepEqual(assess({ impact: 6, likelihood: 1 }), {
    error: 'Impact must be a whole number from 1 to 5, not 6',
  });
  assert.deepEqual(assess({ impact: 2, likelihood: 0 }), {
    error: 'Likelihood must be a whole number from 1 to 5, not 0',
  });
  assert.deepEqual(assess({ impact: 3, likelihood: 4, score: 16 }), {
    error: 'The score 16 does not match impact 3 × likelihood 4 = 12',
  });
  assert.deepEqual(assess({}), { error: 'Give a score, or its impact and likelihood' });
});
