/**
 * Matching a file's header row to the safeguarding fields. 'Date Concern Received',
 * 'DATE_CONCERN_RECEIVED' and 'date concern received' are the same column: headers are compared with
 * case, spaces, underscores and punctuation removed.
 */
import { SG_FIELDS, type SgFieldKey } from './fields.js';
import { sgProblem, type SgProblem } from './problem.js';

export const normaliseHeader = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

const FIELD_BY_HEADER: ReadonlyMap<string, SgFieldKey> = (() => {
  const map = new Map<string, SgFieldKey>();
  for (const f of SG_FIELDS) {
    for (const h of [f.header, f.key, ...f.aliases]) {
      const key = normaliseHeader(h);
      const existing = map.get(key);
      if (existing && existing !== f.key) throw new Error(`Header '${h}' names ${existing} and ${f.key}`);
      map.set(key, f.key);
    }
  }
  return map;
})();

export interface SgHeaderMapping {
  /** The column index of each field found (the first, when a field appears twice). */
  columnOf: ReadonlyMap<SgFieldKey, number>;
  /** Headers that name no field; their columns are ignored. */
  unknown: string[];
  /** A 'reject' among them means the file cannot load. */
  problems: SgProblem[];
}

export function mapSafeguardingHeaders(headers: readonly string[]): SgHeaderMapping {
  const columnOf = new Map<SgFieldKey, number>();
  const unknown: string[] = [];
  const problems: SgProblem[] = [];
  headers.forEach((header, index) => {
    if (header.trim() === '') return;
    const key = FIELD_BY_HEADER.get(normaliseHeader(header));
    if (!key) {
      unknown.push(header);
      problems.push(
        sgProblem(
          null,
          'unknown-column',
          'flag',
          `Column '${header}' is not a safeguarding field and is ignored.`,
        ),
      );
    } else if (columnOf.has(key)) {
      problems.push(
        sgProblem(
          key,
          'duplicate-column',
          'flag',
          `Column '${header}' repeats an earlier column; the first is used.`,
        ),
      );
    } else {
      columnOf.set(key, index);
    }
  });
  for (const f of SG_FIELDS) {
    if (f.column === 'required' && !columnOf.has(f.key)) {
      problems.push(sgProblem(f.key, 'missing-column', 'reject', `The file has no '${f.header}' column.`));
    }
  }
  if (!columnOf.has('laPersonId') && !columnOf.has('nhsNumber')) {
    problems.push(
      sgProblem(
        null,
        'missing-column',
        'reject',
        "The file has neither an 'LA Person Unique Identifier' nor an 'NHS Number' column.",
      ),
    );
  }
  return { columnOf, unknown, problems };
}

export const headersRejected = (m: SgHeaderMapping): boolean =>
  m.problems.some((p) => p.severity === 'reject');
