/**
 * One measured run for bench:cld, in its own process so that its peak memory is its own.
 *
 *   cld-run.ts setup <dataDir>                  a fresh embedded store with the reference data
 *   cld-run.ts <dataDir> <period> <file>...     `cld import` and `cld derive` for each file
 *
 * The store is made in a process of its own, as a council's installed product already has one (a new
 * embedded store's first start costs memory the runs themselves never need). The run prints one JSON
 * line: import and derive milliseconds and the process's peak RSS.
 */
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { systemActor } from '../src/services/actor.js';
import { createServices } from '../src/services/index.js';
import { openStore } from '../src/store/open.js';

const [first, second, ...rest] = process.argv.slice(2);
if (first === 'setup') {
  const db = await openStore({ dataDir: second ?? '' });
  const services = await createServices(db, { ...loadConfig({}), dataDir: second ?? '' });
  await services.syncReferenceData();
  await services.close();
  await db.close();
  process.exit(0);
}
const [dataDir, period, files] = [first ?? '', second ?? '2023-24', rest];
const db = await openStore({ dataDir });
const services = await createServices(db, { ...loadConfig({}), dataDir });
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
    await services.cld.derive(actor, { laCode: outcome.submission.laCode, period });
    deriveMs += performance.now() - started;
  }
} finally {
  await services.close();
  await db.close();
}
console.log(JSON.stringify({ rows, importMs, deriveMs, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
