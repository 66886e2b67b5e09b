/**
 * The safeguarding extract: imported like CLD (an immutable submission in the case store, registered
 * here, person ids pseudonymised), and derived into the local safeguarding measures as a release of
 * observations linked to the submission it read.
 */
import { createHash, randomUUID } from 'node:crypto';
import { can } from '../domain/access.js';
import { parsePeriod } from '../domain/period.js';
import { loadSafeguarding, type SafeguardingLoadReport } from '../cld/safeguarding/load.js';
import { safeguardingFigures } from '../cld/safeguarding/measures.js';
import type { CaseStore } from '../cld/engine/case-store.js';
import type { Pseudonymiser } from '../cld/pseudonymise.js';
import type { Db } from '../store/db.js';
import { findReleaseByHash, writeRelease } from '../store/releases.js';
import { NotAllowedError, ValidationError, type Actor } from './actor.js';
import { recordAudit } from './audit.js';

export const SAFEGUARDING_DERIVATION_SOURCE = 'safeguarding-derivation';

export interface SafeguardingImport {
  status: 'loaded' | 'unchanged' | 'rejected';
  submissionId?: string;
  report: SafeguardingLoadReport | null;
  reason?: string;
}

export function safeguardingService(deps: {
  db: Db;
  caseStore: () => Promise<CaseStore>;
  pseudonymiser: () => Pseudonymiser;
  isCouncil: (code: string) => boolean;
}) {
  const { db } = deps;
  return {
    async importExtract(
      actor: Actor,
      input: { fileName: string; bytes: Buffer; laCode: string; periodStart: string; periodEnd: string },
    ): Promise<SafeguardingImport> {
      if (!can(actor.role, 'imports:run')) throw new NotAllowedError('You may not import data.');
      if (!deps.isCouncil(input.laCode))
        throw new ValidationError(`${input.laCode} is not a council in the register.`);
      const sha = createHash('sha256').update(input.bytes).digest('hex');
      const [previous] = await db.query<{ id: string; quality: SafeguardingLoadReport }>(
        `SELECT id, quality FROM case_submissions WHERE kind = 'safeguarding' AND la_code = $1 AND file_sha256 = $2`,
        [input.laCode, sha],
      );
      if (previous) return { status: 'unchanged', submissionId: previous.id, report: previous.quality };
      const id = randomUUID();
      const store = await deps.caseStore();
      const report = await loadSafeguarding(store, { ...input, submissionId: id }, deps.pseudonymiser());
      if (!report.accepted || report.loaded === 0) {
        await store.run('DELETE FROM sg_concerns WHERE submission_id = $1', [id]);
        return {
          status: 'rejected',
          report,
          reason: report.fileProblems.map((p) => p.message).join(' ') || 'No row loaded.',
        };
      }
      try {
        await db.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO case_submissions (id, kind, la_code, period_start, period_end, file_name, file_sha256,
               key_fingerprint, rows_read, rows_loaded, rows_rejected, quality, imported_by, imported_by_label)
             VALUES ($1, 'safeguarding', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
            [
              id,
              input.laCode,
              input.periodStart,
              input.periodEnd,
              input.fileName,
              sha,
              deps.pseudonymiser().keyFingerprint,
              report.read,
              report.loaded,
              report.rejected,
              JSON.stringify(report),
              actor.userId,
              actor.label,
            ],
          );
          await recordAudit(tx, actor, 'safeguarding.import', { type: 'case_submission', id }, null, {
            laCode: input.laCode,
            fileName: input.fileName,
            read: report.read,
            loaded: report.loaded,
            rejected: report.rejected,
          });
        });
      } catch (err) {
        await store.run('DELETE FROM sg_concerns WHERE submission_id = $1', [id]);
        throw err;
      }
      return { status: 'loaded', submissionId: id, report };
    },

    /** Derives the safeguarding measures for a council and period from the latest covering submission. */
    async derive(actor: Actor, request: { laCode: string; period: string }) {
      if (!can(actor.role, 'imports:run')) throw new NotAllowedError('You may not derive figures.');
      const period = parsePeriod(request.period);
      if (!period) throw new ValidationError(`'${request.period}' is not a period.`);
      const [latest] = await db.query<{ id: string }>(
        `SELECT id FROM case_submissions WHERE kind = 'safeguarding' AND la_code = $1 AND period_start <= $2
           AND period_end >= $3 ORDER BY period_end DESC, load_order DESC LIMIT 1`,
        [request.laCode, period.start, period.end],
      );
      if (!latest)
        throw new ValidationError(`No safeguarding extract of ${request.laCode} covers ${period.label}.`);
      const figures = await safeguardingFigures(await deps.caseStore(), [latest.id], period);
      const observations = figures.map((f) => ({
        orgCode: request.laCode,
        measureId: f.id,
        period: { label: period.label, start: period.start, end: period.end },
        disaggregation: 'Total',
        value: f.value === null ? null : String(Math.round(f.value * 10_000) / 10_000),
        numerator: String(f.numerator),
        denominator: f.denominator === null ? null : String(f.denominator),
        suppression: null,
      }));
      const sha = createHash('sha256')
        .update(
          JSON.stringify({ la: request.laCode, period: period.label, submission: latest.id, observations }),
        )
        .digest('hex');
      const previous = await findReleaseByHash(db, SAFEGUARDING_DERIVATION_SOURCE, sha);
      if (previous) return { releaseId: previous.id, status: 'unchanged' as const, figures: observations };
      const written = await writeRelease(
        db,
        {
          source: SAFEGUARDING_DERIVATION_SOURCE,
          fileName: `Safeguarding derivation, ${request.laCode}, ${period.label}`,
          fileSha256: sha,
          importedBy: actor.userId,
          importedByLabel: actor.label,
          rowsRead: observations.length,
          rowsLoaded: observations.length,
          rowsRejected: 0,
          report: { laCode: request.laCode, period: period.label, submission: latest.id },
        },
        observations,
        async (tx, releaseId) => {
          await tx.query('INSERT INTO derivation_inputs (release_id, submission_id) VALUES ($1, $2)', [
            releaseId,
            latest.id,
          ]);
          await recordAudit(tx, actor, 'safeguarding.derive', { type: 'release', id: releaseId }, null, {
            laCode: request.laCode,
            period: period.label,
          });
        },
      );
      return { ...written, status: 'written' as const, figures: observations };
    },
  };
}

export type SafeguardingService = ReturnType<typeof safeguardingService>;
