import fs from 'node:fs/promises';
import path from 'node:path';
import { paths } from '../paths.js';
import type { Role } from '../domain/access.js';
import { systemActor } from '../services/actor.js';
import type { Services } from '../services/index.js';
import { populationService } from '../services/populations.js';

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
 * (population-mid-YYYY.csv) and a comparator group. Safe to run again.
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
}
