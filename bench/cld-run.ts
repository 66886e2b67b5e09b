/**
 * One measured run for bench:cld, in its own process so that its peak memory is its own: a fresh
 * embedded store and DuckDB case store, then `cld import` and `cld derive` for each file given.
 * Prints one JSON line: import and derive milliseconds and the process's peak RSS.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { systemActor } from '../src/services/actor.js';
import { createServices } from '../src/services/index.js';
import { openStore } from '../src/store/open.js';

const [period, ...files] = process.argv.slice(2);
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ascent-bench-cld-'));
const db = await openStore({ dataDir });
const services = await createServices(db, { ...loadConfig({}), dataDir });
await services.syncReferenceData();
const actor = systemActor('bench');
let importMs = 0;
let deriveMs = 0;
let rows = 0;
try {
  for (const file of files) {
    let started = performance.now();
    const outcome = await services.cld.importExtract(actor, { file, fileName: path.basename(file) });
    importMs += performance.now() - started;
    if (outcome.status !== 'loaded') throw new Error(`${file}: ${outcome.status}`);
    rows += outcome.report.read;
    started = performance.now();
    await services.cld.derive(actor, { laCode: outcome.submission.laCode, period: period ?? '2023-24' });
    deriveMs += performance.now() - started;
  }
} finally {
  await services.close();
  await db.close();
  await fs.rm(dataDir, { recursive: true, force: true });
}
console.log(JSON.stringify({ rows, importMs, deriveMs, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
