import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { paths } from '../paths.js';
import { writeSyntheticCld } from '../cld/synthetic/cli-entry.js';
import { generateSafeguardingCsv } from '../cld/safeguarding/synthetic.js';
import type { Role } from '../domain/access.js';
import { systemActor } from '../services/actor.js';
import type { Services } from '../services/index.js';
import { populationService } from '../services/populations.js';
import { loadDemoProgramme } from './demo-programme.js';
import { loadDemoPerformance } from './demo-performance.js';

/** Demo accounts: for trying the product only. Their passwords are printed on start. */
export const demoAccounts: { email: string; displayName: string; role: Role; password: string }[] = [
  {
    email: 'admin@demo.example',
    displayName: 'Demo administrator',
    role: 'admin',
    password: 'demo-admin-password',
  },
  {
    email: 'analyst@demo.example',
    displayName: 'Demo analyst',
    role: 'analyst',
    password: 'demo-analyst-password',
  },
  {
    email: 'manager@demo.example',
    displayName: 'Demo performance manager',
    role: 'manager',
    password: 'demo-manager-password',
  },
  {
    email: 'editor@demo.example',
    displayName: 'Demo editor',
    role: 'editor',
    password: 'demo-editor-password',
  },
  {
    email: 'viewer@demo.example',
    displayName: 'Demo councillor',
    role: 'viewer',
    password: 'demo-viewer-password',
  },
];

/** An illustrative comparator group for the demo council; not an official CIPFA list. */
const demoGroup = {
  name: 'Trafford demo comparators',
  description:
    'Illustrative group of similar councils for trying the product; not an official nearest-neighbour list.',
  ownerCode: 'E08000009',
  members: [
    'E08000007',
    'E08000002',
    'E06000049',
    'E06000007',
    'E08000029',
    'E06000050',
    'E08000010',
    'E08000006',
  ].map((orgCode) => ({
    orgCode,
    validFrom: '2017-04-01',
  })),
};

/**
 * Loads the demo: accounts, the shipped national ASCOF file, the illustrative population file
 * (population-mid-YYYY.csv), a comparator group, an improvement programme with its governance and
 * risk register, and synthetic Client Level Data. Safe to run again.
 */
export async function loadDemo(services: Services, log: (line: string) => void): Promise<void> {
  const actor = systemActor('demo loader');
  for (const account of demoAccounts) {
    if (!(await services.users.findByEmail(account.email))) await services.users.create(actor, account);
  }
  const populations = populationService(services.db, services.organisations);
  const files = (await fs.readdir(paths.demo)).filter((f) => f.endsWith('.csv')).sort();
  for (const file of files) {
    const bytes = await fs.readFile(path.join(paths.demo, file));
    const midYear = /^population-mid-(\d{4})\.csv$/.exec(file)?.[1];
    const report = midYear
      ? await populations.importPopulation(actor, { fileName: file, bytes, year: Number(midYear) })
      : await services.imports.importAscof(actor, file, bytes);
    log(
      report.outcome === 'duplicate'
        ? `Demo data ${file} already loaded.`
        : `Demo data ${file}: ${report.rowsLoaded} of ${report.rowsRead} rows loaded.`,
    );
  }
  if (!(await services.comparators.list()).some((g) => g.name === demoGroup.name)) {
    await services.comparators.create(actor, demoGroup);
  }
  await loadDemoProgramme(services, log);
  await loadDemoCld(services, log);
  await loadDemoPerformance(services, log);
}

/**
 * The demo council's Client Level Data: a seeded synthetic extract (no real person in it) for 2024-25
 * as four cumulative quarterly submissions, each imported and derived, so the CLD figures reach every
 * page. Generated afresh on each start; the same seed gives the same bytes, so a second start changes
 * nothing.
 */
export const DEMO_CLD = { council: 'E08000009', year: '2024-25', rows: 40_000, seed: 20_240_401 } as const;

async function loadDemoCld(services: Services, log: (line: string) => void): Promise<void> {
  const actor = systemActor('demo loader');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ascent-demo-cld-'));
  try {
    const { files } = await writeSyntheticCld(path.join(dir, 'demo-cld-{submission}.csv'), {
      seed: DEMO_CLD.seed,
      councils: [DEMO_CLD.council],
      rows: DEMO_CLD.rows,
      periodStart: '2024-04-01',
      periodEnd: '2025-03-31',
      release: 1,
      quarters: true,
    });
    for (const file of files.sort()) {
      const outcome = await services.cld.importExtract(actor, { file, fileName: path.basename(file) });
      log(
        outcome.status === 'loaded'
          ? `Demo CLD ${path.basename(file)}: ${outcome.report.loaded} of ${outcome.report.read} rows loaded.`
          : `Demo CLD ${path.basename(file)} ${outcome.status === 'unchanged' ? 'already loaded' : `not loaded: ${outcome.reason}`}.`,
      );
    }
    const sg = generateSafeguardingCsv({ laCode: DEMO_CLD.council, year: 2024, seed: DEMO_CLD.seed });
    const imported = await services.safeguarding.importExtract(actor, {
      fileName: 'demo-safeguarding-2024-25.csv',
      bytes: Buffer.from(sg.csv),
      laCode: DEMO_CLD.council,
      periodStart: sg.periodStart,
      periodEnd: sg.periodEnd,
    });
    log(`Demo safeguarding extract: ${imported.status}.`);
    for (const period of [
      DEMO_CLD.year,
      ...[1, 2, 3, 4].map((q) => `Q${q} ${DEMO_CLD.year}`),
      '12 months to 2025-03',
      '2025-03',
    ]) {
      const result = await services.cld.derive(actor, { laCode: DEMO_CLD.council, period });
      if (result.status === 'written') log(`Demo CLD figures for ${period}: ${result.added} added.`);
      await services.safeguarding.derive(actor, { laCode: DEMO_CLD.council, period });
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
