import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankFigures, ranking, rankOf } from './rank.js';
import type { Figure } from './types.js';

function figure(orgCode: string, value: number | null, suppressed = false): Figure {
  return {
    orgCode,
    measureId: 'm',
    period: '2017-18',
    value,
    numerator: null,
    denominator: null,
    suppressed,
  };
}

test('higher is better (1E): the highest value ranks 1 and ties share a rank, competition style', () => {
  // 13.1 > 9.0 = 9.0 > 4.2: ranks 1, 2, 2, 4.
  const ranks = rankFigures(
    [figure('A', 9.0), figure('B', 13.1), figure('C', 4.2), figure('D', 9.0)],
    'higher-is-better',
  );
  assert.deepEqual(Object.fromEntries(ranks), {
    A: { rank: 2, n: 4 },
    B: { rank: 1, n: 4 },
    C: { rank: 4, n: 4 },
    D: { rank: 2, n: 4 },
  });
});

test('lower is better (2A2): the lowest rate ranks 1', () => {
  // 284.8 < 488.5 = 488.5 < 677.0 < 1512.8: ranks 1, 2, 2, 4, 5.
  const ranks = rankFigures(
    [figure('A', 677.0), figure('B', 488.5), figure('C', 1512.8), figure('D', 284.8), figure('E', 488.5)],
    'lower-is-better',
  );
  assert.deepEqual(Object.fromEntries(ranks), {
    A: { rank: 4, n: 5 },
    B: { rank: 2, n: 5 },
    C: { rank: 5, n: 5 },
    D: { rank: 1, n: 5 },
    E: { rank: 2, n: 5 },
  });
});

test('suppressed figures and missing values are neither ranked nor counted in N', () => {
  const ranks = rankFigures(
    [figure('A', 5), figure('B', null, true), figure('C', 99, true), figure('D', null), figure('E', 7)],
    'higher-is-better',
  );
  assert.deepEqual(Object.fromEntries(ranks), { A: { rank: 2, n: 2 }, E: { rank: 1, n: 2 } });
});

test('a neutral measure has no rank', () => {
  assert.equal(rankOf(ranking([1, 2, 3], 'neutral'), 2), null);
  assert.equal(rankFigures([figure('A', 1), figure('B', 2)], 'neutral').size, 0);
});

test('all values equal: everyone ranks 1 of N', () => {
  const set = ranking([3, 3, 3], 'higher-is-better');
  assert.deepEqual(rankOf(set, 3), { rank: 1, n: 3 });
  assert.deepEqual(rankOf(ranking([3, 3, 3], 'lower-is-better'), 3), { rank: 1, n: 3 });
});

test('an empty set ranks nothing', () => {
  assert.equal(rankOf(ranking([], 'higher-is-better'), 1), null);
});
