import { loadMigrations, splitStatements } from '../../store/migrate.js';
import { paths } from '../../paths.js';
import type { CaseStore } from './case-store.js';

/**
 * The case tables are versioned like the application store, in their own folder, because on the
 * default path they live in a different engine. The SQL is the subset DuckDB and PostgreSQL share.
 */
export async function applyCaseSchema(store: CaseStore): Promise<number[]> {
  await store.run(
    `CREATE TABLE IF NOT EXISTS case_schema_migrations (version INTEGER NOT NULL, name TEXT NOT NULL)`,
  );
  const done = new Set(
    (await store.all<{ version: number }>('SELECT version FROM case_schema_migrations')).map(
      (r) => r.version,
    ),
  );
  const applied: number[] = [];
  for (const m of loadMigrations(paths.caseMigrations)) {
    if (done.has(m.version)) continue;
    await store.transaction(async (tx) => {
      for (const statement of splitStatements(m.sql)) await tx.run(statement);
      await tx.run('INSERT INTO case_schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    });
    applied.push(m.version);
  }
  return applied;
}
