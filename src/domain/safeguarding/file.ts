/**
 * A whole safeguarding extract, already split into cells: the header row is checked first (a missing
 * column rejects the file, so nothing half-loads), then every row is parsed, duplicates of a concern
 * reference are turned away, and the data-quality report is drawn up.
 */
import { headersRejected, mapSafeguardingHeaders } from './headers.js';
import { sgProblem, type SgProblem } from './problem.js';
import { summariseSafeguardingQuality, type SafeguardingQuality } from './quality.js';
import { parseSafeguardingRow, type SgParseResult } from './row.js';

export interface SafeguardingFileContext {
  laCode: string;
  /** ISO date, the end of the period the submission covers. */
  periodEnd: string;
}

export interface SafeguardingFile {
  /** False when the file as a whole cannot load (see `quality.fileProblems`); then `results` is empty. */
  accepted: boolean;
  results: SgParseResult[];
  quality: SafeguardingQuality;
}

const isBlankRecord = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/**
 * `records[0]` is the header row. Row numbers are those a spreadsheet shows: the header is row 1.
 * Wholly blank rows (spreadsheets export trailing ',,,,' lines) are skipped and not counted as read.
 */
export function parseSafeguardingFile(
  records: readonly (readonly string[])[],
  context: SafeguardingFileContext,
): SafeguardingFile {
  const headerIndex = records.findIndex((r) => !isBlankRecord(r));
  const header = records[headerIndex];
  if (!header) return refused(sgProblem(null, 'empty-file', 'reject', 'The file is empty.'));
  const columns = mapSafeguardingHeaders(header);
  if (headersRejected(columns)) return refused(...columns.problems);
  const rowContext = { ...context, columns, headerLength: header.length };
  const results: SgParseResult[] = [];
  const firstRowOf = new Map<string, number>();
  for (let i = headerIndex + 1; i < records.length; i++) {
    const cells = records[i] ?? [];
    if (isBlankRecord(cells)) continue;
    const result = parseSafeguardingRow(cells, i + 1, rowContext);
    results.push(result.ok ? turnAwayDuplicate(result, firstRowOf) : result);
  }
  if (results.length === 0) {
    return refused(sgProblem(null, 'no-rows', 'reject', 'The file has a header row but no concerns.'));
  }
  return { accepted: true, results, quality: summariseSafeguardingQuality(results, columns.problems) };
}

/**
 * A concern reference belongs to the first row that loads with it; a later row with the same reference
 * (compared without case or surrounding spaces) is rejected, since one of the two must be wrong.
 */
function turnAwayDuplicate(
  result: SgParseResult & { ok: true },
  firstRowOf: Map<string, number>,
): SgParseResult {
  const key = result.concern.concernReference.toUpperCase();
  const first = firstRowOf.get(key);
  if (first === undefined) {
    firstRowOf.set(key, result.rowNumber);
    return result;
  }
  const duplicate = sgProblem(
    'concernReference',
    'duplicate-reference',
    'reject',
    `The concern reference is already used on row ${first}.`,
  );
  return {
    ok: false,
    rowNumber: result.rowNumber,
    problems: [...result.problems, duplicate],
    fields: result.fields,
  };
}

function refused(...problems: SgProblem[]): SafeguardingFile {
  return { accepted: false, results: [], quality: summariseSafeguardingQuality([], problems) };
}
