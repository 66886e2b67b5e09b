/**
 * Stage one CLD file in DuckDB temporary tables: read every record as text, number the rows as the
 * file does, map coded values through the domain vocabulary, type every field and work out which rows
 * cannot load and why. Nothing here touches stored submissions.
 */
import { matchCodeIn, type CodeSet } from '../../domain/cld/codes.js';
import { CLD_FIELDS, type CldField, type CldFieldKey } from '../../domain/cld/fields.js';
import type { HeaderMapping } from '../../domain/cld/headers.js';
import type { CaseQueryable } from '../engine/case-store.js';
import {
  CODED_FIELDS,
  presentColumn,
  readerOf,
  stateColumn,
  stateSql,
  textColumn,
  valueColumn,
  valueSql,
} from './columns.js';
import { codeLookup, type CodeEntries, type CodeEntry, type CodeLookup } from './lookup.js';
import { refusedSql, rejectionSql } from './rules.js';
import type { FileScan, RecordLines } from './scan.js';

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
  /** The file line the record starts on (as an editor numbers lines). */
  line: number;
  /** The line it ends on, when the record runs over several lines (an unclosed quote runs to the end). */
  lastLine?: number;
  error: string;
}

async function tableExists(q: CaseQueryable, name: string): Promise<boolean> {
  const [row] = await q.all<{ n: number }>(
    'SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = $1 AND temporary',
    [name],
  );
  return Number(row?.n ?? 0) > 0;
}

/**
 * DuckDB's column names: the header texts, except that a blank header gets a name and a repeated one
 * (DuckDB compares names without regard to case) a suffix, so that the first of two columns keeps the
 * name the header mapping uses for it.
 */
function columnNames(headers: readonly string[]): string[] {
  const seen = new Set<string>();
  return headers.map((h, i) => {
    let name = h || `column${i + 1}`;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${h || `column${i + 1}`} (${n})`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/**
 * Reads the file into `cld_raw` (text columns) and lists the records that are not well-formed, by the
 * line they start on. When blank lines, records over several lines or malformed records move records
 * off line k + 2 (the k-th record read), `cld_lines` gives each record's line. `scanning` is the Node
 * scan of the same file, which runs while DuckDB reads.
 */
export async function readRaw(
  q: CaseQueryable,
  file: string,
  headers: readonly string[],
  scanning: Promise<FileScan>,
): Promise<{ malformed: MalformedLine[]; scan: FileScan }> {
  for (const t of ['cld_raw', 'cld_reject_errors', 'cld_reject_scans', 'cld_lines', 'cld_line_breaks'])
    await q.run(`DROP TABLE IF EXISTS ${t}`);
  const columns = columnNames(headers)
    .map((h) => `${quoteText(h)}: 'VARCHAR'`)
    .join(', ');
  const [, scan] = await Promise.all([
    q.run(
      `CREATE TEMP TABLE cld_raw AS SELECT * FROM read_csv(${quoteText(file)},
       header = true, auto_detect = false, columns = {${columns}}, delim = ',', quote = '"', escape = '"',
       ignore_errors = true, store_rejects = true,
       rejects_table = 'cld_reject_errors', rejects_scan = 'cld_reject_scans')`,
    ),
    scanning,
  ]);
  // The raw line is never read back: it may hold identifiers.
  const rows = await q.all<{ line: number; error: string }>(
    `SELECT CAST(line AS INTEGER) AS line, min(error_type) AS error FROM cld_reject_errors GROUP BY line ORDER BY line`,
  );
  const [read] = await q.all<{ n: number }>('SELECT count(*) AS n FROM cld_raw');
  return { malformed: await placeRecords(q, scan.records, rows, Number(read?.n ?? 0)), scan };
}

/**
 * Matches DuckDB's records with the scan: the records it rejected are known by their logical line, the
 * rest are read in file order. If the two disagree (a file DuckDB splits differently), the lines DuckDB
 * gave are used as they are and records are taken to sit one to a line (`numberLines`).
 */
async function placeRecords(
  q: CaseQueryable,
  scan: RecordLines,
  rejected: readonly { line: number; error: string }[],
  read: number,
): Promise<MalformedLine[]> {
  const byLogical = new Map<number, number>();
  for (let i = 1; i < scan.count; i++) byLogical.set(scan.logical[i] as number, i);
  const bad = new Set<number>();
  const malformed: MalformedLine[] = [];
  for (const r of rejected) {
    const i = byLogical.get(r.line);
    if (i === undefined) return [...rejected];
    bad.add(i);
    const line = scan.physical[i] as number;
    const last = scan.lastPhysical[i] as number;
    malformed.push({ line, ...(last > line ? { lastLine: last } : {}), error: r.error });
  }
  if (scan.count - 1 - bad.size !== read) return [...rejected];
  // Accepted record k sits on line k + 2 + offset; the offset changes only where the file is irregular,
  // so it is kept as (first record, offset) pairs.
  const breaks: [number, number][] = [];
  let k = 0;
  for (let i = 1; i < scan.count; i++) {
    if (bad.has(i)) continue;
    const offset = (scan.physical[i] as number) - (k + 2);
    if (k === 0 || breaks[breaks.length - 1]?.[1] !== offset) breaks.push([k, offset]);
    k += 1;
  }
  if (breaks.some(([, offset]) => offset !== 0)) {
    await q.run('CREATE TEMP TABLE cld_line_breaks (first_rid BIGINT, line_offset INTEGER)');
    for (let i = 0; i < breaks.length; i += 500) {
      const batch = breaks.slice(i, i + 500);
      await q.run(
        `INSERT INTO cld_line_breaks VALUES ${batch.map((_, j) => `($${2 * j + 1}, $${2 * j + 2})`).join(', ')}`,
        batch.flat(),
      );
    }
    await q.run(
      `CREATE TEMP TABLE cld_lines AS SELECT r.rid, CAST(r.rid + 2 + b.line_offset AS INTEGER) AS line
       FROM (SELECT rowid AS rid FROM cld_raw) r ASOF JOIN cld_line_breaks b ON r.rid >= b.first_rid`,
    );
  }
  return malformed;
}

/**
 * `cld_lines`, when `readRaw` could not place the records itself: well-formed records keep file order,
 * so the k-th of them sits on line k + 2 plus the malformed lines before it.
 */
export async function numberLines(q: CaseQueryable, malformed: readonly MalformedLine[]): Promise<void> {
  if (await tableExists(q, 'cld_lines')) return;
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

/**
 * Every distinct text of every coded column, matched once in the domain vocabulary: returned for the
 * typing's lookups, and kept in `cld_code_map` for columns with too many texts for a list.
 */
export async function mapCodes(
  q: CaseQueryable,
  mapping: HeaderMapping,
  context: StageContext,
): Promise<CodeEntries> {
  await q.run('DROP TABLE IF EXISTS cld_code_map');
  await q.run(
    'CREATE TEMP TABLE cld_code_map (field TEXT, raw TEXT, code TEXT, r1 BOOLEAN, r2 BOOLEAN, sole_release UTINYINT)',
  );
  const present = CODED_FIELDS.flatMap((f) => {
    const header = mapping.byField.get(f.key);
    return header === undefined ? [] : [{ key: f.key, header }];
  });
  if (present.length === 0) return new Map();
  // One pass over the file for every coded column's distinct values, as sent: matching trims them, so
  // the typing joins on the untrimmed text and no cell is trimmed twice.
  const [lists] = await q.all<Record<string, (string | null)[]>>(
    `SELECT ${present.map((p) => `list(DISTINCT ${quoteIdent(p.header)}) AS ${quoteIdent(p.key)}`).join(', ')} FROM cld_raw`,
  );
  const rows = present.flatMap(({ key }) =>
    (lists?.[key] ?? [])
      .filter((raw): raw is string => raw !== null)
      .map((raw) => {
        const m = matchCodeIn(codeSetOf(key), raw, { caseInsensitive: context.caseInsensitive });
        const r1 = m?.r1 ?? false;
        const r2 = m?.r2 ?? false;
        // Which release alone spells the value this way (bit 1: release 1, bit 2: release 2).
        const only = r1 && !r2 ? 1 : r2 && !r1 ? 2 : 0;
        return [key, raw, m?.code ?? null, r1, r2, only] as const;
      }),
  );
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200);
    const values = batch.map((_, j) => `(${[1, 2, 3, 4, 5, 6].map((k) => `$${j * 6 + k}`).join(', ')})`);
    await q.run(`INSERT INTO cld_code_map VALUES ${values.join(', ')}`, batch.flat());
  }
  const entries = new Map<CldFieldKey, CodeEntry[]>();
  for (const [key, raw, code, r1, r2, soleRelease] of rows) {
    const list = entries.get(key) ?? [];
    list.push({ raw, code, r1, r2, soleRelease });
    entries.set(key, list);
  }
  return entries;
}

/**
 * `cld_typed`: one row per record with its line, each field's text, value and state, the facts the
 * applicability rules read, and the reasons it cannot load (empty when it loads).
 */
export async function typeRows(
  q: CaseQueryable,
  file: { headers: readonly string[]; mapping: HeaderMapping; scan: Pick<FileScan, 'paddedColumns'> },
  context: StageContext,
  codes: CodeEntries,
  numberedLines: boolean,
): Promise<void> {
  const { mapping } = file;
  const padded = paddedFields(file);
  // readRaw numbers irregular files itself, malformed lines or not.
  const numbered = numberedLines || (await tableExists(q, 'cld_lines'));
  const present = CLD_FIELDS.filter((f) => mapping.byField.has(f.key));
  const text = (key: CldFieldKey) =>
    mapping.byField.has(key) ? `r.${textColumn(key)}` : 'CAST(NULL AS TEXT)';
  const lookups = new Map(
    CODED_FIELDS.map((f) => {
      const header = mapping.byField.get(f.key);
      return [f.key, codeLookup(f.key, codes.get(f.key), header === undefined ? null : quoteIdent(header))];
    }),
  );
  const lookup = (key: CldFieldKey) => lookups.get(key) as CodeLookup;
  const value = (f: CldField) => (readerOf(f) === 'code' ? lookup(f.key).code : valueSql(f, text(f.key)));
  // Each cell is trimmed once, and the whole-row hash taken once, in a subquery the typing reads.
  const trimmed = `(SELECT rowid AS rid,
       hash(${[...mapping.byField.values()].map((h) => quoteIdent(h)).join(', ')}) AS row_hash,
       ${present.map((f) => `nullif(${trimSql(quoteIdent(mapping.byField.get(f.key) ?? ''), padded.has(f.key))}, '') AS ${textColumn(f.key)}`).join(',\n       ')},
       ${[...lookups.values()]
         .flatMap((l) => (l.position ? [`${l.position.sql} AS ${l.position.column}`] : []))
         .join(', ')}
     FROM cld_raw)`;
  const rowHash = 'r.row_hash';
  const line = numbered ? 'l.line' : 'CAST(r.rid + 2 AS INTEGER)';
  const from = numbered ? `${trimmed} r JOIN cld_lines l ON l.rid = r.rid` : `${trimmed} r`;
  const joins = [...lookups.values()].flatMap((l) => (l.join ? [l.join] : []));
  const { release } = context;
  const otherRelease =
    release === 'auto' ? '0' : CODED_FIELDS.map((f) => lookup(f.key).otherRelease(release)).join(' + ');
  // Bit 1: some value is spelt as release 1 alone has it; bit 2: as release 2 alone.
  const releaseBits = CODED_FIELDS.map((f) => lookup(f.key).releaseBits).join(' | ');
  const presence = CLD_FIELDS.filter((f) => readerOf(f) !== 'text').map((f) => presentColumn(f.key));
  await q.run('DROP VIEW IF EXISTS cld_checked');
  await q.run('DROP TABLE IF EXISTS cld_typed');
  // One pass: each field's value, then its state, then whether the row breaks a rule of its own; the
  // text itself is read back from cld_raw (by rid) only for the few invalid values the report quotes.
  // Rows carry their rid and line, so their order in the table does not matter, and keeping it would
  // hold the insert to one thread near DuckDB's memory limit.
  await q.run('SET preserve_insertion_order = false');
  await q.run(
    `CREATE TEMP TABLE cld_typed AS
     SELECT *, ${refusedSql(context)} AS refused FROM (
       SELECT * EXCLUDE (${presence.join(', ')}),
         ${CLD_FIELDS.map((f) => `CAST(${stateSql(f)} AS TINYINT) AS ${stateColumn(f.key)}`).join(', ')}
       FROM (
         SELECT r.rid, ${line} AS line, ${rowHash} AS row_hash, CAST(1 AS TINYINT) AS copy_number,
           ${CLD_FIELDS.map((f) => `${value(f)} AS ${valueColumn(f.key)}`).join(',\n           ')},
           ${CLD_FIELDS.filter((f) => readerOf(f) !== 'text')
             .map((f) => `${text(f.key)} IS NOT NULL AS ${presentColumn(f.key)}`)
             .join(', ')},
           ${otherRelease} AS wrong_release_count,
           CAST(${releaseBits} AS UTINYINT) AS release_bits
         FROM ${from}
         ${joins.join(' ')}) valued) stated`,
  );
  await q.run('RESET preserve_insertion_order');
  // Exact repeats: every copy after the first of a whole-row hash is a duplicate (few rows change).
  await q.run(
    `UPDATE cld_typed SET copy_number = 2 FROM (
       SELECT row_hash, min(line) AS first_line FROM cld_typed GROUP BY row_hash HAVING count(*) > 1) d
     WHERE cld_typed.row_hash = d.row_hash AND cld_typed.line > d.first_line`,
  );
  // The reasons are spelt out only for the rows that cannot load.
  await q.run(
    `CREATE TEMP VIEW cld_checked AS SELECT *, refused OR copy_number > 1 AS rejected,
       CASE WHEN refused OR copy_number > 1 THEN ${rejectionSql(context)} ELSE CAST([] AS VARCHAR[]) END AS reasons
     FROM cld_typed`,
  );
}

/**
 * The fields whose column may hold a cell with white space at an edge (the file scan found one): only
 * these are trimmed, as the rest would come out of trimming unchanged.
 */
function paddedFields(file: {
  headers: readonly string[];
  mapping: HeaderMapping;
  scan: Pick<FileScan, 'paddedColumns'>;
}): Set<CldFieldKey> {
  const { paddedColumns } = file.scan;
  const keys = [...file.mapping.byField].flatMap(([key, header]) => {
    const column = file.headers.indexOf(header);
    return paddedColumns === 'all' || column === -1 || paddedColumns.has(column) ? [key] : [];
  });
  return new Set(keys);
}

const trimSql = (column: string, padded: boolean) => (padded ? `cld_trim(${column})` : column);

/** The submitted text of one field on the given rows, for quoting invalid values. */
export function rawTextSql(mapping: HeaderMapping, key: CldFieldKey): string {
  const header = mapping.byField.get(key);
  return header === undefined ? 'CAST(NULL AS TEXT)' : `cld_trim(r.${quoteIdent(header)})`;
}

export async function dropStage(q: CaseQueryable): Promise<void> {
  await q.run('DROP VIEW IF EXISTS cld_checked');
  for (const t of [
    'cld_raw',
    'cld_reject_errors',
    'cld_reject_scans',
    'cld_malformed',
    'cld_lines',
    'cld_line_breaks',
    'cld_code_map',
    'cld_pseudonyms',
    'cld_repeats',
    'cld_text',
    'cld_values',
    'cld_typed',
  ]) {
    await q.run(`DROP TABLE IF EXISTS ${t}`);
  }
}
