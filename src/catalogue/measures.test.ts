import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { findByCode, seriesChain, type CatalogueMeasure } from '../domain/measure.js';
import { paths, projectRoot } from '../paths.js';
import { renderJsonSchema, schemaTargets } from '../../scripts/generate-schemas.js';
import { defaultMeasureDirectory, loadMeasureCatalogue, loadMeasureCatalogueOrThrow } from './measures.js';
import { DERIVATIONS } from '../cld/derive/catalogue.js';

const nationalCsv = path.join(paths.demo, 'ascof-council-outcomes-2017-18-to-2021-22.csv');

/** The mapping table of shared/domain/02-ascof.md: refreshed (2023) code → code it continues (2014). */
const refreshMapping: [newCode: string, oldCode: string][] = [
  ['1A', '1A'],
  ['1B', '1J'],
  ['1C', '1D'],
  ['1D', '3A'],
  ['1E', '3B'],
  ['2A', '2D'],
  ['2B', '2A1'],
  ['2C', '2A2'],
  ['2D1', '2B1'],
  ['2D2', '2B2'],
  ['2E', '1G'],
  ['3A', '1B'],
  ['3B', '3C'],
  ['3C1', '3D1'],
  ['3C2', '3D2'],
  ['3D1A', '1C1A'],
  ['3D1B', '1C1B'],
  ['3D2A', '1C2A'],
  ['3D2B', '1C2B'],
  ['4A', '4A'],
  ['5A1', '1I1'],
  ['5A2', '1I2'],
];

let shipped: Promise<CatalogueMeasure[]> | undefined;
const shippedCatalogue = () => (shipped ??= loadMeasureCatalogueOrThrow());

function mustFind(measures: CatalogueMeasure[], edition: string, code: string): CatalogueMeasure {
  const found = findByCode(measures, 'ascof', edition, code);
  assert.ok(found, `ascof ${edition} has no measure ${code}`);
  return found;
}

test('the shipped catalogue loads with zero problems', async () => {
  const { measures, problems } = await loadMeasureCatalogue();
  assert.deepEqual(problems, []);
  assert.equal(measures.filter((m) => m.edition === '2014').length, 29);
  assert.equal(measures.filter((m) => m.edition === '2023').length, refreshMapping.length);
});

test('national ids follow the edition convention', async () => {
  for (const measure of (await shippedCatalogue()).filter((m) => m.family === 'ascof')) {
    const prefix = measure.edition === '2014' ? 'ascof14' : 'ascof23';
    assert.equal(measure.id, `${prefix}-${measure.code}`);
  }
});

test('every CLD-derived measure id is in the shipped catalogue', async () => {
  const ids = new Set((await shippedCatalogue()).map((m) => m.id));
  for (const d of DERIVATIONS) assert.ok(ids.has(d.measureId), d.measureId);
});

test('every measure code in the national ASCOF file is defined in the 2014 edition', async () => {
  const measures = await shippedCatalogue();
  // The file is cp1252 in places; codes are plain ASCII, so latin1 reads them safely.
  const rows: Record<string, string>[] = parse(await readFile(nationalCsv, 'latin1'), { columns: true });
  const codes = new Set(rows.map((row) => row['Measure Group'] ?? ''));
  assert.equal(codes.size, 29);
  const missing = [...codes].filter((code) => !findByCode(measures, 'ascof', '2014', code));
  assert.deepEqual(missing, []);
});

test('every row of the refresh mapping table links the new code to the old one', async () => {
  const measures = await shippedCatalogue();
  for (const [newCode, oldCode] of refreshMapping) {
    const successor = mustFind(measures, '2023', newCode);
    const predecessor = mustFind(measures, '2014', oldCode);
    assert.equal(successor.series?.continues, predecessor.id, `${newCode} should continue ${oldCode}`);
    assert.equal(successor.series?.from, '2023-24');
    assert.deepEqual(seriesChain(measures, successor.id)?.ids, [predecessor.id, successor.id]);
  }
});

test('measures redefined from Client Level Data show a break in 2024-25', async () => {
  const measures = await shippedCatalogue();
  for (const code of ['2A', '2B', '2C', '2E']) {
    const chain = seriesChain(measures, mustFind(measures, '2023', code).id);
    assert.deepEqual(
      chain?.breaks.map((b) => b.from),
      ['2024-25'],
      `${code} should break in 2024-25`,
    );
  }
  assert.deepEqual(seriesChain(measures, 'ascof23-1A')?.breaks, []);
});

test('measures dropped in the refresh have no successor', async () => {
  const measures = await shippedCatalogue();
  const continued = new Set(measures.map((m) => m.series?.continues));
  for (const code of ['1E', '1F', '1H', '4B', '2C1', '2C2', '2C3']) {
    assert.equal(continued.has(`ascof14-${code}`), false, `${code} was dropped`);
  }
});

test('polarity, units and validity follow the published definitions', async () => {
  const measures = await shippedCatalogue();
  assert.equal(mustFind(measures, '2014', '1E').polarity, 'higher-is-better');
  assert.equal(mustFind(measures, '2014', '2A2').polarity, 'lower-is-better');
  for (const code of ['2A1', '2A2', '2C1', '2C2', '2C3']) {
    assert.equal(mustFind(measures, '2014', code).polarity, 'lower-is-better', code);
    assert.equal(mustFind(measures, '2014', code).unit, 'rate-per-100k', code);
  }
  for (const code of ['2B', '2C']) assert.equal(mustFind(measures, '2023', code).polarity, 'lower-is-better');
  for (const code of ['2C1', '2C2', '2C3']) assert.equal(mustFind(measures, '2014', code).validTo, '2019-20');
  for (const code of ['1D', '1I2', '3B', '3C', '3D2']) {
    assert.equal(mustFind(measures, '2014', code).frequency, 'biennial', code);
    assert.equal(mustFind(measures, '2014', code).source, 'SACE', code);
  }
  assert.equal(mustFind(measures, '2014', '1J').decimals, 3);
  assert.equal(mustFind(measures, '2023', '1B').decimals, 3);
  assert.deepEqual(mustFind(measures, '2014', '1A').scale, { min: 0, max: 24 });
  assert.deepEqual(mustFind(measures, '2014', '1D').scale, { min: 0, max: 12 });
});

test('every shipped catalogue file names its JSON Schema on the first line', async () => {
  for (const name of ['ascof-2014.yaml', 'ascof-2023.yaml']) {
    const text = await readFile(path.join(defaultMeasureDirectory, name), 'utf8');
    assert.equal(
      text.split('\n')[0],
      '# yaml-language-server: $schema=../../schemas/measure-file.schema.json',
    );
  }
});

test('the committed JSON Schema matches the zod schema (run `npm run schemas` if not)', async () => {
  const target = schemaTargets.find((t) => t.file === 'measure-file.schema.json');
  assert.ok(target);
  const committed = await readFile(path.join(projectRoot, 'schemas', target.file), 'utf8');
  assert.equal(committed, renderJsonSchema(target));
});

test('the loader reports YAML errors and invalid measures with file and line', async (t) => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'ascent-measures-'));
  t.after(() => rm(directory, { recursive: true, force: true }));
  await writeFile(path.join(directory, 'a-broken.yaml'), 'version: 1\nfamily: [unclosed\n');
  await writeFile(
    path.join(directory, 'b-local.yaml'),
    [
      'version: 1',
      'family: local',
      'edition: manchester',
      'title: Local measures',
      'measures:',
      '  - id: local-waiting-list',
      "    code: 'W1'",
      '    title: People waiting for an assessment at the end of the month',
      '    shortTitle: Waiting list',
      '    description: How many people are waiting for a Care Act assessment.',
      '    unit: count',
      '    multiplier: 1',
      '    decimals: 0',
      '    polarity: sideways',
      '    source: Local',
      '    frequency: monthly',
      "    validFrom: '2019-20'",
      '  - id: local-reviews',
      "    code: 'R1'",
      '    title: Long-term clients reviewed in the last 12 months',
      '    shortTitle: Reviews in 12 months',
      '    description: Share of people in long-term support with a review in the past year.',
      '    unit: percent',
      '    multiplier: 100',
      '    decimals: 1',
      '    polarity: higher-is-better',
      '    source: CLD',
      '    frequency: quarterly',
      '    numerator: { definition: People with a completed review in the last 12 months. }',
      '    denominator: { definition: People in long-term support for over 12 months. }',
      "    validFrom: '2019-20'",
      '',
    ].join('\n'),
  );
  await writeFile(path.join(directory, 'notes.txt'), 'not a catalogue file');

  const { measures, problems } = await loadMeasureCatalogue(directory);
  assert.deepEqual(
    measures.map((m) => m.id),
    ['local-reviews'],
  );
  assert.equal(problems.length, 2);
  const [syntax, invalid] = problems;
  assert.equal(syntax?.file, path.join(directory, 'a-broken.yaml'));
  assert.match(syntax?.message ?? '', /invalid YAML/);
  assert.equal(typeof syntax?.line, 'number');
  assert.equal(invalid?.path, 'measures[0].polarity');
  assert.equal(invalid?.line, 14);

  await assert.rejects(loadMeasureCatalogueOrThrow(directory), (error: Error) => {
    assert.match(error.message, /has 2 problem\(s\)/);
    assert.match(error.message, /a-broken\.yaml:\d+: invalid YAML/);
    assert.match(
      error.message,
      /b-local\.yaml:14 measures\[0\]\.polarity \(local-waiting-list\): Invalid option/,
    );
    return true;
  });
});

test('a missing catalogue directory is a problem, not a crash', async () => {
  const { measures, problems } = await loadMeasureCatalogue(
    path.join(os.tmpdir(), 'ascent-no-such-directory'),
  );
  assert.equal(measures.length, 0);
  assert.match(problems[0]?.message ?? '', /cannot read the catalogue directory/);
});
