import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchmarkAll, type BenchmarkInput, type CouncilBenchmark, type EngineMeasure } from './engine.js';
import type { Figure, PeerGroup } from './types.js';

// Six councils: A, B, C in region North (metropolitan); D, E in South (unitary); F in South (metropolitan).
const north = { code: 'R1', name: 'North' };
const south = { code: 'R2', name: 'South' };
const met = { code: 'CT-MET', name: 'Metropolitan district' };
const unitary = { code: 'CT-UNITARY', name: 'Unitary authority' };
const councils = [
  { code: 'A', region: north, councilType: met },
  { code: 'B', region: north, councilType: met },
  { code: 'C', region: north, councilType: met },
  { code: 'D', region: south, councilType: unitary },
  { code: 'E', region: south, councilType: unitary },
  { code: 'F', region: south, councilType: met },
];

const ldEmployment: EngineMeasure = {
  id: 'ascof14-1E',
  code: '1E',
  polarity: 'higher-is-better',
  unit: 'percent',
  multiplier: 100,
  decimals: 1,
};
const admissions65: EngineMeasure = {
  id: 'ascof14-2A2',
  code: '2A2',
  polarity: 'lower-is-better',
  unit: 'rate-per-100k',
  multiplier: 100_000,
  decimals: 1,
};
const carerSatisfaction: EngineMeasure = { ...ldEmployment, id: 'ascof14-3B', code: '3B' };
// A successor of 1E under a new code, comparable at the link, redefined a year later.
const successor: EngineMeasure = {
  ...ldEmployment,
  id: 'ascof23-9E',
  code: '9E',
  series: { continues: 'ascof14-1E', comparable: true, from: '2019-20', note: 'New code.' },
  breaks: [{ from: '2020-21', reason: 'Redefined.' }],
};

function parts(
  orgCode: string,
  measureId: string,
  period: string,
  numerator: number,
  denominator: number,
): Figure {
  const value = Math.round((numerator / denominator) * 1000) / 10;
  return { orgCode, measureId, period, value, numerator, denominator, suppressed: false };
}
function outcome(orgCode: string, measureId: string, period: string, value: number | null): Figure {
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

const figures: Figure[] = [
  // 1E 2017-18: A 20.0, B 10.0, C 10.0, D 15.0, E 2.0, F suppressed.
  parts('A', '1E', '2017-18', 20, 100),
  parts('B', '1E', '2017-18', 10, 100),
  parts('C', '1E', '2017-18', 5, 50),
  parts('D', '1E', '2017-18', 30, 200),
  parts('E', '1E', '2017-18', 2, 100),
  outcome('F', '1E', '2017-18', null),
  // 1E 2018-19: A 18.0, B 12.0, C 10.0, D 15.0, E suppressed, F 10.0.
  parts('A', '1E', '2018-19', 18, 100),
  parts('B', '1E', '2018-19', 12, 100),
  parts('C', '1E', '2018-19', 5, 50),
  parts('D', '1E', '2018-19', 30, 200),
  outcome('E', '1E', '2018-19', null),
  parts('F', '1E', '2018-19', 5, 50),
  // 2A2 2017-18, outcomes only.
  outcome('A', '2A2', '2017-18', 677.0),
  outcome('B', '2A2', '2017-18', 539.5),
  outcome('C', '2A2', '2017-18', 961.6),
  outcome('D', '2A2', '2017-18', 284.8),
  outcome('E', '2A2', '2017-18', 677.0),
  outcome('F', '2A2', '2017-18', 488.5),
  // A carer-survey measure: biennial.
  outcome('A', '3B', '2018-19', 40.0),
  outcome('A', '3B', '2021-22', 42.0),
  // The successor code.
  outcome('A', '9E', '2019-20', 19.0),
  outcome('A', '9E', '2020-21', 25.0),
  // The North region's own row: not a council, ignored.
  outcome('R1', '1E', '2017-18', 14.0),
].map((f) => ({ ...f, measureId: `${f.measureId === '9E' ? 'ascof23' : 'ascof14'}-${f.measureId}` }));

const comparators: Record<string, PeerGroup> = {
  A: { kind: 'comparator', code: 'CG-A', name: 'A’s neighbours', members: ['B', 'D', 'E'] },
};

const input: BenchmarkInput = {
  measures: [ldEmployment, admissions65, carerSatisfaction, successor],
  figures,
  councils,
  published: [
    { measureId: 'ascof14-1E', period: '2018-19', kind: 'england', code: 'E92000001', value: 13.0 },
    { measureId: 'ascof14-2A2', period: '2017-18', kind: 'england', code: 'E92000001', value: 585.6 },
    { measureId: 'ascof14-2A2', period: '2017-18', kind: 'region', code: 'R1', value: 737.8 },
  ],
  comparatorGroup: (code) => comparators[code],
};

const results = benchmarkAll(input);

function result(orgCode: string, measureId: string, period: string): CouncilBenchmark {
  const found = results.find(
    (r) => r.orgCode === orgCode && r.measureId === measureId && r.period === period,
  );
  assert.ok(found, `no result for ${orgCode} ${measureId} ${period}`);
  return found;
}

const close = (actual: number | null | undefined, expected: number) =>
  assert.ok(
    typeof actual === 'number' && Math.abs(actual - expected) < 1e-9,
    `expected ${expected}, got ${actual}`,
  );

test('one result per council figure, in measure, period and council order; non-councils ignored', () => {
  assert.equal(results.length, figures.length - 1);
  assert.deepEqual(
    results.slice(0, 7).map((r) => `${r.code} ${r.period} ${r.orgCode}`),
    [
      '1E 2017-18 A',
      '1E 2017-18 B',
      '1E 2017-18 C',
      '1E 2017-18 D',
      '1E 2017-18 E',
      '1E 2017-18 F',
      '1E 2018-19 A',
    ],
  );
  assert.ok(!results.some((r) => r.orgCode === 'R1'));
});

test('aggregates pool numerators and denominators when nothing is published', () => {
  const a = result('A', 'ascof14-1E', '2017-18');
  // England: (20 + 10 + 5 + 30 + 2) / (100 + 100 + 50 + 200 + 100) × 100 = 67 / 550 × 100 = 12.1818…; F suppressed.
  assert.equal(a.england.aggregate.method, 'pooled');
  assert.equal(a.england.aggregate.n, 5);
  close(a.england.aggregate.value, 12.181818181818182);
  // North (A, B, C): 35 / 250 × 100 = 14.0. Metropolitan (A, B, C and F, suppressed): 14.0 of 3.
  assert.deepEqual(a.region?.aggregate, { value: 14, method: 'pooled', n: 3 });
  assert.deepEqual(a.councilType?.aggregate, { value: 14, method: 'pooled', n: 3 });
  // South (D, E, F): 32 / 300 × 100 = 10.666…
  close(result('D', 'ascof14-1E', '2017-18').region?.aggregate.value, 32 / 3);
  assert.equal(result('D', 'ascof14-1E', '2017-18').region?.name, 'South');
});

test('published aggregates are used where given; otherwise the median of outcomes, labelled', () => {
  assert.deepEqual(result('B', 'ascof14-1E', '2018-19').england.aggregate, {
    value: 13.0,
    method: 'published',
    n: 5,
  });
  const d = result('D', 'ascof14-2A2', '2017-18');
  assert.deepEqual(d.england.aggregate, { value: 585.6, method: 'published', n: 6 });
  assert.deepEqual(result('A', 'ascof14-2A2', '2017-18').region?.aggregate, {
    value: 737.8,
    method: 'published',
    n: 3,
  });
  // South 2A2: D 284.8, E 677.0, F 488.5 → median 488.5.
  assert.deepEqual(d.region?.aggregate, { value: 488.5, method: 'median', n: 3 });
});

test('ranks: higher is better for 1E with a tie, lower is better for 2A2, suppressed unranked', () => {
  // 1E 2017-18: 20.0, 15.0, 10.0, 10.0, 2.0 → A 1, D 2, B 3, C 3, E 5 of 5.
  const ranks = ['A', 'B', 'C', 'D', 'E', 'F'].map((c) => result(c, 'ascof14-1E', '2017-18').england.rank);
  assert.deepEqual(ranks, [
    { rank: 1, n: 5 },
    { rank: 3, n: 5 },
    { rank: 3, n: 5 },
    { rank: 2, n: 5 },
    { rank: 5, n: 5 },
    null,
  ]);
  // 2A2: 284.8 (D), 488.5 (F), 539.5 (B), 677.0 (A, E), 961.6 (C).
  const rates = ['A', 'B', 'C', 'D', 'E', 'F'].map(
    (c) => result(c, 'ascof14-2A2', '2017-18').england.rank?.rank,
  );
  assert.deepEqual(rates, [4, 3, 6, 1, 4, 2]);
  // Within North (A 20.0, B 10.0, C 10.0): 1, 2, 2 of 3.
  assert.deepEqual(result('C', 'ascof14-1E', '2017-18').region?.rank, { rank: 2, n: 3 });
});

test('quartiles nationally; none in a region of three', () => {
  // Sorted 2, 10, 10, 15, 20: Q1 at h = 1 → 10, median at h = 2 → 10, Q3 at h = 3 → 15.
  const b = result('B', 'ascof14-1E', '2017-18');
  assert.equal(b.england.quartile?.quartile, 2);
  assert.deepEqual(b.england.quartile?.next, { quartile: 1, threshold: 15, needed: 15, change: 5 });
  assert.equal(result('D', 'ascof14-1E', '2017-18').england.quartile?.quartile, 1);
  assert.deepEqual(result('E', 'ascof14-1E', '2017-18').england.quartile?.next, {
    quartile: 3,
    threshold: 10,
    needed: 10,
    change: 8,
  });
  assert.equal(b.region?.quartile, null);
  // 2A2 sorted 284.8, 488.5, 539.5, 677.0, 677.0, 961.6: Q1 at h = 1.25 → 488.5 + 0.25 × 51 = 501.25;
  // median at 2.5 → 539.5 + 0.5 × 137.5 = 608.25; Q3 at 3.75 → 677.0. A at 677.0 (lower is better) is third;
  // it needs 608.2 or less (608.25 at one decimal, rounding towards better) for the second.
  const a = result('A', 'ascof14-2A2', '2017-18').england.quartile;
  assert.equal(a?.quartile, 3);
  assert.deepEqual(a?.next, { quartile: 2, threshold: 608.25, needed: 608.2, change: -68.8 });
});

test('comparator group: aggregated over its members, the council ranked among them', () => {
  const a = result('A', 'ascof14-1E', '2017-18');
  // Members B, D, E: (10 + 30 + 2) / (100 + 200 + 100) × 100 = 10.5.
  assert.deepEqual(a.comparator?.aggregate, { value: 10.5, method: 'pooled', n: 3 });
  assert.equal(a.comparator?.code, 'CG-A');
  // A 20.0 among 10.0, 15.0, 2.0: first of 4; sorted 2, 10, 15, 20: Q3 at h = 2.25 → 16.25; A is top.
  assert.deepEqual(a.comparator?.rank, { rank: 1, n: 4 });
  assert.equal(a.comparator?.quartile?.quartile, 1);
  assert.equal(result('B', 'ascof14-1E', '2017-18').comparator, null);
});

test('significance against England: Wilson intervals for 1E, plain for outcomes only', () => {
  // England pooled 12.18. A 20/100: Wilson (43.8416 ∓ 16.1437384) / 207.6832 → 13.34–28.88: better.
  const a = result('A', 'ascof14-1E', '2017-18').significance;
  assert.equal(a?.comparison, 'better');
  assert.equal(a?.method, 'wilson');
  close(a?.interval?.lower, 13.33659225590988);
  // B 10/100: (23.8416 ∓ 12.3715597) / 207.6832 → 5.52–17.44, England inside: similar.
  assert.equal(result('B', 'ascof14-1E', '2017-18').significance?.comparison, 'similar');
  // E 2/100: (7.8416 ∓ 6.6989577) / 207.6832 → 0.55–7.00, below England: worse.
  assert.equal(result('E', 'ascof14-1E', '2017-18').significance?.comparison, 'worse');
  assert.equal(result('F', 'ascof14-1E', '2017-18').significance, null);
  // 2A2 against the published 585.6, plain: A 677.0 worse, D 284.8 better.
  assert.deepEqual(result('A', 'ascof14-2A2', '2017-18').significance, {
    comparison: 'worse',
    method: 'plain',
    comparator: 585.6,
    interval: null,
  });
  assert.equal(result('D', 'ascof14-2A2', '2017-18').significance?.comparison, 'better');
});

test('direction of travel against the previous publication', () => {
  const a = result('A', 'ascof14-1E', '2018-19').direction;
  assert.deepEqual(a, {
    direction: 'worsened',
    change: -2,
    previousPeriod: '2017-18',
    previousMeasureId: 'ascof14-1E',
    previousValue: 20,
  });
  assert.equal(result('B', 'ascof14-1E', '2018-19').direction.direction, 'improved');
  assert.equal(result('C', 'ascof14-1E', '2018-19').direction.direction, 'no-change');
  // F was suppressed in 2017-18.
  assert.equal(result('F', 'ascof14-1E', '2018-19').direction.direction, 'not-comparable');
  // First year: nothing before.
  assert.deepEqual(result('A', 'ascof14-1E', '2017-18').direction, {
    direction: 'not-comparable',
    change: null,
    previousPeriod: null,
    previousMeasureId: null,
    previousValue: null,
  });
});

test('a biennial survey compares with the previous survey, not the year before', () => {
  assert.deepEqual(result('A', 'ascof14-3B', '2021-22').direction, {
    direction: 'improved',
    change: 2,
    previousPeriod: '2018-19',
    previousMeasureId: 'ascof14-3B',
    previousValue: 40,
  });
});

test('direction follows a change of code, and stops at a break', () => {
  // 9E 2019-20 (19.0) continues 1E 2018-19 (18.0): improved by 1.
  assert.deepEqual(result('A', 'ascof23-9E', '2019-20').direction, {
    direction: 'improved',
    change: 1,
    previousPeriod: '2018-19',
    previousMeasureId: 'ascof14-1E',
    previousValue: 18,
  });
  // Redefined from 2020-21: not comparable with 2019-20.
  const afterBreak = result('A', 'ascof23-9E', '2020-21').direction;
  assert.equal(afterBreak.direction, 'not-comparable');
  assert.equal(afterBreak.previousPeriod, '2019-20');
});

test('a configured no-change band applies to its measure', () => {
  const banded = benchmarkAll({ ...input, noChangeBands: { 'ascof14-1E': 2.5 } });
  const a = banded.find((r) => r.orgCode === 'A' && r.measureId === 'ascof14-1E' && r.period === '2018-19');
  assert.equal(a?.direction.direction, 'no-change');
  assert.equal(a?.direction.change, -2);
});
