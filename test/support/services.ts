import type { TestContext } from 'node:test';
import { loadConfig, type Config } from '../../src/config.js';
import { createServices, type Services } from '../../src/services/index.js';
import { fixedClock } from '../../src/services/clock.js';
import type { Db } from '../../src/store/db.js';
import { openStore } from '../../src/store/open.js';
import { createPostgresTestDatabase } from './env.js';

export type StoreKind = 'pglite' | 'postgres';
export const storeKinds: StoreKind[] = ['pglite', 'postgres'];

/** "Today" in tests, pinned (scripts/test.sh sets ASCENT_TODAY; the default keeps a hand run stable too). */
export const today = new Date(`${process.env.ASCENT_TODAY ?? '2026-11-22'}T09:00:00Z`);

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), dataDir: '', ...overrides };
}

/** A fresh, migrated store of the given kind, closed (and for PostgreSQL dropped) when the test ends. */
export async function openTestStore(t: TestContext, kind: StoreKind): Promise<Db | undefined> {
  // Hooks run in the order registered, so the database is dropped only after the pool is closed.
  const opened: { db?: Db } = {};
  t.after(() => opened.db?.close());
  const url = kind === 'postgres' ? await createPostgresTestDatabase(t) : undefined;
  if (kind === 'postgres' && !url) return undefined;
  opened.db = await openStore({ databaseUrl: url, dataDir: undefined });
  return opened.db;
}

/** Services over a fresh store with reference data synced and a clock pinned to `today`. */
export async function openTestServices(
  t: TestContext,
  kind: StoreKind = 'pglite',
  config: Partial<Config> = {},
): Promise<(Services & { clock: ReturnType<typeof fixedClock> }) | undefined> {
  const db = await openTestStore(t, kind);
  if (!db) return undefined;
  const clock = fixedClock(today);
  const services = await createServices(db, testConfig(config), clock);
  t.after(() => services.close());
  await services.syncReferenceData();
  return { ...services, clock };
}
