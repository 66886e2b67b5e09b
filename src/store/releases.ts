import type { Db, Queryable } from './db.js';

export interface ObservationInput {
  orgCode: string;
  measureId: string;
  period: { label: string; start: string; end: string };
  disaggregation: string;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  suppression: string | null;
}

export interface ReleaseInput {
  source: string;
  fileName: string;
  fileSha256: string;
  importedBy: number | null;
  importedByLabel: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  report: unknown;
}

export interface ReleaseRow {
  id: number;
  source: string;
  file_name: string;
  file_sha256: string;
  imported_by_label: string;
  imported_at: Date;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  observations_added: number;
  observations_unchanged: number;
  observations_superseded: number;
  report: unknown;
}

export async function findReleaseByHash(
  q: Queryable,
  source: string,
  sha: string,
): Promise<ReleaseRow | undefined> {
  const [row] = await q.query<ReleaseRow>('SELECT * FROM releases WHERE source = $1 AND file_sha256 = $2', [
    source,
    sha,
  ]);
  return row;
}

const columns = [
  'org_code',
  'measure_id',
  'period',
  'period_start',
  'period_end',
  'disaggregation',
  'value',
  'numerator',
  'denominator',
  'suppression',
] as const;
const same = (c: string) => `o.${c} IS NOT DISTINCT FROM s.${c}`;
const keyMatch =
  'o.org_code = s.org_code AND o.measure_id = s.measure_id AND o.period = s.period AND o.disaggregation = s.disaggregation';
const valuesMatch = ['value', 'numerator', 'denominator', 'suppression'].map(same).join(' AND ');

export interface ReleaseCounts {
  added: number;
  unchanged: number;
  superseded: number;
}

/** Inserts the release row (who, when, which file, rows counted) and returns its id. */
export async function insertRelease(
  q: Queryable,
  release: ReleaseInput,
  counts: ReleaseCounts = { added: 0, unchanged: 0, superseded: 0 },
): Promise<number> {
  const [rel] = await q.query<{ id: number }>(
    `INSERT INTO releases (source, file_name, file_sha256, imported_by, imported_by_label, rows_read, rows_loaded,
       rows_rejected, observations_added, observations_unchanged, observations_superseded, report)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      release.source,
      release.fileName,
      release.fileSha256,
      release.importedBy,
      release.importedByLabel,
      release.rowsRead,
      release.rowsLoaded,
      release.rowsRejected,
      counts.added,
      counts.unchanged,
      counts.superseded,
      JSON.stringify(release.report),
    ],
  );
  return rel!.id;
}

/**
 * Stores a release and its figures in one transaction. A figure identical to the current one is left
 * alone; a different one supersedes it (the old row stays, marked with the superseding release).
 */
export async function writeRelease(
  db: Db,
  release: ReleaseInput,
  observations: ObservationInput[],
  inTransaction?: (tx: Queryable, releaseId: number) => Promise<void>,
  onProgress?: (done: number, total: number) => void,
): Promise<{ releaseId: number; added: number; unchanged: number; superseded: number }> {
  return db.transaction(async (tx) => {
    const releaseId = await insertRelease(tx, release);
    await tx.query(
      `CREATE TEMP TABLE staged_observations (
         org_code text, measure_id text, period text, period_start date, period_end date, disaggregation text,
         value numeric, numerator numeric, denominator numeric, suppression text) ON COMMIT DROP`,
    );
    await stage(tx, observations, onProgress);
    const [unchanged] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM staged_observations s JOIN observations o
         ON ${keyMatch} AND o.superseded_by IS NULL AND ${valuesMatch}`,
    );
    const superseded = await tx.query(
      `UPDATE observations o SET superseded_by = $1 FROM staged_observations s
       WHERE ${keyMatch} AND o.superseded_by IS NULL AND NOT (${valuesMatch}) RETURNING o.id`,
      [releaseId],
    );
    const added = await tx.query(
      `INSERT INTO observations (release_id, ${columns.join(', ')})
       SELECT $1, ${columns.map((c) => `s.${c}`).join(', ')} FROM staged_observations s
       WHERE NOT EXISTS (SELECT 1 FROM observations o WHERE ${keyMatch} AND o.superseded_by IS NULL)
       RETURNING id`,
      [releaseId],
    );
    await tx.query(
      'UPDATE releases SET observations_added = $2, observations_unchanged = $3, observations_superseded = $4 WHERE id = $1',
      [releaseId, added.length, unchanged?.n ?? 0, superseded.length],
    );
    await inTransaction?.(tx, releaseId);
    return { releaseId, added: added.length, unchanged: unchanged?.n ?? 0, superseded: superseded.length };
  });
}

const BATCH = 5000;

/** Bulk-loads through unnest'ed arrays: one statement per few thousand rows on either engine. */
async function stage(
  tx: Queryable,
  observations: ObservationInput[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  for (let i = 0; i < observations.length; i += BATCH) {
    const batch = observations.slice(i, i + BATCH);
    await tx.query(
      `INSERT INTO staged_observations (${columns.join(', ')})
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[], $6::text[],
                            $7::numeric[], $8::numeric[], $9::numeric[], $10::text[])`,
      [
        batch.map((o) => o.orgCode),
        batch.map((o) => o.measureId),
        batch.map((o) => o.period.label),
        batch.map((o) => o.period.start),
        batch.map((o) => o.period.end),
        batch.map((o) => o.disaggregation),
        batch.map((o) => o.value),
        batch.map((o) => o.numerator),
        batch.map((o) => o.denominator),
        batch.map((o) => o.suppression),
      ],
    );
    onProgress?.(Math.min(i + BATCH, observations.length), observations.length);
  }
}
