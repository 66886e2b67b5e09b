import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SG_HEADERS } from './fields.js';
import { headersRejected, mapSafeguardingHeaders } from './headers.js';

const standard = [...SG_HEADERS];

test('headers match without regard to case, spaces or underscores', () => {
  const shouty = standard.map((h) => h.toUpperCase().replace(/ /g, '_'));
  const m = mapSafeguardingHeaders(shouty);
  assert.equal(headersRejected(m), false);
  assert.equal(m.columnOf.get('concernReceived'), 4);
  assert.equal(m.columnOf.get('outcomesMet'), 12);
  assert.equal(mapSafeguardingHeaders(['  la code ', 'concernreference']).columnOf.get('laCode'), 0);
});

test('either person id column may be left out, but not both', () => {
  const withoutNhs = standard.filter((h) => h !== 'NHS Number');
  assert.equal(headersRejected(mapSafeguardingHeaders(withoutNhs)), false);
  const withoutEither = withoutNhs.filter((h) => h !== 'LA Person Unique Identifier');
  const m = mapSafeguardingHeaders(withoutEither);
  assert.equal(headersRejected(m), true);
  assert.match(m.problems.map((p) => p.message).join(' '), /neither an 'LA Person Unique Identifier' nor/);
});

test('a missing required column rejects the file; unknown and repeated columns are only noted', () => {
  const m = mapSafeguardingHeaders([...standard.filter((h) => h !== 'Decision'), 'Worker Name', 'la_code']);
  assert.equal(headersRejected(m), true);
  assert.deepEqual(
    m.problems.map((p) => [p.rule, p.severity, p.field]),
    [
      ['unknown-column', 'flag', null],
      ['duplicate-column', 'flag', 'laCode'],
      ['missing-column', 'reject', 'decision'],
    ],
  );
  assert.deepEqual(m.unknown, ['Worker Name']);
});
