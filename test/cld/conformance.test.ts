/**
 * The bulk SQL import against the executable specification: the same extract read row by row by the
 * domain's `parseCldRow` (with `summariseQuality`) and in bulk by DuckDB (`inspectFile` + `stageFile`)
 * must give the same totals, the same rejected rows for the same rules, the same completeness and
 * validity of every field, the same flags, and the same stored values and pseudonyms. The one thing only
 * the bulk reader sees is an exact repeat of an earlier row ('duplicate-row'), checked on its own.
 *
 * Extracts: synthetic files with a high dirty rate (release 1 and 2, and a release 2 file declared as
 * release 1), and a seeded extract of awkward values (spacing, dates, costs, identifiers) in every
 * field, including the columns the synthetic files leave out. Below them, each field reader is compared
 * value by value with the domain function it mirrors.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { CaseStore } from '../../src/cld/engine/case-store.js';
import { openDuckCaseStore } from '../../src/cld/engine/duckdb.js';
import { MACROS, valueSql } from '../../src/cld/import/columns.js';
import {
  inspectFile,
  stageFile,
  writeSubmission,
  type CldLoadOptions,
  type CldLoadReport,
} from '../../src/cld/import/load.js';
import { createPseudonymiser, type Pseudonymiser } from '../../src/cld/pseudonymise.js';
import { writeSyntheticCld, type WriteSummary } from '../../src/cld/synthetic/cli-entry.js';
import { syntheticNhsNumber } from '../../src/cld/synthetic/nhs-number.js';
import { parseBoundedUnitCost, parsePlannedUnits } from '../../src/domain/cld/cost.js';
import { parseCldDate } from '../../src/domain/cld/dates.js';
import { pseudonymiseEvent } from '../../src/domain/cld/event.js';
import { CLD_FIELDS, fieldOf, type CldFieldKey } from '../../src/domain/cld/fields.js';
import { mapHeaders } from '../../src/domain/cld/headers.js';
import { summariseQuality, type QualityReport } from '../../src/domain/cld/quality.js';
import { detectRelease } from '../../src/domain/cld/release.js';
import {
  isValidNhsNumber,
  parseCldRow,
  postcodeDistrict,
  type ParseResult,
} from '../../src/domain/cld/row.js';

const LA = 'E08000009';
const PERIOD = { start: '2023-04-01', end: '2024-03-31' };

async function tempDir(t: TestContext): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ascent-cld-conformance-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

async function duck(t: TestContext): Promise<CaseStore> {
  const store = await openDuckCaseStore(':memory:');
  t.after(() => store.close());
  return store;
}

interface BothPaths {
  rows: Record<string, string>[];
  results: ParseResult[];
  js: QualityReport;
  jsRelease: ReturnType<typeof detectRelease>;
  sql: CldLoadReport;
  store: CaseStore;
  staged: Awaited<ReturnType<typeof stageFile>>;
}

/** The file through the domain parser row by row, and through the bulk reader. */
async function bothPaths(t: TestContext, file: string, options: CldLoadOptions = {}): Promise<BothPaths> {
  const text = await fs.readFile(file, 'utf8');
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const [header] = parse(text.slice(0, text.indexOf('\n'))) as string[][];
  const headers = mapHeaders(header ?? []);
  const release = options.release ?? 'auto';
  const results = rows.map((raw, i) =>
    parseCldRow(raw, i + 2, {
      laCode: LA,
      reportingPeriodStart: PERIOD.start,
      reportingPeriodEnd: PERIOD.end,
      release,
      headers,
    }),
  );
  const jsRelease = detectRelease(rows, headers);
  const js = summariseQuality(results, [...headers.problems, ...jsRelease.problems]);
  const store = await duck(t);
  const staged = await stageFile(store, file, await inspectFile(file), options);
  assert.deepEqual(
    [staged.context.laCode, staged.context.reportingPeriodStart, staged.context.reportingPeriodEnd],
    [LA, PERIOD.start, PERIOD.end],
  );
  return { rows, results, js, jsRelease, sql: staged.report, store, staged };
}

const reasonKey = (p: { rule: string; field: string | null }) => `${p.rule}:${p.field ?? ''}`;
const sorted = (xs: Iterable<string>) => [...xs].sort();

/** Everything the two reports say, compared; returns the rows only the bulk reader rejects as repeats. */
function assertSameReports(both: BothPaths): number[] {
  const { rows, results, js, jsRelease, sql } = both;
  const jsReasons = new Map(js.rejections.map((r) => [r.rowNumber, sorted(r.reasons.map(reasonKey))]));
  const sqlReasons = new Map(sql.rejections.map((r) => [r.rowNumber, sorted(r.reasons.map(reasonKey))]));
  const duplicates = [...sqlReasons]
    .filter(([, reasons]) => reasons.includes('duplicate-row:'))
    .map(([row]) => row);

  // A repeat is an exact copy of an earlier row; apart from being a repeat it fails (or not) as the
  // domain says.
  const firstCopy = new Map<string, number>();
  for (const [i, raw] of rows.entries()) {
    const k = JSON.stringify(raw);
    if (!firstCopy.has(k)) firstCopy.set(k, i + 2);
  }
  for (const row of duplicates) {
    const first = firstCopy.get(JSON.stringify(rows[row - 2]));
    assert.ok(first !== undefined && first < row, `row ${row} repeats no earlier row`);
  }

  const mismatches: string[] = [];
  for (const row of new Set([...jsReasons.keys(), ...sqlReasons.keys()])) {
    const a = jsReasons.get(row) ?? [];
    const b = (sqlReasons.get(row) ?? []).filter((r) => r !== 'duplicate-row:');
    if (a.join() !== b.join()) mismatches.push(`row ${row}: domain [${a.join(', ')}], SQL [${b.join(', ')}]`);
  }
  assert.deepEqual(mismatches.slice(0, 20), [], 'rejected rows and their rules');

  const loadedRepeats = duplicates.filter((row) => results[row - 2]?.ok).length;
  assert.equal(sql.read, js.read);
  assert.equal(sql.read, rows.length);
  assert.equal(sql.loaded, js.loaded - loadedRepeats);
  assert.equal(sql.rejected, js.rejected + loadedRepeats);
  assert.equal(sql.read, sql.loaded + sql.rejected);

  const sqlFields = new Map(sql.fields.map((f) => [f.field, f]));
  for (const f of js.fields) {
    const g = sqlFields.get(f.field);
    assert.deepEqual(g, f, `field ${f.field}`);
  }
  assert.deepEqual(sql.flagsByRule, js.flagsByRule, 'flags by rule');
  const { 'duplicate-row': repeats = 0, ...sqlRules } = sql.rejectionsByRule;
  assert.equal(repeats, duplicates.length);
  assert.deepEqual(sqlRules, js.rejectionsByRule, 'rejections by rule');
  assert.equal(sql.release ?? 'unknown', jsRelease.release, 'release of the file');
  assert.deepEqual(
    sorted(sql.fileProblems.map((p) => `${p.rule}:${p.field ?? ''}`)),
    sorted(js.fileProblems.map((p) => `${p.rule}:${p.field ?? ''}`)),
  );
  return duplicates;
}

/** Stored rows against the domain's events: codes, dates, money, units and the keyed pseudonyms. */
async function assertSameEvents(both: BothPaths, pseudonymiser: Pseudonymiser, duplicates: number[]) {
  const { store, staged, results } = both;
  await writeSubmission(store, store, staged, 'conformance', pseudonymiser);
  const stored = await store.all<Record<string, unknown>>(
    `SELECT * FROM cld_events WHERE submission_id = 'conformance' ORDER BY row_number`,
  );
  const byRow = new Map(stored.map((r) => [Number(r.row_number), r]));
  const repeats = new Set(duplicates);
  const loaded = results.filter((r) => r.ok && !repeats.has(r.rowNumber));
  assert.equal(stored.length, loaded.length);
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const codes = [
    'gender',
    'ethnicity',
    'clientType',
    'primarySupportReason',
    'accommodationStatus',
    'employmentStatus',
    'hasUnpaidCarer',
    'autism',
    'visualImpairment',
    'hearingImpairment',
    'dementia',
    'clientFundingStatus',
    'eventType',
    'eventOutcome',
    'routeOfAccess',
    'assessmentType',
    'serviceType',
    'serviceComponent',
    'deliveryMechanism',
    'reviewReason',
    'costFrequency',
  ] as const;
  const column = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  let checkedNhs = 0;
  let checkedLa = 0;
  for (const result of loaded) {
    if (!result.ok) continue;
    const row = byRow.get(result.rowNumber);
    assert.ok(row, `row ${result.rowNumber} was not stored`);
    const e = pseudonymiseEvent(result.event, pseudonymiser);
    const at = `row ${result.rowNumber}`;
    assert.equal(text(row.weekly_cost_pence), text(e.weeklyCostPence), `${at}: weekly cost`);
    assert.equal(text(row.unit_cost_pence), text(e.unitCostPence), `${at}: unit cost`);
    assert.equal(text(row.birth_month)?.slice(0, 7) ?? null, e.birthMonth, `${at}: birth month`);
    assert.equal(row.date_of_death, e.dateOfDeath, `${at}: date of death`);
    assert.equal(row.event_start, e.eventStartDate, `${at}: start`);
    assert.equal(row.event_end, e.eventEndDate, `${at}: end`);
    assert.equal(row.postcode_district, e.postcodeDistrict, `${at}: postcode district`);
    assert.equal(row.adults_cared_for, e.numberOfAdultsCaredFor, `${at}: adults cared for`);
    assert.equal(row.la_code, e.laCode.toUpperCase(), `${at}: council`);
    for (const key of codes) assert.equal(row[column(key)], e[key], `${at}: ${key}`);
    // The stored column keeps four decimals of the planned units (the weekly cost uses them all).
    if (e.plannedUnitsPerWeek === null) assert.equal(row.planned_units_per_week, null);
    else assert.ok(Math.abs(Number(row.planned_units_per_week) - Number(e.plannedUnitsPerWeek)) < 0.00005);
    // Keyed pseudonyms computed in SQL equal the pseudonymiser's, called directly.
    const ids = result.event.directIdentifiers;
    assert.equal(row.nhs_pseudonym, ids.nhsNumber && pseudonymiser.nhsNumber(ids.nhsNumber), `${at}: NHS`);
    assert.equal(
      row.la_pseudonym,
      ids.laPersonId && pseudonymiser.laPersonId(LA, ids.laPersonId),
      `${at}: LA id`,
    );
    assert.deepEqual(
      [row.linked_pseudonym_1, row.linked_pseudonym_2, row.linked_pseudonym_3].filter((x) => x !== null),
      e.pseudonyms.linkedPersonIds,
      `${at}: linked people`,
    );
    if (ids.nhsNumber) checkedNhs += 1;
    if (ids.laPersonId) checkedLa += 1;
  }
  assert.ok(checkedNhs > 0 && checkedLa > 0, 'pseudonyms were compared');
}

const KEY = createPseudonymiser(Buffer.from('c0ffee'.repeat(16).slice(0, 64), 'hex'));

async function synthetic(
  t: TestContext,
  release: 1 | 2,
  rows = 20_000,
): Promise<{ file: string; summary: WriteSummary }> {
  const file = path.join(await tempDir(t), `release-${release}.csv`);
  const summary = await writeSyntheticCld(file, {
    seed: 1009,
    councils: [LA],
    rows,
    periodStart: PERIOD.start,
    periodEnd: PERIOD.end,
    release,
    dirtyRate: 0.05,
  });
  return { file, summary };
}

describe('the bulk import conforms to the domain parser', () => {
  for (const release of [1, 2] as const) {
    test(`a dirty synthetic release ${release} extract`, async (t) => {
      const { file, summary } = await synthetic(t, release);
      const both = await bothPaths(t, file);
      const duplicates = assertSameReports(both);
      // Every repeat the generator wrote is found, and nothing else counts as one.
      assert.equal(duplicates.length, summary.dirty.duplicate);
      assert.ok(duplicates.length > 0);
      // Clean values are all the release's own: only the dirty rows' unknown codes are invalid.
      assert.equal(both.sql.release, release);
      assert.ok(both.sql.rejected > 0 && both.sql.loaded > 0);
      await assertSameEvents(both, KEY, duplicates);
    });
  }

  test('a release 2 extract declared as release 1 flags the same other-release spellings', async (t) => {
    const { file } = await synthetic(t, 2, 5_000);
    const both = await bothPaths(t, file, { release: 1 });
    assertSameReports(both);
    assert.ok((both.sql.flagsByRule['wrong-release'] ?? 0) > 0);
  });

  test('an extract of awkward values in every column, with a key longer than a hash block', async (t) => {
    const file = path.join(await tempDir(t), 'awkward.csv');
    await fs.writeFile(file, awkwardExtract(4_000, 20240331));
    const both = await bothPaths(t, file);
    const duplicates = assertSameReports(both);
    assert.ok(both.sql.loaded > 100, `only ${both.sql.loaded} rows loaded`);
    // HMAC hashes a key longer than its 64-byte block first; SQL must do the same.
    await assertSameEvents(both, createPseudonymiser(Buffer.alloc(100, 0xa5)), duplicates);
  });
});

/** A small seeded generator (mulberry32), so the awkward extract is the same every run. */
function random(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const spaced = (n: number) => syntheticNhsNumber(n).replace(/^(\d{3})(\d{3})/, '$1 $2 ');

/** Values to draw from, per field: mostly valid ones, with spacing, case, format and range edges. */
const AWKWARD: Partial<Record<CldFieldKey, string[]>> = {
  laCode: [LA, LA, LA, LA, LA, 'e08000009', ` ${LA}\t`, 'E06000001', ''],
  reportingPeriodStart: [
    PERIOD.start,
    PERIOD.start,
    PERIOD.start,
    '01/04/2023',
    '2023-04-01 00:00:00',
    '2023-4-1',
    '2023-04-02',
    '',
  ],
  reportingPeriodEnd: [
    PERIOD.end,
    PERIOD.end,
    PERIOD.end,
    '31/03/2024',
    '31.03.2024',
    '2024-03-31T00:00',
    '',
    '2024-02-30',
  ],
  nhsNumber: [
    syntheticNhsNumber(1),
    syntheticNhsNumber(2),
    spaced(3),
    syntheticNhsNumber(4).replace(/^(\d{3})(\d{3})/, '$1-$2-'),
    `${syntheticNhsNumber(5).slice(0, 3)}\u00a0${syntheticNhsNumber(5).slice(3)}`,
    '9434765918',
    '0000000000',
    '12345',
    'abc',
    '',
    '',
  ],
  laPersonId: ['L1', 'L2', '', ' L3 ', '\tL4', '\u3000L5', '  '],
  firstName: ['Ann', ''],
  lastName: ['Smith', ''],
  gpPracticeCode: ['A81001', ''],
  gender: ['Male', 'female', 'FEMALE', ' Other ', '\tMale', 'Male\u00a0', 'X', '', 'Unknown'],
  ethnicity: [
    'White: Irish',
    'Mixed: White and Asian',
    'Mixed or multiple ethnic groups: White and Asian',
    'No data: Refused',
    'Purple',
    '',
  ],
  dateOfBirth: [
    '1940-06-15',
    '15/06/1940',
    '1940-6-5',
    '2025-01-01',
    '2023-06-01',
    '',
    'unknown',
    '1900-01-01',
    '31/02/1950',
    '1948-02-29',
    '1959-03-15',
    '0000-01-01',
    '1964-04-01',
  ],
  dateOfDeath: ['', '', '', '', '2023-10-01', '2024-05-01', '1930-01-01', 'bad', '15/06/2023'],
  clientType: [
    'Service User',
    'Service User',
    'service user',
    'Carer',
    'Unpaid carer',
    'Carer known by association',
    'Unpaid carer known by association',
    'Client',
    '',
  ],
  primarySupportReason: [
    'Learning Disability Support',
    'learning disability support',
    'Physical Support: Personal care support',
    'Social support: Support to unpaid carer',
    'PSR Not Known',
    'bad',
    '',
  ],
  postcode: [
    'LS1 4AP',
    'ls14ap',
    'LS1',
    'SW1A 1AA',
    'M1\u00a01AA',
    'M1\t1AA',
    'BAD',
    '',
    'LS1 4A',
    '\u017fw1a 1aa',
  ],
  accommodationStatus: ['Tenant', 'Owner occupier or shared ownership scheme', 'bad', ''],
  employmentStatus: [
    'Not in Paid Employment (seeking work)',
    'Not in paid employment: Seeking work',
    'Paid: 16 or more hours a week',
    'bad',
    '',
    '',
  ],
  hasUnpaidCarer: ['Yes', 'No', 'Unknown', 'y', ''],
  autism: ['Yes', 'No', ''],
  visualImpairment: ['Yes', 'Blind/severely sight impaired', 'x', ''],
  hearingImpairment: ['No', 'Deaf with speech', 'x', ''],
  dementia: ['Yes', ''],
  clientFundingStatus: ['Fully LA Funded', 'Fully social care funded', 'bad', ''],
  eventType: ['Request', 'Assessment', 'Service', 'Service', 'Service', 'Review', ' REVIEW ', 'Other', ''],
  eventReference: ['R1', ''],
  eventStartDate: [
    '2023-05-01',
    '2023-06-15',
    '01/05/2023',
    '1/5/2023',
    '2023-05-01T10:30:00.000Z',
    '2023-05-01 10:30',
    '2022-01-01',
    '2024-04-10',
    '',
    'bad',
    '2023-13-01',
    '20230501',
    '2023/05/01',
    '\t2023-05-01',
  ],
  eventEndDate: ['', '', '2023-05-20', '2023-04-15', '2024-06-01', 'bad', '20/05/2023', '2023-11-30'],
  eventDescription: ['text', 'has, a comma', 'has "quotes"', ''],
  eventOutcome: [
    'NFA - Deceased',
    'NFA: Deceased',
    'NFA- Other',
    'nfa - other',
    'Provision of service',
    'bad',
    '',
  ],
  routeOfAccess: ['Prison', 'Community / Other route', 'bad', ''],
  assessmentType: ['Long Term Assessment', 'Financial Assessment', 'financial assessment', 'bad', ''],
  eligibleNeedsIdentified: ['Yes', ''],
  methodOfAssessment: ['Face to face', ''],
  totalHoursCaringPerWeek: ['10', ''],
  numberOfAdultsCaredFor: ['1', '03', '1000', 'x', '', ' 2 ', '-1'],
  linkedPersonId1: ['L9', ''],
  linkedPersonId3: ['L7', ''],
  serviceType: [
    'Long Term Support: Community',
    'Long term support: Residential care',
    'Short Term Support: ST-Max',
    'Carer Support: Direct to Carer',
    'bad',
    '',
  ],
  serviceComponent: [
    'Home Support',
    'Home support or domiciliary care',
    'Short Term Residential Care',
    'Carer Respite',
    'bad',
    '',
  ],
  deliveryMechanism: [
    'Direct Payment',
    'CASSR Commissioned Support',
    'CASSR managed personal budget',
    'bad',
    '',
  ],
  providerCqcLocationId: ['1-123456789', ''],
  reviewReason: ['Planned', 'Unplanned - Other Reason', 'Review of short term support', 'bad', ''],
  reviewOutcomesAchieved: ['Fully achieved', ''],
  methodOfReview: ['Service user only', ''],
  unitCost: [
    '100',
    '100.5',
    '100.50',
    '£1,200.00',
    '1,200',
    '12.345',
    '12.3450',
    '-5',
    '-0',
    '0',
    '',
    'abc',
    '+3',
    '1e3',
    '.5',
    '5.',
    '£ 10',
    '£\t10',
    '1,2345',
    '1,234,567.89',
    '99999999999999999',
    '0.01',
  ],
  costFrequency: [
    'Hourly',
    'Daily',
    'Per Session',
    'Weekly',
    'Fortnightly',
    '4-Weekly',
    'Monthly',
    'Quarterly',
    'Annually',
    'One-off',
    'weekly',
    'bad',
    '',
  ],
  plannedUnitsPerWeek: [
    '10',
    '10.5',
    '0.25',
    '1,000',
    '-1',
    'abc',
    '',
    '0.1234567',
    '1.234567',
    '+2',
    '.5',
    '3.',
    '1,5',
    '10,000,000',
  ],
};

/** A CSV of `n` rows over every CLD field (release 1 headers), each cell drawn from the lists above. */
function awkwardExtract(n: number, seed: number): string {
  const next = random(seed);
  const pick = (xs: string[]) => xs[Math.floor(next() * xs.length)] ?? '';
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [CLD_FIELDS.map((f) => f.r1).join(',')];
  for (let i = 0; i < n; i++) lines.push(CLD_FIELDS.map((f) => cell(pick(AWKWARD[f.key] ?? ['']))).join(','));
  return `${lines.join('\n')}\n`;
}

describe('each bulk field reader reads a value as the domain does', () => {
  async function sqlValues(t: TestContext, key: CldFieldKey, inputs: string[]): Promise<(string | null)[]> {
    const store = await duck(t);
    for (const m of MACROS) await store.run(m);
    const out: (string | null)[] = [];
    for (const input of inputs) {
      const [row] = await store.all<{ v: unknown }>(
        `SELECT CAST(${valueSql(fieldOf(key), "nullif(cld_trim($1), '')")} AS TEXT) AS v`,
        [input],
      );
      out.push(row?.v === null || row?.v === undefined ? null : String(row.v));
    }
    return out;
  }
  const check = async (
    t: TestContext,
    key: CldFieldKey,
    inputs: string[],
    domain: (raw: string) => string | null,
  ) => {
    const sql = await sqlValues(t, key, inputs);
    const differences = inputs.flatMap((input, i) => {
      const expected = input.trim() === '' ? null : domain(input.trim());
      return sql[i] === expected ? [] : [`${JSON.stringify(input)}: domain ${expected}, SQL ${sql[i]}`];
    });
    assert.deepEqual(differences, []);
  };

  test('dates', (t) =>
    check(
      t,
      'eventStartDate',
      [
        '2023-05-01',
        '2023-5-1',
        '02023-05-01',
        '2023-05-01 junk',
        '2023-05-01T10:30',
        '2023-05-01T10:30:00Z',
        '2023-05-01T10:30:00.123Z',
        '2023-05-01 10:30:00.5',
        '2023-05-01T1:30',
        '2023-05-01Z',
        '20230501',
        '01/05/2023',
        '1/5/2023',
        '01-05-2023',
        '01.05.2023',
        '1.5.2023 10:30',
        '01/05/2023 10:30:00',
        '01/05/23',
        '2023/05/01',
        '31/02/2024',
        '29/02/2024',
        '29/02/2023',
        '2023-02-29',
        '2000-02-29',
        '1900-02-29',
        '0000-01-01',
        '01/01/0000',
        '0001-01-01',
        '0004-02-29',
        '9999-12-31',
        '2023-00-10',
        '2023-05-00',
        '2023-05-32',
        '+2023-05-01',
        '2023-05-01T',
        '2023-05-01t10:30',
        'May 1 2023',
        ' 2023-05-01\t',
        '',
      ],
      (raw) => parseCldDate(raw) ?? null,
    ));

  test('unit costs, in pence', (t) =>
    check(
      t,
      'unitCost',
      [
        '100',
        '100.5',
        '100.50',
        '£1,200.00',
        '1,200',
        '12.345',
        '12.3450',
        '-5',
        '-0',
        '-0.00',
        '0',
        'abc',
        '+3',
        '1e3',
        '7.5',
        '.5',
        '5.',
        '£ 10',
        '£\u00a010',
        '£10',
        '-£5',
        '£-5',
        '+£5',
        '1,2345',
        '1,234,567.89',
        '0.01',
        '99.995',
        '1,23',
        '123,45',
        '1 000',
        '00012',
        ',100',
        '100,',
        '1,,000',
        '99999999.99',
        '100000000.00',
        '99999999999999999',
        '1,000,000,000,000,000,000',
        '10.0000000000',
        '£',
      ],
      (raw) => {
        const pence = parseBoundedUnitCost(raw);
        return pence === undefined ? null : String(pence);
      },
    ));

  test('planned units per week', (t) =>
    check(
      t,
      'plannedUnitsPerWeek',
      [
        '10',
        '10.5',
        '0.25',
        '1,000',
        '-1',
        '-0',
        'abc',
        '0.1234567',
        '1.234567',
        '1.2345670',
        '+2',
        '.5',
        '3.',
        '1,5',
        '1,000.25',
        '1,2345',
        '999,999.999999',
        '1,000,000',
        '0',
        '00.5',
        '1e2',
        '1,000,0',
        '1.5,000',
      ],
      (raw) => {
        const d = parsePlannedUnits(raw);
        if (!d) return null;
        const digits = d.digits.toString().padStart(d.scale + 1, '0');
        const whole = digits.slice(0, digits.length - d.scale);
        return `${BigInt(whole)}.${digits.slice(digits.length - d.scale).padEnd(6, '0')}`;
      },
    ));

  test('NHS numbers', (t) =>
    check(
      t,
      'nhsNumber',
      [
        '9434765919',
        '943 476 5919',
        '943-476-5919',
        '9434765918',
        '0000000000',
        '1111111111',
        '123456789',
        '12345678901',
        '943\t476 5919',
        '943\u00a0476\u30005919',
        '943--4765919',
        '943_476_5919',
        '+9434765919',
        'abcdefghij',
        '943476591a',
      ],
      (raw) => {
        const digits = raw.replace(/[\s-]/g, '');
        return isValidNhsNumber(digits) ? digits : null;
      },
    ));

  test('postcodes, as their district', (t) =>
    check(
      t,
      'postcode',
      [
        'LS1 4AP',
        'ls14ap',
        'LS1',
        'SW1A 1AA',
        'BAD',
        'LS1 4A',
        'M1  1AA',
        'M1\t1AA',
        'M1\u00a01AA',
        'EC1A1BB',
        'GIR 0AA',
        'LS1 4AP extra',
        '1LS 4AP',
        'DN55 1PT',
        '\u017fw1a 1aa',
        'stra\u00dfe',
      ],
      (raw) => postcodeDistrict(raw) ?? null,
    ));
});
