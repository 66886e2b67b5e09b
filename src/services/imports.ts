import { createHash } from 'node:crypto';
import { assembleObservations } from '../importers/ascof/assemble.js';
import { parseAscofCsv } from '../importers/ascof/parse.js';
import { decodeText } from '../importers/decode.js';
import type { ImportReport } from '../importers/report.js';
import type { Db } from '../store/db.js';
import { findReleaseByHash, writeRelease, type ReleaseRow } from '../store/releases.js';
import { NotFoundError, type Actor } from './actor.js';
import { recordAudit } from './audit.js';
import type { MeasureService } from './measures.js';
import type { OrganisationService } from './organisations.js';

export const ASCOF_SOURCE = 'ascof-national';

export interface ImportOptions {
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface Release {
  id: number;
  source: string;
  fileName: string;
  fileSha256: string;
  importedBy: string;
  importedAt: Date;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  observationsAdded: number;
  observationsUnchanged: number;
  observationsSuperseded: number;
  report: ImportReport;
}

const toRelease = (r: ReleaseRow): Release => ({
  id: r.id,
  source: r.source,
  fileName: r.file_name,
  fileSha256: r.file_sha256,
  importedBy: r.imported_by_label,
  importedAt: r.imported_at,
  rowsRead: r.rows_read,
  rowsLoaded: r.rows_loaded,
  rowsRejected: r.rows_rejected,
  observationsAdded: r.observations_added,
  observationsUnchanged: r.observations_unchanged,
  observationsSuperseded: r.observations_superseded,
  report: r.report as ImportReport,
});

export function importService(db: Db, measures: MeasureService, organisations: OrganisationService) {
  return {
    /**
     * Imports a national ASCOF CSV as one release, atomically. The same bytes twice change nothing;
     * a file with a problem as a whole stores nothing; rejected rows are reported with their reasons.
     */
    async importAscof(
      actor: Actor,
      fileName: string,
      bytes: Uint8Array,
      opts: ImportOptions = {},
    ): Promise<ImportReport> {
      const sha = createHash('sha256').update(bytes).digest('hex');
      const report: ImportReport = {
        source: ASCOF_SOURCE,
        fileName,
        fileSha256: sha,
        rowsRead: 0,
        rowsLoaded: 0,
        rowsRejected: 0,
        rejections: [],
        fileErrors: [],
        observationsAdded: 0,
        observationsUnchanged: 0,
        observationsSuperseded: 0,
        outcome: 'failed',
        notes: [],
      };
      if (bytes.length === 0) {
        report.fileErrors.push('The file is empty.');
        return report;
      }
      const decoded = decodeText(bytes);
      report.encoding = decoded.encoding;
      if (decoded.encoding !== 'utf-8')
        report.notes.push('The file was read as Windows-1252 (it is not valid UTF-8).');
      if (decoded.repairedCharacters > 0) {
        report.notes.push(
          `${decoded.repairedCharacters} mis-encoded Windows-1252 characters (such as en dashes) were repaired.`,
        );
      }
      opts.onProgress?.('parse', 0, 1);
      const parsed = parseAscofCsv(decoded.text);
      report.rowsRead = parsed.rowsRead;
      report.fileErrors.push(...parsed.fileErrors);
      if (report.fileErrors.length > 0) {
        report.rowsRejected = report.rowsRead;
        return report;
      }
      const resolveMeasure = await measures.resolveAscof();
      const { observations, rejections } = assembleObservations(parsed.rows, {
        organisation: (row) => organisations.resolveForPeriod(row),
        measure: resolveMeasure,
      });
      report.rejections = [...parsed.rejections, ...rejections].sort((a, b) => a.row - b.row);
      report.rowsRejected = report.rejections.length;
      report.rowsLoaded = report.rowsRead - report.rowsRejected;
      opts.onProgress?.('parse', 1, 1);

      const previous = await findReleaseByHash(db, ASCOF_SOURCE, sha);
      if (previous) {
        report.outcome = 'duplicate';
        report.previousReleaseId = previous.id;
        return report;
      }
      if (observations.length === 0) {
        report.fileErrors.push('No row could be loaded, so nothing was stored.');
        return report;
      }
      const written = await writeRelease(
        db,
        {
          source: ASCOF_SOURCE,
          fileName,
          fileSha256: sha,
          importedBy: actor.userId,
          importedByLabel: actor.label,
          rowsRead: report.rowsRead,
          rowsLoaded: report.rowsLoaded,
          rowsRejected: report.rowsRejected,
          report: { ...report, outcome: 'loaded' },
        },
        observations,
        async (tx, releaseId) => {
          await recordAudit(tx, actor, 'release.import', { type: 'release', id: releaseId }, null, {
            source: ASCOF_SOURCE,
            fileName,
            fileSha256: sha,
            rowsRead: report.rowsRead,
            rowsLoaded: report.rowsLoaded,
            rowsRejected: report.rowsRejected,
          });
        },
        (done, total) => opts.onProgress?.('store', done, total),
      );
      Object.assign(report, {
        outcome: 'loaded',
        releaseId: written.releaseId,
        observationsAdded: written.added,
        observationsUnchanged: written.unchanged,
        observationsSuperseded: written.superseded,
      });
      await db.query('UPDATE releases SET report = $2 WHERE id = $1', [
        written.releaseId,
        JSON.stringify(report),
      ]);
      return report;
    },

    async listReleases(limit = 100): Promise<Release[]> {
      return (
        await db.query<ReleaseRow>(`SELECT * FROM releases ORDER BY id DESC LIMIT ${Math.min(limit, 1000)}`)
      ).map(toRelease);
    },

    async getRelease(id: number): Promise<Release> {
      const [row] = await db.query<ReleaseRow>('SELECT * FROM releases WHERE id = $1', [id]);
      if (!row) throw new NotFoundError(`There is no release ${id}`);
      return toRelease(row);
    },
  };
}
export type ImportService = ReturnType<typeof importService>;
