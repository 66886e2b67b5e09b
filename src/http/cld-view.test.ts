import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyQuality } from '../domain/cld/quality.js';
import { ValidationError } from '../services/actor.js';
import type { Submission } from '../services/cld.js';
import type { CldFigure } from '../services/cld-figures.js';
import {
  breakdownLabel,
  cldFiguresView,
  paginationItems,
  parseDrillQuery,
  qualityView,
  REJECTIONS_PER_PAGE,
} from './cld-view.js';

const query = (q: Record<string, string>) => (name: string) => q[name];

test('drill-down parameters: defaults, and each problem named with its parameter', () => {
  const ok = parseDrillQuery(query({ period: '2024-25', measure: 'cld-LTS001b', part: 'denominator' }));
  assert.equal(ok.disaggregation, 'Total');
  assert.equal(ok.derivation.measureId, 'cld-LTS001b');
  assert.equal(
    parseDrillQuery(
      query({ period: '2024-25', measure: 'ascof23-2E', breakdown: 'age_band=65+', part: 'numerator' }),
    ).disaggregation,
    'age_band=65+',
  );
  const fields = (q: Record<string, string>) => {
    try {
      parseDrillQuery(query(q));
    } catch (err) {
      assert.ok(err instanceof ValidationError);
      return err.fieldErrors.map((e) => e.field);
    }
    return [];
  };
  assert.deepEqual(fields({}), ['period', 'measure', 'part']);
  assert.deepEqual(fields({ period: '2024-25', measure: 'not-a-measure', part: 'numerator' }), ['measure']);
  // A breakdown the measure does not have, or SQL in its name, is refused before any query runs.
  assert.deepEqual(
    fields({ period: '2024-25', measure: 'cld-LTS001b', breakdown: 'x) OR 1=1 --=1', part: 'denominator' }),
    ['breakdown'],
  );
  assert.deepEqual(
    fields({ period: '2024-25', measure: 'cld-LTS001b', breakdown: 'sequel=x', part: 'denominator' }),
    ['breakdown'],
  );
  // A population estimate is not people in the data.
  assert.deepEqual(fields({ period: '2024-25', measure: 'ascof23-2B', part: 'denominator' }), ['part']);
});

test('figures: SALT tables by breakdown, two-way tables across age bands, drill links only when allowed', () => {
  const f = (
    measureId: string,
    disaggregation: string,
    value: string,
    numerator: string | null = null,
    denominator: string | null = null,
  ): CldFigure => ({
    measureId,
    disaggregation,
    value,
    numerator,
    denominator,
    releaseId: 1,
  });
  const figures = [
    f('cld-LTS001a', 'Total', '10', '10'),
    f('cld-LTS001a', 'setting=Nursing care', '4', '4'),
    f('cld-LTS001a', 'age_band=18-64; psr=learning-disability', '3', '3'),
    f('cld-LTS001a', 'age_band=65+; psr=memory-cognition', '2', '2'),
    f('ascof23-2E', 'Total', '66.6667', '2', '3'),
  ];
  const ctx = { orgCode: 'E08000009', period: '2024-25', measures: [], canDrill: true };
  const view = cldFiguresView(ctx, figures);
  const block = view.salt[0];
  assert.equal(block?.measure.code, 'cld-LTS001a'); // not in the (empty) catalogue: its id
  assert.equal(block?.total?.cells[0]?.text, '10');
  assert.match(block?.total?.cells[0]?.href ?? '', /measure=cld-LTS001a&breakdown=Total&part=denominator/);
  const cross = block?.tables.find((t) => t.id === 'cld-lts001a-by-age-band-psr');
  assert.deepEqual(cross?.headers, ['Age band 18-64', 'Age band 65+']);
  assert.deepEqual(
    cross?.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)]),
    [
      ['Learning disability support', '3', '–'],
      ['Support with memory and cognition', '–', '2'],
    ],
  );
  const ascof = view.ascof?.rows[0]?.cells ?? [];
  assert.deepEqual(
    ascof.map((c) => [c.text, Boolean(c.href)]),
    [
      ['66.7%', false],
      ['2', true],
      ['3', true],
    ],
  );
  const plain = cldFiguresView({ ...ctx, canDrill: false }, figures);
  assert.equal(
    plain.ascof?.rows[0]?.cells.some((c) => c.href),
    false,
  );
  assert.equal(breakdownLabel('age_band=65+; setting=Nursing care'), 'Age band: 65+; Setting: Nursing care');
});

test('quality: totals reconcile, rejected rows come 100 to a page with GOV.UK pagination', () => {
  const quality = emptyQuality();
  const rejections = Array.from({ length: 250 }, (_, i) => ({
    rowNumber: i + 2,
    reasons: [
      {
        field: null,
        rule: 'other-la' as const,
        severity: 'reject' as const,
        message: 'LA Code is another council.',
      },
    ],
  }));
  const submission = {
    id: 'abc',
    quality: {
      ...quality,
      read: 1000,
      loaded: 750,
      rejected: 250,
      rejections,
      rejectionsByRule: { 'other-la': 250 },
      laCode: 'E08000009',
      reportingPeriodStart: '2024-04-01',
      reportingPeriodEnd: '2025-03-31',
      release: 1,
      identity: { count: 0, rows: [] },
    },
  } as unknown as Submission;
  const page2 = qualityView(submission, 2);
  assert.equal(page2.reconciles, true);
  assert.equal(page2.fullyReconciles, true);
  assert.equal(page2.rejections.length, REJECTIONS_PER_PAGE);
  assert.equal(page2.rejections[0]?.rowNumber, 102);
  assert.deepEqual([page2.firstShown, page2.lastShown, page2.pages], [101, 200, 3]);
  assert.ok(page2.pagination?.previous && page2.pagination.next);
  assert.equal(qualityView(submission, 99).page, 3);
  assert.equal(qualityView(submission, Number('x')).page, 1);
  assert.equal(page2.rejectionsByRule[0]?.label, "Another council's row");
  assert.deepEqual(
    paginationItems(5, 9, (n) => `?page=${n}`).map((i) => (i.ellipsis ? '…' : i.number)),
    ['1', '…', '4', '5', '6', '…', '9'],
  );
});
