import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  findByCode,
  formatProblem,
  formatValue,
  measureDefinitionSchema,
  seriesChain,
  validateCatalogue,
  type CatalogueFileInput,
  type MeasureDefinitionInput,
} from './measure.js';

const validDefinition = {
  id: 'ascof14-2D',
  code: '2D',
  title: 'Outcome of short-term services',
  shortTitle: 'Short-term support outcome',
  description: 'Share of reablement episodes with no ongoing support needed afterwards.',
  unit: 'percent',
  multiplier: 100,
  decimals: 1,
  polarity: 'higher-is-better',
  source: 'SALT',
  frequency: 'annual',
  numerator: { definition: 'Episodes ending with no ongoing or lower-level support.' },
  denominator: { definition: 'Reablement episodes for new clients ending in the year.' },
  validFrom: '2014-15',
  validTo: '2022-23',
} satisfies MeasureDefinitionInput;

/** A definition as written in YAML; overrides may be deliberately invalid, hence the loose type. */
function measure(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...validDefinition, ...overrides };
}

function file(name: string, measures: unknown[], envelope: Record<string, unknown> = {}): CatalogueFileInput {
  return {
    file: name,
    content: { version: 1, family: 'ascof', edition: '2014', title: 'Test edition', measures, ...envelope },
  };
}

const newEdition = (measures: unknown[]) => file('ascof-2023.yaml', measures, { edition: '2023' });

test('the schema accepts a complete definition and defaults notes and limitations', () => {
  const parsed = measureDefinitionSchema.parse(measure());
  assert.equal(parsed.id, 'ascof14-2D');
  assert.deepEqual(parsed.notes, []);
  assert.deepEqual(parsed.limitations, []);
});

test('the schema accepts a survey score without numerator or denominator', () => {
  const score = measure({
    id: 'ascof14-1J',
    code: '1J',
    unit: 'score',
    multiplier: 1,
    decimals: 3,
    scale: { min: 0, max: 1 },
    numerator: undefined,
    denominator: undefined,
  });
  assert.equal(measureDefinitionSchema.safeParse(score).success, true);
});

test('bad definitions are rejected with readable paths', () => {
  const cases: { name: string; raw: unknown; path: string; message: RegExp }[] = [
    {
      name: 'unknown unit',
      raw: measure({ unit: 'percentage' }),
      path: 'measures[0].unit',
      message: /percent/,
    },
    {
      name: 'missing title',
      raw: measure({ title: undefined }),
      path: 'measures[0].title',
      message: /required/,
    },
    { name: 'bad id', raw: measure({ id: 'ASCOF 2D' }), path: 'measures[0].id', message: /ascof14-2A2/ },
    {
      name: 'bad year',
      raw: measure({ validFrom: '2014-16' }),
      path: 'measures[0].validFrom',
      message: /consecutive/,
    },
    {
      name: 'multiplier does not match unit',
      raw: measure({ multiplier: 1 }),
      path: 'measures[0].multiplier',
      message: /implies multiplier 100/,
    },
    {
      name: 'percentage without denominator',
      raw: measure({ denominator: undefined }),
      path: 'measures[0].denominator',
      message: /needs a denominator/,
    },
    {
      name: 'validTo before validFrom',
      raw: measure({ validTo: '2013-14' }),
      path: 'measures[0].validTo',
      message: /before validFrom/,
    },
    {
      name: 'break in the first year',
      raw: measure({ breaks: [{ from: '2014-15', reason: 'new source' }] }),
      path: 'measures[0].breaks[0].from',
      message: /after validFrom/,
    },
    {
      name: 'empty numerator definition',
      raw: measure({ numerator: { definition: '' } }),
      path: 'measures[0].numerator.definition',
      message: /too small|at least/i,
    },
    {
      name: 'misspelt field',
      raw: { ...measure(), polarty: 'neutral' },
      path: 'measures[0]',
      message: /polarty/,
    },
  ];
  for (const { name, raw, path, message } of cases) {
    const { measures, problems } = validateCatalogue([file('ascof-2014.yaml', [raw])]);
    assert.equal(measures.length, 0, name);
    const found = problems.find((problem) => problem.path === path);
    assert.ok(found, `${name}: expected a problem at ${path}, got ${problems.map(formatProblem).join('; ')}`);
    assert.match(found.message, message, name);
    assert.equal(found.file, 'ascof-2014.yaml', name);
  }
});

test('one bad measure is reported on its own while its neighbours load', () => {
  const { measures, problems } = validateCatalogue([
    file('ascof-2014.yaml', [
      measure({ id: 'ascof14-2A1', code: '2A1' }),
      measure({ id: 'ascof14-2A2', code: '2A2', polarity: 'lower' }),
      measure({ id: 'ascof14-2D', code: '2D' }),
    ]),
  ]);
  assert.deepEqual(
    measures.map((m) => m.id),
    ['ascof14-2A1', 'ascof14-2D'],
  );
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.path, 'measures[1].polarity');
  assert.equal(problems[0]?.measureId, 'ascof14-2A2');
  assert.match(formatProblem(problems[0]!), /^ascof-2014\.yaml measures\[1\]\.polarity \(ascof14-2A2\): /);
});

test('loaded measures carry their family and edition', () => {
  const { measures } = validateCatalogue([file('ascof-2014.yaml', [measure()])]);
  assert.equal(measures[0]?.family, 'ascof');
  assert.equal(measures[0]?.edition, '2014');
});

test('a file with a bad envelope is reported and other files still load', () => {
  const { measures, problems } = validateCatalogue([
    file('broken.yaml', [measure({ id: 'local-a', code: 'A' })], { family: undefined, version: 2 }),
    file('ascof-2014.yaml', [measure()]),
  ]);
  assert.deepEqual(
    measures.map((m) => m.id),
    ['ascof14-2D'],
  );
  assert.deepEqual(problems.map((problem) => `${problem.file} ${problem.path}`).sort(), [
    'broken.yaml family',
    'broken.yaml version',
  ]);
});

test('ids must be unique across files: the first definition wins and the others are reported', () => {
  const { measures, problems } = validateCatalogue([
    file('ascof-2014.yaml', [measure()]),
    file('local.yaml', [measure({ code: 'L1' })], { family: 'local', edition: 'manchester' }),
  ]);
  assert.equal(measures.length, 1);
  assert.equal(measures[0]?.family, 'ascof');
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.file, 'local.yaml');
  assert.equal(problems[0]?.path, 'measures[0].id');
  assert.match(
    problems[0]?.message ?? '',
    /duplicate id 'ascof14-2D', first defined at ascof-2014\.yaml measures\[0\]/,
  );
});

test('codes must be unique within a family edition', () => {
  const { measures, problems } = validateCatalogue([
    file('ascof-2014.yaml', [measure(), measure({ id: 'ascof14-2d-copy', code: '2d' })]),
  ]);
  assert.equal(measures.length, 1);
  assert.equal(problems[0]?.path, 'measures[1].code');
});

test('series.continues must refer to a measure in the catalogue', () => {
  const { measures, problems } = validateCatalogue([
    file('ascof-2014.yaml', [measure()]),
    newEdition([
      measure({
        id: 'ascof23-2A',
        code: '2A',
        validFrom: '2023-24',
        validTo: undefined,
        series: { continues: 'ascof14-2X', comparable: true, from: '2023-24', note: 'renumbered' },
      }),
      measure({
        id: 'ascof23-2B',
        code: '2B',
        validFrom: '2023-24',
        validTo: undefined,
        series: { continues: 'ascof14-2D', comparable: true, from: '2023-24', note: 'renumbered' },
      }),
    ]),
  ]);
  assert.deepEqual(
    measures.map((m) => m.id),
    ['ascof14-2D', 'ascof23-2B'],
  );
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.path, 'measures[0].series.continues');
  assert.match(problems[0]?.message ?? '', /unknown measure 'ascof14-2X'/);
});

test('a measure whose predecessor failed validation is dropped too, so every loaded link resolves', () => {
  const { measures, problems } = validateCatalogue([
    file('ascof-2014.yaml', [measure({ unit: 'parsecs' })]),
    newEdition([
      measure({
        id: 'ascof23-2A',
        code: '2A',
        validFrom: '2023-24',
        validTo: undefined,
        series: { continues: 'ascof14-2D', comparable: true, from: '2023-24', note: 'renumbered' },
      }),
    ]),
  ]);
  assert.equal(measures.length, 0);
  assert.equal(problems.length, 2);
  assert.match(problems[1]?.message ?? '', /was not loaded because of its own problems/);
});

test('cycles of series links are detected and reported for every measure on the loop', () => {
  const link = (continues: string) => ({ continues, comparable: true, from: '2014-15', note: 'loop' });
  const { measures, problems } = validateCatalogue([
    file('ascof-2014.yaml', [
      measure({ id: 'ascof14-a', code: 'A', series: link('ascof14-b') }),
      measure({ id: 'ascof14-b', code: 'B', series: link('ascof14-a') }),
      measure({ id: 'ascof14-self', code: 'S', series: link('ascof14-self') }),
      measure({ id: 'ascof14-ok', code: 'OK' }),
    ]),
  ]);
  assert.deepEqual(
    measures.map((m) => m.id),
    ['ascof14-ok'],
  );
  assert.deepEqual(
    problems.map((problem) => problem.measureId),
    ['ascof14-a', 'ascof14-b', 'ascof14-self'],
  );
  assert.match(problems[0]?.message ?? '', /cycle: ascof14-a → ascof14-b → ascof14-a/);
});

test('seriesChain follows a trend across the change of codes, oldest first, with its breaks', () => {
  const { measures, problems } = validateCatalogue([
    file('ascof-2014.yaml', [measure(), measure({ id: 'ascof14-1G', code: '1G' })]),
    newEdition([
      measure({
        id: 'ascof23-2A',
        code: '2A',
        validFrom: '2023-24',
        validTo: undefined,
        source: 'CLD',
        series: { continues: 'ascof14-2D', comparable: true, from: '2023-24', note: 'same basis in 2023-24' },
        breaks: [{ from: '2024-25', reason: 'derived from CLD and redefined' }],
      }),
      measure({
        id: 'ascof23-2E',
        code: '2E',
        validFrom: '2023-24',
        validTo: undefined,
        series: {
          continues: 'ascof14-1G',
          comparable: false,
          from: '2023-24',
          note: 'all long-term clients',
        },
      }),
    ]),
  ]);
  assert.deepEqual(problems, []);

  assert.deepEqual(seriesChain(measures, 'ascof23-2A'), {
    ids: ['ascof14-2D', 'ascof23-2A'],
    breaks: [
      {
        from: '2024-25',
        measureId: 'ascof23-2A',
        reason: 'derived from CLD and redefined',
        kind: 'definition-change',
      },
    ],
  });
  assert.deepEqual(seriesChain(measures, 'ascof23-2E'), {
    ids: ['ascof14-1G', 'ascof23-2E'],
    breaks: [
      { from: '2023-24', measureId: 'ascof23-2E', reason: 'all long-term clients', kind: 'code-change' },
    ],
  });
  assert.deepEqual(seriesChain(measures, 'ascof14-2D'), { ids: ['ascof14-2D'], breaks: [] });
  assert.equal(seriesChain(measures, 'ascof23-9Z'), undefined);
});

test('seriesChain stops rather than loops on unvalidated cyclic input', () => {
  const looped = [
    { id: 'a-1', series: { continues: 'a-2', comparable: true, from: '2014-15', note: '' } },
    { id: 'a-2', series: { continues: 'a-1', comparable: true, from: '2014-15', note: '' } },
  ];
  assert.deepEqual(seriesChain(looped, 'a-1')?.ids, ['a-2', 'a-1']);
});

test('formatValue rounds to the published decimals and adds the unit', () => {
  const percent = { unit: 'percent', decimals: 1 } as const;
  assert.equal(formatValue(percent, 63.24), '63.2%');
  assert.equal(formatValue(percent, 12.35), '12.4%');
  assert.equal(formatValue(percent, 100), '100.0%');
  assert.equal(formatValue(percent, -0.04), '0.0%');
  assert.equal(formatValue({ unit: 'rate-per-100k', decimals: 1 }, 4051.94), '4,051.9 per 100,000');
  assert.equal(formatValue({ unit: 'score', decimals: 3 }, 0.41), '0.410');
  assert.equal(formatValue({ unit: 'score', decimals: 1 }, 19.04), '19.0');
  assert.equal(formatValue({ unit: 'count', decimals: 0 }, 20512), '20,512');
  assert.equal(formatValue({ unit: 'currency', decimals: 2 }, 1250.5), '£1,250.50');
  assert.equal(formatValue({ unit: 'currency', decimals: 0 }, -1400000), '-£1,400,000');
  assert.equal(formatValue({ unit: 'days', decimals: 0 }, 1), '1 day');
  assert.equal(formatValue({ unit: 'weeks', decimals: 1 }, 6), '6.0 weeks');
  assert.throws(() => formatValue(percent, Number.NaN), RangeError);
});

test('findByCode looks a measure up within one family edition', () => {
  const { measures } = validateCatalogue([
    file('ascof-2014.yaml', [measure({ id: 'ascof14-1E', code: '1E' })]),
    newEdition([measure({ id: 'ascof23-1E', code: '1E', validFrom: '2023-24', validTo: undefined })]),
  ]);
  assert.equal(findByCode(measures, 'ascof', '2014', '1E')?.id, 'ascof14-1E');
  assert.equal(findByCode(measures, 'ascof', '2023', '1e')?.id, 'ascof23-1E');
  assert.equal(findByCode(measures, 'ascof', '2014', '9Z'), undefined);
  assert.equal(findByCode(measures, 'local', '2014', '1E'), undefined);
});
