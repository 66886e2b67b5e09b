import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { main } from '../../src/cli/main.js';
import { measureFileSchema } from '../../src/domain/measure.js';
import { planFileSchema } from '../../src/domain/plan/plan.js';

const root = new URL('../..', import.meta.url).pathname;

/** Runs the CLI in this process (no start-up cost per command) and returns what it printed. */
async function ascent(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = {
    out: process.stdout.write.bind(process.stdout),
    err: process.stderr.write.bind(process.stderr),
  };
  process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  process.exitCode = 0;
  try {
    await main(['node', 'ascent', ...args]);
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out: out.join(''), err: err.join(''), code };
}

test('the demo performance files are valid; from the CLI: values refused naming the row, imported, submitted and approved; a target; the scorecard as CSV', async (t) => {
  const demo = (f: string) =>
    YAML.parse(fs.readFileSync(path.join(root, 'demo/performance', f), 'utf8')) as unknown;
  const measures = measureFileSchema.parse(demo('local-measures.yaml'));
  assert.ok(measures.measures.every((m) => m.id.startsWith('local-')));
  assert.ok(planFileSchema.safeParse(demo('plan-trafford.yaml')).success);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-cli-perf-'));
  const saved = {
    dataDir: process.env.ASCENT_DATA_DIR,
    url: process.env.DATABASE_URL,
    password: process.env.ASCENT_PASSWORD,
  };
  process.env.ASCENT_DATA_DIR = path.join(dir, 'data');
  process.env.DATABASE_URL = '';
  process.env.ASCENT_PASSWORD = 'a-long-enough-password';
  t.after(() => {
    process.env.ASCENT_DATA_DIR = saved.dataDir;
    process.env.DATABASE_URL = saved.url;
    process.env.ASCENT_PASSWORD = saved.password;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  for (const role of ['analyst', 'manager']) {
    const r = await ascent(
      'user',
      'create',
      '--role',
      role,
      '--email',
      `${role}@cli.example`,
      '--name',
      role,
    );
    assert.equal(r.code, 0, r.err);
  }
  const waiting = measures.measures.find((m) => m.id === 'local-waiting-list')!;
  fs.writeFileSync(path.join(dir, 'measure.yaml'), YAML.stringify(waiting));
  assert.equal((await ascent('measure', 'add', path.join(dir, 'measure.yaml'))).code, 0);

  const file = path.join(dir, 'values.csv');
  fs.writeFileSync(file, 'Measure,Period,Value\nL02,2026-09,880\nL02,2026-10,-4\n');
  const refused = await ascent('import', 'values', file, '--council', 'E08000009');
  assert.equal(refused.code, 1);
  assert.match(refused.out, /row 3: local-waiting-list 2026-10: -4 is negative, which a count cannot be/);
  assert.match(refused.out, /Nothing was stored\./);
  fs.writeFileSync(file, 'Measure,Period,Value\nL02,2026-09,880\nL02,2026-10,845\n');
  const drafted = await ascent('import', 'values', file, '--council', 'E08000009', '--submit');
  assert.match(
    drafted.out,
    /Saved as draft batch 1: submit it for approval\.\nBatch 1 submitted for approval\./,
  );
  assert.match(
    (await ascent('values', 'approve', '1', '--as', 'manager@cli.example')).out,
    /Batch 1 is now approved \(published as release \d+\)/,
  );
  const target = await ascent(
    'target',
    'set',
    '--council',
    'E08000009',
    '--measure',
    'local-waiting-list',
    '--period',
    '2026-27',
    '--kind',
    'value',
    '--value',
    '850',
    '--tolerance',
    '10',
    '--as',
    'manager@cli.example',
  );
  assert.match(target.out, /Target for local-waiting-list in 2026-27, version 1: 850 or less\./);
  const report = await ascent(
    'report',
    'scorecard',
    '--council',
    'E08000009',
    '--format',
    'csv',
    '--out',
    dir,
  );
  assert.equal(report.code, 0, report.err);
  const csv = fs.readFileSync(path.join(dir, 'scorecard-trafford-2026-11-22.csv'), 'utf8');
  assert.match(
    csv,
    /L02 Waiting for an assessment,845 \(2026-10\),850 or less,Green: on target,Too few points,/,
  );
});
