import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkValue, describeRules, valueRulesSchema } from './rules.js';

const pct = { unit: 'percent', decimals: 1 } as const;
const count = { unit: 'count', decimals: 0 } as const;

test("unit bounds always block; a measure's range and jump rules block or warn as set", () => {
  assert.deepEqual(checkValue(101, pct, undefined, undefined), [
    { action: 'block', message: '101.0% is not a percentage between 0% and 100%' },
  ]);
  assert.deepEqual(checkValue(-1, count, undefined, undefined)[0]?.action, 'block');
  const rules = valueRulesSchema.parse({ min: 500, max: 2000, maxChangePercent: 20 });
  assert.deepEqual(checkValue(2500, count, rules, undefined), [
    { action: 'block', message: '2,500 is above the maximum of 2,000' },
  ]);
  const jump = checkValue(1300, count, rules, { period: '2026-09', value: 1000, source: 'published' });
  assert.deepEqual(jump, [
    {
      action: 'warn',
      message: '1,300 moved by 30.0% from 1,000 in 2026-09 (published), more than the 20% expected',
    },
  ]);
  // Exactly the allowed move is fine.
  assert.deepEqual(
    checkValue(1200, count, rules, { period: '2026-09', value: 1000, source: 'published' }),
    [],
  );
  const strict = valueRulesSchema.parse({ maxChange: 5, changeAction: 'block' });
  assert.equal(
    checkValue(60, pct, strict, { period: '2026-09', value: 54, source: 'this file' })[0]?.action,
    'block',
  );
  assert.deepEqual(describeRules(rules, count), [
    'Values should be between 500 and 2,000; others are refused.',
    'A move of more than 20% from the previous period is flagged for the approver.',
  ]);
  assert.equal(valueRulesSchema.safeParse({ min: 10, max: 5 }).success, false);
});
