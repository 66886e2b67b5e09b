import { test } from 'node:test';
import assert from 'node:assert/strict';
import { breaksBetween, trendSeries, type TrendMeasure } from './trend.js';
import type { Figure } from './types.js';

// As in the catalogue: 2C (2023 edition) continues 2A2, comparable, and is redefined from CLD in 2024-25.
const admissions14: TrendMeasure = { id: 'ascof14-2A2', code: '2A2' };
const admissions23: TrendMeasure = {
  id: 'ascof23-2C',
  code: '2C',
  series: { continues: 'ascof14-2A2', comparable: true, from: '2023-24', note: 'Same measure, new code.' },
  breaks: [{ from: '2024-25', reason: 'Calculated from the Client Level Data.' }],
};
// A link that is not comparable: the new measure is redefined at the change of code.
const sequel14: TrendMeasure = { id: 'ascof14-2D', code: '2D' };
const sequel23: TrendMeasure = {
  id: 'ascof23-2A',
  code: '2A',
  series: { continues: 'ascof14-2D', comparable: false, from: '2023-24', note: 'Redefined at the refresh.' },
};
const measures = [admissions14, admissions23, sequel14, sequel23];

function figure(measureId: string, period: string, value: number | null, orgCode = 'E08000009'): Figure {
  return {
    orgCode,
    measureId,
    period,
    value,
    numerator: null,
    denominator: null,
    suppressed: value === null,
  };
}

test('a trend follows 2C back through 2A2 and breaks where the definition changed', () => {
  const figures = [
    figure('ascof23-2C', '2024-25', 480.2),
    figure('ascof14-2A2', '2021-22', 815.6),
    figure('ascof23-2C', '2023-24', 505.0),
    figure('ascof14-2A2', '2022-23', 610.3),
    figure('ascof14-2A2', '2022-23', 999.9, 'E08000014'), // another council
    figure('ascof14-2D', '2022-23', 80.1), // another measure
  ];
  const trend = trendSeries(measures, 'ascof23-2C', 'E08000009', figures);
  assert.deepEqual(trend?.measureIds, ['ascof14-2A2', 'ascof23-2C']);
  assert.deepEqual(
    trend?.points.map((p) => [p.period, p.code, p.value, p.segment, p.breaksBefore.length]),
    [
      ['2021-22', '2A2', 815.6, 0, 0],
      ['2022-23', '2A2', 610.3, 0, 0],
      ['2023-24', '2C', 505.0, 0, 0], // the change of code is comparable: no break
      ['2024-25', '2C', 480.2, 1, 1],
    ],
  );
  assert.deepEqual(trend?.points[3]?.breaksBefore, [
    {
      from: '2024-25',
      measureId: 'ascof23-2C',
      reason: 'Calculated from the Client Level Data.',
      kind: 'definition-change',
    },
  ]);
});

test('a link that is not comparable breaks the trend at the change of code', () => {
  const figures = [figure('ascof14-2D', '2022-23', 80.1), figure('ascof23-2A', '2023-24', 77.0)];
  const trend = trendSeries(measures, 'ascof23-2A', 'E08000009', figures);
  assert.deepEqual(
    trend?.points.map((p) => [p.period, p.code, p.segment]),
    [
      ['2022-23', '2D', 0],
      ['2023-24', '2A', 1],
    ],
  );
  assert.equal(trend?.points[1]?.breaksBefore[0]?.kind, 'code-change');
});

test('a break in a year with no value still separates the values either side', () => {
  // No 2024-25 figure: the break (from 2024-25) falls between 2023-24 and 2025-26.
  const figures = [figure('ascof23-2C', '2023-24', 505.0), figure('ascof23-2C', '2025-26', 470.0)];
  const trend = trendSeries(measures, 'ascof23-2C', 'E08000009', figures);
  assert.deepEqual(
    trend?.points.map((p) => [p.period, p.segment]),
    [
      ['2023-24', 0],
      ['2025-26', 1],
    ],
  );
});

test('suppressed years stay in the trend as gaps', () => {
  const figures = [figure('ascof14-2A2', '2019-20', 961.6), figure('ascof14-2A2', '2020-21', null)];
  const trend = trendSeries(measures, 'ascof14-2A2', 'E08000009', figures);
  assert.deepEqual(
    trend?.points.map((p) => [p.period, p.value, p.suppressed]),
    [
      ['2019-20', 961.6, false],
      ['2020-21', null, true],
    ],
  );
});

test('the older measure does not reach forward to its successor', () => {
  const figures = [figure('ascof14-2A2', '2022-23', 610.3), figure('ascof23-2C', '2023-24', 505.0)];
  const trend = trendSeries(measures, 'ascof14-2A2', 'E08000009', figures);
  assert.deepEqual(
    trend?.points.map((p) => p.period),
    ['2022-23'],
  );
});

test('where both codes cover a year the newer code is used', () => {
  const figures = [figure('ascof23-2C', '2023-24', 505.0), figure('ascof14-2A2', '2023-24', 506.0)];
  const trend = trendSeries(measures, 'ascof23-2C', 'E08000009', figures);
  assert.deepEqual(
    trend?.points.map((p) => [p.code, p.value]),
    [['2C', 505.0]],
  );
});

test('an unknown measure has no trend', () => {
  assert.equal(trendSeries(measures, 'ascof14-9Z', 'E08000009', []), undefined);
});

test('breaks between two periods: after the first, up to and including the second', () => {
  const breaks = [{ from: '2024-25', measureId: 'x', reason: 'r', kind: 'definition-change' as const }];
  assert.equal(breaksBetween(breaks, '2023-24', '2024-25').length, 1);
  assert.equal(breaksBetween(breaks, '2024-25', '2025-26').length, 0);
  assert.equal(breaksBetween(breaks, '2022-23', '2023-24').length, 0);
});
