import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPseudonymiser, loadPseudonymKey } from './pseudonymise.js';

const key = Buffer.alloc(32, 7);

test('pseudonyms are stable for one key, differ between keys, and hide the identifier', () => {
  const p = createPseudonymiser(key);
  assert.equal(p.nhsNumber('943 476 5919'), p.nhsNumber('9434765919'));
  assert.notEqual(
    p.nhsNumber('9434765919'),
    createPseudonymiser(Buffer.alloc(32, 8)).nhsNumber('9434765919'),
  );
  assert.doesNotMatch(p.nhsNumber('9434765919'), /9434765919/);
  assert.notEqual(
    p.laPersonId('E08000009', '123'),
    p.laPersonId('E08000002', '123'),
    'LA ids are scoped to the council',
  );
  assert.match(p.nhsNumber('1'), /^N[A-Za-z0-9_-]{22}$/);
  assert.throws(() => createPseudonymiser(Buffer.alloc(8)), /at least 32 bytes/);
});

test('the key comes from the environment or a private file created on first use', () => {
  assert.deepEqual(
    loadPseudonymKey({ ASCENT_PSEUDONYM_KEY: 'ab'.repeat(32) }),
    Buffer.from('ab'.repeat(32), 'hex'),
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-key-'));
  const file = path.join(dir, 'k', 'pseudonym.key');
  const first = loadPseudonymKey({ ASCENT_PSEUDONYM_KEY_FILE: file });
  assert.equal(first.length, 32);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(loadPseudonymKey({ ASCENT_PSEUDONYM_KEY_FILE: file }), first);
  fs.rmSync(dir, { recursive: true, force: true });
});
