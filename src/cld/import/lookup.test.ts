import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDuckCaseStore } from '../engine/duckdb.js';
import { codeLookup, type CodeEntry } from './lookup.js';

const entries: CodeEntry[] = [
  { raw: 'F', code: 'female', r1: true, r2: true, soleRelease: 0 },
  { raw: 'Male', code: 'male', r1: true, r2: false, soleRelease: 1 },
  { raw: 'Man', code: 'male', r1: false, r2: true, soleRelease: 2 },
  { raw: "O'Neil", code: null, r1: false, r2: false, soleRelease: 0 },
];

/** The lookup's code, release bits and release-2 mismatch for each text, as list and as join. */
async function lookUp(limit: number) {
  const store = await openDuckCaseStore(':memory:');
  try {
    await store.run(
      'CREATE TEMP TABLE cld_code_map (field TEXT, raw TEXT, code TEXT, r1 BOOLEAN, r2 BOOLEAN, sole_release UTINYINT)',
    );
    for (const e of entries)
      await store.run('INSERT INTO cld_code_map VALUES ($1, $2, $3, $4, $5, $6)', [
        'gender',
        e.raw,
        e.code,
        e.r1,
        e.r2,
        e.soleRelease,
      ]);
    await store.run(
      `CREATE TEMP TABLE t AS SELECT * FROM (VALUES (1, 'F'), (2, 'Male'), (3, 'Man'), (4, 'O''Neil'), (5, NULL), (6, 'f')) v(n, g)`,
    );
    const l = codeLookup('gender', entries, 'r.g', limit);
    const position = l.position ? `, ${l.position.sql} AS ${l.position.column}` : '';
    return await store.all<Record<string, unknown>>(
      `SELECT n, ${l.code} AS code, ${l.releaseBits} AS bits, ${l.otherRelease(2)} AS other
       FROM (SELECT r.*${position} FROM t r) r ${l.join ?? ''} ORDER BY n`,
    );
  } finally {
    await store.close();
  }
}

test('a coded column reads the same through the short list and through the join of the map', async () => {
  const listed = await lookUp(256);
  assert.deepEqual(
    listed.map((r) => [r.n, r.code, Number(r.bits), Number(r.other)]),
    [
      [1, 'female', 0, 0],
      [2, 'male', 1, 1],
      [3, 'male', 2, 0],
      [4, null, 0, 0],
      [5, null, 0, 0],
      [6, null, 0, 0],
    ],
  );
  assert.deepEqual(
    (await lookUp(2)).map((r) => [r.n, r.code, Number(r.bits), Number(r.other)]),
    listed.map((r) => [r.n, r.code, Number(r.bits), Number(r.other)]),
  );
});

test('a column the file lacks reads as blank', () => {
  const l = codeLookup('gender', undefined, null);
  assert.equal(l.code, 'CAST(NULL AS TEXT)');
  assert.equal(l.releaseBits, '0');
});
