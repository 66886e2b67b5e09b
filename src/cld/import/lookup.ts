/**
 * How typing reads a coded column. Each distinct text a column holds is matched once in the domain
 * vocabulary (`mapCodes`); a row then finds its text's position in that short list and reads the code
 * and the release facts at the same position, which costs far less than joining the map once per
 * coded column. A column with very many distinct texts (a badly broken file) joins the map instead,
 * because a long list would be searched row by row.
 */
import type { CldFieldKey } from '../../domain/cld/fields.js';

export interface CodeEntry {
  /** The text as sent (untrimmed). */
  raw: string;
  code: string | null;
  r1: boolean;
  r2: boolean;
  /** 1 when only release 1 spells the value this way, 2 when only release 2 does, else 0. */
  soleRelease: number;
}

export type CodeEntries = ReadonlyMap<CldFieldKey, readonly CodeEntry[]>;

/** Beyond this many distinct texts, a column joins the map. */
const LIST_LIMIT = 256;

const literal = (x: string | null): string => (x === null ? 'NULL' : `'${x.replace(/'/g, "''")}'`);
const list = (xs: readonly string[]) => `[${xs.join(', ')}]`;

export interface CodeLookup {
  /** Column of the row source holding the text's position (NULL when blank), if the list is used. */
  position?: { column: string; sql: string };
  /** A join of the map, if the list is not used. */
  join?: string;
  /** The canonical code (NULL when blank or unknown). */
  code: string;
  /** Bits 1 and 2: the value is spelt as only release 1 (2) spells it. */
  releaseBits: string;
  /** 1 when the value is a known code that the given release does not use, else 0. */
  otherRelease: (release: 1 | 2) => string;
}

/** `raw` is the SQL of the column's untrimmed text, or null when the file lacks the column. */
export function codeLookup(
  key: CldFieldKey,
  entries: readonly CodeEntry[] | undefined,
  raw: string | null,
  listLimit = LIST_LIMIT,
): CodeLookup {
  if (raw === null || entries === undefined || entries.length === 0) {
    return { code: 'CAST(NULL AS TEXT)', releaseBits: '0', otherRelease: () => '0' };
  }
  if (entries.length > listLimit) {
    const m = `m_${key}`;
    return {
      join: `LEFT JOIN cld_code_map ${m} ON ${m}.field = '${key}' AND ${m}.raw = ${raw}`,
      code: `${m}.code`,
      releaseBits: `coalesce(${m}.sole_release, 0)`,
      otherRelease: (release) => `CASE WHEN ${m}.code IS NOT NULL AND NOT ${m}.r${release} THEN 1 ELSE 0 END`,
    };
  }
  const at = `i_${key}`;
  const pick = (values: readonly string[], otherwise: string) =>
    values.every((v) => v === otherwise) ? otherwise : `coalesce(${list(values)}[${at}], ${otherwise})`;
  return {
    position: { column: at, sql: `list_position(${list(entries.map((e) => literal(e.raw)))}, ${raw})` },
    code: entries.every((e) => e.code === null)
      ? 'CAST(NULL AS TEXT)'
      : `${list(entries.map((e) => literal(e.code)))}[${at}]`,
    releaseBits: pick(
      entries.map((e) => String(e.soleRelease)),
      '0',
    ),
    otherRelease: (release) =>
      pick(
        entries.map((e) => (e.code !== null && !(release === 1 ? e.r1 : e.r2) ? '1' : '0')),
        '0',
      ),
  };
}
