import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CouncilBenchmark, PeerStanding } from '../benchmark/engine.js';
import { generateStatements, ordinal, statementText, type StatementMeasure } from './statements.js';

const measures = new Map<string, StatementMeasure>([
  [
    'm-1E',
    {
      id: 'm-1E',
      code: '1E',
      title: 'Adults with a learning disability in paid employment',
      shortTitle: 'LD paid work',
      unit: 'percent',
      decimals: 1,
      polarity: 'higher-is-better',
    },
  ],
  [
    'm-2A2',
    {
      id: 'm-2A2',
      code: '2A2',
      title: 'Care home admissions, 65 and over',
      shortTitle: 'Admissions 65+',
      unit: 'rate-per-100k',
      decimals: 1,
      polarity: 'lower-is-better',
    },
  ],
]);

function standing(
  kind: PeerStanding['kind'],
  code: string,
  name: string,
  value: number,
  rank: [number, number] | null,
  quartile: 1 | 2 | 3 | 4 | null,
): PeerStanding {
  return {
    kind,
    code,
    name,
    aggregate: { value, method: 'published', n: rank?.[1] ?? 0 },
    rank: rank ? { rank: rank[0], n: rank[1] } : null,
    quartile: quartile
      ? { quartile, thresholds: { lower: 0, median: 0, upper: 10, n: 150 }, next: null }
      : null,
  };
}

function row(
  measureId: string,
  value: number,
  england: PeerStanding,
  region: PeerStanding,
  direction: CouncilBenchmark['direction'],
): CouncilBenchmark {
  return {
    orgCode: 'E08000009',
    measureId,
    code: measures.get(measureId)!.code,
    period: '2017-18',
    value,
    numerator: null,
    denominator: null,
    suppressed: false,
    england,
    region,
    councilType: null,
    comparator: null,
    significance: null,
    direction,
  };
}

const input = {
  council: { code: 'E08000009', name: 'Trafford' },
  region: { code: 'E12000002', name: 'North West' },
  period: '2017-18',
  measures,
  current: [
    row(
      'm-1E',
      13.1,
      standing('england', 'E92000001', 'England', 6.0, [15, 152], 1),
      standing('region', 'E12000002', 'North West', 4.3, [1, 23], 1),
      {
        direction: 'improved',
        change: 1.1,
        previousPeriod: '2016-17',
        previousMeasureId: 'm-1E',
        previousValue: 12.0,
      },
    ),
    row(
      'm-2A2',
      677.0,
      standing('england', 'E92000001', 'England', 585.6, [106, 152], 3),
      standing('region', 'E12000002', 'North West', 737.8, [10, 23], 2),
      {
        direction: 'worsened',
        change: 20,
        previousPeriod: '2016-17',
        previousMeasureId: 'm-2A2',
        previousValue: 657.0,
      },
    ),
  ],
};

test('ordinals', () => {
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal), [
    '1st',
    '2nd',
    '3rd',
    '4th',
    '11th',
    '12th',
    '13th',
    '21st',
    '22nd',
    '101st',
    '111th',
  ]);
});

test('summary counts follow polarity and say which average', () => {
  const [improved, both] = generateStatements(input).map(statementText);
  assert.equal(improved, '1 ASCOF measures out of 2 have improved compared with 2016-17.');
  assert.equal(
    both,
    '1 ASCOF measures out of 2 were better than both the North West and England averages (the published figures).',
  );
});

test('best in the region states both ranks with N and every figure links to its numbers', () => {
  const best = generateStatements(input).find((s) => s.kind === 'best-in-region')!;
  assert.equal(
    statementText(best),
    'Best in the North West (out of 23) and ranked 15th nationally (out of 152) for adults with a learning disability in paid employment (1E): 13.1% against 4.3% in the North West (published figure) and 6.0% in England (published figure).',
  );
  assert.deepEqual(
    best.runs.filter((r) => r.ref).map((r) => `${r.text}@${r.ref!.orgCode}`),
    ['13.1%@E08000009', '4.3%@E12000002', '6.0%@E92000001'],
  );
});

test('a measure gets one statement, the most important, and "improved" never contradicts polarity', () => {
  const statements = generateStatements(input);
  assert.equal(statements.filter((s) => s.measureId === 'm-1E').length, 1);
  const text = statements.map(statementText).join('\n');
  assert.doesNotMatch(text, /Admissions 65\+ \(2A2\) improved/);
  assert.match(
    text,
    /Admissions 65\+ \(2A2\) worsened from 657\.0 per 100,000 in 2016-17 to 677\.0 per 100,000 in 2017-18 \(lower is better\)\./,
  );
});
