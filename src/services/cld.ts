/**
 * Client Level Data: importing a council's extract as an immutable submission, choosing the latest
 * submission covering a period, deriving the SALT, ASCOF and activity figures into a release of
 * observations, and drill-down to the pseudonymised people behind a figure (refused without
 * `persons:read`, and every view audited).
 */
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { can } from '../domain/access.js';
import { financialYearOf, parsePeriod, type Period as DomainPeriod } from '../domain/period.js';
import { populationYearFor } from '../domain/population.js';
import type { CaseStore } from '../cld/engine/case-store.js';
import { openDuckCaseStore } from '../cld/engine/duckdb.js';
import { postgresCaseStore } from '../cld/engine/postgres.js';
import {
  CldFileError,
  dropStage,
  inspectFile,
  orphanedSubmissions,
  removeSubmission,
  stageFile,
  writeSubmission,
  type CldLoadOptions,
  type CldLoadReport,
} from '../cld/import/load.js';
import { loadPseudonymKey, createPseudonymiser, type Pseudonymiser } from '../cld/pseudonymise.js';
import { DEFAULT_OPTIONS, type DeriveOptions } from '../cld/derive/options.js';
import type { Period } from '../cld/derive/period.js';
import {
  deriveFigures,
  drill,
  type DerivedFigure,
  type DrillRow,
  type PopulationOf,
} from '../cld/derive/run.js';
import type { Inputs } from '../cld/derive/sql.js';
import type { Config } from '../config.js';
import type { Db } from '../store/db.js';
import { findReleaseByHash, writeRelease, type ObservationInput } from '../store/releases.js';
import { NotAllowedError, NotFoundError, ValidationError, type Actor } from './actor.js';
import { recordAudit } from './audit.js';

export const CLD_DERIVATION_SOURCE = 'cld-derivation';
/** Bumped whenever derivation SQL changes what it counts, so re-deriving the same inputs writes anew. */
export const DERIVATION_VERSION = 1;

export interface Submission {
  id: string;
  laCode: string;
  periodStart: string;
  periodEnd: string;
  release: number | null;
  fileName: string;
  fileSha256: string;
  keyFingerprint: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  importedBy: string;
  importedAt: Date;
  quality: CldLoadReport;
}

interface SubmissionRow {
  id: string;
  la_code: string;
  period_start: string;
  period_end: string;
  cld_release: number | null;
  file_name: string;
  file_sha256: string;
  key_fingerprint: string;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  imported_by_label: string;
  imported_at: Date;
  quality: CldLoadReport;
}

const toSubmission = (r: SubmissionRow): Submission => ({
  id: r.id,
  laCode: r.la_code,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  release: r.cld_release,
  fileName: r.file_name,
  fileSha256: r.file_sha256,
  keyFingerprint: r.key_fingerprint,
  rowsRead: r.rows_read,
  rowsLoaded: r.rows_loaded,
  rowsRejected: r.rows_rejected,
  importedBy: r.imported_by_label,
  importedAt: r.imported_at,
  quality: r.quality,
});

/** Raised from the staging scan when the file's hash matches a stored submission: nothing is typed. */
class AlreadyImported extends Error {
  constructor(readonly submission: Submission) {
    super(`Already imported as submission ${submission.id}`);
  }
}

export type CldImportOutcome =
  | { status: 'loaded'; submission: Submission; report: CldLoadReport }
  | { status: 'unchanged'; submission: Submission; report: CldLoadReport }
  | { status: 'rejected'; report: CldLoadReport; reason: string };

export interface DeriveResult {
  releaseId: number;
  status: 'written' | 'unchanged';
  added: number;
  unchanged: number;
  superseded: number;
  inputs: Inputs;
  figures: DerivedFigure[];
}

export interface CldDependencies {
  db: Db;
  config: Config;
  /** ONS population of a council for a mid-year and age band, when imported. */
  populationOf?: (orgCode: string, year: number, band: '18-64' | '65+') => Promise<number | undefined>;
  isCouncil: (code: string) => boolean;
  /** Overrides the key source (tests). */
  pseudonymiser?: Pseudonymiser;
}

function periodOf(label: string): DomainPeriod {
  const p = parsePeriod(label);
  if (!p)
    throw new ValidationError(
      `'${label}' is not a period: use '2024-25', 'Q1 2024-25', '2024-06' or '12 months to 2024-06'.`,
    );
  return p;
}

export function cldService(deps: CldDependencies) {
  const { db, config } = deps;
  let cases: Promise<CaseStore> | undefined;
  let pseudonymiser: Pseudonymiser | undefined = deps.pseudonymiser;
  const caseStore = () =>
    (cases ??=
      config.caseEngine === 'postgres'
        ? postgresCaseStore(db)
        : openDuckCaseStore(path.join(config.dataDir, 'cases.duckdb')));
  const keys = () => (pseudonymiser ??= createPseudonymiser(loadPseudonymKey()));

  const submissionRows = (where: string, params: unknown[]) =>
    db.query<SubmissionRow>(
      `SELECT * FROM case_submissions WHERE kind = 'cld' ${where} ORDER BY la_code, period_end, load_order`,
      params,
    );

  /** Removes case rows that a crash left without their registration in the application store. */
  async function reconcile(store: CaseStore): Promise<string[]> {
    const known = new Set(
      (await db.query<{ id: string }>(`SELECT id FROM case_submissions`)).map((r) => r.id),
    );
    const orphans = await orphanedSubmissions(store, known);
    for (const id of orphans) await removeSubmission(store, id);
    return orphans;
  }

  async function register(actor: Actor, id: string, fileName: string, sha: string, report: CldLoadReport) {
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO case_submissions (id, kind, la_code, period_start, period_end, cld_release, file_name, file_sha256,
           key_fingerprint, rows_read, rows_loaded, rows_rejected, quality, imported_by, imported_by_label)
         VALUES ($1, 'cld', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          id,
          report.laCode,
          report.reportingPeriodStart,
          report.reportingPeriodEnd,
          typeof report.release === 'number' ? report.release : null,
          fileName,
          sha,
          keys().keyFingerprint,
          report.read,
          report.loaded,
          report.rejected,
          JSON.stringify(report),
          actor.userId,
          actor.label,
        ],
      );
      await recordAudit(tx, actor, 'cld.import', { type: 'case_submission', id }, null, {
        laCode: report.laCode,
        period: [report.reportingPeriodStart, report.reportingPeriodEnd],
        fileName,
        fileSha256: sha,
        read: report.read,
        loaded: report.loaded,
        rejected: report.rejected,
      });
    });
  }

  async function inputsFor(laCode: string, period: { start: string; end: string }): Promise<Inputs> {
    const [latest] = await submissionRows(`AND la_code = $1 AND period_start <= $2 AND period_end >= $3`, [
      laCode,
      period.start,
      period.end,
    ]).then((rows) => rows.reverse());
    if (!latest) {
      throw new ValidationError(
        `No CLD submission of ${laCode} covers ${period.start} to ${period.end}; import one that does first.`,
      );
    }
    const history = await submissionRows(`AND la_code = $1 AND period_end <= $2`, [
      laCode,
      latest.period_end,
    ]);
    const ids = history.map((r) => r.id).filter((id) => id !== latest.id);
    return { latest: latest.id, history: [...ids, latest.id] };
  }

  /** ONS population by age band, of the mid-year ASCOF uses for the period's financial year. */
  async function populationFor(laCode: string, period: DomainPeriod): Promise<PopulationOf> {
    const lookup = deps.populationOf;
    if (!lookup) return () => undefined;
    const year = populationYearFor(financialYearOf(period.start).label);
    const [young, old] = await Promise.all([lookup(laCode, year, '18-64'), lookup(laCode, year, '65+')]);
    return (band) => (band === '18-64' ? young : old);
  }

  return {
    caseStore,
    pseudonymiser: keys,

    async submissions(laCode?: string): Promise<Submission[]> {
      const rows = laCode ? await submissionRows('AND la_code = $1', [laCode]) : await submissionRows('', []);
      return rows.map(toSubmission);
    },

    async submission(id: string): Promise<Submission> {
      const [row] = await submissionRows('AND id = $1', [id]);
      if (!row) throw new NotFoundError(`No CLD submission ${id}`);
      return toSubmission(row);
    },

    /**
     * Imports an extract. Nothing is stored when the file cannot be read or no row loads; the same file
     * again changes nothing; a crash between the case store and the application store is undone on the
     * next import.
     */
    async importExtract(
      actor: Actor,
      input: { file: string; fileName: string } & CldLoadOptions,
    ): Promise<CldImportOutcome> {
      if (!can(actor.role, 'imports:run')) throw new NotAllowedError('You may not import data.');
      const store = await caseStore();
      await reconcile(store);
      let facts;
      try {
        facts = await inspectFile(input.file);
      } catch (err) {
        if (err instanceof CldFileError)
          return { status: 'rejected', report: err.report, reason: err.message };
        throw err;
      }
      const staging = store.kind === 'duckdb' ? store : await openDuckCaseStore(':memory:');
      try {
        let staged;
        try {
          staged = await stageFile(staging, input.file, facts, input, async (scan) => {
            const [previous] = await submissionRows('AND file_sha256 = $1', [scan.sha256]);
            if (previous) throw new AlreadyImported(toSubmission(previous));
          });
        } catch (err) {
          if (err instanceof AlreadyImported)
            return { status: 'unchanged', submission: err.submission, report: err.submission.quality };
          if (err instanceof CldFileError)
            return { status: 'rejected', report: err.report, reason: err.message };
          throw err;
        }
        const la = staged.context.laCode;
        if (!deps.isCouncil(la)) {
          return {
            status: 'rejected',
            report: staged.report,
            reason: `${la} is not a council in the register.`,
          };
        }
        if (staged.report.loaded === 0) {
          return {
            status: 'rejected',
            report: staged.report,
            reason: 'No row could be loaded, so nothing was stored.',
          };
        }
        const id = randomUUID();
        const report = await writeSubmission(staging, store, staged, id, keys());
        try {
          await register(actor, id, input.fileName, staged.sha256, report);
        } catch (err) {
          await removeSubmission(store, id);
          throw err;
        }
        return { status: 'loaded', submission: await this.submission(id), report };
      } finally {
        // A refused or repeated file leaves nothing staged behind (writing drops the stage itself).
        if (staging !== store) await staging.close();
        else await dropStage(staging);
      }
    },

    inputsFor,

    /** Derives every figure for a council and period from the latest submission covering it. */
    async derive(
      actor: Actor,
      request: { laCode: string; period: string; options?: Partial<DeriveOptions> },
    ): Promise<DeriveResult> {
      if (!can(actor.role, 'imports:run')) throw new NotAllowedError('You may not derive figures.');
      const period = periodOf(request.period);
      const inputs = await inputsFor(request.laCode, period);
      const options = { ...DEFAULT_OPTIONS, ...request.options };
      const figures = await deriveFigures(await caseStore(), {
        inputs,
        period: period satisfies Period,
        options,
        population: await populationFor(request.laCode, period),
      });
      const sha = createHash('sha256')
        .update(
          JSON.stringify({
            v: DERIVATION_VERSION,
            la: request.laCode,
            period: period.label,
            inputs,
            options,
          }),
        )
        .update(JSON.stringify(figures))
        .digest('hex');
      const previous = await findReleaseByHash(db, CLD_DERIVATION_SOURCE, sha);
      if (previous) {
        return {
          releaseId: previous.id,
          status: 'unchanged',
          added: 0,
          unchanged: 0,
          superseded: 0,
          inputs,
          figures,
        };
      }
      const observations: ObservationInput[] = figures.map((f) => ({
        orgCode: request.laCode,
        measureId: f.measureId,
        period: { label: period.label, start: period.start, end: period.end },
        disaggregation: f.disaggregation,
        value: f.value === null ? null : String(f.value),
        numerator: f.numerator === null ? null : String(f.numerator),
        denominator: f.denominator === null ? null : String(f.denominator),
        suppression: null,
      }));
      const written = await writeRelease(
        db,
        {
          source: CLD_DERIVATION_SOURCE,
          fileName: `CLD derivation, ${request.laCode}, ${period.label}`,
          fileSha256: sha,
          importedBy: actor.userId,
          importedByLabel: actor.label,
          rowsRead: figures.length,
          rowsLoaded: figures.length,
          rowsRejected: 0,
          report: {
            laCode: request.laCode,
            period: period.label,
            inputs,
            options,
            version: DERIVATION_VERSION,
          },
        },
        observations,
        async (tx, releaseId) => {
          for (const id of inputs.history) {
            await tx.query('INSERT INTO derivation_inputs (release_id, submission_id) VALUES ($1, $2)', [
              releaseId,
              id,
            ]);
          }
          await recordAudit(tx, actor, 'cld.derive', { type: 'release', id: releaseId }, null, {
            laCode: request.laCode,
            period: period.label,
            submissions: inputs.history,
            figures: figures.length,
          });
        },
      );
      return { ...written, status: 'written', inputs, figures };
    },

    /** The people and events behind a derived figure, as the derivation that wrote it saw them. */
    async drill(
      actor: Actor,
      request: {
        laCode: string;
        period: string;
        measureId: string;
        disaggregation?: string;
        part: 'numerator' | 'denominator';
        limit?: number;
      },
    ): Promise<{ rows: DrillRow[]; total: number; releaseId: number }> {
      if (!can(actor.role, 'persons:read')) {
        throw new NotAllowedError('Listing the people behind a figure needs the analyst or admin role.');
      }
      const period = periodOf(request.period);
      const disaggregation = request.disaggregation ?? 'Total';
      const [current] = await db.query<{ release_id: number; report: { options?: Partial<DeriveOptions> } }>(
        `SELECT o.release_id, r.report FROM observations o JOIN releases r ON r.id = o.release_id
         WHERE o.org_code = $1 AND o.measure_id = $2 AND o.period = $3 AND o.disaggregation = $4
           AND o.superseded_by IS NULL AND r.source = $5`,
        [request.laCode, request.measureId, period.label, disaggregation, CLD_DERIVATION_SOURCE],
      );
      if (!current) throw new NotFoundError('No figure derived from CLD matches that request.');
      const used = await db.query<{ submission_id: string }>(
        `SELECT d.submission_id FROM derivation_inputs d JOIN case_submissions s ON s.id = d.submission_id
         WHERE d.release_id = $1 ORDER BY s.period_end, s.load_order`,
        [current.release_id],
      );
      const history = used.map((u) => u.submission_id);
      const latest = history[history.length - 1];
      if (!latest) throw new NotFoundError('The derivation behind that figure recorded no submissions.');
      const result = await drill(await caseStore(), {
        inputs: { latest, history },
        period,
        options: current.report.options ?? {},
        measureId: request.measureId,
        disaggregation,
        part: request.part,
        ...(request.limit ? { limit: request.limit } : {}),
      });
      await db.transaction((tx) =>
        recordAudit(
          tx,
          actor,
          'persons.view',
          { type: 'observation', id: `${request.laCode}/${request.measureId}` },
          null,
          {
            period: period.label,
            disaggregation,
            part: request.part,
            people: result.total,
            releaseId: current.release_id,
          },
        ),
      );
      return { ...result, releaseId: current.release_id };
    },

    async close(): Promise<void> {
      if (cases) await (await cases).close();
      cases = undefined;
    },
  };
}

export type CldService = ReturnType<typeof cldService>;
