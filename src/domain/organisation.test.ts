import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import {
  buildRegister,
  councilsActiveOn,
  formatProblem,
  isActive,
  kindOfLevel,
  normaliseName,
  organisationFileSchema,
  predecessorsOf,
  resolveByNameOrCode,
  successorsOf,
} from './organisation.js';
import type { OrganisationSource, RegisterProblem } from './organisation.js';

const geography: OrganisationSource = {
  file: 'england.yaml',
  content: {
    version: 1,
    countries: [{ code: 'E92000001', name: 'England' }],
    regions: [
      { code: 'E12000002', name: 'North West' },
      { code: 'E12000004', name: 'East Midlands' },
      { code: 'E12000006', name: 'East of England', aliases: ['Eastern'] },
      { code: 'E12000009', name: 'South West' },
    ],
    councilTypes: [
      { code: 'CT-SHIRE', name: 'Shire county', aliases: ['Shire Counties'] },
      {
        code: 'CT-UNITARY',
        name: 'Unitary authority',
        aliases: ['Unitary Authority', 'Unitary Authorities'],
      },
      { code: 'CT-MET', name: 'Metropolitan district', aliases: ['Metropolitan Districts'] },
    ],
  },
};

const councils: OrganisationSource = {
  file: 'councils.yaml',
  content: {
    version: 1,
    councils: [
      { code: 'E08000013', name: 'St. Helens', region: 'E12000002', type: 'CT-MET' },
      {
        code: 'E10000021',
        name: 'Northamptonshire',
        region: 'E12000004',
        type: 'CT-SHIRE',
        validTo: '2021-03-31',
        successors: [
          { code: 'E06000061', effective: '2021-04-01' },
          { code: 'E06000062', effective: '2021-04-01' },
        ],
      },
      {
        code: 'E06000061',
        name: 'North Northamptonshire',
        region: 'E12000004',
        type: 'CT-UNITARY',
        validFrom: '2021-04-01',
      },
      {
        code: 'E06000062',
        name: 'West Northamptonshire',
        region: 'E12000004',
        type: 'CT-UNITARY',
        validFrom: '2021-04-01',
      },
      {
        code: 'E10000009',
        name: 'Dorset',
        region: 'E12000009',
        type: 'CT-SHIRE',
        validTo: '2019-03-31',
        successors: [{ code: 'E06000059', effective: '2019-04-01' }],
      },
      { code: 'E06000059', name: 'Dorset', region: 'E12000009', type: 'CT-UNITARY', validFrom: '2019-04-01' },
      {
        code: 'E06000010',
        name: 'Kingston upon Hull, City of',
        aliases: ['Kingston upon Hull'],
        region: 'E12000002',
        type: 'CT-UNITARY',
      },
    ],
  },
};

const fixture = () => buildRegister([geography, councils]);
const at = (problems: RegisterProblem[]) => problems.map((p) => `${p.file} ${JSON.stringify(p.path)}`);

/** The fixture with one council entry replaced or added. */
function withCouncil(index: number, entry: unknown): OrganisationSource {
  const content = councils.content as { councils: unknown[] };
  const list = [...content.councils];
  list[index] = entry;
  return { file: 'councils.yaml', content: { version: 1, councils: list } };
}

test('a valid set of files builds with no problems', () => {
  const { register, problems } = fixture();
  assert.deepEqual(problems, []);
  assert.equal(register.organisations.length, 1 + 4 + 3 + 7);
  assert.deepEqual(register.byCode.get('E08000013'), {
    kind: 'council',
    code: 'E08000013',
    name: 'St. Helens',
    aliases: [],
    regionCode: 'E12000002',
    councilTypeCode: 'CT-MET',
    successors: [],
  });
});

test('validity dates are inclusive at both ends', () => {
  const northants = { validTo: '2021-03-31' };
  assert.equal(isActive(northants, '2021-03-31'), true);
  assert.equal(isActive(northants, '2021-04-01'), false);
  assert.equal(isActive({ validFrom: '2021-04-01' }, '2021-03-31'), false);
  assert.equal(isActive({ validFrom: '2021-04-01' }, '2021-04-01'), true);
  assert.equal(isActive({}, '1900-01-01'), true);
});

test('names normalise case, whitespace and punctuation', () => {
  assert.equal(normaliseName('St. Helens'), normaliseName('st  helens'));
  assert.equal(normaliseName('Stockton-on-Tees'), 'stockton on tees');
  assert.equal(normaliseName('Kingston upon Hull, City of'), 'kingston upon hull city of');
  assert.equal(normaliseName('Yorkshire and The Humber'), normaliseName('Yorkshire & the Humber'));
  assert.equal(normaliseName("King's Lynn"), normaliseName('Kings Lynn'));
});

test('geographical levels map to kinds in every spelling', () => {
  assert.equal(kindOfLevel('Council Type'), 'council_type');
  assert.equal(kindOfLevel('Council type'), 'council_type');
  assert.equal(kindOfLevel(' England '), 'country');
  assert.equal(kindOfLevel('Region'), 'region');
  assert.equal(kindOfLevel('Council'), 'council');
  assert.equal(kindOfLevel('Ward'), undefined);
});

test('a code decides the match; a blank code falls back to the name', () => {
  const { register } = fixture();
  const byCode = resolveByNameOrCode(register, {
    code: 'E06000010',
    name: 'Hull (anything)',
    level: 'Council',
  });
  assert.equal(byCode.ok && byCode.organisation.code, 'E06000010');
  assert.equal(byCode.ok && byCode.matchedBy, 'code');

  const byName = resolveByNameOrCode(register, {
    code: '',
    name: 'unitary  AUTHORITIES',
    level: 'Council type',
  });
  assert.equal(byName.ok && byName.organisation.code, 'CT-UNITARY');
  assert.equal(byName.ok && byName.matchedBy, 'name');

  const region = resolveByNameOrCode(register, { name: 'Eastern', level: 'Region' });
  assert.equal(region.ok && region.organisation.code, 'E12000006');
});

test('an unknown code is not rescued by the name, so two bodies never silently join', () => {
  const { register } = fixture();
  const r = resolveByNameOrCode(register, { code: 'E06000066', name: 'Dorset', level: 'Council' });
  assert.deepEqual(r, { ok: false, reason: 'no council with code E06000066' });
  const wrongKind = resolveByNameOrCode(register, { code: 'E12000002', level: 'Council' });
  assert.equal(wrongKind.ok, false);
  const level = resolveByNameOrCode(register, { code: 'E08000013', level: 'Ward' });
  assert.deepEqual(level, { ok: false, reason: "unknown geographical level 'Ward'" });
});

test('a date rejects bodies not yet or no longer active and separates same-named ones', () => {
  const { register } = fixture();
  const gone = resolveByNameOrCode(register, { code: 'E10000021', level: 'Council', on: '2021-04-01' });
  assert.deepEqual(gone, { ok: false, reason: 'E10000021 Northamptonshire is not active on 2021-04-01' });

  const ambiguous = resolveByNameOrCode(register, { name: 'Dorset', level: 'Council' });
  assert.equal(ambiguous.ok, false);
  assert.match(ambiguous.ok ? '' : ambiguous.reason, /several councils \(E10000009, E06000059\)/);

  const county = resolveByNameOrCode(register, { name: 'Dorset', level: 'Council', on: '2018-04-01' });
  const unitary = resolveByNameOrCode(register, { name: 'Dorset', level: 'Council', on: '2019-04-01' });
  assert.equal(county.ok && county.organisation.code, 'E10000009');
  assert.equal(unitary.ok && unitary.organisation.code, 'E06000059');
});

test('successors and predecessors follow reorganisations', () => {
  const { register } = fixture();
  assert.deepEqual(
    successorsOf(register, 'E10000021').map((o) => o.name),
    ['North Northamptonshire', 'West Northamptonshire'],
  );
  assert.deepEqual(successorsOf(register, 'E06000061'), []);
  assert.deepEqual(
    predecessorsOf(register, 'E06000062').map((o) => o.code),
    ['E10000021'],
  );
  assert.deepEqual(
    councilsActiveOn(register, '2021-03-31', { regionCode: 'E12000004' }).map((o) => o.code),
    ['E10000021'],
  );
  assert.equal(councilsActiveOn(register, '2021-04-01', { regionCode: 'E12000004' }).length, 2);
});

test('an unknown region code is reported with file and path, and the rest still load', () => {
  const bad = withCouncil(0, { code: 'E08000013', name: 'St. Helens', region: 'E12000010', type: 'CT-MET' });
  const { register, problems } = buildRegister([geography, bad]);
  assert.deepEqual(problems, [
    { file: 'councils.yaml', path: ['councils', 0, 'region'], message: 'unknown region code E12000010' },
  ]);
  assert.equal(register.byCode.has('E08000013'), false);
  assert.equal(register.byCode.has('E06000010'), true);
  assert.equal(register.organisations.length, 1 + 4 + 3 + 6);
});

test('a duplicate code is reported where it repeats, and the first definition stands', () => {
  const bad = withCouncil(7, { code: 'E08000013', name: 'Sefton', region: 'E12000002', type: 'CT-MET' });
  const { register, problems } = buildRegister([geography, bad]);
  assert.deepEqual(at(problems), ['councils.yaml ["councils",7,"code"]']);
  assert.match(
    problems[0]?.message ?? '',
    /duplicate code E08000013, already defined at councils.yaml councils\[0\]/,
  );
  assert.equal(register.byCode.get('E08000013')?.name, 'St. Helens');
  assert.equal(register.organisations.length, 1 + 4 + 3 + 7);
});

test('a name shared by two bodies active at once is reported', () => {
  const bad = withCouncil(7, {
    code: 'E06000099',
    name: 'st helens',
    region: 'E12000002',
    type: 'CT-UNITARY',
  });
  const { problems } = buildRegister([geography, bad]);
  assert.deepEqual(at(problems), ['councils.yaml ["councils",7]']);
  assert.match(problems[0]?.message ?? '', /shares the name 'st helens' with E08000013/);
});

test('schema errors point into the entry; other entries and files still load', () => {
  const bad = withCouncil(0, {
    code: 'E08000013',
    name: 'St. Helens',
    region: 'E12000002',
    type: 'CT-MET',
    validFrom: '1 April 2019',
    regoin: 'x',
  });
  const { register, problems } = buildRegister([geography, bad]);
  assert.deepEqual(
    at(problems).sort(),
    ['councils.yaml ["councils",0,"validFrom"]', 'councils.yaml ["councils",0]'].sort(),
  );
  assert.equal(register.organisations.length, 1 + 4 + 3 + 6);
});

test('successor links are checked: existence, dates, and an end date on the predecessor', () => {
  const northants = (successors: unknown, validTo?: string) =>
    withCouncil(1, {
      code: 'E10000021',
      name: 'Northamptonshire',
      region: 'E12000004',
      type: 'CT-SHIRE',
      validTo,
      successors,
    });

  const unknown = buildRegister([
    geography,
    northants([{ code: 'E06000099', effective: '2021-04-01' }], '2021-03-31'),
  ]);
  assert.deepEqual(
    unknown.problems.map((p) => [p.path, p.message]),
    [[['councils', 1, 'successors', 0, 'code'], 'unknown successor code E06000099']],
  );

  const gap = buildRegister([
    geography,
    northants([{ code: 'E06000061', effective: '2021-05-01' }], '2021-03-31'),
  ]);
  assert.deepEqual(
    gap.problems.map((p) => p.message),
    ['effective 2021-05-01 should be the day after validTo 2021-03-31'],
  );

  const open = buildRegister([geography, northants([{ code: 'E06000061', effective: '2021-04-01' }])]);
  assert.deepEqual(
    open.problems.map((p) => [p.path, p.message]),
    [[['councils', 1, 'validTo'], 'a council with successors needs a validTo']],
  );
});

test('a dropped entry takes down the entries that point at it, each reported once', () => {
  const bad = withCouncil(2, {
    code: 'E06000061',
    name: 'North Northamptonshire',
    region: 'E12000099',
    type: 'CT-UNITARY',
    validFrom: '2021-04-01',
  });
  const { register, problems } = buildRegister([geography, bad]);
  assert.deepEqual(at(problems), [
    'councils.yaml ["councils",2,"region"]',
    'councils.yaml ["councils",1,"successors",0,"code"]',
  ]);
  assert.equal(register.byCode.has('E10000021'), false);
  assert.equal(register.byCode.has('E06000062'), true);
});

test('whole-file problems: wrong version, unknown section, not a mapping', () => {
  const { register, problems } = buildRegister([
    { file: 'a.yaml', content: { version: 2, councils: [] } },
    { file: 'b.yaml', content: { version: 1, councills: [] } },
    { file: 'c.yaml', content: null },
    geography,
  ]);
  assert.deepEqual(at(problems), ['a.yaml ["version"]', 'b.yaml ["councills"]', 'c.yaml []']);
  assert.equal(register.organisations.length, 8);
  assert.equal(
    formatProblem({ ...(problems[1] as RegisterProblem), line: 3 }),
    "b.yaml:3 councills: unknown section 'councills'; expected one of countries, regions, councilTypes, councils",
  );
});

test('the file schema converts to JSON Schema', () => {
  const schema = z.toJSONSchema(organisationFileSchema) as {
    properties: Record<string, unknown>;
    required: string[];
  };
  assert.deepEqual(Object.keys(schema.properties), [
    'version',
    'countries',
    'regions',
    'councilTypes',
    'councils',
  ]);
  assert.deepEqual(schema.required, ['version']);
});
