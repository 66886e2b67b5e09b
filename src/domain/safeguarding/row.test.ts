import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapSafeguardingHeaders } from './headers.js';
import { parseSafeguardingRow, type SgParseResult } from './row.js';

const HEADERS = [
  'LA Code',
  'LA Person Unique Identifier',
  'NHS Number',
  'Concern Reference',
  'Date Concern Received',
  'Date of Decision',
  'Decision',
  'Enquiry Start Date',
  'Enquiry End Date',
  'Enquiry Outcome',
  'Desired Outcomes Asked',
  'Desired Outcomes Expressed',
  'Outcomes Met',
] as const;
type Header = (typeof HEADERS)[number];

const context = {
  laCode: 'E08000003',
  periodEnd: '2025-03-31',
  columns: mapSafeguardingHeaders(HEADERS),
  headerLength: HEADERS.length,
};

const concluded: Record<Header, string> = {
  'LA Code': 'E08000003',
  'LA Person Unique Identifier': 'P-1001',
  'NHS Number': '943 476 5919',
  'Concern Reference': 'SG-1',
  'Date Concern Received': '2024-05-01',
  'Date of Decision': '03/05/2024',
  Decision: 'Section 42 enquiry',
  'Enquiry Start Date': '2024-05-03',
  'Enquiry End Date': '2024-05-20',
  'Enquiry Outcome': 'Risk reduced',
  'Desired Outcomes Asked': 'Yes',
  'Desired Outcomes Expressed': 'Yes',
  'Outcomes Met': 'Partially met',
};

const parse = (over: Partial<Record<Header, string>> = {}, extra: string[] = []): SgParseResult =>
  parseSafeguardingRow([...HEADERS.map((h) => over[h] ?? concluded[h]), ...extra], 7, context);

const rejectedFor = (result: SgParseResult) => {
  assert.equal(result.ok, false, 'expected the row to be rejected');
  return result.problems.filter((p) => p.severity === 'reject').map((p) => p.rule);
};

test('a concluded section 42 enquiry loads with canonical codes and ISO dates', () => {
  const r = parse();
  assert.ok(r.ok);
  assert.deepEqual(r.concern, {
    rowNumber: 7,
    laCode: 'E08000003',
    concernReference: 'SG-1',
    concernReceived: '2024-05-01',
    decisionDate: '2024-05-03',
    decision: 's42-enquiry',
    enquiryStart: '2024-05-03',
    enquiryEnd: '2024-05-20',
    enquiryOutcome: 'risk-reduced',
    desiredOutcomeAsked: 'yes',
    desiredOutcomeExpressed: true,
    outcomesMet: 'partially',
  });
  assert.deepEqual(r.identifiers, { nhsNumber: '9434765919', laPersonId: 'P-1001' });
  assert.deepEqual(r.problems, []);
  assert.equal(r.fields.outcomesMet.applicable, true);
});

test('a concern with no further action or no decision yet loads, and enquiry fields do not apply', () => {
  const nfa = parse({
    Decision: 'NFA',
    'Enquiry Start Date': '',
    'Enquiry End Date': '',
    'Enquiry Outcome': '',
    'Desired Outcomes Asked': '',
    'Desired Outcomes Expressed': '',
    'Outcomes Met': '',
  });
  assert.ok(nfa.ok);
  assert.equal(nfa.concern.decision, 'no-further-action');
  assert.equal(nfa.fields.enquiryStart.applicable, false);
  assert.equal(nfa.fields.desiredOutcomeAsked.applicable, false);
  const waiting = parse({
    'Date of Decision': '',
    Decision: '',
    'Enquiry Start Date': '',
    'Enquiry End Date': '',
  });
  assert.ok(waiting.ok);
  assert.equal(waiting.concern.decision, null);
  assert.equal(waiting.fields.decision.state, 'blank');
  assert.equal(waiting.fields.decision.applicable, true);
});

test('an open enquiry loads; the outcome questions apply only once it has concluded', () => {
  const r = parse({ 'Enquiry End Date': '', 'Enquiry Outcome': '', 'Outcomes Met': '' });
  assert.ok(r.ok);
  assert.equal(r.concern.enquiryEnd, null);
  assert.equal(r.fields.enquiryOutcome.applicable, false);
  assert.equal(r.fields.outcomesMet.applicable, false);
  assert.equal(r.fields.desiredOutcomeExpressed.applicable, true);
});

test('blank required fields reject the row', () => {
  assert.deepEqual(rejectedFor(parse({ 'Concern Reference': ' ' })), ['missing-required']);
  assert.deepEqual(rejectedFor(parse({ 'Date Concern Received': '' })), ['missing-required']);
  assert.deepEqual(rejectedFor(parse({ 'LA Code': '' })), ['missing-required']);
  assert.deepEqual(rejectedFor(parse({ Decision: '' })), ['missing-required']);
  assert.deepEqual(rejectedFor(parse({ 'Date of Decision': '' })), ['missing-required']);
  assert.deepEqual(rejectedFor(parse({ 'Enquiry Start Date': '', 'Enquiry End Date': '' })), [
    'missing-required',
  ]);
});

test('unreadable dates and decisions reject the row and say what was sent', () => {
  const badDate = parse({ 'Enquiry End Date': '31/02/2024' });
  assert.deepEqual(rejectedFor(badDate), ['invalid-date']);
  assert.match(badDate.problems[0]?.message ?? '', /'31\/02\/2024' in 'Enquiry End Date' is not a date/);
  assert.equal(badDate.fields.enquiryEnd.invalidValue, '31/02/2024');
  assert.deepEqual(rejectedFor(parse({ 'Date Concern Received': 'last Tuesday' })), ['invalid-date']);
  assert.deepEqual(rejectedFor(parse({ Decision: 'Escalate' })), ['invalid-code']);
});

test('dates out of order reject the row', () => {
  assert.deepEqual(rejectedFor(parse({ 'Date of Decision': '2024-04-30' })), ['decision-before-concern']);
  assert.deepEqual(rejectedFor(parse({ 'Enquiry Start Date': '2024-04-29' })), ['enquiry-before-concern']);
  assert.deepEqual(rejectedFor(parse({ 'Enquiry End Date': '2024-05-02' })), ['end-before-start']);
});

test('enquiry dates on a concern that opened no enquiry reject the row', () => {
  assert.deepEqual(rejectedFor(parse({ Decision: 'No further action' })), [
    'enquiry-without-enquiry-decision',
  ]);
  assert.deepEqual(rejectedFor(parse({ Decision: '', 'Date of Decision': '' })), [
    'enquiry-without-enquiry-decision',
  ]);
});

test('a date after the period end rejects the row, whichever date it is', () => {
  assert.deepEqual(rejectedFor(parse({ 'Enquiry End Date': '2025-04-01' })), ['date-after-period-end']);
  // The period end itself is inside the period.
  assert.ok(parse({ 'Enquiry End Date': '2025-03-31' }).ok);
  // Before the period start is fine: enquiries carried over from the previous year conclude in this one.
  assert.ok(parse({ 'Date Concern Received': '2023-12-01', 'Date of Decision': '2023-12-05' }).ok);
});

test("another council's row is rejected; the council code compares without case", () => {
  assert.deepEqual(rejectedFor(parse({ 'LA Code': 'E08000004' })), ['other-la']);
  assert.ok(parse({ 'LA Code': ' e08000003 ' }).ok);
});

test('a row needs an LA person id or a valid NHS number', () => {
  const r = parse({ 'LA Person Unique Identifier': '', 'NHS Number': '1234567890' });
  assert.deepEqual(rejectedFor(r), ['no-person-identifier']);
  assert.ok(!r.problems.some((p) => p.message.includes('1234567890')), 'identifiers are never quoted');
  const laOnly = parse({ 'NHS Number': '1234567890' });
  assert.ok(laOnly.ok);
  assert.deepEqual(laOnly.identifiers, { nhsNumber: null, laPersonId: 'P-1001' });
  assert.deepEqual(
    laOnly.problems.map((p) => [p.rule, p.severity]),
    [['invalid-identifier', 'flag']],
  );
  assert.equal(laOnly.fields.nhsNumber.invalidValue, undefined);
  assert.ok(parse({ 'LA Person Unique Identifier': '' }).ok);
});

test('an unreadable optional answer is flagged and loads as blank', () => {
  const r = parse({ 'Outcomes Met': 'Mostly', 'Enquiry Outcome': 'Sorted' });
  assert.ok(r.ok);
  assert.equal(r.concern.outcomesMet, null);
  assert.equal(r.concern.enquiryOutcome, null);
  assert.deepEqual(
    r.problems.map((p) => [p.field, p.rule, p.severity]),
    [
      ['enquiryOutcome', 'invalid-code', 'flag'],
      ['outcomesMet', 'invalid-code', 'flag'],
    ],
  );
});

test('a row with more filled cells than the header is rejected; trailing blanks are fine', () => {
  assert.deepEqual(rejectedFor(parse({}, ['stray'])), ['extra-cells']);
  assert.ok(parse({}, ['', ' ']).ok);
});
