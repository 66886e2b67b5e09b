#!/usr/bin/env node
// Runs the test suite with Node's own test runner (TypeScript through tsx).
//
//   node scripts/run-tests.mjs                      every **/*.test.ts under src/ and test/
//   node scripts/run-tests.mjs src/store test/browser/harness.test.ts   a subset (files or folders)
//   node scripts/run-tests.mjs -- --test-name-pattern=lock               extra flags for node --test
//
// Environment: TEST_CONCURRENCY (test files run at once; default: the number of CPUs, at least 2),
// TEST_TIMEOUT_MS (per test; default 300000). PostgreSQL and browser tests read TEST_DATABASE_URL and
// CHROMIUM_PATH (see test/support/env.ts); `bash scripts/test.sh` provides both.
//
// Output: the spec reporter on stdout, then one closing line `tests: N passed, N failed, N skipped`.
// The exit code is the test runner's (non-zero when a test failed or no test file matched).
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testRoots = ['src', 'test'];
const skipDirs = new Set(['node_modules', 'dist', '.git', 'coverage', 'test-results', '.tmp']);

/** Every *.test.ts under dir, as paths relative to the project root with forward slashes. */
function collect(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    if (err.code === 'ENOENT') return out;
    throw err;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!skipDirs.has(e.name)) collect(full, out);
    } else if (e.isFile() && e.name.endsWith('.test.ts')) {
      out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  }
  return out;
}

const args = process.argv.slice(2);
const dashdash = args.indexOf('--');
const filters = (dashdash === -1 ? args : args.slice(0, dashdash)).filter((a) => a !== '');
const extraNodeArgs = dashdash === -1 ? [] : args.slice(dashdash + 1);

const all = testRoots.flatMap((r) => collect(path.join(root, r))).sort();

let files = all;
if (filters.length > 0) {
  // A filter is a file or folder (relative to the cwd or the project root), or else a substring of a path.
  const wanted = filters.map((f) => {
    for (const base of [process.cwd(), root]) {
      const abs = path.resolve(base, f);
      try {
        const st = statSync(abs);
        const rel = path.relative(root, abs).split(path.sep).join('/');
        return st.isDirectory() ? { dir: rel === '' ? '' : `${rel}/` } : { file: rel };
      } catch {
        // not a path from here: try the next base, then fall back to a substring match
      }
    }
    return { substring: f };
  });
  files = all.filter((file) =>
    wanted.some((w) =>
      'file' in w ? file === w.file : 'dir' in w ? file.startsWith(w.dir) : file.includes(w.substring),
    ),
  );
  const missing = wanted.filter((w) => 'file' in w && !all.includes(w.file));
  for (const m of missing) console.error(`run-tests: ${m.file} is not a *.test.ts file under src/ or test/`);
  if (missing.length > 0) process.exit(2);
}

if (files.length === 0) {
  console.error(
    filters.length > 0
      ? `run-tests: no test file matches ${filters.join(' ')}`
      : 'run-tests: no *.test.ts file under src/ or test/',
  );
  console.log('tests: 0 passed, 0 failed, 0 skipped');
  process.exit(1);
}

const concurrency = Math.max(
  1,
  Number.parseInt(process.env.TEST_CONCURRENCY ?? '', 10) || Math.max(2, os.availableParallelism()),
);
const timeoutMs = Number.parseInt(process.env.TEST_TIMEOUT_MS ?? '', 10) || 300_000;

const nodeArgs = [
  '--import',
  'tsx',
  '--test',
  `--test-concurrency=${concurrency}`,
  `--test-timeout=${timeoutMs}`,
  // A test file that leaves a handle open (a pool, a server) would otherwise hang the run. (It also cuts
  // short reporters that write to a file, so the counts below are read from the spec reporter's stdout,
  // which is a pipe: pipe writes are synchronous on Linux and survive the forced exit.)
  '--test-force-exit',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  ...extraNodeArgs,
  ...files,
];

console.log(`run-tests: ${files.length} test file(s), concurrency ${concurrency}`);

const child = spawn(process.execPath, nodeArgs, {
  cwd: root,
  stdio: ['inherit', 'pipe', 'inherit'],
  env: process.env,
});

// Pass the report through and keep what the counts are read from: the closing summary and skip markers.
const summary = {};
let skipMarks = 0;
let partial = '';
const scan = (line) => {
  // eslint-disable-next-line no-control-regex
  const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
  const m = /^ℹ (tests|suites|pass|fail|cancelled|skipped|todo) (\d+)\s*$/.exec(plain);
  if (m) summary[m[1]] = Number(m[2]);
  // A skipped test, or a skipped suite (whose tests are not counted by the runner).
  else if (/^\s*﹣ .*# /.test(plain)) skipMarks += 1;
};
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const lines = (partial + chunk).split('\n');
  partial = lines.pop() ?? '';
  lines.forEach(scan);
});

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => child.kill(sig));
}

child.on('close', (code, signal) => {
  if (partial) scan(partial);
  let status = code ?? 1;
  if (signal) {
    console.error(`run-tests: the test runner was killed by ${signal}`);
    status = 1;
  }
  if (summary.pass === undefined || summary.fail === undefined) {
    console.error('run-tests: the test runner printed no summary');
    if (status === 0) status = 1;
  }
  const passed = summary.pass ?? 0;
  const failed = (summary.fail ?? 0) + (summary.cancelled ?? 0);
  const skipped = Math.max((summary.skipped ?? 0) + (summary.todo ?? 0), skipMarks);
  if (passed + failed + skipped === 0 && status === 0) {
    console.error('run-tests: the test runner ran no test');
    status = 1;
  }
  if (failed > 0 && status === 0) status = 1;
  // The closing line, in the plain form CI systems read.
  console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(status);
});
