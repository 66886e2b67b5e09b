/**
 * Matching a file's header row to the CLD fields. Councils' extracts write the same column as
 * 'Event Start Date', 'EVENT_START_DATE' or 'event start date', so headers are compared with case,
 * spaces, underscores and punctuation removed.
 */
import { CLD_FIELDS, NEVER, type CldFieldKey } from './fields.js';
import { problem, type Problem } from './problem.js';

export const normaliseHeader = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

const FIELD_BY_HEADER: ReadonlyMap<string, CldFieldKey> = (() => {
  const map = new Map<string, CldFieldKey>();
  for (const f of CLD_FIELDS) {
    for (const h of [f.r1, f.r2, ...f.aliases]) {
      const key = normaliseHeader(h);
      const existing = map.get(key);
      if (existing && existing !== f.key) throw new Error(`Header '${h}' names ${existing} and ${f.key}`);
      map.set(key, f.key);
    }
  }
  return map;
})();

export interface HeaderMapping {
  /** The file's header text for each field found (the first column, when a field appears twice). */
  byField: ReadonlyMap<CldFieldKey, string>;
  /** Fields whose column must be present for the file to load. */
  missingRequired: CldFieldKey[];
  /**
   * Fields without a column that the file may leave out: their completeness is reported as zero and,
   * for the postcode, a file-level flag says so once instead of a flag on every row.
   */
  missingOptional: CldFieldKey[];
  /** Headers that name no CLD field; their columns are ignored. */
  unknown: string[];
  /** File-level problems: a missing required column rejects the file. */
  problems: Problem[];
}

export function mapHeaders(headers: readonly string[]): HeaderMapping {
  const byField = new Map<CldFieldKey, string>();
  const unknown: string[] = [];
  const problems: Problem[] = [];
  for (const header of headers) {
    if (header.trim() === '') continue;
    const key = FIELD_BY_HEADER.get(normaliseHeader(header));
    if (!key) {
      unknown.push(header);
      problems.push(
        problem(null, 'unknown-column', 'flag', `Column '${header}' is not a CLD field and is ignored.`),
      );
    } else if (byField.has(key)) {
      problems.push(
        problem(
          key,
          'duplicate-column',
          'flag',
          `Columns '${byField.get(key)}' and '${header}' are the same field; the first is used.`,
        ),
      );
    } else {
      byField.set(key, header);
    }
  }
  const missingRequired: CldFieldKey[] = [];
  const missingOptional: CldFieldKey[] = [];
  for (const f of CLD_FIELDS) {
    if (byField.has(f.key)) continue;
    if (f.requiredColumn) {
      missingRequired.push(f.key);
      problems.push(problem(f.key, 'missing-column', 'reject', `The file has no '${f.r1}' column.`));
    } else {
      missingOptional.push(f.key);
      if (f.mandatory !== NEVER) {
        problems.push(problem(f.key, 'missing-column', 'flag', `The file has no '${f.r1}' column.`));
      }
    }
  }
  return { byField, missingRequired, missingOptional, unknown, problems };
}

// Rows arrive as objects keyed by the file's headers; the mapping is worked out once per header set.
const cache = new Map<string, HeaderMapping>();

export function mappingForRow(raw: Readonly<Record<string, string>>): HeaderMapping {
  const headers = Object.keys(raw);
  const signature = headers.join('\u0000');
  let mapping = cache.get(signature);
  if (!mapping) {
    if (cache.size >= 16) cache.clear();
    mapping = mapHeaders(headers);
    cache.set(signature, mapping);
  }
  return mapping;
}
