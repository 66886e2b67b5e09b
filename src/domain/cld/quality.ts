/**
 * The data-quality report of a CLD submission: for each field, how complete and valid it is where it
 * applies; for each rejected row, why; and totals that add up, so nothing leaves unaccounted for.
 * Reports of chunks merge, so a large file can be summarised as it streams.
 */
import { fieldOf, CLD_FIELDS, type CldFieldKey } from './fields.js';
import type { Problem, ProblemRule } from './problem.js';
import type { ParseResult } from './row.js';

export interface InvalidExample {
  value: string;
  count: number;
}

export interface FieldQuality {
  field: CldFieldKey;
  /** Rows the field applies to, by the specification's rules for that row. */
  applicable: number;
  /** Applicable rows with something in the field, valid or not. */
  filled: number;
  invalid: number;
  /** Rows where the field is mandatory, and how many of them left it blank. */
  mandatory: number;
  missingMandatory: number;
  /** The most frequent invalid values; identifiers, names, postcodes and birth dates are withheld. */
  invalidExamples: InvalidExample[];
}

export interface RowRejection {
  rowNumber: number;
  reasons: Problem[];
}

export interface QualityReport {
  read: number;
  loaded: number;
  rejected: number;
  fields: FieldQuality[];
  rejections: RowRejection[];
  /** Rows rejected for each rule (a row with two reasons counts under both). */
  rejectionsByRule: Partial<Record<ProblemRule, number>>;
  /** Flags raised on rows, loaded or not, by rule. */
  flagsByRule: Partial<Record<ProblemRule, number>>;
  fileProblems: Problem[];
}

export const MAX_INVALID_EXAMPLES = 5;
const WITHHELD = '[withheld]';

export function emptyQuality(fileProblems: Problem[] = []): QualityReport {
  return {
    read: 0,
    loaded: 0,
    rejected: 0,
    fields: CLD_FIELDS.map((f) => ({
      field: f.key,
      applicable: 0,
      filled: 0,
      invalid: 0,
      mandatory: 0,
      missingMandatory: 0,
      invalidExamples: [],
    })),
    rejections: [],
    rejectionsByRule: {},
    flagsByRule: {},
    fileProblems: [...fileProblems],
  };
}

function keepExamples(examples: InvalidExample[]): InvalidExample[] {
  return [...examples]
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, MAX_INVALID_EXAMPLES);
}

/** Summarises parsed rows. Pure: the counters below are local and the result is new. */
export function summariseQuality(
  results: Iterable<ParseResult>,
  fileProblems: Problem[] = [],
): QualityReport {
  const report = emptyQuality(fileProblems);
  const byField = new Map(report.fields.map((f) => [f.field, f]));
  // Every distinct invalid value is counted while summarising, and only the top few kept at the end.
  const seen = new Map<CldFieldKey, Map<string, number>>();
  const bump = (counts: Partial<Record<ProblemRule, number>>, rule: ProblemRule) => {
    counts[rule] = (counts[rule] ?? 0) + 1;
  };

  for (const result of results) {
    report.read += 1;
    for (const [key, state] of Object.entries(result.fields) as [
      CldFieldKey,
      ParseResult['fields'][CldFieldKey],
    ][]) {
      if (!state.applicable) continue;
      const q = byField.get(key);
      if (!q) continue;
      q.applicable += 1;
      if (state.state !== 'blank') q.filled += 1;
      if (state.mandatory) {
        q.mandatory += 1;
        if (state.state === 'blank') q.missingMandatory += 1;
      }
      if (state.state === 'invalid') {
        q.invalid += 1;
        const value = fieldOf(key).handling === 'keep' ? (state.invalidValue ?? '') : WITHHELD;
        const counts = seen.get(key) ?? new Map<string, number>();
        counts.set(value, (counts.get(value) ?? 0) + 1);
        seen.set(key, counts);
      }
    }
    for (const p of result.problems) if (p.severity === 'flag') bump(report.flagsByRule, p.rule);
    if (result.ok) {
      report.loaded += 1;
    } else {
      report.rejected += 1;
      const reasons = result.problems.filter((p) => p.severity === 'reject');
      report.rejections.push({ rowNumber: result.rowNumber, reasons });
      for (const rule of new Set(reasons.map((p) => p.rule))) bump(report.rejectionsByRule, rule);
    }
  }
  for (const [key, counts] of seen) {
    const q = byField.get(key);
    if (q) q.invalidExamples = keepExamples([...counts].map(([value, count]) => ({ value, count })));
  }
  return report;
}

function addCounts(
  a: Partial<Record<ProblemRule, number>>,
  b: Partial<Record<ProblemRule, number>>,
): Partial<Record<ProblemRule, number>> {
  const out = { ...a };
  for (const [rule, n] of Object.entries(b) as [ProblemRule, number][]) out[rule] = (out[rule] ?? 0) + n;
  return out;
}

/**
 * Combines the reports of two chunks of one file. Examples beyond the top few of each chunk are gone by
 * then, so merged example counts are lower bounds; the invalid totals stay exact.
 */
export function mergeQuality(a: QualityReport, b: QualityReport): QualityReport {
  const bFields = new Map(b.fields.map((f) => [f.field, f]));
  return {
    read: a.read + b.read,
    loaded: a.loaded + b.loaded,
    rejected: a.rejected + b.rejected,
    fields: a.fields.map((f) => {
      const g = bFields.get(f.field);
      if (!g) return f;
      const examples = new Map<string, number>();
      for (const e of [...f.invalidExamples, ...g.invalidExamples]) {
        examples.set(e.value, (examples.get(e.value) ?? 0) + e.count);
      }
      return {
        field: f.field,
        applicable: f.applicable + g.applicable,
        filled: f.filled + g.filled,
        invalid: f.invalid + g.invalid,
        mandatory: f.mandatory + g.mandatory,
        missingMandatory: f.missingMandatory + g.missingMandatory,
        invalidExamples: keepExamples([...examples].map(([value, count]) => ({ value, count }))),
      };
    }),
    rejections: [...a.rejections, ...b.rejections],
    rejectionsByRule: addCounts(a.rejectionsByRule, b.rejectionsByRule),
    flagsByRule: addCounts(a.flagsByRule, b.flagsByRule),
    fileProblems: [...a.fileProblems, ...b.fileProblems],
  };
}

/** Share of applicable rows with the field filled in; null when it applies to no row. */
export const completeness = (f: FieldQuality): number | null =>
  f.applicable === 0 ? null : f.filled / f.applicable;

/** Share of filled values that are valid; null when none is filled. */
export const validity = (f: FieldQuality): number | null =>
  f.filled === 0 ? null : (f.filled - f.invalid) / f.filled;

/** Every row read is either loaded or rejected, and every rejection has its row and reasons. */
export const reconciles = (r: QualityReport): boolean =>
  r.read === r.loaded + r.rejected &&
  r.rejections.length === r.rejected &&
  r.rejections.every((x) => x.reasons.length > 0);
