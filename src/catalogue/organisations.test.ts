import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadOrganisations, loadValidOrganisations, OrganisationRegisterError } from './organisations.js';
import { councilsActiveOn, resolveByNameOrCode, successorsOf } from '../domain/organisation.js';
import { parsePeriod } from '../domain/period.js';

const ASCOF_CSV = '/work/shared/data/ascof/ascof-council-outcomes-2017-18-to-2021-22.csv';
const NORTH_WEST = 'E12000002';

interface AscofRow {
  Year: string;
  'Geographical Description': string;
  'ONS Code': string;
  'Geographical Level': string;
}

// The file is cp1252 in places; the geography columns are plain ASCII, so latin1 reads them faithfully.
const ascofRows = (): AscofRow[] => parse(readFileSync(ASCOF_CSV, 'latin1'), { columns: true }) as AscofRow[];

/** Distinct geography rows, each with the first day of its year. */
function ascofGeographies() {
  const seen = new Map<string, AscofRow & { on: string }>();
  for (const row of ascofRows()) {
    const key = [row.Year, row['Geographical Level'], row['ONS Code'], row['Geographical Description']].join(
      '|',
    );
    const on = parsePeriod(row.Year)?.start;
    assert.ok(on, `unparsed year ${row.Year}`);
    if (!seen.has(key)) seen.set(key, { ...row, on });
  }
  return [...seen.values()];
}

const shipped = await loadOrganisations();

test('the shipped register loads with no problems', async () => {
  assert.deepEqual(shipped.problems, []);
  await assert.doesNotReject(loadValidOrganisations());
});

test('England, nine regions, six council types', () => {
  const count = (kind: string) => shipped.register.organisations.filter((o) => o.kind === kind).length;
  assert.equal(count('country'), 1);
  assert.equal(count('region'), 9);
  assert.equal(count('council_type'), 6);
});

test('the North West has 23 councils until Cumbria splits, then 24', () => {
  const names = (date: string) =>
    councilsActiveOn(shipped.register, date, { regionCode: NORTH_WEST }).map((o) => o.name);
  assert.equal(names('2021-03-31').length, 23);
  assert.ok(names('2021-03-31').includes('Trafford'));
  assert.ok(names('2023-03-31').includes('Cumbria'));
  assert.equal(names('2023-04-01').length, 24);
  assert.ok(names('2023-04-01').includes('Westmorland and Furness'));
  assert.ok(!names('2023-04-01').includes('Cumbria'));
});

test('every row of the national ASCOF file resolves, by code and by name alike', () => {
  const failures: string[] = [];
  for (const row of ascofGeographies()) {
    const query = {
      code: row['ONS Code'],
      name: row['Geographical Description'],
      level: row['Geographical Level'],
      on: row.on,
    };
    const byCode = resolveByNameOrCode(shipped.register, query);
    const byName = resolveByNameOrCode(shipped.register, { ...query, code: '' });
    const describe = `${row.Year} ${row['Geographical Level']} ${row['ONS Code']} '${row['Geographical Description']}'`;
    if (!byCode.ok) failures.push(`${describe}: ${byCode.reason}`);
    else if (!byName.ok) failures.push(`${describe}: ${byName.reason}`);
    else if (byName.organisation !== byCode.organisation)
      failures.push(`${describe}: name gives ${byName.organisation.code}`);
  }
  assert.deepEqual(failures, []);
});

test("council-type spellings, including 2021-22's 'District', resolve", () => {
  const type = (name: string) => {
    const r = resolveByNameOrCode(shipped.register, { code: '', name, level: 'Council type' });
    return r.ok ? r.organisation.code : r.reason;
  };
  assert.equal(type('Unitary Authorities'), 'CT-UNITARY');
  assert.equal(type('Metropolitan District'), 'CT-MET');
  assert.equal(type('Shire Counties'), 'CT-SHIRE');
  assert.equal(type('District'), 'CT-DISTRICT');
});

test('councils active at the start of each year are exactly those in that year of the ASCOF file', () => {
  const byYear = new Map<string, Set<string>>();
  for (const row of ascofGeographies()) {
    if (row['Geographical Level'] !== 'Council') continue;
    byYear.set(row.on, (byYear.get(row.on) ?? new Set()).add(row['ONS Code']));
  }
  assert.equal(byYear.size, 5);
  for (const [on, codes] of byYear) {
    const active = councilsActiveOn(shipped.register, on).map((o) => o.code);
    assert.deepEqual(new Set(active), codes, `councils active on ${on}`);
  }
  // 2021-03-31 is the last day of 2020-21, before Northamptonshire split: 151. 2021-22 has 152.
  assert.equal(councilsActiveOn(shipped.register, '2021-03-31').length, 151);
  assert.equal(byYear.get('2021-04-01')?.size, 152);
  assert.equal(councilsActiveOn(shipped.register, '2022-03-31').length, 152);
  // Cumbria splits in two; North Yorkshire and Somerset change code only.
  assert.equal(councilsActiveOn(shipped.register, '2023-04-01').length, 153);
});

test('reorganisations chain predecessors to successors', () => {
  const next = (code: string) => successorsOf(shipped.register, code).map((o) => o.code);
  assert.deepEqual(next('E10000021'), ['E06000061', 'E06000062']);
  assert.deepEqual(next('E10000009'), ['E06000059', 'E06000058']);
  assert.deepEqual(next('E06000028'), ['E06000058']);
  assert.deepEqual(next('E10000006'), ['E06000063', 'E06000064']);
  assert.deepEqual(next('E10000023'), ['E06000065']);
  assert.deepEqual(next('E10000027'), ['E06000066']);
  assert.deepEqual(next('E10000002'), ['E06000060']);
  assert.deepEqual(next('E08000003'), []);
});

const badCouncils = `version: 1
councils:
  - code: E08000003
    name: Manchester
    region: E12000002
    type: CT-MET
  - code: E08000009
    name: Trafford
    region: E12000010
    type: CT-MET
  - code: E08000003
    name: Manchester again
    region: E12000002
    type: CT-MET
  - code: E08000001
    name: Bolton
    region: E12000002
    type: CT-MET
`;

const geography = `version: 1
countries:
  - { code: E92000001, name: England }
regions:
  - { code: E12000002, name: North West }
councilTypes:
  - { code: CT-MET, name: Metropolitan district }
`;

async function withDirectory(files: Record<string, string>, run: (dir: string) => Promise<void>) {
  const dir = await mkdtemp(path.join(tmpdir(), 'ascent-organisations-'));
  try {
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('bad entries are reported with file, path and line, and the rest load', async () => {
  await withDirectory(
    { 'england.yaml': geography, 'councils.yaml': badCouncils, 'notes.txt': 'ignored' },
    async (dir) => {
      const { register, problems } = await loadOrganisations(dir);
      const file = path.join(dir, 'councils.yaml');
      assert.deepEqual(
        problems.map((p) => [p.file, p.path, p.line]),
        [
          [file, ['councils', 2, 'code'], 11],
          [file, ['councils', 1, 'region'], 9],
        ],
      );
      assert.match(problems[0]?.message ?? '', /duplicate code E08000003/);
      assert.equal(problems[1]?.message, 'unknown region code E12000010');
      assert.deepEqual(
        register.organisations.filter((o) => o.kind === 'council').map((o) => o.name),
        ['Manchester', 'Bolton'],
      );
    },
  );
});

test('a YAML syntax error is reported for its file while other files load', async () => {
  await withDirectory(
    { 'england.yaml': geography, 'broken.yaml': 'version: 1\ncouncils: [\n' },
    async (dir) => {
      const { register, problems } = await loadOrganisations(dir);
      assert.equal(problems.length, 1);
      assert.equal(problems[0]?.file, path.join(dir, 'broken.yaml'));
      assert.equal(register.organisations.length, 3);
    },
  );
});

test('the strict loader throws one error listing every problem', async () => {
  await withDirectory({ 'england.yaml': geography, 'councils.yaml': badCouncils }, async (dir) => {
    await assert.rejects(loadValidOrganisations(dir), (error: unknown) => {
      assert.ok(error instanceof OrganisationRegisterError);
      assert.equal(error.problems.length, 2);
      assert.match(error.message, /^The organisation register has 2 problems:\n/);
      assert.match(error.message, /councils\.yaml:9 councils\[1\]\.region: unknown region code E12000010/);
      assert.match(error.message, /councils\.yaml:11 councils\[2\]\.code: duplicate code E08000003/);
      return true;
    });
  });
});
