import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AGE_BREAKS, CLD_FIELDS, ageBandAge, fieldOf, type RowFacts } from './fields.js';
import { normaliseHeader } from './headers.js';

const facts = (over: Partial<RowFacts> = {}): RowFacts => ({
  clientType: 'service-user',
  eventType: 'service',
  primarySupportReason: 'learning-disability',
  ageAtPeriodEnd: 40,
  assessmentType: null,
  reviewReason: null,
  serviceType: 'long-term-community',
  serviceComponent: 'home-support',
  deliveryMechanism: 'direct-payment',
  costFrequency: 'hourly',
  hasDateOfDeath: false,
  hasEndDate: false,
  ...over,
});

const mandatory = (key: Parameters<typeof fieldOf>[0], row: RowFacts) => {
  const f = fieldOf(key);
  return f.applicable.holds(row) && f.mandatory.holds(row);
};
const applicable = (key: Parameters<typeof fieldOf>[0], row: RowFacts) => fieldOf(key).applicable.holds(row);

test('keys and headers are unique across the record', () => {
  assert.equal(new Set(CLD_FIELDS.map((f) => f.key)).size, CLD_FIELDS.length);
  const headers = CLD_FIELDS.flatMap((f) => [...new Set([f.r1, f.r2, ...f.aliases].map(normaliseHeader))]);
  assert.equal(new Set(headers).size, headers.length);
});

test('coded fields name their value set and only coded fields do', () => {
  for (const f of CLD_FIELDS) assert.equal(f.type === 'code', f.codes !== undefined, f.key);
});

test('names and GP practice are never stored; identifiers are pseudonymised; postcode and birth date derived', () => {
  for (const key of ['firstName', 'lastName', 'gpPracticeCode', 'gpPracticeName'] as const) {
    assert.equal(fieldOf(key).handling, 'drop');
    assert.equal(fieldOf(key).requiredColumn, false);
  }
  for (const key of [
    'nhsNumber',
    'laPersonId',
    'linkedPersonId1',
    'linkedPersonId2',
    'linkedPersonId3',
  ] as const) {
    assert.equal(fieldOf(key).handling, 'pseudonymise');
  }
  assert.equal(fieldOf('postcode').handling, 'derive');
  assert.equal(fieldOf('dateOfBirth').handling, 'derive');
});

test('primary support reason is mandatory except on requests', () => {
  assert.equal(mandatory('primarySupportReason', facts({ eventType: 'assessment' })), true);
  assert.equal(mandatory('primarySupportReason', facts({ eventType: 'service' })), true);
  assert.equal(mandatory('primarySupportReason', facts({ eventType: 'request' })), false);
});

test('employment status is mandatory only for learning-disability service users aged 18 to 64', () => {
  assert.equal(mandatory('employmentStatus', facts()), true);
  assert.equal(mandatory('employmentStatus', facts({ ageAtPeriodEnd: 18 })), true);
  assert.equal(mandatory('employmentStatus', facts({ ageAtPeriodEnd: 64 })), true);
  assert.equal(mandatory('employmentStatus', facts({ ageAtPeriodEnd: 17 })), false);
  assert.equal(mandatory('employmentStatus', facts({ ageAtPeriodEnd: 65 })), false);
  assert.equal(mandatory('employmentStatus', facts({ ageAtPeriodEnd: null })), false);
  assert.equal(mandatory('employmentStatus', facts({ primarySupportReason: 'mental-health' })), false);
  assert.equal(mandatory('employmentStatus', facts({ clientType: 'carer' })), false);
});

test('the end date is mandatory for events other than services, and for anyone who has died', () => {
  for (const eventType of ['request', 'assessment', 'review'] as const) {
    assert.equal(mandatory('eventEndDate', facts({ eventType })), true, eventType);
  }
  assert.equal(mandatory('eventEndDate', facts({ eventType: 'service' })), false);
  assert.equal(mandatory('eventEndDate', facts({ eventType: 'service', hasDateOfDeath: true })), true);
});

test('event fields do not apply to carers known by association', () => {
  const kba = facts({ clientType: 'carer-known-by-association', eventType: null });
  for (const key of ['eventType', 'eventStartDate', 'eventEndDate', 'eventOutcome'] as const) {
    assert.equal(applicable(key, kba), false, key);
  }
  assert.equal(applicable('totalHoursCaringPerWeek', kba), true);
});

test('request, assessment, review and service fields apply only to their own events', () => {
  assert.equal(mandatory('routeOfAccess', facts({ eventType: 'request' })), true);
  assert.equal(applicable('routeOfAccess', facts({ eventType: 'service' })), false);
  assert.equal(mandatory('assessmentType', facts({ eventType: 'assessment' })), true);
  assert.equal(mandatory('reviewReason', facts({ eventType: 'review' })), true);
  assert.equal(
    mandatory('reviewOutcomesAchieved', facts({ eventType: 'review', reviewReason: 'planned' })),
    true,
  );
  assert.equal(
    mandatory('reviewOutcomesAchieved', facts({ eventType: 'review', reviewReason: 'unplanned-hospital' })),
    false,
  );
  assert.equal(mandatory('serviceType', facts()), true);
  assert.equal(applicable('serviceType', facts({ eventType: 'review' })), false);
});

test('cost fields apply to services and are mandatory where the council holds the cost', () => {
  for (const key of ['unitCost', 'costFrequency', 'plannedUnitsPerWeek'] as const) {
    assert.equal(applicable(key, facts()), true, key);
    assert.equal(applicable(key, facts({ eventType: 'assessment' })), false, key);
  }
  assert.equal(mandatory('unitCost', facts()), true);
  assert.equal(mandatory('unitCost', facts({ deliveryMechanism: 'commissioned-support' })), false);
  assert.equal(
    mandatory('unitCost', facts({ serviceType: 'short-term-st-max', serviceComponent: 'reablement' })),
    false,
  );
  assert.equal(
    mandatory(
      'unitCost',
      facts({ serviceType: 'short-term-other', serviceComponent: 'short-term-residential' }),
    ),
    true,
  );
  assert.equal(mandatory('unitCost', facts({ clientType: 'carer', serviceType: 'carer-direct' })), true);
});

test('planned units are mandatory only for costs per hour, day or session', () => {
  assert.equal(mandatory('plannedUnitsPerWeek', facts({ costFrequency: 'hourly' })), true);
  assert.equal(mandatory('plannedUnitsPerWeek', facts({ costFrequency: 'weekly' })), false);
});

test('an open service needs no outcome yet; an ended one, a request or an assessment does', () => {
  assert.equal(mandatory('eventOutcome', facts({ hasEndDate: false })), false);
  assert.equal(mandatory('eventOutcome', facts({ hasEndDate: true })), true);
  assert.equal(mandatory('eventOutcome', facts({ eventType: 'request' })), true);
  assert.equal(
    mandatory('eventOutcome', facts({ eventType: 'assessment', assessmentType: 'financial' })),
    false,
  );
});

test('columns that are mandatory in some rows are required in the file, except the postcode', () => {
  assert.equal(fieldOf('serviceType').requiredColumn, true);
  assert.equal(fieldOf('employmentStatus').requiredColumn, true);
  assert.equal(fieldOf('postcode').requiredColumn, false);
  assert.equal(fieldOf('deliveryMechanism').requiredColumn, false);
});

test('every rule answers the same for an age as for its age band, so rows may be grouped by band', () => {
  assert.deepEqual(
    [0, 17, 18, 64, 65, 110, null].map(ageBandAge),
    [17, 17, 18, 18, 65, 65, null],
    `bands of ${AGE_BREAKS.join(', ')}`,
  );
  const variants: Partial<RowFacts>[] = [
    {},
    { clientType: 'carer' },
    { eventType: 'assessment', serviceType: null },
    { eventType: 'review', reviewReason: 'planned' },
    { eventType: 'request', serviceType: null },
    { primarySupportReason: 'memory-cognition', hasDateOfDeath: true, hasEndDate: true },
  ];
  for (const variant of variants) {
    for (let age = 0; age <= 120; age++) {
      const row = facts({ ...variant, ageAtPeriodEnd: age });
      const banded = { ...row, ageAtPeriodEnd: ageBandAge(age) };
      for (const f of CLD_FIELDS) {
        assert.equal(f.applicable.holds(row), f.applicable.holds(banded), `${f.key} applicable at ${age}`);
        assert.equal(f.mandatory.holds(row), f.mandatory.holds(banded), `${f.key} mandatory at ${age}`);
      }
    }
  }
});
