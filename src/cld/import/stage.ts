/**
 * Stage one CLD file in DuckDB temporary tables: read every record as text, number the rows as the
 * file does, map coded values through the domain vocabulary, type every field and work out which rows
 * cannot load and why. Nothing here touches stored submissions.
 */
import { matchCodeIn, type CodeSet } from '../../domain/cld/codes.js';
import { CLD_FIELDS, type CldFieldKey } from '../../domain/cld/fields.js';
import type { HeaderMapping } from '../../domain/cld/headers.js';
import type { CaseQueryable } from '../engine/case-store.js';
import { CODED_FIELDS, stateColumn, stateSql, valueColumn, valueSql } from './columns.js';
import { rejectionSql } from './rules.js';

export interface StageContext {
  laCode: string;
  reportingPeriodStart: string;
  reportingPeriodEnd: string;
  release: 1 | 2 | 'auto';
  caseInsensitive: boolean;
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const quoteText = (text: string): string => `'${text.replace(/'/g, "''")}'`;

export interface MalformedLine {
  line: number;
  error: string;
}

/** Reads the file into `cld_raw` (text columns) and lists lines that are not well-formed records. */
export async function readRaw(
  q: CaseQueryable,
  file: string,
  headers: readonly string[],
): Promise<MalformedLine[]> {
  for (const t of ['cld_raw', 'cld_reject_errors', 'cld_reject_scans'])
    await q.run(`DROP TABLE IF EXISTS ${t}`);
  const columns = headers.map((h, i) => `${quoteText(h || `column${i + 1}`)}: 'VARCHAR'`).join(', ');
  await q.run(
    `CREATE TEMP TABLE cld_raw AS SELECT * FROM read_csv(${quoteText(file)},
       header = true, auto_detect = false, columns = {${columns}}, delim = ',', quote = '"', escape = '"',
       ignore_errors = true, store_rejects = true,
       rejects_table = 'cld_reject_errors', rejects_scan = 'cld_reject_scans')`,
  );
  // The raw line is never read back: it may hold identifiers.
  const rows = await q.all<{ line: number; error: string }>(
    `SELECT CAST(line AS INTEGER) AS line, min(error_type) AS error FROM cld_reject_errors GROUP BY line ORDER BY line`,
  );
  return rows;
}

/**
 * `cld_lines`: the file line of each record read. Well-formed records keep file order, so the k-th of
 * them sits on line k + 2 plus the malformed lines before it.
 */
export async function numberLines(q: CaseQueryable, malformed: readonly MalformedLine[]): Promise<void> {
  await q.run('DROP TABLE IF EXISTS cld_malformed');
  await q.run('CREATE TEMP TABLE cld_malformed (line INTEGER, accepted_before INTEGER)');
  for (const [i, m] of malformed.entries()) {
    await q.run('INSERT INTO cld_malformed VALUES ($1, $2)', [m.line, m.line - 2 - i]);
  }
  await q.run('DROP TABLE IF EXISTS cld_lines');
  await q.run(
    malformed.length === 0
      ? 'CREATE TEMP TABLE cld_lines AS SELECT rowid AS rid, CAST(rowid + 2 AS INTEGER) AS line FROM cld_raw'
      : `CREATE TEMP TABLE cld_lines AS SELECT r.rowid AS rid,
           CAST(r.rowid + 2 + (SELECT count(*) FROM cld_malformed m WHERE m.accepted_before <= r.rowid) AS INTEGER) AS line
         FROM cld_raw r`,
  );
}

const codeSetOf = (key: CldFieldKey): CodeSet<string> => {
  const set = CLD_FIELDS.find((f) => f.key === key)?.codes;
  if (!set) throw new Error(`${key} has no code set`);
  return set;
};

/** `cld_code_map`: every distinct text of every coded column, matched once in the domain vocabulary. */
export async function mapCodes(
  q: CaseQueryable,
  mapping: HeaderMapping,
  context: StageContext,
): Promise<void> {
  await q.run('DROP TABLE IF EXISTS cld_code_map');
  await q.run('CREATE TEMP TABLE cld_code_map (field TEXT, raw TEXT, code TEXT, r1 BOOLEAN, r2 BOOLEAN)');
  const present = CODED_FIELDS.flatMap((f) => {
    const header = mapping.byField.get(f.key);
    return header === undefined ? [] : [{ key: f.key, header }];
  });
  if (present.length === 0) return;
  // One pass over the file for every coded column's distinct values.
  const [lists] = await q.all<Record<string, (string | null)[]>>(
    `SELECT ${present.map((p) => `list(DISTINCT nullif(trim(${quoteIdent(p.header)}), '')) AS ${quoteIdent(p.key)}`).join(', ')} FROM cld_raw`,
  );
  const rows = present.flatMap(({ key }) =>
    (lists?.[key] ?? [])
      .filter((raw): raw is string => raw !== null)
      .map((raw) => {
        const m = matchCodeIn(codeSetOf(key), raw, { caseInsensitive: context.caseInsensitive });
        return [key, raw, m?.code ?? null, m?.r1 ?? false, m?.r2 ?? false] as const;
      }),
  );
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200);
    const values = batch.map(
      (_, j) => `($${j * 5 + 1}, $${j * 5 + 2}, $${j * 5 + 3}, $${j * 5 + 4}, $${j * 5 + 5})`,
    );
    await q.run(`INSERT INTO cld_code_map VALUES ${values.join(', ')}`, batch.flat());
  }
}

/**
 * `cld_typed`: one row per record with its line, each field's text, value and state, the facts the
 * applicability rules read, and the reasons it cannot load (empty when it loads).
 */
export async function typeRows(
  q: CaseQueryable,
  mapping: HeaderMapping,
  context: StageContext,
  numbered: boolean,
): Promise<void> {
  const text = (key: CldFieldKey) => {
    const header = mapping.byField.get(key);
    return header === undefined ? 'CAST(NULL AS TEXT)' : `nullif(trim(r.${quoteIdent(header)}), '')`;
  };
  const rowHash = `hash(${[...mapping.byField.values()].map((h) => `r.${quoteIdent(h)}`).join(', ')})`;
  const line = numbered ? 'l.line' : 'CAST(r.rowid + 2 AS INTEGER)';
  const from = numbered ? 'cld_raw r JOIN cld_lines l ON l.rid = r.rowid' : 'cld_raw r';
  const joins = CODED_FIELDS.map(
    (f) =>
      `LEFT JOIN cld_code_map m_${f.key} ON m_${f.key}.field = '${f.key}' AND m_${f.key}.raw = ${text(f.key)}`,
  );
  const otherRelease =
    context.release === 'auto'
      ? '0'
      : CODED_FIELDS.map(
          (f) =>
            `CASE WHEN m_${f.key}.code IS NOT NULL AND NOT m_${f.key}.r${context.release} THEN 1 ELSE 0 END`,
        ).join(' + ');
  const sawRelease = (r: 1 | 2) =>
    CODED_FIELDS.map((f) => `coalesce(m_${f.key}.r${r} AND NOT m_${f.key}.r${r === 1 ? 2 : 1}, false)`).join(
      ' OR ',
    );
  await q.run('DROP VIEW IF EXISTS cld_checked');
  await q.run('DROP TABLE IF EXISTS cld_typed');
  // Exact repeats: every copy after the first of a whole-row hash is a duplicate.
  await q.run('DROP TABLE IF EXISTS cld_repeats');
  await q.run(
    `CREATE TEMP TABLE cld_repeats AS SELECT row_hash, min(line) AS first_line
     FROM (SELECT ${line} AS line, ${rowHash} AS row_hash FROM ${from}) GROUP BY row_hash HAVING count(*) > 1`,
  );
  // One pass: each field's value and state straight from the raw text; the text itself is read back
  // from cld_raw (by rid) only for the few invalid values the report quotes.
  await q.run(
    `CREATE TEMP TABLE cld_typed AS
     SELECT r.rowid AS rid, ${line} AS line,
       CASE WHEN rp.first_line < ${line} THEN 2 ELSE 1 END AS copy_number,
       ${CLD_FIELDS.map((f) => `${valueSql(f, text(f.key))} AS ${valueColumn(f.key)}`).join(',\n       ')},
       ${CLD_FIELDS.map((f) => `CAST(${stateSql(f, text(f.key))} AS TINYINT) AS ${stateColumn(f.key)}`).join(',\n       ')},
       ${otherRelease} AS wrong_release_count,
       (${sawRelease(1)}) AS saw_r1, (${sawRelease(2)}) AS saw_r2
     FROM ${from}
     LEFT JOIN cld_repeats rp ON rp.row_hash = ${rowHash}
     ${joins.join(' ')}`,
  );
  await q.run(
    `CREATE TEMP VIEW cld_checked AS SELECT *, list_filter(${rejectionSql(context)}, x -> x IS NOT NULL) AS reasons
     FROM cld_typed`,
  );
}

/** The submitted text of one field on the given rows, for quoting invalid values. */
export function rawTextSql(mapping: HeaderMapping, key: CldFieldKey): string {
  const header = mapping.byField.get(key);
  return header === undefined ? 'CAST(NULL AS TEXT)' : `trim(r.${quoteIdent(header)})`;
}

export async function dropStage(q: CaseQueryable): Promise<void> {
  await q.run('DROP VIEW IF EXISTS cld_checked');
  for (const t of [
    'cld_raw',
    'cld_reject_errors',
    'cld_reject_scans',
    'cld_malformed',
    'cld_lines',
    'cld_code_map',
    'cld_repeats',
    'cld_text',
    'cld_values',
    'cld_typed',
  ]) {
    await q.run(`DROP TABLE IF EXISTS ${t}`);
  }
}
