import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTestServices, openTestStore, storeKinds } from '../../test/support/services.js';
import { systemActor } from '../services/actor.js';
import { createBackup, restoreBackup } from './backup.js';
import { StoreError } from './db.js';
import { loadMigrations, migrate } from './migrate.js';
import { openPglite } from './pglite.js';

for (const kind of storeKinds) {
  test(`${kind}: migrations apply once and record their versions`, async (t) => {
    const db = await openTestStore(t, kind);
    if (!db) return;
    assert.deepEqual(await migrate(db), []);
    const rows = await db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    assert.deepEqual(
      rows.map((r) => r.version),
      loadMigrations().map((m) => m.version),
    );
  });

  test(`${kind}: values come back as exact decimals and ISO dates on either engine`, async (t) => {
    const db = await openTestStore(t, kind);
    if (!db) return;
    const [row] = await db.query<{ n: string; d: string; b: number }>(
      "SELECT 0.1::numeric + 0.2::numeric AS n, date '2019-04-01' AS d, 9007199254740::bigint AS b",
    );
    assert.deepEqual(row, { n: '0.3', d: '2019-04-01', b: 9007199254740 });
  });

  test(`${kind}: a failed transaction leaves nothing behind`, async (t) => {
    const db = await openTestStore(t, kind);
    if (!db) return;
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query(
          "INSERT INTO audit_log (actor_label, action, entity_type, entity_id) VALUES ('t', 'x', 'y', '1')",
        );
        await tx.query('SELECT * FROM no_such_table');
      }),
    );
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    assert.equal(row?.n, 0);
  });

  test(`${kind}: a backup restores every table exactly, and sequences carry on`, async (t) => {
    const s = await openTestServices(t, kind);
    if (!s) return;
    const file = fs.readFileSync(new URL('../../test/fixtures/ascof-small.csv', import.meta.url));
    await s.imports.importAscof(systemActor('test'), 'small.csv', file);
    await s.users.create(systemActor('test'), {
      email: 'a@example.org',
      displayName: 'A',
      role: 'admin',
      password: 'long enough password',
    });
    const backup = await createBackup(s.db, s.clock.now());
    await s.db.query('DELETE FROM observations');
    const counts = await restoreBackup(s.db, JSON.parse(JSON.stringify(backup)));
    assert.equal(counts.observations, 7);
    const again = await createBackup(s.db, s.clock.now());
    assert.deepEqual(JSON.parse(JSON.stringify(again.tables)), JSON.parse(JSON.stringify(backup.tables)));
    const user = await s.users.create(systemActor('test'), {
      email: 'b@example.org',
      displayName: 'B',
      role: 'viewer',
      password: 'long enough password',
    });
    assert.ok(user.id > 1);
  });
}

test('the embedded store refuses a second opener and names the holder', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-lock-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const first = await openPglite(dir, 'first holder');
  await assert.rejects(openPglite(dir, 'second'), (err: unknown) => {
    assert.ok(err instanceof StoreError);
    assert.match(err.message, new RegExp(`in use by process ${process.pid} .*"first holder"`));
    return true;
  });
  await first.close();
  const reopened = await openPglite(dir, 'after release');
  await reopened.close();
});

test('a lock left by a dead process is taken over', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-lock-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(
    path.join(dir, 'ascent.lock'),
    JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), command: 'gone', since: '' }),
  );
  const db = await openPglite(dir, 'taker');
  await db.close();
});

test('an unreachable PostgreSQL server gets a clear error without the password', async () => {
  const { openPostgres } = await import('./postgres.js');
  await assert.rejects(openPostgres('postgres://ascent:secret@127.0.0.1:1/none'), (err: unknown) => {
    assert.ok(err instanceof StoreError);
    assert.match(err.message, /Cannot reach PostgreSQL at postgres:\/\/ascent:\*\*\*@127\.0\.0\.1:1\/none/);
    assert.doesNotMatch(err.message, /secret/);
    return true;
  });
});
