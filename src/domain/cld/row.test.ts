import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  detectRelease,
  isValidNhsNumber,
  mapHeaders,
  parseCldRow,
  postcodeDistrict,
  pseudonymiseEvent,
  type CldEvent,
  type CldRowContext,
  type ParseResult,
} from './row.js';

const context: CldRowContext = {
  reportingPeriodStart: '2023-04-01',
  reportingPeriodEnd: '2024-03-31',
  laCode: '318',
  release: 'auto',
};

/** A long-term community service in release 1 spellings, template headers. */
const r1Service = (over: Record<string, string> = {}): Record<string, string> => ({
  'LA Code': '318',
  'Reporting Period Start Date': '2023-04-01',
  'Reporting Period End Date': '2024-03-31',
  'LA Person Unique Identifier': 'P0001',
  'NHS Number': '943 476 5919',
  'First Name': 'Ada',
  'Last Name': 'Example',
  'GP Practice Code': 'Y00001',
  'GP Practice Name': 'Example Surgery',
  Gender: 'Female',
  Ethnicity: 'White: Irish',
  'Date of Birth': '15/06/1950',
  'Date of Death': '',
  'Client Type': 'Service User',
  'Primary Support Reason': 'Physical Support: Access & mobility only',
  Postcode: 'LS1 4AP',
  'Accommodation Status': 'Owner occupier or shared ownership scheme',
  'Employment Status': '',
  'Has Unpaid Carer': 'Yes',
  'Autism Spectrum Disorder (ASD)': 'No',
  'Visual Impairment': 'No',
  'Hearing Impairment': 'Unknown',
  Dementia: 'No',
  'Client Funding Status': 'Fully LA Funded',
  'Event Type': 'Service',
  'Event Reference': 'E1',
  'Event Start Date': '2023-05-01',
  'Event End Date': '',
  'Event Description': '',
  'Event Outcome': '',
  'Request: Route of Access': '',
  'Assessment Type': '',
  'Eligible Needs Identified': '',
  'Method of Assessment': '',
  'Total Hrs Caring per week': '',
  'No of adults being cared for': '',
  'Adult 1 Linked Person ID': '',
  'Adult 2 Linked Person ID': '',
  'Adult 3 Linked Person ID': '',
  'Service Type': 'Long Term Support: Community',
  'Service Component': 'Home Support',
  'Delivery Mechanism': 'Direct Payment',
  'Provider CQC Location ID': '1-000000001',
  'Provider CQC Location Name': 'Example Care Ltd',
  'Review Reason': '',
  'Review Outcomes Achieved': '',
  'Method of Review': '',
  'Unit Cost': '18.50',
  'Cost Frequency (Unit Type)': 'Hourly',
  'Planned units per week': '10.5',
  ...over,
});

/** The same service as a release 2 extract would spell it. */
const r2Service = (over: Record<string, string> = {}) =>
  r1Service({
    'Client Type': 'Service user',
    'Primary Support Reason': 'Physical support: Access and mobility only',
    'Client Funding Status': 'Fully social care funded',
    'Visual Impairment': 'No visual impairment',
    'Service Type': 'Long term support: Community',
    'Service Component': 'Home support or domiciliary care',
    'Delivery Mechanism': 'Direct payment',
    ...over,
  });

const r1Request = (over: Record<string, string> = {}) =>
  r1Service({
    'Event Type': 'Request',
    'Event Start Date': '2023-06-01',
    'Event End Date': '2023-06-02',
    'Event Outcome': 'NFA - Information & Advice / Signposting only',
    'Request: Route of Access': 'Community / Other route',
    'Primary Support Reason': '',
    'Service Type': '',
    'Service Component': '',
    'Delivery Mechanism': '',
    'Unit Cost': '',
    'Cost Frequency (Unit Type)': '',
    'Planned units per week': '',
    ...over,
  });

function loaded(result: ParseResult): CldEvent {
  assert.ok(result.ok, `expected the row to load: ${JSON.stringify(result.problems)}`);
  return result.event;
}
const rules = (result: ParseResult) => result.problems.map((p) => `${p.severity}:${p.rule}:${p.field ?? ''}`);
const rejectedFor = (result: ParseResult, rule: string) => {
  assert.equal(result.ok, false, 'expected the row to be rejected');
  assert.ok(
    result.problems.some((p) => p.severity === 'reject' && p.rule === rule),
    `expected ${rule}, got ${rules(result).join(', ')}`,
  );
};

// Headers

test('headers match whatever their case, spacing, underscores or punctuation', () => {
  const mapping = mapHeaders([
    'LA_CODE',
    'event start date',
    'Cost_Frequency_(Unit_Type)',
    'AUTISM SPECTRUM DISORDER ASD',
  ]);
  assert.equal(mapping.byField.get('laCode'), 'LA_CODE');
  assert.equal(mapping.byField.get('eventStartDate'), 'event start date');
  assert.equal(mapping.byField.get('costFrequency'), 'Cost_Frequency_(Unit_Type)');
  assert.equal(mapping.byField.get('autism'), 'AUTISM SPECTRUM DISORDER ASD');
});

test('a complete template maps every field and misses nothing', () => {
  const mapping = mapHeaders(Object.keys(r1Service()));
  assert.deepEqual(mapping.missingRequired, []);
  assert.deepEqual(mapping.unknown, []);
  assert.deepEqual(mapping.problems, []);
});

test('missing required columns are a file-level rejection; unknown and duplicate columns are flagged', () => {
  const headers = Object.keys(r1Service()).filter((h) => h !== 'Service Type' && h !== 'Event Start Date');
  const mapping = mapHeaders([...headers, 'Favourite Colour', 'LA_Code']);
  assert.deepEqual(mapping.missingRequired.sort(), ['eventStartDate', 'serviceType']);
  assert.deepEqual(mapping.unknown, ['Favourite Colour']);
  const byRule = (rule: string) => mapping.problems.filter((p) => p.rule === rule);
  assert.equal(byRule('missing-column').length, 2);
  assert.ok(byRule('missing-column').every((p) => p.severity === 'reject'));
  assert.equal(byRule('unknown-column')[0]?.severity, 'flag');
  assert.equal(byRule('duplicate-column')[0]?.field, 'laCode');
});

test('columns a council may withhold (names, GP, postcode) do not stop a file', () => {
  const withheld = ['First Name', 'Last Name', 'GP Practice Code', 'GP Practice Name', 'Postcode'];
  const mapping = mapHeaders(Object.keys(r1Service()).filter((h) => !withheld.includes(h)));
  assert.deepEqual(mapping.missingRequired, []);
  assert.deepEqual(
    mapping.problems.map((p) => `${p.severity}:${p.rule}:${p.field}`),
    ['flag:missing-column:postcode'],
  );
});

// A row that loads

test('a release 1 service row loads with canonical values, ISO dates and exact costs', () => {
  const event = loaded(parseCldRow(r1Service(), 2, context));
  assert.equal(event.rowNumber, 2);
  assert.equal(event.clientType, 'service-user');
  assert.equal(event.eventType, 'service');
  assert.equal(event.serviceType, 'long-term-community');
  assert.equal(event.deliveryMechanism, 'direct-payment');
  assert.equal(event.primarySupportReason, 'physical-access-mobility');
  assert.equal(event.eventStartDate, '2023-05-01');
  assert.equal(event.eventEndDate, null);
  assert.equal(event.birthMonth, '1950-06');
  assert.equal(event.ageAtPeriodEnd, 73);
  assert.equal(event.unitCostPence, 1850n);
  assert.equal(event.plannedUnitsPerWeek, '10.5');
  assert.equal(event.weeklyCostPence, 19425n);
  assert.equal(event.postcodeDistrict, 'LS1');
  assert.deepEqual(event.directIdentifiers, {
    nhsNumber: '9434765919',
    laPersonId: 'P0001',
    linkedPersonIds: [],
  });
});

test('release 1 and release 2 spellings of the same row give the same event', () => {
  const a = loaded(parseCldRow(r1Service(), 2, context));
  const b = loaded(parseCldRow(r2Service(), 2, context));
  assert.equal(a.release, 1);
  assert.equal(b.release, 2);
  assert.deepEqual({ ...a, release: null }, { ...b, release: null });
});

test('values are matched whatever their case by default', () => {
  const event = loaded(
    parseCldRow(
      r1Service({ 'Service Type': 'LONG TERM SUPPORT: COMMUNITY', 'Client Type': 'service user' }),
      2,
      context,
    ),
  );
  assert.equal(event.serviceType, 'long-term-community');
  assert.deepEqual(
    rules(parseCldRow(r1Service({ 'Service Type': 'long term support: community' }), 2, context)),
    [],
  );
});

test('with exact matching a case variant is an invalid code', () => {
  const result = parseCldRow(r1Service({ 'Service Type': 'long term support: COMMUNITY' }), 2, {
    ...context,
    caseInsensitive: false,
  });
  assert.deepEqual(rules(result), ['flag:invalid-code:serviceType']);
  assert.equal(loaded(result).serviceType, null);
});

test('nothing that identifies a person directly leaves the parser outside directIdentifiers', () => {
  const event = loaded(parseCldRow(r1Service(), 2, context));
  const { directIdentifiers: _ids, ...rest } = event;
  const text = JSON.stringify(rest, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  for (const secret of [
    'Ada',
    'Example Surgery',
    'Y00001',
    'LS1 4AP',
    '4AP',
    '15/06/1950',
    '1950-06-15',
    '9434765919',
    'P0001',
  ]) {
    assert.ok(!text.includes(secret), `${secret} leaked`);
  }
});

test('pseudonymising an event replaces the identifiers with keyed hashes', () => {
  const event = loaded(
    parseCldRow(r1Service({ 'Client Type': 'Carer', 'Adult 1 Linked Person ID': 'P0002' }), 2, context),
  );
  const stored = pseudonymiseEvent(event, {
    nhsNumber: (v) => `N:${v.length}`,
    laPersonId: (la, v) => `L:${la}:${v.length}`,
  });
  assert.equal('directIdentifiers' in stored, false);
  assert.deepEqual(stored.pseudonyms, {
    nhsNumber: 'N:10',
    laPersonId: 'L:318:5',
    linkedPersonIds: ['L:318:5'],
  });
});

// Mandatory and applicable

test('a missing primary support reason is flagged on a service and not on a request', () => {
  const service = parseCldRow(r1Service({ 'Primary Support Reason': '' }), 2, context);
  assert.deepEqual(rules(service), ['flag:missing-mandatory:primarySupportReason']);
  assert.ok(service.ok);
  assert.deepEqual(rules(parseCldRow(r1Request(), 3, context)), []);
});

test('employment status is required of a working-age learning-disability service user only', () => {
  const ld = { 'Primary Support Reason': 'Learning Disability Support' };
  assert.deepEqual(rules(parseCldRow(r1Service({ ...ld, 'Date of Birth': '1990-01-01' }), 2, context)), [
    'flag:missing-mandatory:employmentStatus',
  ]);
  assert.deepEqual(rules(parseCldRow(r1Service({ ...ld, 'Date of Birth': '1950-01-01' }), 2, context)), []);
  const employed = loaded(
    parseCldRow(
      r1Service({
        ...ld,
        'Date of Birth': '1990-01-01',
        'Employment Status': 'Paid: 16 or more hours a week',
      }),
      2,
      context,
    ),
  );
  assert.equal(employed.employmentStatus, 'paid-16-hours-or-more');
});

test('a row without a usable date of birth is kept, flagged, and its age-based rules do not apply', () => {
  const result = parseCldRow(
    r1Service({ 'Date of Birth': '', 'Primary Support Reason': 'Learning Disability Support' }),
    2,
    context,
  );
  assert.deepEqual(rules(result), ['flag:missing-mandatory:dateOfBirth']);
  const event = loaded(result);
  assert.equal(event.ageAtPeriodEnd, null);
  assert.equal(result.fields.employmentStatus.mandatory, false);
  const unreadable = parseCldRow(r1Service({ 'Date of Birth': '31/02/1950' }), 2, context);
  assert.deepEqual(rules(unreadable), ['flag:invalid-date:dateOfBirth']);
  assert.ok(!unreadable.problems[0]?.message.includes('1950'), 'the birth date is not echoed');
});

test('a request needs its end date and route of access', () => {
  const result = parseCldRow(r1Request({ 'Event End Date': '', 'Request: Route of Access': '' }), 3, context);
  assert.deepEqual(
    rules(result).sort(),
    ['flag:missing-mandatory:eventEndDate', 'flag:missing-mandatory:routeOfAccess'].sort(),
  );
  assert.ok(result.ok, 'a request without an end date is loaded and counted as incomplete');
});

test('a carer known by association loads without any event', () => {
  const event = loaded(
    parseCldRow(
      r1Service({
        'Client Type': 'Carer known by association',
        'Event Type': '',
        'Event Start Date': '',
        'Service Type': '',
        'Service Component': '',
        'Delivery Mechanism': '',
        'Unit Cost': '',
        'Cost Frequency (Unit Type)': '',
        'Planned units per week': '',
        'Primary Support Reason': 'Unknown',
      }),
      2,
      context,
    ),
  );
  assert.equal(event.eventType, null);
  assert.equal(event.clientType, 'carer-known-by-association');
});

test('a missing event type or start date rejects a row with events', () => {
  rejectedFor(parseCldRow(r1Service({ 'Event Type': '' }), 2, context), 'missing-mandatory');
  rejectedFor(parseCldRow(r1Service({ 'Event Start Date': '' }), 2, context), 'missing-mandatory');
});

// Codes

test('an unknown code is flagged and the field left empty', () => {
  const result = parseCldRow(r1Service({ 'Delivery Mechanism': 'Cash in hand' }), 2, context);
  assert.deepEqual(rules(result), ['flag:invalid-code:deliveryMechanism']);
  assert.match(result.problems[0]?.message ?? '', /Cash in hand/);
  assert.equal(loaded(result).deliveryMechanism, null);
  assert.equal(result.fields.deliveryMechanism.state, 'invalid');
});

test('an unknown event type or client type rejects the row', () => {
  rejectedFor(parseCldRow(r1Service({ 'Event Type': 'Referral' }), 2, context), 'invalid-code');
  rejectedFor(parseCldRow(r1Service({ 'Client Type': 'Patient' }), 2, context), 'invalid-code');
});

test('a file declared as one release flags the other release spellings', () => {
  const result = parseCldRow(r2Service(), 2, { ...context, release: 1 });
  assert.ok(result.ok);
  assert.deepEqual(
    rules(result).sort(),
    [
      'flag:wrong-release:clientFundingStatus',
      'flag:wrong-release:primarySupportReason',
      'flag:wrong-release:serviceComponent',
    ].sort(),
  );
  assert.deepEqual(rules(parseCldRow(r2Service(), 2, { ...context, release: 2 })), []);
});

// Dates

test('an unreadable event date rejects the row', () => {
  rejectedFor(parseCldRow(r1Service({ 'Event Start Date': '2023-02-30' }), 2, context), 'invalid-date');
  rejectedFor(parseCldRow(r1Service({ 'Event End Date': 'ongoing' }), 2, context), 'invalid-date');
});

test('an event that ends before it starts is rejected', () => {
  rejectedFor(parseCldRow(r1Service({ 'Event End Date': '2023-04-30' }), 2, context), 'end-before-start');
});

test('an event that starts after the person died is rejected; one that ends after is flagged', () => {
  rejectedFor(parseCldRow(r1Service({ 'Date of Death': '2023-04-15' }), 2, context), 'event-after-death');
  const endsLate = parseCldRow(
    r1Service({
      'Date of Death': '2023-06-01',
      'Event End Date': '2023-06-10',
      'Event Outcome': 'NFA - Deceased',
    }),
    2,
    context,
  );
  assert.deepEqual(rules(endsLate), ['flag:end-after-death:eventEndDate']);
  assert.ok(endsLate.ok);
});

test('dates after the reporting period end are rejected', () => {
  rejectedFor(
    parseCldRow(r1Service({ 'Event Start Date': '2024-04-01' }), 2, context),
    'date-after-period-end',
  );
  rejectedFor(
    parseCldRow(r1Service({ 'Event End Date': '2024-05-01' }), 2, context),
    'date-after-period-end',
  );
  rejectedFor(parseCldRow(r1Service({ 'Date of Birth': '2025-01-01' }), 2, context), 'date-after-period-end');
});

test('an event before birth, or a death before birth, is rejected', () => {
  rejectedFor(parseCldRow(r1Service({ 'Date of Birth': '2023-06-01' }), 2, context), 'event-before-birth');
  rejectedFor(
    parseCldRow(r1Service({ 'Date of Birth': '1950-06-15', 'Date of Death': '1940-01-01' }), 2, context),
    'death-before-birth',
  );
});

// Submission

test("a row from another council's extract is rejected", () => {
  rejectedFor(parseCldRow(r1Service({ 'LA Code': '319' }), 2, context), 'other-la');
});

test('a row for another reporting period is rejected', () => {
  rejectedFor(
    parseCldRow(r1Service({ 'Reporting Period End Date': '2023-12-31' }), 2, context),
    'other-period',
  );
  loaded(parseCldRow(r1Service({ 'Reporting Period Start Date': '01/04/2023' }), 2, context));
});

test('a row with no usable person identifier is rejected; a bad NHS number alone is flagged', () => {
  rejectedFor(
    parseCldRow(r1Service({ 'NHS Number': '', 'LA Person Unique Identifier': '' }), 2, context),
    'no-person-identifier',
  );
  const bad = parseCldRow(r1Service({ 'NHS Number': '943 476 5918' }), 2, context);
  assert.deepEqual(rules(bad), ['flag:invalid-identifier:nhsNumber']);
  assert.ok(!bad.problems[0]?.message.includes('5918'), 'the NHS number is not echoed');
  assert.equal(loaded(bad).directIdentifiers.nhsNumber, null);
  rejectedFor(
    parseCldRow(r1Service({ 'NHS Number': '943 476 5918', 'LA Person Unique Identifier': '' }), 2, context),
    'no-person-identifier',
  );
});

test('NHS numbers need ten digits and a good check digit; placeholders are refused', () => {
  assert.equal(isValidNhsNumber('9434765919'), true);
  assert.equal(isValidNhsNumber('9434765918'), false);
  assert.equal(isValidNhsNumber('943476591'), false);
  assert.equal(isValidNhsNumber('9999999999'), false);
});

test('only the postcode district is derived', () => {
  assert.equal(postcodeDistrict('ls1 4ap'), 'LS1');
  assert.equal(postcodeDistrict('SW1A1AA'), 'SW1A');
  assert.equal(postcodeDistrict('M1'), 'M1');
  assert.equal(postcodeDistrict('not a postcode'), undefined);
  const result = parseCldRow(r1Service({ Postcode: 'Leeds' }), 2, context);
  assert.deepEqual(rules(result), ['flag:invalid-postcode:postcode']);
  assert.ok(!result.problems[0]?.message.includes('Leeds'));
});

test('the weekly cost of a service with a one-off cost is left empty', () => {
  const event = loaded(
    parseCldRow(r1Service({ 'Cost Frequency (Unit Type)': 'One-off', 'Unit Cost': '750' }), 2, context),
  );
  assert.equal(event.unitCostPence, 75000n);
  assert.equal(event.weeklyCostPence, null);
});

test('a negative or fractional-penny unit cost is invalid', () => {
  assert.deepEqual(rules(parseCldRow(r1Service({ 'Unit Cost': '-18.50' }), 2, context)), [
    'flag:invalid-number:unitCost',
  ]);
  assert.deepEqual(rules(parseCldRow(r1Service({ 'Unit Cost': '18.505' }), 2, context)), [
    'flag:invalid-number:unitCost',
  ]);
});

// Release of a file

test('a file in one release is detected as that release', () => {
  assert.equal(detectRelease([r1Service(), r1Request()]).release, 1);
  assert.equal(detectRelease([r2Service(), r2Service()]).release, 2);
});

test('a file mixing release 1 and release 2 values is flagged with examples', () => {
  const detection = detectRelease([r1Service(), r1Request(), r2Service()]);
  assert.equal(detection.release, 'mixed');
  assert.equal(detection.rowsWithRelease1, 2);
  assert.equal(detection.rowsWithRelease2, 1);
  assert.deepEqual(
    detection.problems.map((p) => p.rule),
    ['mixed-release'],
  );
  assert.ok(
    detection.examples.some((e) => e.release === 2 && e.index === 2 && e.field === 'primarySupportReason'),
  );
});

test('values that differ only in case say nothing about the release', () => {
  const caseOnly = r1Service({
    'Primary Support Reason': 'Unknown',
    'Client Funding Status': 'Unknown',
    'Visual Impairment': 'Unknown',
    'Service Component': 'Meals',
    'Client Type': 'Service user',
    'Service Type': 'Long term support: Community',
  });
  assert.equal(detectRelease([caseOnly]).release, 'unknown');
});
