import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  financialYearOf,
  parsePeriod,
  periodsEndingWith,
  periodWithin,
  previousPeriod,
  quarter,
  samePeriodLastYear,
} from './period.js';

test('financial years parse in the spellings councils use', () => {
  for (const s of ['2017-18', '2017/18', '2017-2018']) {
    assert.deepEqual(parsePeriod(s), {
      kind: 'year',
      label: '2017-18',
      start: '2017-04-01',
      end: '2018-03-31',
    });
  }
  assert.equal(parsePeriod('1999-00')?.label, '1999-00');
  assert.equal(parsePeriod('2017-19'), undefined);
  assert.equal(parsePeriod('nonsense'), undefined);
});

test('quarters follow the financial year: Q4 is January to March of the next calendar year', () => {
  assert.deepEqual(quarter(2023, 1), {
    kind: 'quarter',
    label: 'Q1 2023-24',
    start: '2023-04-01',
    end: '2023-06-30',
  });
  assert.deepEqual(parsePeriod('Q4 2023-24'), {
    kind: 'quarter',
    label: 'Q4 2023-24',
    start: '2024-01-01',
    end: '2024-03-31',
  });
});

test('months and leap years', () => {
  assert.equal(parsePeriod('2024-02')?.end, '2024-02-29');
  assert.equal(parsePeriod('2023-13'), undefined);
});

test('previous periods step back across year boundaries', () => {
  assert.equal(previousPeriod(parsePeriod('2018-19')!).label, '2017-18');
  assert.equal(previousPeriod(parsePeriod('Q1 2023-24')!).label, 'Q4 2022-23');
  assert.equal(previousPeriod(parsePeriod('2024-01')!).label, '2023-12');
  assert.equal(financialYearOf('2024-03-31').label, '2023-24');
  assert.equal(financialYearOf('2024-04-01').label, '2024-25');
});

test('rolling twelve months end with the named month and step back a year', () => {
  const p = parsePeriod('12 months to 2024-06');
  assert.deepEqual(p, {
    kind: 'rolling-12',
    label: '12 months to 2024-06',
    start: '2023-07-01',
    end: '2024-06-30',
  });
  assert.equal(parsePeriod('12 months to 2024-12')?.start, '2024-01-01');
  assert.equal(parsePeriod('12 months to 2024-13'), undefined);
  assert.equal(p && previousPeriod(p).label, '12 months to 2023-06');
});

test('the same period last year, the periods ending with one, and containment', () => {
  const label = (s: string) => samePeriodLastYear(parsePeriod(s)!).label;
  assert.equal(label('Q2 2024-25'), 'Q2 2023-24');
  assert.equal(label('Q4 2024-25'), 'Q4 2023-24');
  assert.equal(label('2025-03'), '2024-03');
  assert.equal(label('2024-25'), '2023-24');
  assert.equal(label('12 months to 2025-03'), '12 months to 2024-03');
  assert.deepEqual(
    periodsEndingWith(parsePeriod('Q2 2024-25')!, 4).map((p) => p.label),
    ['Q3 2023-24', 'Q4 2023-24', 'Q1 2024-25', 'Q2 2024-25'],
  );
  assert.ok(periodWithin(parsePeriod('2025-03')!, parsePeriod('2024-25')!));
  assert.ok(periodWithin(parsePeriod('Q4 2024-25')!, parsePeriod('2024-25')!));
  assert.ok(!periodWithin(parsePeriod('2025-04')!, parsePeriod('2024-25')!));
});
