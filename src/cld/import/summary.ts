/**
 * A data-quality report as plain lines, for the CLI and logs: totals that reconcile, the fields with
 * most to fix, rejections by rule and the first rejected rows.
 */
import { completeness, validity } from '../../domain/cld/quality.js';
import { fieldOf } from '../../domain/cld/fields.js';
import type { CldLoadReport } from './load.js';

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

export function qualityLines(report: CldLoadReport, rejectionsShown = 20): string[] {
  const lines = [
    `Council ${report.laCode ?? '?'}, reporting period ${report.reportingPeriodStart ?? '?'} to ${report.reportingPeriodEnd ?? '?'}, release ${report.release ?? 'not evident'}`,
    `Rows read ${report.read}: loaded ${report.loaded}, rejected ${report.rejected} (${report.read === report.loaded + report.rejected ? 'totals reconcile' : 'TOTALS DO NOT RECONCILE'})`,
    `Loaded rows left out of measures by the identity rule (LA id also used with an NHS number): ${report.identity.count}`,
  ];
  for (const p of report.fileProblems) lines.push(`File: ${p.message}`);
  const rules = Object.entries(report.rejectionsByRule).sort((a, b) => b[1] - a[1]);
  if (rules.length) lines.push(`Rejected rows by rule: ${rules.map(([r, n]) => `${r} ${n}`).join(', ')}`);
  const flags = Object.entries(report.flagsByRule).sort((a, b) => b[1] - a[1]);
  if (flags.length) lines.push(`Flags on loaded rows: ${flags.map(([r, n]) => `${r} ${n}`).join(', ')}`);
  const weakest = report.fields
    .filter((f) => f.missingMandatory > 0 || f.invalid > 0)
    .sort((a, b) => b.missingMandatory + b.invalid - (a.missingMandatory + a.invalid))
    .slice(0, 10);
  if (weakest.length)
    lines.push('Fields to fix (where they apply): complete, valid, mandatory blanks, invalid');
  for (const f of weakest) {
    const examples = f.invalidExamples.map((e) => `'${e.value}' ×${e.count}`).join(', ');
    lines.push(
      `  ${fieldOf(f.field).r1}: ${pct(completeness(f))} complete, ${pct(validity(f))} valid, ${f.missingMandatory} blank where mandatory, ${f.invalid} invalid${examples ? ` (${examples})` : ''}`,
    );
  }
  for (const r of report.rejections.slice(0, rejectionsShown)) {
    lines.push(`  row ${r.rowNumber}: ${r.reasons.map((p) => p.message).join(' ')}`);
  }
  if (report.rejected > rejectionsShown)
    lines.push(`  … and ${report.rejected - rejectionsShown} more rejected rows.`);
  return lines;
}
