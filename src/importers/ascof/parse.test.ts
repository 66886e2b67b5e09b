import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText } from '../decode.js';
import { parseAscofCsv } from './parse.js';

const header =
  'Year,Geographical Description,ONS Code,Measure Group,Measure Group Description,Measure_Value,Geographical Level,Disaggregation Level,Measure Type';

test('decoding copes with UTF-8, Windows-1252 and mis-encoded en dashes', () => {
  const cp = Uint8Array.from([0x41, 0x96, 0x42]);
  assert.deepEqual(decodeText(cp), { text: 'A–B', encoding: 'windows-1252', repairedCharacters: 0 });
  const mojibake = Uint8Array.from([0x41, 0xc2, 0x96, 0x42]);
  assert.deepEqual(decodeText(mojibake), { text: 'A–B', encoding: 'utf-8', repairedCharacters: 1 });
  const bom = new TextEncoder().encode('\ufeffYear');
  assert.equal(decodeText(bom).text, 'Year');
});

test('rows parse with both spellings of Council Type and markers in place of values', () => {
  const csv = [
    header,
    '2017-18,Trafford,E08000009,1e,,13.1,Council,Total,Outcome',
    '2017-18,Shire Counties,,1E,,5.1,Council type,,Outcome',
    '2017-18,Bury,E08000002,1E,,[c],Council,Total,Outcome',
    '2017-18,Bolton,E08000001,1E,,888888885,Council,Total,Numerator',
  ].join('\n');
  const parsed = parseAscofCsv(csv);
  assert.equal(parsed.rowsRead, 4);
  assert.deepEqual(parsed.rejections, []);
  assert.equal(parsed.rows[0]?.measureCode, '1E');
  assert.equal(parsed.rows[0]?.value, '13.1');
  assert.equal(parsed.rows[1]?.level, 'Council Type');
  assert.equal(parsed.rows[1]?.disaggregation, 'Total');
  assert.deepEqual([parsed.rows[2]?.value, parsed.rows[2]?.suppression], [null, '[c]']);
  assert.deepEqual([parsed.rows[3]?.kind, parsed.rows[3]?.suppression], ['Numerator', 'sentinel']);
});

test('each bad row is rejected with its line number and a reason', () => {
  const csv = [
    header,
    '2017-18,Trafford,E08000009,1E,,abc,Council,Total,Outcome',
    '2017/2019,Trafford,E08000009,1E,,1,Council,Total,Outcome',
    '2017-18,Trafford,E08000009,1E,,1,Ward,Total,Outcome',
    '2017-18,Trafford,E08000009,1E,,1,Council,Total,Average',
    '2017-18,Trafford,E08000009,1E,,,Council,Total,Outcome',
    '2017-18,Trafford,E08000009',
  ].join('\n');
  const { rejections, rows } = parseAscofCsv(csv);
  assert.equal(rows.length, 0);
  assert.deepEqual(
    rejections.map((r) => r.row),
    [2, 3, 4, 5, 6, 7],
  );
  assert.match(rejections[0]!.reason, /"abc" is not a number/);
  assert.match(rejections[1]!.reason, /not a financial year/);
  assert.match(rejections[2]!.reason, /geographical level "Ward"/);
  assert.match(rejections[3]!.reason, /measure type "Average"/);
  assert.match(rejections[4]!.reason, /blank/);
  assert.match(rejections[5]!.reason, /3 fields where the header has 9/);
});

test('a file with missing columns, no rows or broken quoting is refused as a whole', () => {
  assert.match(
    parseAscofCsv('Year,ONS Code\n2017-18,E1').fileErrors[0]!,
    /missing the column\(s\) "measure group", "measure value"/,
  );
  assert.match(parseAscofCsv('').fileErrors[0]!, /empty/);
  assert.match(parseAscofCsv(header).fileErrors[0]!, /no data rows/);
  assert.match(parseAscofCsv(`${header}\n2017-18,"Traff,E1`).fileErrors[0]!, /not valid CSV/);
});
