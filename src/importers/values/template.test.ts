import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latestEndedPeriod } from './template.js';

test('the template asks for the latest period that has ended', () => {
  assert.equal(latestEndedPeriod('monthly', '2026-11-22').label, '2026-10');
  assert.equal(latestEndedPeriod('monthly', '2027-01-05').label, '2026-12');
  assert.equal(latestEndedPeriod('quarterly', '2026-11-22').label, 'Q2 2026-27');
  assert.equal(latestEndedPeriod('quarterly', '2027-02-01').label, 'Q3 2026-27');
  assert.equal(latestEndedPeriod('quarterly', '2026-04-02').label, 'Q4 2025-26');
  assert.equal(latestEndedPeriod('annual', '2026-11-22').label, '2025-26');
});
