import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { writeSyntheticCld } from './cli-entry.js';
import { CLD_COLUMNS, COL } from './columns.js';
import { parseIsoDay } from './dates.js';
import { generateCld, type CldOptions } from './generate.js';
import { DIRTY_KINDS, type DirtyKind } from './model.js';
import { isValidNhsNumber } from './nhs-number.js';
import { CLIENT_TYPE, codedValues, type CodedColumn, type Release } from './vocabulary.js';

const YEAR = { periodStart: '2023-04-01', periodEnd: '2024-03-31' } as const;
const COUNCILS = ['E08000009', 'E10000014'];

function options(overrides: Partial<CldOptions> = {}): CldOptions {
  return { seed: 20240331, councils: COUNCILS, rows: 20_000, ...YEAR, release: 1, ...overrides };
}

function text(o: CldOptions): string {
  return [...generateCld(o)].join('');
}

interface Row {
  fields: string[];
  raw: string;
}

/** The data rows (the header checked and dropped). */
function rowsOf(csv: string): Row[] {
  const records = parse(csv, { raw: true, relax_column_count: true }) as unknown as {
    record: string[];
    raw: string;
  }[];
  assert.deepEqual(records[0]?.record, [...CLD_COLUMNS]);
  return records.slice(1).map(({ record, raw }) => ({ fields: record, raw }));
}

const get = (row: Row, column: (typeof CLD_COLUMNS)[number]): string => row.fields[COL[column]] ?? '';

test('the same seed gives byte-identical output, another seed different output', async () => {
  const hash = async (o: CldOptions): Promise<string> => {
    const h = createHash('sha256');
    for await (const chunk of generateCld(o)) h.update(chunk);
    return h.digest('hex');
  };
  const first = await hash(options());
  assert.equal(await hash(options()), first);
  assert.notEqual(await hash(options({ seed: 20240401 })), first);
  // Synchronous and asynchronous iteration give the same text.
  assert.equal(createHash('sha256').update(text(options())).digest('hex'), first);
});

test('the row count lands within 5% of the target and every row has the header’s columns', () => {
  for (const rows of [1_000, 20_000]) {
    const cld = generateCld(options({ rows }));
    const data = rowsOf([...cld].join(''));
    assert.ok(Math.abs(data.length - rows) <= rows * 0.05, `${data.length} rows for a target of ${rows}`);
    assert.equal(cld.summary.rows, data.length);
    for (const row of data) assert.equal(row.fields.length, CLD_COLUMNS.length, row.raw);
  }
  assert.ok(!CLD_COLUMNS.some((c) => /name|postcode/i.test(c)), 'no name or postcode columns');
});

test('NHS numbers pass the modulus 11 check; some people have none', () => {
  const cld = generateCld(options());
  const data = rowsOf([...cld].join(''));
  let blank = 0;
  for (const row of data) {
    const nhs = get(row, 'NHS_Number');
    if (nhs === '') blank++;
    else assert.ok(isValidNhsNumber(nhs) && nhs.startsWith('9'), nhs);
  }
  assert.ok(blank > 0);
  assert.ok(cld.summary.personsWithoutNhs > 0);
});

test('the mixes of support reason, age, service type and delivery mechanism are in loose bands', () => {
  const data = rowsOf(text(options({ rows: 30_000, dirtyRate: 0 })));
  const longTerm = new Map<string, Row>();
  for (const row of data) {
    if (get(row, 'Service_Type').startsWith('Long Term Support:')) {
      longTerm.set(`${get(row, 'LA_Code')}/${get(row, 'LA_Person_Unique_Identifier')}`, row);
    }
  }
  const people = [...longTerm.values()];
  const share = (rows: Row[], test: (r: Row) => boolean): number => rows.filter(test).length / rows.length;
  const within = (name: string, value: number, low: number, high: number): void =>
    assert.ok(value >= low && value <= high, `${name}: ${(value * 100).toFixed(1)}%`);
  const psr = (r: Row): string => get(r, 'Primary_Support_Reason');
  within(
    'physical support',
    share(people, (r) => psr(r).startsWith('Physical Support')),
    0.45,
    0.65,
  );
  within(
    'learning disability',
    share(people, (r) => psr(r) === 'Learning Disability Support'),
    0.12,
    0.25,
  );
  within(
    'mental health',
    share(people, (r) => psr(r) === 'Mental Health Support'),
    0.06,
    0.15,
  );
  within(
    'memory and cognition',
    share(people, (r) => psr(r) === 'Support with Memory & Cognition'),
    0.06,
    0.15,
  );
  const age = (r: Row): number => {
    const [y, m] = get(r, 'Date_of_Birth').split('-').map(Number);
    return 2024 - (y ?? 0) - ((m ?? 0) > 3 ? 1 : 0);
  };
  within(
    'aged 65 and over',
    share(people, (r) => age(r) >= 65),
    0.55,
    0.75,
  );
  within(
    'learning disability aged 18–64',
    share(
      people.filter((r) => psr(r) === 'Learning Disability Support'),
      (r) => age(r) < 65,
    ),
    0.85,
    1,
  );

  const services = data.filter((r) => get(r, 'Event_Type') === 'Service');
  const type = (r: Row): string => get(r, 'Service_Type');
  within(
    'community lines',
    share(services, (r) => type(r) === 'Long Term Support: Community'),
    0.5,
    0.9,
  );
  within(
    'care home lines',
    share(services, (r) => /Nursing Care|Residential Care/.test(type(r))),
    0.05,
    0.25,
  );
  within(
    'ST-Max lines',
    share(services, (r) => type(r) === 'Short Term Support: ST-Max'),
    0.02,
    0.12,
  );
  within(
    'carer support lines',
    share(services, (r) => type(r).startsWith('Carer Support:')),
    0.01,
    0.1,
  );
  const community = services.filter((r) => type(r) === 'Long Term Support: Community');
  within(
    'direct payments',
    share(community, (r) => get(r, 'Delivery_Mechanism') === 'Direct Payment'),
    0.05,
    0.3,
  );
  const frequencies = new Set(services.map((r) => get(r, 'Cost_Frequency_Unit_Type')));
  for (const f of ['Weekly', '4-Weekly', 'Hourly', 'One-off']) assert.ok(frequencies.has(f), f);
  for (const r of services.filter((s) => get(s, 'Cost_Frequency_Unit_Type') === 'Hourly')) {
    assert.ok(Number(get(r, 'Planned_Units_Per_Week')) > 0, r.raw);
  }
  within(
    'open events',
    share(data, (r) => get(r, 'Event_End_Date') === ''),
    0.05,
    0.4,
  );
  for (const t of ['Request', 'Assessment', 'Service', 'Review']) {
    assert.ok(
      data.some((r) => get(r, 'Event_Type') === t),
      t,
    );
  }
  assert.ok(data.some((r) => get(r, 'Client_Type') === 'Carer' && get(r, 'Adult_1_Linked_Person_ID') !== ''));
  // Employment status only for working-age service users with a learning disability.
  for (const r of data.filter((x) => get(x, 'Employment_Status') !== '')) {
    assert.equal(psr(r), 'Learning Disability Support');
    assert.ok(age(r) >= 18 && age(r) <= 64, r.raw);
  }
});

test('a date of death comes on or after every event of the person', () => {
  const data = rowsOf(text(options({ dirtyRate: 0 })));
  const latest = new Map<string, string>();
  const deaths = new Map<string, string>();
  for (const r of data) {
    const id = `${get(r, 'LA_Code')}/${get(r, 'LA_Person_Unique_Identifier')}`;
    const last = get(r, 'Event_End_Date') || get(r, 'Event_Start_Date');
    if (last > (latest.get(id) ?? '')) latest.set(id, last);
    if (get(r, 'Date_of_Death') !== '') deaths.set(id, get(r, 'Date_of_Death'));
  }
  assert.ok(deaths.size > 0);
  for (const [id, death] of deaths) assert.ok(death >= (latest.get(id) ?? ''), `${id} died ${death}`);
});

test('release 2 spells client types, service types and outcomes the release 2 way', () => {
  const data = rowsOf(text(options({ release: 2, rows: 5_000 })));
  const clientTypes = new Set(data.map((r) => get(r, 'Client_Type')));
  assert.ok(clientTypes.has('Service user') && clientTypes.has('Unpaid carer'), [...clientTypes].join());
  assert.ok(!clientTypes.has(CLIENT_TYPE.serviceUser[0]));
  const serviceTypes = new Set(data.map((r) => get(r, 'Service_Type')).filter((t) => t !== ''));
  for (const t of serviceTypes)
    assert.match(t, /^(Long term support|Short term support|Unpaid carer support): /);
  assert.ok(serviceTypes.has('Long term support: Community'));
  assert.ok(data.some((r) => get(r, 'Event_Outcome').startsWith('NFA: ')));
});

/** Faults found by plain checks, one kind per row (a duplicate is the second copy of a line). */
function findFaults(data: Row[], release: Release, councils: readonly string[]): Record<DirtyKind, number> {
  const found = Object.fromEntries(DIRTY_KINDS.map((k) => [k, 0])) as Record<DirtyKind, number>;
  const allowed = codedValues(release);
  const serviceUser = CLIENT_TYPE.serviceUser[release - 1];
  const seen = new Set<string>();
  const dates = ['Date_of_Birth', 'Date_of_Death', 'Event_Start_Date', 'Event_End_Date'] as const;
  const mandatory = [
    'LA_Person_Unique_Identifier',
    'Gender',
    'Date_of_Birth',
    'Client_Type',
    'Event_Type',
    'Event_Reference',
    'Event_Start_Date',
  ] as const;
  for (const row of data) {
    const kinds: DirtyKind[] = [];
    if (seen.has(row.raw)) kinds.push('duplicate');
    seen.add(row.raw);
    if (!councils.includes(get(row, 'LA_Code'))) kinds.push('foreign-la-code');
    for (const [column, values] of allowed as ReadonlyMap<CodedColumn, ReadonlySet<string>>) {
      const value = get(row, column);
      if (value !== '' && !values.has(value)) {
        kinds.push('unknown-code');
        break;
      }
    }
    if (dates.some((c) => get(row, c) !== '' && parseIsoDay(get(row, c)) === undefined))
      kinds.push('unparseable-date');
    const start = parseIsoDay(get(row, 'Event_Start_Date'));
    const end = parseIsoDay(get(row, 'Event_End_Date'));
    if (start !== undefined && end !== undefined && end < start) kinds.push('end-before-start');
    const psrMissing =
      get(row, 'Client_Type') === serviceUser &&
      get(row, 'Event_Type') !== 'Request' &&
      get(row, 'Primary_Support_Reason') === '';
    if (mandatory.some((c) => get(row, c) === '') || psrMissing) kinds.push('missing-mandatory');
    assert.ok(kinds.length <= 1, `${kinds.join(' and ')} in one row: ${row.raw}`);
    for (const kind of kinds) found[kind]++;
  }
  return found;
}

test('the faulty rows plain checks find match the summary, kind by kind', () => {
  for (const release of [1, 2] as const) {
    const cld = generateCld(options({ release, rows: 20_000, dirtyRate: 0.02 }));
    const data = rowsOf([...cld].join(''));
    const found = findFaults(data, release, COUNCILS);
    assert.deepEqual(found, cld.summary.dirty);
    for (const kind of DIRTY_KINDS) assert.ok(found[kind] > 0, `no ${kind} rows`);
    const total = Object.values(found).reduce((a, b) => a + b, 0);
    assert.equal(total, cld.summary.dirtyRows);
    assert.ok(Math.abs(total / data.length - 0.02) < 0.005, `${total} faulty rows of ${data.length}`);
  }
  const clean = generateCld(options({ dirtyRate: 0 }));
  const none = findFaults(rowsOf([...clean].join('')), 1, COUNCILS);
  assert.deepEqual(Object.values(none), [0, 0, 0, 0, 0, 0]);
  assert.equal(clean.summary.dirtyRows, 0);
});

test('rows whose LA id also carries an NHS number elsewhere are counted for the identity rule', () => {
  const cld = generateCld(options({ councils: ['E08000009'], rows: 20_000 }));
  const data = rowsOf([...cld].join(''));
  const withNhs = new Set<string>();
  for (const r of data) {
    if (get(r, 'NHS_Number') !== '') withNhs.add(get(r, 'LA_Person_Unique_Identifier'));
  }
  const ambiguous = data.filter(
    (r) =>
      get(r, 'NHS_Number') === '' &&
      get(r, 'LA_Person_Unique_Identifier') !== '' &&
      withNhs.has(get(r, 'LA_Person_Unique_Identifier')),
  ).length;
  assert.ok(ambiguous > 0);
  assert.equal(ambiguous, cld.summary.ambiguousIdentityRows);
});

test('quarterly submissions restate open events, and the last one is the year-end file', () => {
  const base = options({ councils: ['E08000009'], rows: 8_000 });
  const quarterly = generateCld({ ...base, quarters: true });
  const data = rowsOf([...quarterly].join(''));
  const year = rowsOf(text(base));
  const ends = ['2023-06-30', '2023-09-30', '2023-12-31', '2024-03-31'];
  const blocks = ends.map((end) => data.filter((r) => get(r, 'Reporting_Period_End_Date') === end));
  assert.equal(
    blocks.reduce((n, b) => n + b.length, 0),
    data.length,
  );
  assert.equal(quarterly.summary.submissions, 4);
  assert.equal(quarterly.summary.rows, data.length);
  // Each submission is contiguous, in quarter order, and the last is the year-end extract.
  assert.deepEqual(
    data.map((r) => get(r, 'Reporting_Period_End_Date')),
    blocks.flatMap((b, i) => b.map(() => ends[i])),
  );
  assert.deepEqual(
    blocks[3]?.map((r) => r.raw),
    year.map((r) => r.raw),
  );
  assert.ok(data.every((r) => get(r, 'Reporting_Period_Start_Date') === '2023-04-01'));
  const byRef = (rows: Row[]): Map<string, Row> =>
    new Map(rows.filter((r) => get(r, 'Event_Reference') !== '').map((r) => [get(r, 'Event_Reference'), r]));
  const q1 = byRef(blocks[0] ?? []);
  const q4 = byRef(blocks[3] ?? []);
  let restated = 0;
  for (const [ref, row] of q1) {
    const later = q4.get(ref);
    assert.ok(later, `event ${ref} from Q1 is missing at year end`);
    if (get(row, 'Event_End_Date') === '' && get(later, 'Event_End_Date') !== '') {
      restated++;
      assert.equal(get(later, 'Event_Start_Date'), get(row, 'Event_Start_Date'));
      assert.equal(get(later, 'Service_Type'), get(row, 'Service_Type'));
    }
  }
  assert.ok(restated > 0, 'no open event gained an end date');
  for (const [i, block] of blocks.entries()) {
    for (const r of block) {
      const start = get(r, 'Event_Start_Date');
      if (parseIsoDay(start) !== undefined) assert.ok(start <= (ends[i] ?? ''), r.raw);
      const end = get(r, 'Event_End_Date');
      if (parseIsoDay(end) !== undefined) assert.ok(end <= (ends[i] ?? ''), r.raw);
    }
  }
});

test('writeSyntheticCld writes one file, or one per submission, and returns the summary', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ascent-cld-'));
  try {
    const single = path.join(dir, 'cld.csv');
    const summary = await writeSyntheticCld(single, options({ rows: 3_000 }));
    const written = await readFile(single, 'utf8');
    assert.equal(written, text(options({ rows: 3_000 })));
    assert.equal(rowsOf(written).length, summary.rows);
    assert.ok(summary.persons > 0 && summary.elapsedMs >= 0);
    assert.deepEqual(summary.files, [single]);

    const split = await writeSyntheticCld(path.join(dir, 'q-{submission}.csv'), {
      ...options({ rows: 2_000 }),
      quarters: true,
    });
    assert.equal(split.files.length, 8);
    assert.deepEqual((await readdir(dir)).filter((f) => f.startsWith('q-')).length, 8);
    let rows = 0;
    for (const file of split.files) {
      const data = rowsOf(await readFile(file, 'utf8'));
      const [, council, end] = /q-(E\d{8})_(\d{4}-\d{2}-\d{2})\.csv$/.exec(file) ?? [];
      assert.ok(data.every((r) => get(r, 'Reporting_Period_End_Date') === end));
      assert.ok(data.filter((r) => get(r, 'LA_Code') === council).length >= data.length * 0.99);
      rows += data.length;
    }
    assert.equal(rows, split.rows);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('options are checked', () => {
  assert.throws(() => generateCld(options({ councils: ['W06000015'] })), /English council/);
  assert.throws(() => generateCld(options({ councils: [] })), /at least one/);
  assert.throws(() => generateCld(options({ periodEnd: '2023-02-30' })), /YYYY-MM-DD/);
  assert.throws(() => generateCld(options({ dirtyRate: 2 })), /dirtyRate/);
  assert.throws(() => generateCld(options({ seed: 1.5 })), /seed/);
});

test(
  'a million rows stream in seconds with flat memory',
  { skip: !process.env.ASCENT_LARGE_TESTS },
  async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    let rows = 0;
    const started = performance.now();
    const cld = generateCld(options({ rows: 1_000_000 }));
    let chunks = 0;
    for await (const chunk of cld) {
      for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) rows++;
      if (++chunks % 20 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    const seconds = (performance.now() - started) / 1000;
    const growthMb = (peak - before) / 2 ** 20;
    console.log(
      `1M rows: ${seconds.toFixed(1)} s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (+${growthMb.toFixed(0)})`,
    );
    assert.ok(Math.abs(rows - 1 - 1_000_000) <= 50_000);
    assert.ok(seconds < 30, `${seconds} s`);
    assert.ok(growthMb < 300, `RSS grew ${growthMb} MiB`);
  },
);
