/**
 * npm run bench:cld — the CLD engine's budgets, measured (not asserted): for a generated extract of
 * one council, 12 months, 1 million rows, `cld import` (with validation) plus every derivation under
 * 15 s and 2 GiB; how the time grows with rows; and the whole run as a multiple of DuckDB merely
 * counting the rows of the same CSV (the floor any engine reading that file has).
 *
 *   BENCH_RUNS=3            runs per size (medians are printed)
 *   BENCH_CLD_SIZES=250000,500000,1000000
 *   BENCH_CLD_LARGE=1       also 10 million rows across the ten Greater Manchester councils, a year of
 *                           a million events each (budget 150 s; ~4 GB of CSV)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { writeSyntheticCld } from '../src/cld/synthetic/cli-entry.js';
import { median } from './support.js';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const sizes = (process.env.BENCH_CLD_SIZES ?? '250000,500000,1000000')
  .split(',')
  .filter((s) => s.trim() !== '')
  .map(Number);
// Greater Manchester's ten councils, Trafford first: the single-council sizes use it.
const COUNCILS = [
  'E08000009',
  ...[1, 2, 3, 4, 5, 6, 7, 8, 10].map((n) => `E080000${String(n).padStart(2, '0')}`),
];
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ascent-bench-cld-files-'));
const key = 'ab'.repeat(32);

interface Run {
  rows: number;
  importMs: number;
  deriveMs: number;
  maxRssMiB: number;
}

async function scanMs(files: string[]): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const started = performance.now();
  for (const f of files)
    await connection.run(`SELECT count(*) FROM read_csv('${f}', all_varchar = true, header = true)`);
  const ms = performance.now() - started;
  connection.closeSync();
  instance.closeSync();
  return ms;
}

async function measure(files: string[]): Promise<Run> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ascent-bench-cld-'));
  const run = (args: string[]) =>
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/cld-run.ts', ...args], {
      env: { ...process.env, ASCENT_PSEUDONYM_KEY: key },
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
  try {
    run(['setup', dataDir]);
    const line =
      run([dataDir, '2023-24', ...files])
        .trim()
        .split('\n')
        .pop() ?? '{}';
    return JSON.parse(line) as Run;
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

async function generate(rows: number, councils: string[]): Promise<string[]> {
  const summary = await writeSyntheticCld(path.join(dir, `cld-${rows}-{submission}.csv`), {
    seed: 2024,
    councils,
    rows,
    periodStart: '2023-04-01',
    periodEnd: '2024-03-31',
    release: 1,
  });
  return summary.files;
}

const table: string[][] = [];
const head = [
  'rows',
  'councils',
  'runs',
  'import s',
  'derive s',
  'total s',
  'budget s',
  'scan s',
  '× scan',
  'peak RSS MiB',
];
async function bench(rows: number, councils: string[], budgetS: number | undefined) {
  const files = await generate(rows, councils);
  const results: Run[] = [];
  const scans: number[] = [];
  for (let i = 0; i < runs; i++) {
    scans.push(await scanMs(files));
    results.push(await measure(files));
  }
  const total = median(results.map((r) => r.importMs + r.deriveMs)) / 1000;
  const scan = median(scans) / 1000;
  table.push([
    String(results[0]?.rows ?? rows),
    String(councils.length),
    String(runs),
    (median(results.map((r) => r.importMs)) / 1000).toFixed(2),
    (median(results.map((r) => r.deriveMs)) / 1000).toFixed(2),
    total.toFixed(2),
    budgetS === undefined ? '' : `${budgetS} ${total <= budgetS ? 'ok' : 'OVER'}`,
    scan.toFixed(2),
    (total / scan).toFixed(1),
    Math.max(...results.map((r) => r.maxRssMiB)).toFixed(0),
  ]);
  for (const f of files) await fs.rm(f, { force: true });
}

try {
  for (const rows of sizes) await bench(rows, [COUNCILS[0] ?? ''], rows === 1_000_000 ? 15 : undefined);
  if (process.env.BENCH_CLD_LARGE === '1') await bench(10_000_000, COUNCILS, 150);
} finally {
  await fs.rm(dir, { recursive: true, force: true });
}
const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]?.length ?? 0)));
console.log(
  '\nCLD engine: import (validation, pseudonymisation) + every derivation, medians of separate processes',
);
console.log(head.map((h, i) => h.padStart(widths[i] ?? 0)).join('  '));
for (const r of table) console.log(r.map((c, i) => c.padStart(widths[i] ?? 0)).join('  '));
console.log('Budgets: 1 million rows of one council under 15 s and 2 GiB peak RSS; 10 million under 150 s.');
