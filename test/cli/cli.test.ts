import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = ['--import', 'tsx', path.join(root, 'src/cli/bin.ts')];
const ascofFile = path.join(root, 'demo/ascof-council-outcomes-2017-18-to-2021-22.csv');

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-cli-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function ascent(dataDir: string, ...args: string[]) {
  const env = { ...process.env, ASCENT_DATA_DIR: dataDir, DATABASE_URL: '' };
  return spawnSync(process.execPath, [...bin, ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

test('ascent import ascof loads every row of the national file, and a second import adds nothing', async (t) => {
  const dir = tempDir(t);
  const first = ascent(dir, 'import', 'ascof', ascofFile);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /19342 rows read, 19342 loaded, 0 rejected/);
  const again = ascent(dir, 'import', 'ascof', ascofFile);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /already imported as release 1; nothing changed/);

  const empty = path.join(dir, 'empty.csv');
  fs.writeFileSync(empty, '');
  const failed = ascent(dir, 'import', 'ascof', empty);
  assert.equal(failed.status, 1);
  assert.match(failed.stdout, /File error: The file is empty/);
});

test('a second process opening the embedded store while the server runs gets a clear error and writes nothing', async (t) => {
  const dir = tempDir(t);
  const port = await freePort();
  const server = spawn(process.execPath, [...bin, 'serve', '--port', String(port)], {
    cwd: root,
    env: { ...process.env, ASCENT_DATA_DIR: dir, DATABASE_URL: '' },
  });
  t.after(() => server.kill('SIGTERM'));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ascent is running')) resolve();
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  const lock = fs.readFileSync(path.join(dir, 'ascent.lock'), 'utf8');
  const second = ascent(
    dir,
    'user',
    'create',
    '--email',
    'x@example.org',
    '--name',
    'X',
    '--role',
    'admin',
    '--password',
    'long enough password',
  );
  assert.equal(second.status, 1);
  assert.match(second.stderr, new RegExp(`in use by process ${server.pid} .*"ascent serve"`));
  assert.match(second.stderr, /DATABASE_URL/);
  assert.equal(fs.readFileSync(path.join(dir, 'ascent.lock'), 'utf8'), lock);
  const exited = new Promise((resolve) => server.on('exit', resolve));
  server.kill('SIGTERM');
  await exited;
  assert.equal(
    fs.existsSync(path.join(dir, 'ascent.lock')),
    false,
    'the server releases its lock on shutdown',
  );
  const users = ascent(dir, 'user', 'list');
  assert.equal(users.status, 0, users.stderr);
  assert.doesNotMatch(users.stdout, /x@example.org/);
});
