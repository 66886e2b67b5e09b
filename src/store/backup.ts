import type { Db } from './db.js';

/**
 * A logical backup: every table's rows as JSON, in foreign-key order. It restores into either engine,
 * so it also moves a council from the embedded store to PostgreSQL. Sessions and sign-in attempts are
 * left out: they are short-lived and restoring them would revive old sign-ins.
 */
export const backupTables = [
  { name: 'users', order: 'id', serial: true },
  { name: 'api_tokens', order: 'id', serial: true },
  { name: 'audit_log', order: 'id', serial: true },
  {
    name: 'organisations',
    order: "array_position(ARRAY['country','region','council_type','council'], kind), code",
    serial: false,
  },
  { name: 'organisation_successions', order: 'predecessor_code, successor_code', serial: false },
  { name: 'comparator_groups', order: 'id', serial: true },
  { name: 'comparator_group_members', order: 'group_id, org_code, valid_from', serial: false },
  { name: 'measures', order: 'id', serial: false },
  { name: 'releases', order: 'id', serial: true },
  { name: 'observations', order: 'id', serial: true },
  // The person-level rows these describe live in the case store, which is copied separately (README).
  { name: 'case_submissions', order: 'load_order', serial: 'load_order' },
  { name: 'derivation_inputs', order: 'release_id, submission_id', serial: false },
  { name: 'populations', order: 'year, org_code, age_band', serial: false },
  { name: 'profile_narratives', order: 'id', serial: true },
  { name: 'council_settings', order: 'org_code', serial: false },
  { name: 'report_snapshots', order: 'id', serial: true },
  { name: 'programmes', order: 'id', serial: true },
  { name: 'programme_plans', order: 'id', serial: true },
  { name: 'boards', order: 'id', serial: true },
  { name: 'workstreams', order: 'id', serial: true },
  { name: 'meetings', order: 'id', serial: true },
  { name: 'meeting_papers', order: 'id', serial: true },
  { name: 'actions', order: 'id', serial: true },
  { name: 'plan_updates', order: 'id', serial: true },
  { name: 'action_measures', order: 'action_id, measure_id', serial: false },
  { name: 'workforce_posts', order: 'id', serial: true },
  { name: 'plan_imports', order: 'id', serial: true },
  { name: 'risk_schemes', order: 'id', serial: true },
  { name: 'risks', order: 'id', serial: true },
  { name: 'risk_reviews', order: 'id', serial: true },
  { name: 'risk_key_actions', order: 'id', serial: true },
  { name: 'value_batches', order: 'id', serial: true },
  { name: 'value_entries', order: 'id', serial: true },
  { name: 'measure_value_rules', order: 'measure_id', serial: false },
  { name: 'targets', order: 'id', serial: true },
  { name: 'commentaries', order: 'id', serial: true },
  { name: 'performance_plans', order: 'id', serial: true },
  { name: 'spc_phase_starts', order: 'org_code, measure_id, period', serial: false },
] as const;

export interface Backup {
  format: 'ascent-backup';
  version: 1;
  schemaVersion: number;
  createdAt: string;
  tables: Record<string, unknown[]>;
}

async function schemaVersion(db: Db): Promise<number> {
  const [row] = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return row?.v ?? 0;
}

export async function createBackup(db: Db, now: Date): Promise<Backup> {
  const tables: Record<string, unknown[]> = {};
  await db.transaction(async (tx) => {
    for (const t of backupTables)
      tables[t.name] = await tx.query(`SELECT * FROM ${t.name} ORDER BY ${t.order}`);
  });
  return {
    format: 'ascent-backup',
    version: 1,
    schemaVersion: await schemaVersion(db),
    createdAt: now.toISOString(),
    tables,
  };
}

const BATCH = 2000;

/** Replaces everything in the store with the backup, in one transaction: on any error nothing changes. */
export async function restoreBackup(db: Db, backup: Backup): Promise<Record<string, number>> {
  if (backup.format !== 'ascent-backup' || backup.version !== 1)
    throw new Error('This file is not an Ascent backup.');
  const current = await schemaVersion(db);
  if (backup.schemaVersion > current) {
    throw new Error(
      `The backup is from a newer schema (${backup.schemaVersion}) than this store (${current}); upgrade Ascent first.`,
    );
  }
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM sessions');
    await tx.query('DELETE FROM sign_in_attempts');
    for (const t of [...backupTables].reverse()) await tx.query(`DELETE FROM ${t.name}`);
    for (const t of backupTables) {
      const rows = backup.tables[t.name] ?? [];
      for (let i = 0; i < rows.length; i += BATCH) {
        await tx.query(
          `INSERT INTO ${t.name} SELECT * FROM json_populate_recordset(NULL::${t.name}, $1::json)`,
          [JSON.stringify(rows.slice(i, i + BATCH))],
        );
      }
      if (t.serial) {
        const column = t.serial === true ? 'id' : t.serial;
        await tx.query(
          `SELECT setval(pg_get_serial_sequence('${t.name}', '${column}'), COALESCE((SELECT max(${column}) FROM ${t.name}), 0) + 1, false)`,
        );
      }
      counts[t.name] = rows.length;
    }
  });
  return counts;
}
