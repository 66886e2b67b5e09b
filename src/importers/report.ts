/** What every import reports: rows read = rows loaded + rows rejected, each rejection with its row and reason. */
export interface Rejection {
  /** 1-based line number in the file, counting the header as line 1. */
  row: number;
  reason: string;
}

export interface ImportReport {
  source: string;
  fileName: string;
  fileSha256: string;
  encoding?: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Rows deliberately left out (e.g. areas that are not councils); read = loaded + rejected + skipped. */
  rowsSkipped?: number;
  rejections: Rejection[];
  /** Problems with the file as a whole (no rows are loaded when there is one). */
  fileErrors: string[];
  observationsAdded: number;
  observationsUnchanged: number;
  observationsSuperseded: number;
  /** 'loaded' = a new release; 'duplicate' = this exact file was imported before; 'failed' = nothing stored. */
  outcome: 'loaded' | 'duplicate' | 'failed';
  releaseId?: number;
  previousReleaseId?: number;
  /** Warnings that did not stop a row (e.g. characters repaired). */
  notes: string[];
}

export function summariseReport(r: ImportReport): string {
  const skipped = r.rowsSkipped ? `, ${r.rowsSkipped} skipped` : '';
  const lines = [
    `${r.fileName}: ${r.rowsRead} rows read, ${r.rowsLoaded} loaded, ${r.rowsRejected} rejected${skipped}`,
  ];
  if (r.outcome === 'duplicate')
    lines.push(`This file was already imported as release ${r.previousReleaseId}; nothing changed.`);
  if (r.outcome === 'loaded') {
    lines.push(
      `Release ${r.releaseId}: ${r.observationsAdded} figures added, ${r.observationsSuperseded} superseded, ${r.observationsUnchanged} unchanged.`,
    );
  }
  for (const e of r.fileErrors) lines.push(`File error: ${e}`);
  for (const n of r.notes) lines.push(`Note: ${n}`);
  return lines.join('\n');
}
