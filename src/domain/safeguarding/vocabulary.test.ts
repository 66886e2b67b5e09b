import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decision,
  desiredOutcomeAsked,
  enquiryOutcome,
  foldValue,
  outcomesMet,
  yesNo,
} from './vocabulary.js';

test('values fold case, apostrophes and punctuation before matching', () => {
  assert.equal(foldValue("  Don't  Know "), 'dont know');
  assert.equal(foldValue('S.42 Enquiry'), 's 42 enquiry');
  assert.equal(decision.match('SECTION 42 ENQUIRY'), 's42-enquiry');
  assert.equal(decision.match('s42'), 's42-enquiry');
  assert.equal(decision.match('S.42'), 's42-enquiry');
  assert.equal(decision.match('non-statutory enquiry'), 'other-enquiry');
  assert.equal(decision.match('nfa'), 'no-further-action');
  assert.equal(decision.match('no_further_action'), 'no-further-action');
});

test('each answer set knows its spellings and nothing else', () => {
  assert.equal(enquiryOutcome.match('Risk Reduced'), 'risk-reduced');
  assert.equal(enquiryOutcome.match('n/a'), 'not-applicable');
  assert.equal(desiredOutcomeAsked.match('Not asked - lacked capacity'), 'lacked-capacity');
  assert.equal(desiredOutcomeAsked.match("Don't know"), 'dont-know');
  assert.equal(yesNo.match('Y'), 'yes');
  assert.equal(outcomesMet.match('Partially achieved'), 'partially');
  assert.equal(outcomesMet.match('not met'), 'not-met');
  assert.equal(decision.match('Maybe'), undefined);
  assert.equal(outcomesMet.match('Mostly'), undefined);
});
