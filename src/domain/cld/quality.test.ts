import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  completeness,
  mergeQuality,
  reconciles,
  summariseQuality,
  validity,
  type QualityReport,
} from './quality.js';
import { mapHeaders, parseCldRow, type CldRowContext } from './row.js';

const context: CldRowContext = {
  reportingPeriodStart: '2023-04-01',
  reportingPeriodEnd: '2024-03-31',
  laCode: '318',
  release: 'auto',
};

// Underscore headers, as the national tables name the columns.
const row = (over: Record<string, string> = {}): Record<string, string> => ({
  LA_Code: '318',
  Reporting_Period_Start_Date: '2023-04-01',
  Reporting_Period_End_Date: '2024-03-31',
  LA_Person_Unique_Identifier: 'P1',
  NHS_Number: '9434765919',
  Gender: 'Male',
  Ethnicity: 'White: Irish',
  Date_of_Birth: '1950-01-01',
  Date_of_Death: '',
  Client_Type: 'Service User',
  Primary_Support_Reason: 'Mental Health Support',
  Postcode: 'LS1 4AP',
  Accommodation_Status: 'Tenant',
  Employment_Status: '',
  Has_Unpaid_Carer: 'No',
  Client_Funding_Status: 'Unknown',
  Event_Type: 'Assessment',
  Event_Start_Date: '2023-06-01',
  Event_End_Date: '2023-06-20',
  Event_Outcome: 'NFA - Support declined',
  Request_Route_of_Access: '',
  Assessment_Type: 'Long Term Assessment',
  Method_of_Assessment: 'Face to face',
  Service_Type: '',
  Service_Component: '',
  Review_Reason: '',
  Review_Outcomes_Achieved: '',
  Method_of_Review: '',
  Unit_Cost: '',
  Cost_Frequency_Unit_Type: '',
  Planned_Units_Per_Week: '',
  ...over,
});

const rows = [
  row(),
  row({ Primary_Support_Reason: '' }), // flagged: PSR missing on an assessment
  row({
    Event_Type: 'Request',
    Primary_Support_Reason: '',
    Assessment_Type: '',
    Method_of_Assessment: '',
    Request_Route_of_Access: 'Prison',
  }),
  row({ Primary_Support_Reason: 'Mental Health' }), // flagged: invalid code
  row({ Primary_Support_Reason: 'Mental Health', NHS_Number: '1234567890' }), // two invalid values
  row({ LA_Code: '999' }), // rejected: another council
  row({ Event_End_Date: '2023-05-01' }), // rejected: ends before it starts
];

const parse = (list: Record<string, string>[], first = 2) =>
  list.map((r, i) => parseCldRow(r, first + i, context));
const field = (report: QualityReport, key: string) => {
  const f = report.fields.find((x) => x.field === key);
  assert.ok(f, key);
  return f;
};

test('totals reconcile: every row read is loaded or rejected, with its reasons', () => {
  const report = summariseQuality(parse(rows));
  assert.equal(report.read, 7);
  assert.equal(report.loaded, 5);
  assert.equal(report.rejected, 2);
  assert.ok(reconciles(report));
  assert.deepEqual(
    report.rejections.map((r) => [r.rowNumber, r.reasons.map((p) => p.rule)]),
    [
      [7, ['other-la']],
      [8, ['end-before-start']],
    ],
  );
  assert.deepEqual(report.rejectionsByRule, { 'other-la': 1, 'end-before-start': 1 });
});

test('completeness counts only the rows a field applies to', () => {
  const psr = field(summariseQuality(parse(rows)), 'primarySupportReason');
  // Applies to every row; mandatory on all but the request.
  assert.equal(psr.applicable, 7);
  assert.equal(psr.filled, 5);
  assert.equal(psr.mandatory, 6);
  assert.equal(psr.missingMandatory, 1);
  assert.equal(completeness(psr), 5 / 7);
  const route = field(summariseQuality(parse(rows)), 'routeOfAccess');
  assert.equal(route.applicable, 1);
  assert.equal(completeness(route), 1);
  assert.equal(completeness(field(summariseQuality(parse(rows)), 'reviewReason')), null);
});

test('invalid values are counted with examples', () => {
  const psr = field(summariseQuality(parse(rows)), 'primarySupportReason');
  assert.equal(psr.invalid, 2);
  assert.deepEqual(psr.invalidExamples, [{ value: 'Mental Health', count: 2 }]);
  assert.equal(validity(psr), 3 / 5);
});

test('invalid identifiers are counted but never shown', () => {
  const nhs = field(summariseQuality(parse(rows)), 'nhsNumber');
  assert.equal(nhs.invalid, 1);
  assert.deepEqual(nhs.invalidExamples, [{ value: '[withheld]', count: 1 }]);
});

test('flags are counted by rule', () => {
  const report = summariseQuality(parse(rows));
  assert.equal(report.flagsByRule['missing-mandatory'], 1);
  assert.equal(report.flagsByRule['invalid-code'], 2);
  assert.equal(report.flagsByRule['invalid-identifier'], 1);
});

test('file problems are carried into the report', () => {
  const headers = mapHeaders([...Object.keys(row()), 'Notes']);
  const report = summariseQuality(parse(rows), headers.problems);
  assert.deepEqual(
    report.fileProblems.map((p) => p.rule),
    ['unknown-column'],
  );
});

test('reports of chunks merge into the report of the whole', () => {
  const whole = summariseQuality(parse(rows));
  const merged = mergeQuality(
    summariseQuality(parse(rows.slice(0, 4))),
    summariseQuality(parse(rows.slice(4), 6)),
  );
  assert.deepEqual(merged, whole);
  assert.ok(reconciles(merged));
});

test('an empty file reconciles too', () => {
  const report = summariseQuality([]);
  assert.equal(report.read, 0);
  assert.ok(reconciles(report));
});
