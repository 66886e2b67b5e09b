import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  STS001_SEQUEL_BY_OUTCOME,
  STS001_SEQUEL_BY_SERVICE,
  STS002A_SEQUEL_BY_OUTCOME,
  STS002A_SEQUEL_BY_SERVICE,
} from './sequel.js';
import { eventOutcome, matchCode, serviceType, type EventOutcome, type ServiceType } from './vocabulary.js';

const outcome = (raw: string) => matchCode(eventOutcome, raw) as EventOutcome;
const service = (raw: string) => matchCode(serviceType, raw) as ServiceType;

test('STS001: outcomes map to request sequels in either release spelling', () => {
  assert.equal(STS001_SEQUEL_BY_OUTCOME[outcome('NFA - 100% NHS funded care')], 'nhs-funded-care');
  assert.equal(
    STS001_SEQUEL_BY_OUTCOME[outcome('NFA: Referral to NHS services or NHS funded social care')],
    'nhs-funded-care',
  );
  assert.equal(STS001_SEQUEL_BY_OUTCOME[outcome('Progress to End of Life Care')], 'end-of-life');
  assert.equal(
    STS001_SEQUEL_BY_OUTCOME[outcome('NFA - Information & Advice / Signposting only')],
    'universal-services-signposting',
  );
  assert.equal(STS001_SEQUEL_BY_OUTCOME[outcome('NFA: Deceased')], 'no-services-deceased');
  assert.equal(STS001_SEQUEL_BY_OUTCOME[outcome('NFA- Other')], 'no-services-other-reason');
  assert.equal(STS001_SEQUEL_BY_OUTCOME[outcome('Progress to Assessment')], 'unable-to-classify');
});

test('STS001: a service found after a request gives the sequel by its type', () => {
  assert.equal(STS001_SEQUEL_BY_SERVICE[service('Short Term Support: ST-Max')], 'st-max');
  assert.equal(
    STS001_SEQUEL_BY_SERVICE[service('Long term support: Residential care')],
    'long-term-residential',
  );
  assert.equal(STS001_SEQUEL_BY_SERVICE[service('Carer Support: Direct to Carer')], undefined);
});

test('STS002a: what followed ST-Max', () => {
  for (const raw of [
    'Long Term Support: Nursing Care',
    'Long Term Support: Community',
    'Long Term Support: Prison',
  ]) {
    assert.equal(STS002A_SEQUEL_BY_SERVICE[service(raw)], 'long-term-support');
  }
  assert.equal(STS002A_SEQUEL_BY_SERVICE[service('Short Term Support: ST-Max')], undefined);
  assert.equal(
    STS002A_SEQUEL_BY_OUTCOME[outcome('NFA - Self-funded client (Inc. 12wk disregard)')],
    'no-services-self-funding',
  );
  assert.equal(STS002A_SEQUEL_BY_OUTCOME[outcome('NFA - Support declined')], 'no-services-declined');
  assert.equal(
    STS002A_SEQUEL_BY_OUTCOME[outcome('NFA - Deceased')],
    'early-cessation-nhs-funded-or-deceased',
  );
  assert.equal(STS002A_SEQUEL_BY_OUTCOME[outcome('Service ended as planned')], 'no-services-other');
});
