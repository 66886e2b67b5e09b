/**
 * The generator's spellings against the domain vocabulary: every coded value it can write is a value of
 * the domain's list in the release being written, so a clean synthetic file has no invalid code and is
 * detected as its own release, while the deliberate unknown codes of dirty rows stay invalid.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { matchCodeIn } from '../../domain/cld/codes.js';
import { fieldOf } from '../../domain/cld/fields.js';
import { mapHeaders } from '../../domain/cld/headers.js';
import { detectRelease } from '../../domain/cld/release.js';
import { parseCldRow } from '../../domain/cld/row.js';
import { generateCld, type CldOptions } from './generate.js';
import { CODED_COLUMNS, codedValues, type CodedColumn, type Release } from './vocabulary.js';

const RELEASES: Release[] = [1, 2];
const COUNCIL = 'E08000009';

const fieldFor = (column: CodedColumn) => {
  const key = mapHeaders([column]).byField.keys().next().value;
  assert.ok(key, `${column} names no CLD field`);
  return fieldOf(key);
};

test('every coded value the generator writes is a domain value of the release it writes', () => {
  for (const release of RELEASES) {
    for (const [column, values] of codedValues(release)) {
      const field = fieldFor(column);
      // Free-text fields in the domain (method of assessment, outcomes achieved …) have no list.
      if (!field.codes) continue;
      for (const value of values) {
        const match = matchCodeIn(field.codes, value, { caseInsensitive: false });
        assert.ok(
          match,
          `${column}: '${value}' (release ${release}) is not in the domain's ${field.codes.name} list`,
        );
        assert.ok(
          release === 1 ? match.r1 : match.r2,
          `${column}: '${value}' is a release ${release === 1 ? 2 : 1} spelling, written in a release ${release} file`,
        );
      }
    }
  }
});

test('each of the generator lists maps its values to distinct domain codes', () => {
  // Two generator keys may share a code only where the releases merged concepts (outcomes).
  const merged = new Set(['Event_Outcome']);
  for (const release of RELEASES) {
    for (const [column, list] of Object.entries(CODED_COLUMNS) as [CodedColumn, object][]) {
      const field = fieldFor(column);
      if (!field.codes || merged.has(column)) continue;
      const codes = new Map<string, string>();
      for (const [key, pair] of Object.entries(list) as [string, readonly [string, string]][]) {
        const text = pair[release - 1];
        if (!text) continue;
        const code = matchCodeIn(field.codes, text)?.code ?? '?';
        assert.ok(!codes.has(code), `${column}: ${key} and ${codes.get(code)} both read as ${code}`);
        codes.set(code, key);
      }
    }
  }
});

const options = (release: Release, dirtyRate: number): CldOptions => ({
  seed: 20240401,
  councils: [COUNCIL],
  rows: 6_000,
  periodStart: '2023-04-01',
  periodEnd: '2024-03-31',
  release,
  dirtyRate,
});

function parsed(o: CldOptions) {
  const cld = generateCld(o);
  const text = [...cld].join('');
  const rows = parse(text, { columns: true }) as Record<string, string>[];
  const headers = mapHeaders(Object.keys(rows[0] ?? {}));
  const results = rows.map((raw, i) =>
    parseCldRow(raw, i + 2, {
      laCode: COUNCIL,
      reportingPeriodStart: o.periodStart,
      reportingPeriodEnd: o.periodEnd,
      release: o.release,
      caseInsensitive: false,
      headers,
    }),
  );
  return { cld, rows, headers, results };
}

const codedFields = [...new Set(Object.keys(CODED_COLUMNS).map((c) => fieldFor(c as CodedColumn)))].filter(
  (f) => f.codes,
);

test('a clean synthetic file has no invalid or other-release code and is detected as its release', () => {
  for (const release of RELEASES) {
    const { rows, headers, results } = parsed(options(release, 0));
    const rules = new Set(results.flatMap((r) => r.problems.map((p) => p.rule)));
    assert.ok(!rules.has('invalid-code'), `release ${release}: an invalid code in a clean file`);
    assert.ok(!rules.has('wrong-release'), `release ${release}: a release ${release === 1 ? 2 : 1} spelling`);
    assert.equal(detectRelease(rows, headers).release, release);
    assert.ok(results.every((r) => r.ok));
  }
});

test("the dirty rows' unknown codes stay invalid, and are the only invalid codes", () => {
  for (const release of RELEASES) {
    const { cld, results } = parsed(options(release, 0.05));
    const withUnknownCode = results.filter((r) =>
      codedFields.some((f) => r.fields[f.key].state === 'invalid'),
    ).length;
    assert.ok(cld.summary.dirty['unknown-code'] > 0);
    assert.equal(withUnknownCode, cld.summary.dirty['unknown-code']);
  }
});
