import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { openDuckCaseStore } from '../engine/duckdb.js';
import { createPseudonymiser } from '../pseudonymise.js';
import { loadSafeguarding } from './load.js';
import { safeguardingFigures } from './measures.js';
import { generateSafeguardingCsv, SYNTHETIC_SAFEGUARDING_HEADER } from './synthetic.js';

const options = { laCode: 'E08000009', year: 2024, seed: 11, concerns: 2000 };

test('the same options give the same file; another seed or council another', () => {
  const a = generateSafeguardingCsv(options);
  assert.equal(generateSafeguardingCsv(options).csv, a.csv);
  assert.notEqual(generateSafeguardingCsv({ ...options, seed: 12 }).csv, a.csv);
  assert.notEqual(generateSafeguardingCsv({ ...options, laCode: 'E08000010' }).csv, a.csv);
  const records = parse(a.csv) as string[][];
  assert.deepEqual(records[0], [...SYNTHETIC_SAFEGUARDING_HEADER]);
  assert.equal(records.length - 1, a.rows);
  assert.equal(a.rows, a.clean + a.dirty);
  assert.equal(a.clean, 2000 + a.carriedOver);
  assert.deepEqual([a.periodStart, a.periodEnd], ['2024-04-01', '2025-03-31']);
  assert.throws(() => generateSafeguardingCsv({ ...options, concerns: 0 }), /Not a number of concerns/);
});

test('every dirty row is rejected for the rule it was made to break, and nothing else is', async (t) => {
  const store = await openDuckCaseStore(':memory:');
  t.after(() => store.close());
  const file = generateSafeguardingCsv(options);
  assert.equal(file.dirty, 20);
  assert.equal(Object.keys(file.dirtyByRule).length, 9, 'every kind of fault appears');
  const report = await loadSafeguarding(
    store,
    {
      submissionId: 'synthetic',
      laCode: options.laCode,
      periodStart: file.periodStart,
      periodEnd: file.periodEnd,
      fileName: 'synthetic.csv',
      bytes: Buffer.from(file.csv),
    },
    createPseudonymiser(Buffer.alloc(32, 5)),
  );
  assert.deepEqual([report.read, report.loaded, report.rejected], [file.rows, file.clean, file.dirty]);
  assert.deepEqual(report.rejectionsByRule, file.dirtyByRule);
  assert.ok(report.rejections.every((r) => r.reasons.length === 1));
  assert.deepEqual(report.flagsByRule, file.flaggedByRule);

  // The shape councils report: these bands are wide on purpose, the seed fixes the exact values.
  const [received, in7, concluded, in28, open, msp] = await safeguardingFigures(store, ['synthetic'], {
    start: file.periodStart,
    end: file.periodEnd,
  });
  const s42 = await store.all<{ share: number }>(
    `SELECT avg(CASE WHEN decision = 's42-enquiry' THEN 1.0 ELSE 0.0 END) AS share
       FROM sg_concerns WHERE decision IS NOT NULL AND concern_received >= CAST($1 AS DATE)`,
    [file.periodStart],
  );
  const within = (v: number | null | undefined, low: number, high: number, what: string) =>
    assert.ok(v !== null && v !== undefined && v >= low && v <= high, `${what}: ${v} outside ${low}–${high}`);
  within(received?.value, 2000, 2000, 'concerns received in the year');
  within(Number(s42[0]?.share), 0.3, 0.4, 'share of decided concerns going to a section 42 enquiry');
  within(in7?.value, 82, 95, '% decided within 7 days');
  within(concluded?.value, 550, 800, 'section 42 enquiries concluded');
  within(in28?.value, 55, 80, '% concluded within 28 days');
  within(open?.value, 20, 200, 'section 42 enquiries open at the year end');
  within(msp?.value, 85, 99, '% of expressed outcomes fully or partially met');
});

test('a small and a large council both generate and load cleanly', () => {
  for (const concerns of [300, 4000]) {
    const file = generateSafeguardingCsv({ ...options, concerns });
    assert.equal(file.clean, concerns + Math.round(concerns * 0.04));
    assert.equal(file.dirty, Math.round(concerns * 0.01));
  }
  assert.equal(generateSafeguardingCsv({ ...options, dirtyRate: 0 }).dirty, 0);
});
