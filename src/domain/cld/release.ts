/**
 * Which release a file is written in, judged by its coded values. Only spellings that differ between
 * the releases as the national collation sees them count as evidence ('Carer' against 'Unpaid
 * carer'); values that differ only in case ('Service User', 'Service user') say nothing, since the
 * national SQL cannot tell them apart either.
 */
import { matchCodeIn, type Release } from './codes.js';
import { CLD_FIELDS, type CldFieldKey } from './fields.js';
import { mapHeaders, type HeaderMapping } from './headers.js';
import { problem, type Problem } from './problem.js';

export interface ReleaseEvidence {
  /** Position of the row in the rows given, from zero. */
  index: number;
  field: CldFieldKey;
  value: string;
  release: Release;
}

export interface ReleaseDetection {
  /** 'unknown' when no value tells the releases apart. */
  release: Release | 'mixed' | 'unknown';
  rowsWithRelease1: number;
  rowsWithRelease2: number;
  /** The first few values for each release, to show the council what was mixed. */
  examples: ReleaseEvidence[];
  /** A 'mixed-release' problem when both releases appear in one file. */
  problems: Problem[];
}

const CODED = CLD_FIELDS.filter((f) => f.codes !== undefined && f.handling === 'keep');
const EXAMPLES_PER_RELEASE = 5;

export function detectRelease(
  rows: Iterable<Readonly<Record<string, string>>>,
  headers?: HeaderMapping,
): ReleaseDetection {
  let mapping = headers;
  let rowsWithRelease1 = 0;
  let rowsWithRelease2 = 0;
  const examples: ReleaseEvidence[] = [];
  const shownFor = { 1: 0, 2: 0 };
  let index = 0;
  for (const row of rows) {
    mapping ??= mapHeaders(Object.keys(row));
    let r1 = false;
    let r2 = false;
    for (const f of CODED) {
      const header = mapping.byField.get(f.key);
      const value = header === undefined ? '' : (row[header] ?? '').trim();
      if (!value || !f.codes) continue;
      const match = matchCodeIn(f.codes, value);
      if (!match || match.r1 === match.r2) continue;
      const release: Release = match.r1 ? 1 : 2;
      if (release === 1) r1 = true;
      else r2 = true;
      if (shownFor[release] < EXAMPLES_PER_RELEASE) {
        shownFor[release] += 1;
        examples.push({ index, field: f.key, value, release });
      }
    }
    if (r1) rowsWithRelease1 += 1;
    if (r2) rowsWithRelease2 += 1;
    index += 1;
  }
  const release =
    rowsWithRelease1 > 0 && rowsWithRelease2 > 0
      ? 'mixed'
      : rowsWithRelease1 > 0
        ? 1
        : rowsWithRelease2 > 0
          ? 2
          : 'unknown';
  const problems =
    release === 'mixed'
      ? [
          problem(
            null,
            'mixed-release',
            'flag',
            `The file mixes release 1 values (${rowsWithRelease1} rows) and release 2 values (${rowsWithRelease2} rows); both are read, but the extract should use one release.`,
          ),
        ]
      : [];
  return { release, rowsWithRelease1, rowsWithRelease2, examples, problems };
}
