import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forAudience } from './exempt.js';
import { heatGrid } from './heat.js';
import { DEFAULT_BANDS } from './bands.js';
import { directionSinceLastReview, directionText, nextReviewAfter, reviewState } from './review.js';
import { parseThemes } from './themes.js';

test('reviews fall due by frequency, quarterly by default; overdue once the due date has passed', () => {
  assert.equal(nextReviewAfter('2026-08-31', 'quarterly'), '2026-11-30');
  assert.equal(nextReviewAfter('2026-11-30', 'quarterly'), '2027-02-28');
  assert.equal(nextReviewAfter('2026-01-31', 'monthly'), '2026-02-28');
  assert.equal(nextReviewAfter('2026-05-15', 'annually'), '2027-05-15');
  assert.equal(reviewState('2026-11-21', '2026-11-22'), 'overdue');
  assert.equal(reviewState('2026-11-22', '2026-11-22'), 'due-soon');
  assert.equal(reviewState('2026-12-06', '2026-11-22'), 'due-soon');
  assert.equal(reviewState('2026-12-07', '2026-11-22'), 'in-date');
});

test('direction since the last review compares the latest score with the one before', () => {
  const r = (reviewedOn: string, score: number, sequence = 1) => ({ reviewedOn, score, sequence });
  assert.deepEqual(directionSinceLastReview([]), { direction: 'new', current: null, previous: null });
  assert.deepEqual(directionSinceLastReview([r('2026-01-10', 12)]), {
    direction: 'new',
    current: 12,
    previous: null,
  });
  const up = directionSinceLastReview([r('2026-04-10', 16), r('2026-01-10', 12)]);
  assert.deepEqual(up, { direction: 'up', current: 16, previous: 12 });
  assert.equal(directionText(up), '↑ Up from 12 to 16');
  const down = directionSinceLastReview([r('2026-01-10', 20), r('2026-04-10', 12, 2), r('2026-04-10', 9, 3)]);
  assert.equal(directionText(down), '↓ Down from 12 to 9');
  assert.equal(
    directionText(directionSinceLastReview([r('2026-01-10', 6), r('2026-04-10', 6)])),
    '→ Unchanged at 6',
  );
});

test('exempt risks never reach a published audience; internal papers keep them', () => {
  const risks = [
    { reference: '1', exempt: false },
    { reference: '2', exempt: true },
    { reference: '3', exempt: false },
  ];
  assert.deepEqual(
    forAudience(risks, 'published').map((r) => r.reference),
    ['1', '3'],
  );
  assert.deepEqual(
    forAudience(risks, 'internal').map((r) => r.reference),
    ['1', '2', '3'],
  );
});

test('the heat map places risks by impact and likelihood and lists those without factors apart', () => {
  const grid = heatGrid(
    [
      { reference: '2', impact: 4, likelihood: 5, score: 20 },
      { reference: '3', impact: 4, likelihood: 5, score: 20 },
      { reference: '6', impact: 2, likelihood: 3, score: 6 },
      { reference: '17', impact: null, likelihood: null, score: 25 },
    ],
    DEFAULT_BANDS,
  );
  assert.equal(grid.rows.length, 5);
  assert.deepEqual(
    grid.rows[0]!.map((c) => c.likelihood),
    [5, 5, 5, 5, 5],
  );
  assert.deepEqual(grid.rows[0]![3]!.references, ['2', '3']);
  assert.equal(grid.rows[0]![3]!.band.rag, 'red');
  assert.deepEqual(grid.rows[2]![1]!.references, ['6']);
  assert.deepEqual(grid.unplaced, [{ reference: '17', score: 25 }]);
});

test('themes as registers write them become the known labels; a council theme is kept', () => {
  assert.deepEqual(parseThemes('Systems and processes, statutory and compliance, safeguarding'), [
    'Systems and processes',
    'Statutory and compliance',
    'Safeguarding',
  ]);
  assert.deepEqual(parseThemes('FINANCE;  finance'), ['Finance']);
  assert.deepEqual(parseThemes('reputation'), ['Reputation']);
});
