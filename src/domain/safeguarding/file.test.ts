import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSafeguardingFile } from './file.js';
import { completeness, reconciles, type SafeguardingQuality } from './quality.js';

const context = { laCode: '318', periodEnd: '2025-03-31' };
const HEADER = [
  'la_code',
  'la_person_unique_identifier',
  'nhs_number',
  'concern_reference',
  'date_concern_received',
  'date_of_decision',
  'decision',
  'enquiry_start_date',
  'enquiry_end_date',
  'enquiry_outcome',
  'desired_outcomes_asked',
  'desired_outcomes_expressed',
  'outcomes_met',
];
// prettier-ignore
const ROWS = [
  ['318', 'P1', '', 'C1', '2024-04-02', '2024-04-04', 'S42', '2024-04-04', '2024-04-30', 'Risk removed', 'Yes', 'Yes', 'Fully met'],
  ['318', 'P2', '', 'C2', '2024-04-03', '2024-04-20', 'NFA', '', '', '', '', '', ''],
  ['', '', '', '', '', '', '', '', '', '', '', '', ''],
  ['318', 'P3', '', 'c1', '2024-04-05', '', '', '', '', '', '', '', ''],
  ['318', 'P4', '', 'C3', '2024-13-01', '', '', '', '', '', '', '', ''],
  ['318', 'P5', '', 'C3', '2024-05-01', '2024-05-02', 'Other enquiry', '2024-05-02', '', '', 'Perhaps', '', ''],
  ['999', 'P6', '', 'C4', '2024-05-01', '', '', '', '', '', '', '', ''],
];

const quality = (records: string[][]): SafeguardingQuality => parseSafeguardingFile(records, context).quality;

test('every row is loaded or rejected with its spreadsheet row number; blank rows are skipped', () => {
  const file = parseSafeguardingFile([HEADER, ...ROWS], context);
  assert.equal(file.accepted, true);
  const q = file.quality;
  assert.equal(q.read, 6);
  assert.equal(q.loaded, 3);
  assert.equal(q.rejected, 3);
  assert.ok(reconciles(q));
  assert.deepEqual(
    q.rejections.map((r) => [r.rowNumber, r.reasons.map((x) => x.rule)]),
    [
      [5, ['duplicate-reference']],
      [6, ['invalid-date']],
      [8, ['other-la']],
    ],
  );
  assert.match(q.rejections[0]?.reasons[0]?.message ?? '', /already used on row 2/);
  assert.deepEqual(q.rejectionsByRule, { 'duplicate-reference': 1, 'invalid-date': 1, 'other-la': 1 });
  assert.deepEqual(q.flagsByRule, { 'invalid-code': 1 });
});

test('a reference belongs to the first row that loads with it', () => {
  // Row 6 rejected C3 for its date, so row 7's C3 is the first to load.
  const loaded = parseSafeguardingFile([HEADER, ...ROWS], context).results.filter((r) => r.ok);
  assert.deepEqual(
    loaded.map((r) => r.ok && r.concern.concernReference),
    ['C1', 'C2', 'C3'],
  );
});

test('completeness counts only the rows a field applies to, loaded or not', () => {
  const q = quality([HEADER, ...ROWS]);
  const f = (key: string) => q.fields.find((x) => x.field === key);
  // Every one of the 6 rows read needs a decision; C1, C2 and C3 (row 7) have one.
  assert.deepEqual(f('decision'), {
    field: 'decision',
    header: 'Decision',
    applicable: 6,
    filled: 3,
    invalid: 0,
    invalidExamples: [],
  });
  assert.equal(completeness(f('decision')!), 0.5);
  // Enquiry end applies to the two enquiries (C1 and the open C3): one filled.
  assert.deepEqual([f('enquiryEnd')?.applicable, f('enquiryEnd')?.filled], [2, 1]);
  assert.deepEqual(f('desiredOutcomeAsked')?.invalidExamples, [{ value: 'Perhaps', count: 1 }]);
  assert.deepEqual(f('concernReceived')?.invalidExamples, [{ value: '2024-13-01', count: 1 }]);
  assert.equal(completeness(f('outcomesMet')!), 1);
  assert.equal(f('nhsNumber')?.filled, 0);
});

test('an empty file, a header with no rows, and a file missing columns are refused whole', () => {
  for (const [records, rule] of [
    [[], 'empty-file'],
    [[[''], ['', '']], 'empty-file'],
    [[HEADER, ['', '']], 'no-rows'],
    [[HEADER.filter((h) => h !== 'decision'), ['318']], 'missing-column'],
    [
      [
        ['Name', 'Address'],
        ['A', 'B'],
      ],
      'missing-column',
    ],
  ] as [string[][], string][]) {
    const file = parseSafeguardingFile(records, context);
    assert.equal(file.accepted, false);
    assert.deepEqual(file.results, []);
    assert.deepEqual([file.quality.read, file.quality.loaded, file.quality.rejected], [0, 0, 0]);
    assert.ok(
      file.quality.fileProblems.some((p) => p.rule === rule && p.severity === 'reject'),
      rule,
    );
  }
});
