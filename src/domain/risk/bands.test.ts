import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aboveAppetite,
  appetiteFor,
  appetiteProblems,
  bandFor,
  bandProblems,
  DEFAULT_BANDS,
  describeBands,
  frozenReason,
  schemeOn,
  type RiskScheme,
} from './bands.js';

test('the default bands put 1-4 green, 5-12 amber and 15-25 red', () => {
  assert.deepEqual(bandProblems(DEFAULT_BANDS), []);
  assert.deepEqual(
    [1, 4, 5, 6, 12, 15, 16, 20, 25].map((s) => bandFor(s, DEFAULT_BANDS).rag),
    ['green', 'green', 'amber', 'amber', 'amber', 'red', 'red', 'red', 'red'],
  );
  assert.equal(describeBands(DEFAULT_BANDS), '1 to 4 Green, 5 to 14 Amber, 15 to 25 Red');
});

test('council bands must cover 1-25 once each, rising green to red', () => {
  assert.deepEqual(
    bandProblems([
      { rag: 'green', min: 1, max: 3 },
      { rag: 'amber', min: 5, max: 12 },
      { rag: 'red', min: 12, max: 20 },
    ]),
    [
      'No band covers scores 4 to 4',
      'The red band overlaps the band below it at 12',
      'No band covers scores 21 to 25',
    ],
  );
  assert.deepEqual(
    bandProblems([
      { rag: 'red', min: 1, max: 10 },
      { rag: 'green', min: 11, max: 25 },
    ]),
    ['Bands must run green, then amber, then red as the score rises'],
  );
  assert.deepEqual(bandProblems([{ rag: 'amber', min: 9, max: 2 }]), [
    'The amber band 9 to 2 is not a range of whole numbers',
  ]);
  assert.deepEqual(appetiteProblems({ overall: 30, themes: { Finance: 0 } }), [
    'The risk appetite must be a score from 1 to 25, not 30',
    'The appetite for Finance must be a score from 1 to 25, not 0',
  ]);
});

test('bands are frozen per period: a review takes the scheme in force on its date, so history keeps its colours', () => {
  const tight: RiskScheme = {
    fromPeriod: '2019-20',
    bands: [...DEFAULT_BANDS],
    appetite: { overall: 12, themes: {} },
  };
  const loose: RiskScheme = {
    fromPeriod: '2020-21',
    bands: [
      { rag: 'green', min: 1, max: 6 },
      { rag: 'amber', min: 7, max: 16 },
      { rag: 'red', min: 17, max: 25 },
    ],
    appetite: { overall: 16, themes: {} },
  };
  const schemes = [loose, tight];
  // A score of 16 was red in 2019-20 and stays red in that year's history; from 2020-21 it is amber.
  assert.equal(bandFor(16, schemeOn(schemes, '2020-03-31')!.bands).rag, 'red');
  assert.equal(bandFor(16, schemeOn(schemes, '2020-04-01')!.bands).rag, 'amber');
  // Before the first scheme the earliest applies.
  assert.equal(schemeOn(schemes, '2018-06-01')?.fromPeriod, '2019-20');
  assert.equal(schemeOn([], '2018-06-01'), undefined);
  assert.equal(frozenReason(tight, 0), undefined);
  assert.match(frozenReason(tight, 3) ?? '', /bands for 2019-20 are frozen: 3 review\(s\)/);
});

test('appetite: a risk is above appetite when its score exceeds the lowest appetite of its themes', () => {
  const appetite = { overall: 12, themes: { Safeguarding: 8, Finance: 16 } };
  assert.equal(appetiteFor(['Finance'], appetite), 16);
  assert.equal(appetiteFor(['Finance', 'Safeguarding'], appetite), 8);
  assert.equal(appetiteFor(['Workforce'], appetite), 12);
  assert.equal(aboveAppetite(16, ['Finance'], appetite), false);
  assert.equal(aboveAppetite(25, ['Finance'], appetite), true);
  assert.equal(aboveAppetite(12, ['Workforce'], appetite), false);
  assert.equal(aboveAppetite(12, ['Systems and processes', 'Safeguarding'], appetite), true);
});
