/**
 * The engine on the shipped national file (ASCOF council outcomes 2017-18 to 2021-22). Expected numbers
 * were worked out from the file by hand and are written here literally; where a number rests on counting
 * rows, the test counts the rows itself, independently of the engine, and lists them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { loadMeasureCatalogueOrThrow } from '../../catalogue/measures.js';
import { loadValidOrganisations } from '../../catalogue/organisations.js';
import { findByCode } from '../measure.js';
import {
  benchmarkAll,
  type CouncilBenchmark,
  type CouncilPlacement,
  type PublishedAggregate,
} from './engine.js';
import type { Figure } from './types.js';

const ASCOF_CSV = '/work/shared/data/ascof/ascof-council-outcomes-2017-18-to-2021-22.csv';
const TRAFFORD = 'E08000009';
const SEFTON = 'E08000014';
const NORTH_WEST = 'E12000002';

interface Row {
  Year: string;
  'Geographical Description': string;
  'ONS Code': string;
  'Measure Group': string;
  Measure_Value: string;
  'Geographical Level': string;
}

const available = existsSync(ASCOF_CSV);
const skip = available ? false : `${ASCOF_CSV} is not present`;

const rows: Row[] = available ? (parse(readFileSync(ASCOF_CSV, 'utf8'), { columns: true }) as Row[]) : [];
const register = await loadValidOrganisations();
const catalogue = await loadMeasureCatalogueOrThrow();

function measureId(code: string): string {
  const measure = findByCode(catalogue, 'ascof', '2014', code);
  assert.ok(measure, `no 2014-edition measure ${code}`);
  return measure.id;
}

const councilRows = rows.filter((row) => row['Geographical Level'] === 'Council');
const figures: Figure[] = councilRows.map((row) => ({
  orgCode: row['ONS Code'],
  measureId: measureId(row['Measure Group']),
  period: row.Year,
  value: Number(row.Measure_Value),
  numerator: null,
  denominator: null,
  suppressed: false,
}));
const published: PublishedAggregate[] = rows.flatMap((row): PublishedAggregate[] => {
  const level = row['Geographical Level'];
  if (level !== 'England' && level !== 'Region') return [];
  return [
    {
      measureId: measureId(row['Measure Group']),
      period: row.Year,
      kind: level === 'England' ? 'england' : 'region',
      code: row['ONS Code'],
      value: Number(row.Measure_Value),
    },
  ];
});
const councils: CouncilPlacement[] = register.organisations.flatMap((org) => {
  if (org.kind !== 'council' || !org.regionCode || !org.councilTypeCode) return [];
  const name = (code: string) => register.byCode.get(code)?.name ?? code;
  return [
    {
      code: org.code,
      region: { code: org.regionCode, name: name(org.regionCode) },
      councilType: { code: org.councilTypeCode, name: name(org.councilTypeCode) },
    },
  ];
});
const northWest = new Set(councils.filter((c) => c.region.code === NORTH_WEST).map((c) => c.code));

const measures = catalogue.filter((m) => m.edition === '2014');
const results = available ? benchmarkAll({ measures, figures, councils, published }) : [];
const withoutPublished = available ? benchmarkAll({ measures, figures, councils }) : [];

function find(list: readonly CouncilBenchmark[], orgCode: string, code: string, period: string) {
  const id = measureId(code);
  const found = list.find((r) => r.orgCode === orgCode && r.measureId === id && r.period === period);
  assert.ok(found, `no result for ${orgCode} ${code} ${period}`);
  return found;
}

/** Council values for a measure and year, straight from the file. */
function fileValues(code: string, year: string, within?: ReadonlySet<string>) {
  return councilRows
    .filter((r) => r['Measure Group'] === code && r.Year === year && (!within || within.has(r['ONS Code'])))
    .map((r) => ({ name: r['Geographical Description'], value: Number(r.Measure_Value) }));
}

const byValueDescending = (a: { value: number }, b: { value: number }) => b.value - a.value;

test('every council figure in the file is benchmarked', { skip }, () => {
  assert.equal(councilRows.length, 17_576);
  assert.equal(results.length, 17_576);
});

test('Trafford 1E 2017-18 (13.1%): 15th nationally out of 152', { skip }, () => {
  const trafford = find(results, TRAFFORD, '1E', '2017-18');
  assert.equal(trafford.value, 13.1);
  // N: every council row for 1E in 2017-18 has a value.
  assert.equal(fileValues('1E', '2017-18').length, 152);
  // Councils strictly above 13.1, from the file:
  const above = fileValues('1E', '2017-18')
    .filter((r) => r.value > 13.1)
    .sort(byValueDescending);
  assert.deepEqual(above, [
    { name: 'Isles of Scilly', value: 100.0 },
    { name: 'Hartlepool', value: 20.2 },
    { name: 'Harrow', value: 17.9 },
    { name: 'Windsor and Maidenhead', value: 17.3 },
    { name: 'Hounslow', value: 17.2 },
    { name: 'North Yorkshire', value: 16.9 },
    { name: 'Bexley', value: 16.8 },
    { name: 'Luton', value: 16.1 },
    { name: 'Wokingham', value: 15.6 },
    { name: 'Enfield', value: 15.2 },
    { name: 'Doncaster', value: 14.6 },
    { name: 'Richmond upon Thames', value: 14.5 },
    { name: 'Westminster', value: 13.7 },
    { name: 'North East Lincolnshire', value: 13.5 },
  ]);
  // 14 above and none equal: rank 1 + 14 = 15.
  assert.deepEqual(trafford.england.rank, { rank: 15, n: 152 });
  assert.deepEqual(trafford.england.aggregate, { value: 6.0, method: 'published', n: 152 });
  assert.equal(trafford.england.name, 'England');
});

test('Trafford 1E 2017-18: best in the North West out of 23, against 4.3% regionally', { skip }, () => {
  const trafford = find(results, TRAFFORD, '1E', '2017-18');
  const region = fileValues('1E', '2017-18', northWest).sort(byValueDescending);
  assert.equal(region.length, 23); // Cumbria still a council in 2017-18; Cumberland etc. not yet
  assert.deepEqual(region.slice(0, 3), [
    { name: 'Trafford', value: 13.1 },
    { name: 'Cheshire East', value: 11.6 },
    { name: 'Stockport', value: 10.6 },
  ]);
  assert.deepEqual(trafford.region?.rank, { rank: 1, n: 23 });
  assert.equal(trafford.region?.name, 'North West');
  assert.deepEqual(trafford.region?.aggregate, { value: 4.3, method: 'published', n: 23 });
  // Not significance-tested: the file has no numerators, so a plain comparison, labelled.
  assert.deepEqual(trafford.significance, {
    comparison: 'better',
    method: 'plain',
    comparator: 6.0,
    interval: null,
  });
  assert.equal(trafford.england.quartile?.quartile, 1);
  assert.equal(trafford.region?.quartile?.quartile, 1);
});

test('North West 1E 2017-18: ties share a rank and the next rank skips', { skip }, () => {
  // From the file: 13 North West councils are above 3.1 (Cumbria 3.5 up to Trafford 13.1), and Knowsley and
  // Wigan both have 3.1, so both are 14th.
  const region = fileValues('1E', '2017-18', northWest);
  assert.equal(region.filter((r) => r.value > 3.1).length, 13);
  assert.deepEqual(
    region.filter((r) => r.value === 3.1).map((r) => r.name),
    ['Knowsley', 'Wigan'],
  );
  assert.deepEqual(find(results, 'E08000011', '1E', '2017-18').region?.rank, { rank: 14, n: 23 });
  assert.deepEqual(find(results, 'E08000010', '1E', '2017-18').region?.rank, { rank: 14, n: 23 });
  // Next down is Blackburn with Darwen at 2.6, with 15 above it: 16th, not 15th.
  assert.equal(region.filter((r) => r.value > 2.6).length, 15);
  assert.deepEqual(find(results, 'E06000008', '1E', '2017-18').region?.rank, { rank: 16, n: 23 });
});

test('Sefton 1E 2017-18 (1.9%): bottom quartile, with the value needed to move up', { skip }, () => {
  const national = fileValues('1E', '2017-18')
    .map((r) => r.value)
    .sort((a, b) => a - b);
  // QUARTILE.INC on 152 values: Q1 at h = 151 × 0.25 = 37.75, median at 75.5, Q3 at 113.25.
  assert.deepEqual(
    [national[37], national[38], national[75], national[76], national[113], national[114]],
    [3.1, 3.1, 5.3, 5.4, 9.0, 9.7],
  );
  // Q1 = 3.1 + 0.75 × 0 = 3.1; median = 5.3 + 0.5 × 0.1 = 5.35; Q3 = 9.0 + 0.25 × 0.7 = 9.175.
  const sefton = find(results, SEFTON, '1E', '2017-18');
  const thresholds = sefton.england.quartile?.thresholds;
  assert.equal(thresholds?.lower, 3.1);
  assert.ok(Math.abs((thresholds?.median ?? 0) - 5.35) < 1e-9);
  assert.ok(Math.abs((thresholds?.upper ?? 0) - 9.175) < 1e-9);
  assert.equal(sefton.england.quartile?.quartile, 4);
  assert.deepEqual(sefton.england.quartile?.next, { quartile: 3, threshold: 3.1, needed: 3.1, change: 1.2 });

  const region = fileValues('1E', '2017-18', northWest)
    .map((r) => r.value)
    .sort((a, b) => a - b);
  // 23 values: Q1 at h = 5.5, median at 11, Q3 at 16.5.
  assert.deepEqual([region[5], region[6], region[11], region[16], region[17]], [2.3, 2.4, 4.2, 5.5, 5.7]);
  // Q1 = 2.3 + 0.5 × 0.1 = 2.35: Sefton at 1.9 needs 2.4 (the first one-decimal value at or above 2.35).
  const inRegion = sefton.region?.quartile;
  assert.equal(inRegion?.quartile, 4);
  assert.ok(Math.abs((inRegion?.thresholds.lower ?? 0) - 2.35) < 1e-9);
  assert.equal(inRegion?.thresholds.median, 4.2);
  assert.ok(Math.abs((inRegion?.thresholds.upper ?? 0) - 5.6) < 1e-9);
  assert.equal(inRegion?.next?.needed, 2.4);
  assert.equal(inRegion?.next?.change, 0.5);
});

test(
  'Without published aggregates the North West 1E figure is the median of its councils, labelled',
  { skip },
  () => {
    // 23 values sorted: the 12th (index 11) is Tameside's 4.2; the published regional figure is 4.3.
    const region = fileValues('1E', '2017-18', northWest).sort((a, b) => a.value - b.value);
    assert.deepEqual(region[11], { name: 'Tameside', value: 4.2 });
    const trafford = find(withoutPublished, TRAFFORD, '1E', '2017-18');
    assert.deepEqual(trafford.region?.aggregate, { value: 4.2, method: 'median', n: 23 });
    // England: 152 values, median (5.3 + 5.4) / 2 = 5.35 against the published 6.0.
    assert.equal(trafford.england.aggregate.method, 'median');
    assert.ok(Math.abs((trafford.england.aggregate.value ?? 0) - 5.35) < 1e-9);
  },
);

test('Trafford 2A2 2017-18 (677.0 per 100,000, lower is better): 106th of 152, 10th of 23', { skip }, () => {
  const trafford = find(results, TRAFFORD, '2A2', '2017-18');
  assert.equal(trafford.value, 677.0);
  const all = fileValues('2A2', '2017-18');
  assert.equal(all.length, 152);
  // 105 councils have a lower (better) rate and none the same: rank 106.
  assert.equal(all.filter((r) => r.value < 677.0).length, 105);
  assert.equal(all.filter((r) => r.value === 677.0).length, 1);
  assert.deepEqual(trafford.england.rank, { rank: 106, n: 152 });
  // In the North West, nine are lower:
  assert.deepEqual(
    fileValues('2A2', '2017-18', northWest)
      .filter((r) => r.value < 677.0)
      .sort((a, b) => a.value - b.value),
    [
      { name: 'Wirral', value: 284.8 },
      { name: 'Blackburn with Darwen', value: 488.5 },
      { name: 'Halton', value: 562.0 },
      { name: 'Cheshire West and Chester', value: 593.4 },
      { name: 'Cumbria', value: 607.4 },
      { name: 'St. Helens', value: 630.9 },
      { name: 'Warrington', value: 650.1 },
      { name: 'Tameside', value: 667.3 },
      { name: 'Cheshire East', value: 667.9 },
    ],
  );
  assert.deepEqual(trafford.region?.rank, { rank: 10, n: 23 });
  assert.deepEqual(trafford.england.aggregate, { value: 585.6, method: 'published', n: 152 });
  assert.deepEqual(trafford.region?.aggregate, { value: 737.8, method: 'published', n: 23 });
  assert.equal(trafford.significance?.comparison, 'worse');
  assert.equal(trafford.significance?.method, 'plain');
});

test(
  'Trafford 2A2 2017-18 quartiles: lower is better, so the top quartile is at or below Q1',
  { skip },
  () => {
    const national = fileValues('2A2', '2017-18')
      .map((r) => r.value)
      .sort((a, b) => a - b);
    assert.deepEqual(
      [national[37], national[38], national[75], national[76], national[113], national[114]],
      [457.8, 464.5, 591.4, 591.5, 703.0, 703.8],
    );
    // Q1 = 457.8 + 0.75 × 6.7 = 462.825; median = 591.45; Q3 = 703.0 + 0.25 × 0.8 = 703.2.
    // 591.45 < 677.0 <= 703.2: third quartile. The second needs at most 591.45, so 591.4 at one decimal.
    const trafford = find(results, TRAFFORD, '2A2', '2017-18');
    assert.equal(trafford.england.quartile?.quartile, 3);
    const next = trafford.england.quartile?.next;
    assert.equal(next?.quartile, 2);
    assert.ok(Math.abs((next?.threshold ?? 0) - 591.45) < 1e-9);
    assert.equal(next?.needed, 591.4);
    assert.equal(next?.change, -85.6);

    const region = fileValues('2A2', '2017-18', northWest)
      .map((r) => r.value)
      .sort((a, b) => a - b);
    assert.deepEqual(
      [region[5], region[6], region[11], region[16], region[17]],
      [630.9, 650.1, 697.2, 825.9, 886.4],
    );
    // Q1 = 630.9 + 0.5 × 19.2 = 640.5; median 697.2: Trafford (677.0) is second in the region and needs 640.5.
    const inRegion = trafford.region?.quartile;
    assert.equal(inRegion?.quartile, 2);
    assert.equal(inRegion?.next?.needed, 640.5);
    assert.equal(inRegion?.next?.change, -36.5);
  },
);

test('Direction of travel on the file, annual and biennial', { skip }, () => {
  // 1E: 13.1 → 12.4, worse. 2A2: 677.0 → 539.5, fewer admissions, better.
  assert.deepEqual(find(results, TRAFFORD, '1E', '2018-19').direction, {
    direction: 'worsened',
    change: -0.7,
    previousPeriod: '2017-18',
    previousMeasureId: 'ascof14-1E',
    previousValue: 13.1,
  });
  assert.equal(find(results, TRAFFORD, '2A2', '2018-19').direction.direction, 'improved');
  assert.equal(find(results, TRAFFORD, '2A2', '2018-19').direction.change, -137.5);
  // 3B (carers' satisfaction) is surveyed in 2018-19 and 2021-22 only: 44.7 → 29.9.
  const carers = find(results, TRAFFORD, '3B', '2021-22').direction;
  assert.equal(carers.previousPeriod, '2018-19');
  assert.equal(carers.direction, 'worsened');
  assert.equal(carers.change, -14.8);
});
