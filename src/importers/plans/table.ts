/**
 * Reads a spreadsheet the way councils keep registers and action plans: CSV (any of the encodings
 * national files come in) or Excel (.xlsx, the first sheet with a recognisable header). Rows keep the
 * line or sheet row they start on, so every rejection can name it. Title rows above the header
 * (as in a committee appendix) are skipped.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { decodeText } from '../decode.js';

export interface TableRow {
  /** 1-based line (CSV) or sheet row (Excel) the row starts on. */
  line: number;
  cells: string[];
}

export interface Table {
  header: string[];
  rows: TableRow[];
  /** Which sheet was read, for Excel files. */
  sheet?: string;
  encoding?: string;
  notes: string[];
  fileErrors: string[];
}

/** A header spelling of a column: exact names, or a prefix for long headers that vary at the end. */
export interface ColumnSpec {
  names: readonly string[];
  prefixes?: readonly string[];
}

export const normHeader = (s: string): string =>
  s
    .toLowerCase()
    .replace(/×/g, 'x')
    .replace(/[\s_]+/g, ' ')
    .replace(/[:*]+$/g, '')
    .trim();

/** Where each column sits in a header row (-1 when absent). */
export function mapColumns<K extends string>(
  header: readonly string[],
  spec: Record<K, ColumnSpec>,
): Record<K, number> {
  const at = header.map(normHeader);
  const used = new Set<number>();
  const out = {} as Record<K, number>;
  // Exact names first, so a short exact header is not taken by another column's prefix.
  for (const [key, s] of Object.entries(spec) as [K, ColumnSpec][]) {
    const i = at.findIndex((h, idx) => !used.has(idx) && s.names.includes(h));
    out[key] = i;
    if (i >= 0) used.add(i);
  }
  for (const [key, s] of Object.entries(spec) as [K, ColumnSpec][]) {
    if (out[key] >= 0 || !s.prefixes) continue;
    const i = at.findIndex((h, idx) => !used.has(idx) && s.prefixes!.some((p) => h.startsWith(p)));
    out[key] = i;
    if (i >= 0) used.add(i);
  }
  return out;
}

const isXlsx = (fileName: string, bytes: Uint8Array) =>
  /\.xlsx$/i.test(fileName) ||
  (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04);

/** Reads the file and finds the header: the first of the top rows where `isHeader` holds. */
export async function readTable(
  fileName: string,
  bytes: Uint8Array,
  isHeader: (cells: string[]) => boolean,
): Promise<Table> {
  if (bytes.length === 0) return { header: [], rows: [], notes: [], fileErrors: ['The file is empty.'] };
  if (/\.xls$/i.test(fileName))
    return {
      header: [],
      rows: [],
      notes: [],
      fileErrors: [
        'Old-style .xls workbooks cannot be read: save the sheet as .xlsx or CSV and import that.',
      ],
    };
  const sheets = isXlsx(fileName, bytes) ? await readWorkbook(bytes) : [readCsv(bytes)];
  if ('error' in sheets[0]!) return { header: [], rows: [], notes: [], fileErrors: [sheets[0].error] };
  for (const sheet of sheets) {
    if ('error' in sheet) continue;
    const at = sheet.rows.slice(0, 15).findIndex((r) => isHeader(r.cells));
    if (at < 0) continue;
    return {
      header: sheet.rows[at]!.cells,
      rows: sheet.rows.slice(at + 1).filter((r) => r.cells.some((c) => c.trim() !== '')),
      ...(sheet.name ? { sheet: sheet.name } : {}),
      ...(sheet.encoding ? { encoding: sheet.encoding } : {}),
      notes: sheet.notes,
      fileErrors: [],
    };
  }
  return { header: [], rows: [], notes: [], fileErrors: [] };
}

interface Sheet {
  name?: string;
  encoding?: string;
  rows: TableRow[];
  notes: string[];
}

function readCsv(bytes: Uint8Array): Sheet | { error: string } {
  const decoded = decodeText(bytes);
  const notes: string[] = [];
  if (decoded.encoding !== 'utf-8') notes.push('The file was read as Windows-1252 (it is not valid UTF-8).');
  if (decoded.repairedCharacters > 0)
    notes.push(`${decoded.repairedCharacters} mis-encoded Windows-1252 characters were repaired.`);
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parse(decoded.text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as typeof records;
  } catch (err) {
    return { error: `The file is not a readable CSV: ${(err as Error).message}` };
  }
  let prevEnd = 0;
  let prevEmpty = 0;
  const rows = records.map(({ record, info }) => {
    const line = prevEnd + 1 + (info.empty_lines - prevEmpty);
    prevEnd = info.lines;
    prevEmpty = info.empty_lines;
    return { line, cells: record };
  });
  return { encoding: decoded.encoding, rows, notes };
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  const fmt = cell.numFmt ?? '';
  const plain = (x: unknown): string => {
    if (x === null || x === undefined) return '';
    if (x instanceof Date) return x.toISOString().slice(0, 10);
    if (typeof x === 'number') return fmt.includes('%') ? `${Number((x * 100).toFixed(6))}%` : String(x);
    if (typeof x === 'string' || typeof x === 'boolean') return String(x);
    if (typeof x === 'object') {
      const o = x as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
      if (o.richText) return o.richText.map((r) => r.text).join('');
      if ('result' in o) return plain(o.result);
      if (o.text !== undefined) return plain(o.text);
      if (o.error) return '';
    }
    return String(x);
  };
  return plain(v);
}

async function readWorkbook(bytes: Uint8Array): Promise<(Sheet | { error: string })[]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof book.xlsx.load>[0]);
  } catch (err) {
    return [{ error: `The file is not a readable Excel workbook: ${(err as Error).message}` }];
  }
  const sheets: Sheet[] = [];
  book.eachSheet((ws) => {
    const rows: TableRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c)));
      rows.push({ line: rowNumber, cells });
    });
    sheets.push({ name: ws.name, rows, notes: [] });
  });
  return sheets.length ? sheets : [{ error: 'The workbook has no sheets.' }];
}
