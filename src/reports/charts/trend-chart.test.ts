import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trendChart } from './trend-chart.js';

const format = (v: number) => `${v.toFixed(1)}%`;

test('a trend chart is an accessible SVG with a text alternative and the data behind it', () => {
  const chart = trendChart({
    title: 'Adults with a learning disability in paid employment',
    format,
    polarityNote: 'Higher is better.',
    series: [
      {
        name: 'Trafford',
        points: [
          { period: '2017-18', value: 13.1 },
          { period: '2018-19', value: 12.0 },
          { period: '2019-20', value: null },
        ],
      },
      {
        name: 'England',
        points: [
          { period: '2017-18', value: 6.0 },
          { period: '2018-19', value: 5.9 },
          { period: '2019-20', value: 5.6 },
        ],
      },
    ],
  });
  assert.match(chart.svg, /^<svg [^>]*role="img" aria-labelledby="t d"/);
  assert.match(chart.svg, /<title id="t">Adults with a learning disability in paid employment<\/title>/);
  assert.equal(
    chart.altText,
    'Adults with a learning disability in paid employment, 2017-18 to 2019-20. Trafford: 13.1% in 2017-18 and 12.0% in 2018-19. England: 6.0% in 2017-18 and 5.6% in 2019-20. Higher is better.',
  );
  assert.deepEqual(chart.table, {
    head: ['Period', 'Trafford', 'England'],
    rows: [
      ['2017-18', '13.1%', '6.0%'],
      ['2018-19', '12.0%', '5.9%'],
      ['2019-20', 'no figure', '5.6%'],
    ],
  });
  assert.equal((chart.svg.match(/<path d="M/g) ?? []).length, 2, 'one line per series');
});

test('a definition break splits the line and is said in words', () => {
  const chart = trendChart({
    title: 'Care home admissions 65+',
    format,
    series: [
      {
        name: 'Council',
        points: [
          { period: '2022-23', value: 500 },
          { period: '2023-24', value: 520 },
          { period: '2024-25', value: 480, breakBefore: true },
          { period: '2025-26', value: 470 },
        ],
      },
    ],
  });
  assert.equal((chart.svg.match(/<path d="M/g) ?? []).length, 2);
  assert.match(chart.svg, /definition changed/);
  assert.match(chart.altText, /The definition changed from 2024-25/);
  assert.doesNotMatch(trendChart({ title: 'A & <B>', format, series: [] }).svg, /A & <B>/);
});
