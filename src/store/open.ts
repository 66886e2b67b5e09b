import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export interface StoreConfig {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}

/** Opens PostgreSQL when a URL is given, else the embedded store, and brings the schema up to date. */
export async function openStore(cfg: StoreConfig, command = 'ascent'): Promise<Db> {
  const db = cfg.databaseUrl ? await openPostgres(cfg.databaseUrl) : await openPglite(cfg.dataDir, command);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
