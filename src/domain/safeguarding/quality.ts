/**
 * The data-quality report of a safeguarding extract: for each field, how complete it is where it applies
 * and how many values could not be read; for each rejected row, why; and totals that reconcile, so every
 * row read is accounted for. Rows are counted whether they loaded or not: the report describes the file
 * as sent.
 */
import { SG_FIELDS, sgField, type SgFieldKey } from './fields.js';
import type { SgProblem, SgRule } from './problem.js';
import type { SgParseResult } from './row.js';

export interface SgFieldQuality {
  field: SgFieldKey;
  header: string;
  /** Rows the field applies to (an enquiry end date applies only to concerns that led to an enquiry). */
  applicable: number;
  /** Applicable rows with something in the field, readable or not. */
  filled: number;
  invalid: number;
  /** The most frequent unreadable values, for codes and dates only; identifiers are never shown. */
  invalidExamples: { value: string; count: number }[];
}

export interface SgRowRejection {
  rowNumber: number;
  reasons: SgProblem[];
}

export interface SafeguardingQuality {
  read: number;
  loaded: number;
  rejected: number;
  fields: SgFieldQuality[];
  rejections: SgRowRejection[];
  /** Rejected rows by rule (a row with two reasons counts under both). */
  rejectionsByRule: Partial<Record<SgRule, number>>;
  /** Flags on loaded rows by rule. */
  flagsByRule: Partial<Record<SgRule, number>>;
  /** Problems of the whole file: a 'reject' among them means nothing was loaded. */
  fileProblems: SgProblem[];
}

const MAX_EXAMPLES = 5;

export function summariseSafeguardingQuality(
  results: readonly SgParseResult[],
  fileProblems: readonly SgProblem[] = [],
): SafeguardingQuality {
  const fields = new Map<SgFieldKey, SgFieldQuality>(
    SG_FIELDS.map((f) => [
      f.key,
      { field: f.key, header: f.header, applicable: 0, filled: 0, invalid: 0, invalidExamples: [] },
    ]),
  );
  const examples = new Map<SgFieldKey, Map<string, number>>();
  const report: SafeguardingQuality = {
    read: 0,
    loaded: 0,
    rejected: 0,
    fields: [...fields.values()],
    rejections: [],
    rejectionsByRule: {},
    flagsByRule: {},
    fileProblems: [...fileProblems],
  };
  for (const result of results) {
    report.read += 1;
    countFields(result, fields, examples);
    if (result.ok) {
      report.loaded += 1;
      for (const p of result.problems) bump(report.flagsByRule, p.rule);
    } else {
      report.rejected += 1;
      const reasons = result.problems.filter((p) => p.severity === 'reject');
      report.rejections.push({ rowNumber: result.rowNumber, reasons });
      for (const rule of new Set(reasons.map((p) => p.rule))) bump(report.rejectionsByRule, rule);
    }
  }
  for (const [key, counts] of examples) {
    const q = fields.get(key);
    if (q) q.invalidExamples = topExamples(counts);
  }
  return report;
}

function countFields(
  result: SgParseResult,
  fields: Map<SgFieldKey, SgFieldQuality>,
  examples: Map<SgFieldKey, Map<string, number>>,
): void {
  for (const [key, state] of Object.entries(result.fields) as [
    SgFieldKey,
    SgParseResult['fields'][SgFieldKey],
  ][]) {
    const q = fields.get(key);
    if (!q || !state.applicable) continue;
    q.applicable += 1;
    if (state.state !== 'blank') q.filled += 1;
    if (state.state !== 'invalid') continue;
    q.invalid += 1;
    if (sgField(key).showInvalid && state.invalidValue !== undefined) {
      const counts = examples.get(key) ?? new Map<string, number>();
      counts.set(state.invalidValue, (counts.get(state.invalidValue) ?? 0) + 1);
      examples.set(key, counts);
    }
  }
}

function bump(counts: Partial<Record<SgRule, number>>, rule: SgRule): void {
  counts[rule] = (counts[rule] ?? 0) + 1;
}

function topExamples(counts: Map<string, number>): { value: string; count: number }[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, MAX_EXAMPLES);
}

/** Share of applicable rows with the field filled in; null when it applies to no row. */
export const completeness = (f: SgFieldQuality): number | null =>
  f.applicable === 0 ? null : f.filled / f.applicable;

/** Every row read is loaded or rejected, and every rejection says where and why. */
export const reconciles = (r: SafeguardingQuality): boolean =>
  r.read === r.loaded + r.rejected &&
  r.rejections.length === r.rejected &&
  r.rejections.every((x) => x.rowNumber > 0 && x.reasons.length > 0);

export const fileRejected = (r: SafeguardingQuality): boolean =>
  r.fileProblems.some((p) => p.severity === 'reject');
