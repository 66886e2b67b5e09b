import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRegister } from '../../domain/organisation.js';
import { decodeText } from '../decode.js';
import { assignAreas, decideArea, parsePopulationCsv, type ParsedPopulation } from './population.js';

/** An MYE2-style row: code, name, geography, then All ages and one count per age 0..90 from countAt(age). */
function wideRow(code: string, name: string, geography: string, countAt: (age: number) => number): string {
  const counts = Array.from({ length: 91 }, (_, age) => countAt(age));
  return [code, name, geography, counts.reduce((a, b) => a + b, 0), ...counts].join(',');
}
const ageHeader = (top: string) => [...Array.from({ length: 90 }, (_, a) => String(a)), top].join(',');
const wideHeader = (top = '90+') => `Code,Name,Geography,All ages,${ageHeader(top)}`;

/** MYEB-style rows for one area and sex: one line per age, population_2022 then population_2023. */
function longRows(
  code: string,
  sex: string,
  countAt: (age: number) => number,
  skip: number[] = [],
): string[] {
  return Array.from({ length: 91 }, (_, age) => age)
    .filter((age) => !skip.includes(age))
    .map((age) => `${code},Area ${code},E,${sex},${age},${countAt(age) - 1},${countAt(age)}`);
}
const longHeader = 'ladcode23,laname23,country,sex,age,population_2022,population_2023';

const counted = (p: ParsedPopulation) => p.rejections.length + p.areas.reduce((n, a) => n + a.rows.length, 0);

test('MYE2: title lines are passed over, 90+ counts as 65 and over, and every row is accounted for', () => {
  const csv = [
    'MYE2: Population estimates: Persons by single year of age and sex for local authorities in the UK, mid-2023',
    'Source: Office for National Statistics',
    '',
    wideHeader(),
    wideRow('K02000001', 'UNITED KINGDOM', 'Country', () => 1000),
    wideRow('E12000002', 'NORTH WEST', 'Region', () => 500),
    wideRow('E08000009', 'Trafford', 'Metropolitan District', (age) => (age === 90 ? 7 : 10)),
    wideRow('E10000017', 'Lancashire', 'County', () => 20),
  ].join('\n');
  const parsed = parsePopulationCsv(csv, 2023);
  assert.deepEqual(parsed.fileErrors, []);
  assert.equal(parsed.layout, 'MYE2');
  assert.equal(parsed.rowsRead, 4);
  assert.equal(counted(parsed), 4);
  const trafford = parsed.areas.find((a) => a.code === 'E08000009');
  // 18..64 is 47 single years; 65..89 is 25 years of 10 plus 7 aged 90 and over.
  assert.deepEqual(trafford?.bands, { '18-64': 470, '65+': 257, '18+': 727 });
  assert.deepEqual(trafford?.rows, [7]);
  assert.match(parsed.notes.join(' '), /2 line\(s\) above the header were taken as titles/);
});

test('MYE2: an older file whose last column is 90 reads the same as 90+', () => {
  const csv = [wideHeader('90'), wideRow('E06000001', 'Hartlepool', 'Unitary Authority', () => 2)].join('\n');
  assert.deepEqual(parsePopulationCsv(csv, 2019).areas[0]?.bands, { '18-64': 94, '65+': 52, '18+': 146 });
});

test('MYE2: bad rows are rejected with their line and reason; the rest load', () => {
  const good = (code: string) => wideRow(code, 'Somewhere', 'Unitary Authority', () => 1);
  const csv = [
    wideHeader(),
    good('E06000001'),
    good('E06000001'),
    good(''),
    good('E06000002').replace(',1,1,1,', ',1,abc,1,'),
    good('E06000003').replace(/,91,/, ',92,'),
    'E06000004,Short,Unitary Authority,5',
    good('E06000005'),
  ].join('\n');
  const parsed = parsePopulationCsv(csv, 2023);
  assert.equal(parsed.rowsRead, 7);
  assert.equal(counted(parsed), 7);
  assert.deepEqual(
    parsed.areas.map((a) => a.code),
    ['E06000001', 'E06000005'],
  );
  const reasons = Object.fromEntries(parsed.rejections.map((r) => [r.row, r.reason]));
  assert.match(reasons[3]!, /E06000001 persons was already given in row 2/);
  assert.match(reasons[4]!, /area code is blank/);
  assert.match(reasons[5]!, /count for age 1 "abc" is not a whole number/);
  assert.match(reasons[6]!, /add up to 91, not the All ages figure 92/);
  assert.match(reasons[7]!, /has 4 fields where the header needs 95/);
});

test('MYEB: males and females are added up for the chosen year, with ages to 90 and thousands separators', () => {
  const rows = [
    ...longRows('E08000009', '1', () => 10),
    ...longRows('E08000009', '2', (age) => (age === 90 ? 1234 : 11)),
  ];
  rows[5] = rows[5]!.replace(/,10$/, ',"10"');
  rows[181] = rows[181]!.replace(/,1234$/, ',"1,234"');
  const parsed = parsePopulationCsv([longHeader, ...rows].join('\r\n'), 2023);
  assert.deepEqual(parsed.fileErrors, []);
  assert.equal(parsed.layout, 'MYEB');
  assert.equal(parsed.rowsRead, 182);
  assert.equal(parsed.areas.length, 1);
  assert.deepEqual(parsed.areas[0]?.bands, {
    '18-64': 47 * 21,
    '65+': 25 * 21 + 10 + 1234,
    '18+': 47 * 21 + 25 * 21 + 10 + 1234,
  });
  assert.match(parsed.notes[0]!, /MYEB layout .* mid-2023 column/);
  // The same file read for 2022 uses the other column.
  assert.equal(parsePopulationCsv([longHeader, ...rows].join('\n'), 2022).areas[0]?.bands['18-64'], 47 * 19);
});

test('MYEB: a persons row wins over male and female rows; M/F spellings work', () => {
  const rows = [
    ...longRows('E06000001', 'Persons', () => 5),
    ...longRows('E06000001', 'M', () => 2),
    ...longRows('E06000001', 'F', () => 3),
    ...longRows('E06000002', 'M', () => 2),
    ...longRows('E06000002', 'F', () => 4),
  ];
  const parsed = parsePopulationCsv([longHeader, ...rows].join('\n'), 2023);
  assert.equal(counted(parsed), 5 * 91);
  assert.deepEqual(parsed.rejections, []);
  assert.equal(parsed.areas[0]?.bands['18-64'], 47 * 5);
  assert.equal(parsed.areas[0]?.rows.length, 3 * 91);
  assert.equal(parsed.areas[1]?.bands['18-64'], 47 * 6);
});

test('MYEB: an area with one sex only, a missing age or a repeated age is rejected with every row counted', () => {
  const rows = [
    ...longRows('E06000001', '1', () => 5),
    ...longRows('E06000002', '1', () => 5),
    ...longRows('E06000002', '2', () => 5, [40, 41]),
    ...longRows('E06000003', '1', () => 5),
    ...longRows('E06000003', '2', () => 5),
    'E06000003,Area,E,2,30,4,4',
    'E06000003,Area,E,X,30,4,4',
    'E06000003,Area,E,2,thirty,4,4',
    'E06000003,Area,E,2,31,4,',
  ];
  const parsed = parsePopulationCsv([longHeader, ...rows].join('\n'), 2023);
  assert.equal(parsed.rowsRead, rows.length);
  assert.equal(counted(parsed), rows.length);
  assert.deepEqual(
    parsed.areas.map((a) => a.code),
    ['E06000003'],
  );
  const reasonFor = (row: number) => parsed.rejections.find((r) => r.row === row)?.reason;
  assert.match(reasonFor(2)!, /E06000001 has male figures but none for females/);
  assert.match(reasonFor(93)!, /E06000002 has no female figure for age\(s\) 40, 41/);
  const extra = 1 + 91 * 5 - 2 + 1;
  assert.match(reasonFor(extra)!, /E06000003 female age 30 was already given in row \d+/);
  assert.match(reasonFor(extra + 1)!, /sex "X" is not persons/);
  assert.match(reasonFor(extra + 2)!, /age "thirty" is not a whole number of years/);
  assert.match(reasonFor(extra + 3)!, /the count is blank/);
});

test('files that cannot be read are refused as a whole with the reason', () => {
  const refusal = (csv: string, year = 2023) => parsePopulationCsv(csv, year).fileErrors[0] ?? '';
  assert.match(refusal(''), /empty/);
  assert.match(refusal('Area,Value\nTrafford,1\n'), /No header of a known layout.*MYE2.*MYEB/);
  assert.match(refusal(`${longHeader}\n`), /no data rows/);
  assert.match(
    refusal(`${longHeader}\nE06000001,A,E,1,0,1,1\n`, 2024),
    /population columns for 2022 to 2023 but none for mid-2024/,
  );
  assert.match(refusal('Code,Name,All ages,0,1,17,18,19\n'), /stops at age 19; expected 90 or 90\+/);
  assert.match(refusal('Code,Name,0,1,2\n'), /has no figures for age\(s\) 18\./);
  assert.match(
    refusal(`Code,${ageHeader('90+').replace(',45,', ',')}\n`),
    /has no figures for age\(s\) 45\./,
  );
  assert.match(refusal(`Code,Name,${ageHeader('85+').replace(/,86.*$/, '')}\n`), /stops at age 85/);
  assert.match(
    refusal(`Title for mid-2022\n${wideHeader()}\n`),
    /title says mid-2022, but it is being imported as mid-2023/,
  );
  assert.match(refusal(`${wideHeader()}\n"E06000001,broken`), /not valid CSV/);
  const readAll = parsePopulationCsv('Area,Value\nTrafford,1\nBury,2\n', 2023);
  assert.equal(readAll.rowsRead, 3);
});

test('an open-ended top age below 90 is accepted; a closed one is not', () => {
  const header = `Code,${Array.from({ length: 85 }, (_, a) => a).join(',')},85+`;
  const row = `E06000001,${Array.from({ length: 86 }, () => 1).join(',')}`;
  assert.equal(parsePopulationCsv(`${header}\n${row}`, 2023).areas[0]?.bands['65+'], 21);
  const closed = `Code,${Array.from({ length: 86 }, (_, a) => a).join(',')}`;
  assert.match(
    parsePopulationCsv(`${closed}\n${row}`, 2023).fileErrors[0]!,
    /stops at age 85; expected 90 or 90\+/,
  );
});

test('Windows-1252 bytes decode through the shared helper before parsing', () => {
  const csv = `${wideHeader()}\n${wideRow('E06000001', 'Hartlepool \u2013 UA', 'Unitary Authority', () => 1)}`;
  const bytes = Uint8Array.from([...csv].map((c) => (c === '\u2013' ? 0x96 : c.charCodeAt(0))));
  const decoded = decodeText(bytes);
  assert.equal(decoded.encoding, 'windows-1252');
  assert.equal(parsePopulationCsv(decoded.text, 2023).areas[0]?.name, 'Hartlepool – UA');
});

const { register } = buildRegister([
  {
    file: 'test.yaml',
    content: {
      version: 1,
      countries: [{ code: 'E92000001', name: 'England' }],
      regions: [{ code: 'E12000002', name: 'North West' }],
      councilTypes: [{ code: 'CT-MET', name: 'Metropolitan district' }],
      councils: [
        { code: 'E08000009', name: 'Trafford', region: 'E12000002', type: 'CT-MET' },
        {
          code: 'E06000063',
          name: 'Cumberland',
          region: 'E12000002',
          type: 'CT-MET',
          validFrom: '2023-04-01',
        },
      ],
    },
  },
]);

test('councils in the register load; other geographies are skipped; unknown or later councils are rejected', () => {
  const on = '2022-06-30';
  const decide = (code: string, name = '') => decideArea(register, { code, name }, on);
  assert.deepEqual(decide('E08000009'), { council: 'E08000009' });
  assert.deepEqual(decide('E92000001'), { skip: 'country' });
  assert.deepEqual(decide('E12000002'), { skip: 'region' });
  assert.deepEqual(decide('E07000117'), { skip: 'non-metropolitan district' });
  assert.deepEqual(decide('W06000001'), { skip: 'Wales' });
  const rejected = (code: string, name = '') => {
    const d = decide(code, name);
    return 'reject' in d ? d.reject : '';
  };
  assert.match(rejected('E06000063'), /not a council on 2022-06-30 \(it existed from 2023-04-01\)/);
  assert.match(rejected('E06000099', 'Nowhere'), /unknown council "E06000099 Nowhere"/);
  assert.match(rejected('Trafford'), /not an ONS area code/);

  const bands = { '18-64': 1, '65+': 1, '18+': 2 };
  const assigned = assignAreas(
    [
      { code: 'E08000009', name: 'Trafford', bands, rows: [2] },
      { code: 'E07000117', name: 'Burnley', bands, rows: [3, 4] },
      { code: 'E07000118', name: 'Chorley', bands, rows: [5] },
      { code: 'E06000099', name: 'Nowhere', bands, rows: [6, 7] },
    ],
    (a) => decideArea(register, a, on),
  );
  assert.deepEqual(assigned.councils, [{ orgCode: 'E08000009', bands, rows: [2] }]);
  assert.deepEqual(
    assigned.rejections.map((r) => r.row),
    [6, 7],
  );
  assert.deepEqual([...assigned.skipped], [['non-metropolitan district', { areas: 2, rows: 3 }]]);
});
