import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseStoreKinds, openCaseStore } from '../../../test/cld/support.js';
import { reconciles } from '../../domain/safeguarding/quality.js';
import type { CaseStore } from '../engine/case-store.js';
import { createPseudonymiser } from '../pseudonymise.js';
import { loadSafeguarding, type SafeguardingLoadInput, type SafeguardingLoadReport } from './load.js';

const pseudonymiser = createPseudonymiser(Buffer.alloc(32, 3));
const HEADER =
  'LA_CODE,LA_PERSON_ID,NHS_NUMBER,CONCERN_REFERENCE,DATE_CONCERN_RECEIVED,DATE_OF_DECISION,DECISION,' +
  'ENQUIRY_START_DATE,ENQUIRY_END_DATE,ENQUIRY_OUTCOME,DESIRED_OUTCOMES_ASKED,DESIRED_OUTCOMES_EXPRESSED,OUTCOMES_MET';
const GOOD = '873,P1,,R1,2024-05-01,2024-05-02,S42,2024-05-02,2024-05-30,Risk removed,Yes,Yes,Fully met';

const input = (text: string | Buffer, over: Partial<SafeguardingLoadInput> = {}): SafeguardingLoadInput => ({
  submissionId: 'sub-1',
  laCode: '873',
  periodStart: '2024-04-01',
  periodEnd: '2025-03-31',
  fileName: 'sg.csv',
  bytes: Buffer.isBuffer(text) ? text : Buffer.from(text),
  ...over,
});

const storedCount = async (store: CaseStore, submissionId = 'sub-1') =>
  (
    await store.all<{ n: number }>('SELECT count(*) AS n FROM sg_concerns WHERE submission_id = $1', [
      submissionId,
    ])
  )[0]?.n;

const reasons = (r: SafeguardingLoadReport) =>
  r.rejections.map((x) => [x.rowNumber, x.reasons.map((p) => p.rule).join('+')]);

for (const kind of caseStoreKinds) {
  test(`${kind}: each bad row is rejected with its row number and reason; the rest load`, async (t) => {
    const store = await openCaseStore(t, kind);
    if (!store) return;
    // prettier-ignore
    const rows = [
      GOOD,
      '873,P2,,,2024-05-01,,,,,,,,',                                   // 3 no concern reference
      '873,,,R3,2024-05-01,,,,,,,,',                                   // 4 no person identifier
      '873,P4,,R4,2024-02-30,,,,,,,,',                                 // 5 no such date
      '873,P5,,R5,2024-05-01,2024-04-30,NFA,,,,,,',                    // 6 decided before received
      '873,P6,,R6,2024-05-01,2024-05-01,S42,2024-05-10,2024-05-09,,,,', // 7 ends before it starts
      '873,P7,,R7,2025-04-01,,,,,,,,',                                 // 8 after the period end
      '874,P8,,R8,2024-05-01,,,,,,,,',                                 // 9 another council
      '873,P9,,r1,2024-06-01,,,,,,,,',                                 // 10 R1 again
      '873,P10,,R10,2024-05-01,2024-05-01,Escalated,,,,,,',            // 11 not a decision
      '873,P11,,R11,1/5/2024,3/5/2024,No further action,,,,,,',        // 12 fine: day-first dates
    ];
    const report = await loadSafeguarding(store, input([HEADER, ...rows].join('\n')), pseudonymiser);
    assert.equal(report.accepted, true);
    assert.deepEqual(reasons(report), [
      [3, 'missing-required'],
      [4, 'no-person-identifier'],
      [5, 'invalid-date'],
      [6, 'decision-before-concern'],
      [7, 'end-before-start'],
      [8, 'date-after-period-end'],
      [9, 'other-la'],
      [10, 'duplicate-reference'],
      [11, 'invalid-code'],
    ]);
    assert.deepEqual([report.read, report.loaded, report.rejected], [11, 2, 9]);
    assert.ok(reconciles(report));
    assert.equal(await storedCount(store), 2);
    const stored = await store.all(
      'SELECT concern_reference, concern_received, decision FROM sg_concerns ORDER BY row_number',
    );
    assert.deepEqual(stored, [
      { concern_reference: 'R1', concern_received: '2024-05-01', decision: 's42-enquiry' },
      { concern_reference: 'R11', concern_received: '2024-05-01', decision: 'no-further-action' },
    ]);
  });

  test(`${kind}: a file that cannot load as a whole is refused with a clear reason and writes nothing`, async (t) => {
    const store = await openCaseStore(t, kind);
    if (!store) return;
    const cases: [string, string | Buffer, RegExp][] = [
      ['empty', '', /The file is empty/],
      ['blank lines only', '\n\n,,,\n', /The file is empty/],
      ['header only', `${HEADER}\n`, /header row but no concerns/],
      ['a column missing', `${HEADER.replace(',DECISION,', ',')}\n${GOOD}`, /no 'Decision' column/],
      [
        'no person column',
        `${HEADER.replace('LA_PERSON_ID,NHS_NUMBER,', '')}\n873,R1,2024-05-01`,
        /neither an 'LA Person/,
      ],
      ['not a safeguarding file', 'Measure,Value\nASCOF 1A,19.2\n', /no 'Concern Reference' column/],
      ['broken quoting', `${HEADER}\n873,"P1,,R1,2024-05-01\n`, /cannot be read as CSV: Quote Not Closed/],
    ];
    for (const [label, text, message] of cases) {
      const report = await loadSafeguarding(store, input(text, { submissionId: label }), pseudonymiser);
      assert.equal(report.accepted, false, label);
      assert.match(report.fileProblems.map((p) => p.message).join(' '), message, label);
      assert.deepEqual([report.read, report.loaded, report.rejected], [0, 0, 0], label);
      assert.equal(await storedCount(store, label), 0, label);
    }
  });

  test(`${kind}: loading a submission again replaces its rows; other submissions stay`, async (t) => {
    const store = await openCaseStore(t, kind);
    if (!store) return;
    const text = `${HEADER}\n${GOOD}\n873,P2,,R2,2024-06-01,,,,,,,,\n`;
    await loadSafeguarding(store, input(text), pseudonymiser);
    await loadSafeguarding(store, input(text, { submissionId: 'sub-2' }), pseudonymiser);
    const again = await loadSafeguarding(store, input(text), pseudonymiser);
    assert.equal(again.loaded, 2);
    assert.equal(await storedCount(store), 2);
    assert.equal(await storedCount(store, 'sub-2'), 2);
  });
}

test('a Windows-1252 file with ragged rows and CRLF line ends loads', async (t) => {
  const store = await openCaseStore(t, 'duckdb');
  assert.ok(store);
  // 0x92 is a Windows-1252 right quote: "Don’t know" must still read as don't know.
  const latin = Buffer.concat([
    Buffer.from(`${HEADER}\r\n873,P1,,R1,2024-05-01,2024-05-02,S42,2024-05-02,,,Don`),
    Buffer.from([0x92]),
    Buffer.from('t know\r\n873,P2,,R2,2024-05-03\r\n'),
  ]);
  const report = await loadSafeguarding(store, input(latin), pseudonymiser);
  assert.deepEqual([report.loaded, report.rejected], [2, 0]);
  const [row] = await store.all(
    'SELECT desired_outcome_asked FROM sg_concerns WHERE concern_reference = $1',
    ['R1'],
  );
  assert.deepEqual(row, { desired_outcome_asked: 'dont-know' });
});

test('a malformed reporting period is the caller’s mistake and throws', async (t) => {
  const store = await openCaseStore(t, 'duckdb');
  assert.ok(store);
  await assert.rejects(
    loadSafeguarding(
      store,
      input(GOOD, { periodStart: '2025-04-01', periodEnd: '2025-03-31' }),
      pseudonymiser,
    ),
    /Not a reporting period/,
  );
  await assert.rejects(
    loadSafeguarding(store, input(GOOD, { submissionId: ' ' }), pseudonymiser),
    /submission id/,
  );
});

test('thousands of rows load in batches', async (t) => {
  const store = await openCaseStore(t, 'duckdb');
  assert.ok(store);
  const rows = Array.from({ length: 1234 }, (_, i) => `873,P${i},,R${i},2024-05-01,,,,,,,,`);
  const report = await loadSafeguarding(store, input([HEADER, ...rows].join('\n')), pseudonymiser);
  assert.equal(report.loaded, 1234);
  assert.equal(await storedCount(store), 1234);
});
