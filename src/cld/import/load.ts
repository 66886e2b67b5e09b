/**
 * Loading one CLD extract: read its header, stage it in DuckDB, report its quality and write the rows
 * that load as one immutable submission of pseudonymised events. The caller registers the submission
 * in the application store; if that fails it calls `removeSubmission`, so a half-made import never
 * shows (and `orphanedSubmissions` finds any a crash left behind).
 */
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { mapHeaders, type HeaderMapping } from '../../domain/cld/headers.js';
import { problem, type Problem } from '../../domain/cld/problem.js';
import { emptyQuality, type QualityReport } from '../../domain/cld/quality.js';
import type { Pseudonymiser } from '../pseudonymise.js';
import type { CaseQueryable, CaseStore } from '../engine/case-store.js';
import { MACROS } from './columns.js';
import { summariseStaged } from './quality.js';
import {
  dropStage,
  mapCodes,
  numberLines,
  quoteIdent,
  readRaw,
  typeRows,
  type StageContext,
} from './stage.js';
import { scanFile, type FileScan } from './scan.js';
import { copyEvents, insertEventsLocally, prepareKey, preparePseudonyms } from './write.js';

/** What the header row tells before the file is read in bulk. */
export interface CldFileFacts {
  headers: string[];
  mapping: HeaderMapping;
}

export interface IdentityExclusions {
  /** Rows with no NHS number whose LA person id also appears on a row with one (submission-wide). */
  count: number;
  rows: number[];
}

export interface CldLoadReport extends QualityReport {
  laCode: string | null;
  reportingPeriodStart: string | null;
  reportingPeriodEnd: string | null;
  release: 1 | 2 | 'mixed' | null;
  identity: IdentityExclusions;
}

export interface CldLoadOptions {
  laCode?: string;
  release?: 1 | 2 | 'auto';
  caseInsensitive?: boolean;
}

export class CldFileError extends Error {
  override readonly name = 'CldFileError';
  constructor(
    message: string,
    readonly report: CldLoadReport,
  ) {
    super(message);
  }
}

async function headerLine(file: string): Promise<string[]> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const first = text.split(/\r?\n/, 1)[0] ?? '';
    if (first.trim() === '') return [];
    const [record] = parse(first, { relax_column_count: true }) as string[][];
    return (record ?? []).map((h) => h.trim());
  } finally {
    await handle.close();
  }
}

const failedReport = (problems: Problem[]): CldLoadReport => ({
  ...emptyQuality(problems),
  laCode: null,
  reportingPeriodStart: null,
  reportingPeriodEnd: null,
  release: null,
  identity: { count: 0, rows: [] },
});

/** With ASCENT_CLD_TIMING set, prints each stage's wall and CPU milliseconds (for profiling). */
function stopwatch(): (stage: string) => void {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return (stage) => {
    if (!process.env.ASCENT_CLD_TIMING) return;
    const used = process.cpuUsage(cpu);
    const ms = (n: number) => Math.round(n);
    console.error(
      `${stage}: wall ${ms(performance.now() - wall)} ms, cpu ${ms((used.user + used.system) / 1000)} ms`,
    );
  };
}

/** Header checks before anything is read in bulk: an empty file or missing columns stop here. */
export async function inspectFile(file: string): Promise<CldFileFacts> {
  const headers = await headerLine(file);
  if (headers.length === 0) {
    throw new CldFileError(
      'The file is empty: it has no header row.',
      failedReport([problem(null, 'missing-column', 'reject', 'The file is empty: it has no header row.')]),
    );
  }
  const mapping = mapHeaders(headers);
  if (mapping.missingRequired.length > 0) {
    throw new CldFileError(
      `The file lacks required columns: ${mapping.missingRequired.join(', ')}.`,
      failedReport(mapping.problems),
    );
  }
  return { headers, mapping };
}

/** The council and period most rows claim, unless the caller names the council. */
async function submissionContext(
  q: CaseQueryable,
  mapping: HeaderMapping,
  options: CldLoadOptions,
): Promise<StageContext> {
  const col = (key: 'laCode' | 'reportingPeriodStart' | 'reportingPeriodEnd') =>
    `nullif(trim(${quoteIdent(mapping.byField.get(key) ?? '')}), '')`;
  // The texts are grouped first (a file has few), so dates are read once per distinct text.
  const [top] = await q.all<{ la: string | null; ps: string | null; pe: string | null }>(
    `SELECT upper(la) AS la, CAST(cld_date(ps) AS TEXT) AS ps, CAST(cld_date(pe) AS TEXT) AS pe
     FROM (SELECT ${col('laCode')} AS la, ${col('reportingPeriodStart')} AS ps, ${col('reportingPeriodEnd')} AS pe,
             count(*) AS n
           FROM cld_raw ${options.laCode ? `WHERE upper(${col('laCode')}) = upper($1)` : ''} GROUP BY ALL)
     GROUP BY ALL ORDER BY sum(n) DESC, 1, 2, 3 LIMIT 1`,
    options.laCode ? [options.laCode] : [],
  );
  const la = options.laCode?.toUpperCase() ?? top?.la;
  if (!la || !top?.ps || !top.pe) {
    const message = top
      ? 'No row gives a readable reporting period, so the submission cannot be placed in time.'
      : 'The file has a header row but no data rows.';
    throw new CldFileError(message, failedReport([problem(null, 'other-period', 'reject', message)]));
  }
  return {
    laCode: la,
    reportingPeriodStart: top.ps,
    reportingPeriodEnd: top.pe,
    release: options.release ?? 'auto',
    caseInsensitive: options.caseInsensitive ?? true,
  };
}

async function releaseOf(
  q: CaseQueryable,
): Promise<{ release: CldLoadReport['release']; problems: Problem[] }> {
  const [r] = await q.all<{ r1: number; r2: number }>(
    `SELECT count(*) FILTER (WHERE release_bits & 1 = 1) AS r1, count(*) FILTER (WHERE release_bits & 2 = 2) AS r2
     FROM cld_typed`,
  );
  const r1 = Number(r?.r1 ?? 0);
  const r2 = Number(r?.r2 ?? 0);
  if (r1 > 0 && r2 > 0) {
    const text = `The file mixes release 1 spellings (${r1} rows) and release 2 spellings (${r2} rows); every value is still mapped.`;
    return { release: 'mixed', problems: [problem(null, 'mixed-release', 'flag', text)] };
  }
  return { release: r1 > 0 ? 1 : r2 > 0 ? 2 : null, problems: [] };
}

async function identityExclusions(q: CaseQueryable, submissionId: string): Promise<IdentityExclusions> {
  const rows = await q.all<{ row_number: number }>(
    `SELECT row_number FROM cld_events e WHERE submission_id = $1 AND nhs_pseudonym IS NULL
       AND la_pseudonym IN (SELECT la_pseudonym FROM cld_events WHERE submission_id = $1 AND nhs_pseudonym IS NOT NULL)
     ORDER BY row_number`,
    [submissionId],
  );
  return { count: rows.length, rows: rows.slice(0, 50_000).map((r) => r.row_number) };
}

export interface StagedFile {
  sha256: string;
  context: StageContext;
  report: CldLoadReport;
}

/**
 * Stages and checks the file without storing anything. `staging` must be a DuckDB case store. The
 * file is scanned in Node (hash, record lines, padded columns) while DuckDB reads it; `scanned` sees
 * the scan before any typing and may throw to stop there (a file already imported, say).
 */
export async function stageFile(
  staging: CaseStore,
  file: string,
  facts: CldFileFacts,
  options: CldLoadOptions = {},
  scanned: (scan: FileScan) => Promise<void> = async () => undefined,
): Promise<StagedFile> {
  if (staging.kind !== 'duckdb') throw new Error('CLD files are staged in DuckDB');
  const lap = stopwatch();
  const { malformed, scan } = await readRaw(staging, file, facts.headers, scanFile(file));
  lap('read');
  await scanned(scan);
  const typing = { ...facts, scan };
  if (malformed.length > 0) await numberLines(staging, malformed);
  await defineMacros(staging);
  const context = await submissionContext(staging, facts.mapping, options);
  const codes = await mapCodes(staging, facts.mapping, context);
  lap('codes');
  await typeRows(staging, typing, context, codes, malformed.length > 0);
  lap('typed');
  const release = await releaseOf(staging);
  const quality = await summariseStaged(staging, facts.mapping, malformed, [
    ...facts.mapping.problems,
    ...release.problems,
  ]);
  lap('quality');
  return {
    sha256: scan.sha256,
    context,
    report: {
      ...quality,
      laCode: context.laCode,
      reportingPeriodStart: context.reportingPeriodStart,
      reportingPeriodEnd: context.reportingPeriodEnd,
      release: release.release,
      identity: { count: 0, rows: [] },
    },
  };
}

async function defineMacros(q: CaseQueryable): Promise<void> {
  for (const m of MACROS) await q.run(m);
}

/**
 * Writes the staged file's loadable rows as submission `submissionId` into `target` (the staging
 * store itself, or PostgreSQL), all or nothing, and completes the report with identity exclusions.
 */
export async function writeSubmission(
  staging: CaseStore,
  target: CaseStore,
  staged: StagedFile,
  submissionId: string,
  pseudonymiser: Pseudonymiser,
): Promise<CldLoadReport> {
  const lap = stopwatch();
  await prepareKey(staging, pseudonymiser);
  await preparePseudonyms(staging, staged.context.laCode);
  const { context } = staged;
  const register = (tx: CaseQueryable, n: number) =>
    tx.run('INSERT INTO cld_loads VALUES ($1, $2, $3, $4, $5)', [
      submissionId,
      context.laCode,
      context.reportingPeriodStart,
      context.reportingPeriodEnd,
      n,
    ]);
  if (target === staging) {
    await staging.transaction(async (tx) => {
      const n = await insertEventsLocally(tx, submissionId);
      await register(tx, n);
    });
  } else {
    await target.transaction(async (tx) => {
      const n = await copyEvents(staging, tx, submissionId);
      await register(tx, n);
    });
  }
  lap('insert');
  await prepareKeyDrop(staging);
  await dropStage(staging);
  const identity = await identityExclusions(target, submissionId);
  lap('identity');
  return { ...staged.report, identity };
}

async function prepareKeyDrop(q: CaseQueryable): Promise<void> {
  await q.run('DROP TABLE IF EXISTS cld_key');
}

export async function removeSubmission(store: CaseStore, submissionId: string): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.run('DELETE FROM cld_events WHERE submission_id = $1', [submissionId]);
    await tx.run('DELETE FROM cld_loads WHERE submission_id = $1', [submissionId]);
  });
}

/** Submissions in the case store that the application store does not know (a crash between the two). */
export async function orphanedSubmissions(store: CaseStore, known: ReadonlySet<string>): Promise<string[]> {
  const rows = await store.all<{ submission_id: string }>('SELECT submission_id FROM cld_loads');
  return rows.map((r) => r.submission_id).filter((id) => !known.has(id));
}

export { dropStage };
