/**
 * The app with Client Level Data: like `openTestApp`, but with the DuckDB case store in a temporary
 * directory of its own (test files run in parallel) and a pseudonymisation key from the environment,
 * plus a small synthetic extract imported and derived.
 */
import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { serve } from '@hono/node-server';
import { roles } from '../../src/domain/access.js';
import { writeSyntheticCld } from '../../src/cld/synthetic/cli-entry.js';
import { generateSafeguardingCsv } from '../../src/cld/safeguarding/synthetic.js';
import { createApp } from '../../src/http/app.js';
import { systemActor } from '../../src/services/actor.js';
import type { Services } from '../../src/services/index.js';
import { passwordFor } from './http.js';
import { openTestServices, testConfig, type StoreKind } from './services.js';

export const CLD_COUNCIL = 'E08000009';
export const CLD_PERIOD = '2024-25';

/** A fixed test key (64 hex characters), unless the environment already names one. */
process.env.ASCENT_PSEUDONYM_KEY ||= '5eed'.repeat(16);

export async function openCldTestApp(t: TestContext, kind: StoreKind = 'pglite') {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ascent-cld-http-'));
  const services = await openTestServices(t, kind, { dataDir });
  // Registered after the services' own close, so the case store is closed before its folder goes.
  t.after(() => fs.rm(dataDir, { recursive: true, force: true }));
  if (!services) return undefined;
  for (const role of roles) {
    await services.users.create(systemActor('test'), {
      email: `${role}@example.org`,
      displayName: `Test ${role}`,
      role,
      password: passwordFor(role),
    });
  }
  const app = createApp(services, testConfig({ dataDir }));
  return { app, services, dataDir };
}

/** Writes a synthetic extract for one council's year, imports it and derives the year's figures. */
export async function loadSyntheticCld(services: Services, dataDir: string) {
  const file = path.join(dataDir, 'extract.csv');
  await writeSyntheticCld(file, {
    seed: 1,
    councils: [CLD_COUNCIL],
    rows: 3000,
    periodStart: '2024-04-01',
    periodEnd: '2025-03-31',
    release: 1,
  });
  const imported = await services.cld.importExtract(systemActor('test'), {
    file,
    fileName: 'cld-2024-25.csv',
  });
  if (imported.status !== 'loaded') throw new Error(`the synthetic extract did not load: ${imported.status}`);
  const derived = await services.cld.derive(systemActor('test'), { laCode: CLD_COUNCIL, period: CLD_PERIOD });
  return { submission: imported.submission, derived };
}

/** The same app on a real port on 127.0.0.1, for the browser. */
export async function startCldTestServer(t: TestContext, kind: StoreKind = 'pglite') {
  const ctx = await openCldTestApp(t, kind);
  if (!ctx) return undefined;
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { ...ctx, baseUrl: `http://127.0.0.1:${port}` };
}

/**
 * The demo council's year by quarter, as the demo loads it but smaller: a synthetic CLD extract as four
 * quarterly submissions and a safeguarding extract, with every quarter derived (the quarterly overview's
 * figures).
 */
export async function loadQuarters(services: Services, dataDir: string): Promise<void> {
  const actor = systemActor('test');
  const { files } = await writeSyntheticCld(path.join(dataDir, 'cld-{submission}.csv'), {
    seed: 7,
    councils: [CLD_COUNCIL],
    rows: 3000,
    periodStart: '2024-04-01',
    periodEnd: '2025-03-31',
    release: 1,
    quarters: true,
  });
  for (const file of files.sort())
    await services.cld.importExtract(actor, { file, fileName: path.basename(file) });
  const sg = generateSafeguardingCsv({ laCode: CLD_COUNCIL, year: 2024, seed: 7, concerns: 600 });
  await services.safeguarding.importExtract(actor, {
    fileName: 'safeguarding-2024-25.csv',
    bytes: Buffer.from(sg.csv),
    laCode: CLD_COUNCIL,
    periodStart: sg.periodStart,
    periodEnd: sg.periodEnd,
  });
  for (const q of [1, 2, 3, 4]) {
    const period = `Q${q} ${CLD_PERIOD}`;
    await services.cld.derive(actor, { laCode: CLD_COUNCIL, period });
    await services.safeguarding.derive(actor, { laCode: CLD_COUNCIL, period });
  }
}
