import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeSet } from './codes.js';
import {
  CODE_SETS,
  ACCOMMODATION_SETTLED,
  EMPLOYMENT_PAID,
  SUPPORT_REASON_GROUP,
  accommodationStatus,
  clientType,
  employmentStatus,
  eventOutcome,
  isNoFurtherAction,
  labelOf,
  matchCode,
  matchCodeIn,
  primarySupportReason,
  serviceType,
} from './vocabulary.js';

test('every value set maps each of its spellings back to its own code, without collisions', () => {
  assert.equal(new Set(CODE_SETS.map((s) => s.name)).size, CODE_SETS.length);
  for (const set of CODE_SETS) {
    const codes = new Set<string>();
    for (const value of set.values) {
      assert.ok(!codes.has(value.code), `${set.name}: ${value.code} twice`);
      codes.add(value.code);
      assert.ok(value.r1.length + value.r2.length > 0, `${set.name}: ${value.code} has no spelling`);
      for (const spelling of [...value.r1, ...value.r2]) {
        assert.equal(matchCode(set, spelling), value.code, `${set.name}: '${spelling}'`);
        assert.equal(matchCode(set, spelling, { caseInsensitive: false }), value.code);
      }
    }
  }
});

test('matching ignores case by default, as the national collation does', () => {
  assert.equal(matchCode(serviceType, 'LONG TERM SUPPORT: nursing care'), 'long-term-nursing');
  assert.equal(matchCode(clientType, 'service USER'), 'service-user');
});

test('exact matching is available and rejects a case variant', () => {
  assert.equal(
    matchCode(serviceType, 'long term support: nursing care', { caseInsensitive: false }),
    'invalid',
  );
  assert.equal(
    matchCode(serviceType, 'Long Term Support: Nursing Care', { caseInsensitive: false }),
    'long-term-nursing',
  );
});

test('surrounding spaces never matter; inner punctuation does', () => {
  assert.equal(matchCode(clientType, '  Carer  '), 'carer');
  assert.equal(matchCode(serviceType, 'Long Term Support - Community'), 'invalid');
});

test('an unknown or blank value is invalid', () => {
  assert.equal(matchCode(serviceType, 'Long Term Support: Hotel'), 'invalid');
  assert.equal(matchCode(serviceType, ''), 'invalid');
});

test('release 1 and release 2 spellings land on one canonical code', () => {
  const pairs: [CodeSet<string>, string, string][] = [
    [clientType, 'Carer', 'Unpaid carer'],
    [clientType, 'Carer known by association', 'Unpaid carer known by association'],
    [serviceType, 'Carer Support: Direct to Carer', 'Unpaid carer support: Direct to unpaid carer'],
    [primarySupportReason, 'Support with Memory & Cognition', 'Support with memory and cognition'],
    [eventOutcome, 'NFA - Moved to another LA', 'NFA: Responsibility moved to another local authority'],
    [eventOutcome, 'Service ended as planned', 'NFA: Support ended as planned'],
    [accommodationStatus, 'Tenant - private landlord', 'Tenant: Private landlord'],
    [employmentStatus, 'Not in Paid Employment (seeking work)', 'Not in paid employment: Seeking work'],
  ];
  for (const [set, r1, r2] of pairs) {
    const a = matchCodeIn(set, r1);
    const b = matchCodeIn(set, r2);
    assert.ok(a && b, `${set.name}: ${r1} / ${r2}`);
    assert.equal(a.code, b.code);
    assert.deepEqual([a.r1, a.r2, b.r1, b.r2], [true, false, false, true]);
  }
});

test('release 2 merged the two "progress to assessment" outcomes', () => {
  const merged = matchCode(eventOutcome, 'Progress to assessment, review or reassessment');
  assert.equal(matchCode(eventOutcome, 'Progress to Assessment'), merged);
  assert.equal(matchCode(eventOutcome, 'Progress to Re-assessment / Unplanned Review'), merged);
});

test('concepts of one release only are codes of their own', () => {
  assert.deepEqual(matchCodeIn(eventOutcome, 'Progress to End of Life Care'), {
    code: 'progress-to-end-of-life-care',
    r1: true,
    r2: false,
  });
  assert.deepEqual(matchCodeIn(primarySupportReason, 'Social support: Support to unpaid carer'), {
    code: 'social-unpaid-carer',
    r1: false,
    r2: true,
  });
});

test('a value spelt the same in both releases is evidence of neither', () => {
  assert.deepEqual(matchCodeIn(accommodationStatus, 'Refuge'), { code: 'refuge', r1: true, r2: true });
  const caseOnly = matchCodeIn(serviceType, 'Long Term Support: Community');
  assert.deepEqual(caseOnly, { code: 'long-term-community', r1: true, r2: true });
});

test('accommodation statuses map to settled or unsettled', () => {
  const settled = (raw: string) => {
    const code = matchCode(accommodationStatus, raw);
    assert.notEqual(code, 'invalid');
    return code === 'invalid' ? undefined : ACCOMMODATION_SETTLED[code];
  };
  assert.equal(settled('Owner occupier or shared ownership scheme'), 'settled');
  assert.equal(settled('Shared Lives scheme'), 'settled');
  assert.equal(settled('Tenant: Private landlord'), 'settled');
  assert.equal(settled('Registered care home'), 'unsettled');
  assert.equal(settled('Rough sleeper / squatting'), 'unsettled');
  assert.equal(settled('Unknown'), 'unsettled');
});

test('employment statuses map to paid or not paid', () => {
  assert.equal(EMPLOYMENT_PAID['paid-hours-unknown'], 'paid');
  assert.equal(
    EMPLOYMENT_PAID[matchCode(employmentStatus, 'Paid: Less than 16 hours a week') as 'paid-under-16-hours'],
    'paid',
  );
  assert.equal(EMPLOYMENT_PAID['voluntary-work-only'], 'not-paid');
  assert.equal(EMPLOYMENT_PAID.unknown, 'not-paid');
});

test('support reasons roll up to their headline reason', () => {
  assert.equal(SUPPORT_REASON_GROUP['sensory-dual'], 'sensory');
  assert.equal(SUPPORT_REASON_GROUP['social-asylum-seeker'], 'social');
  assert.equal(SUPPORT_REASON_GROUP['learning-disability'], 'learning-disability');
});

test('no-further-action outcomes are recognised by code', () => {
  assert.equal(isNoFurtherAction('nfa-deceased'), true);
  assert.equal(isNoFurtherAction('admitted-to-hospital'), false);
});

test('labels prefer the release 2 spelling', () => {
  assert.equal(labelOf(clientType, 'carer'), 'Unpaid carer');
  assert.equal(labelOf(eventOutcome, 'progress-to-financial-assessment'), 'Progress to financial assessment');
});
