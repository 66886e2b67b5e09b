/**
 * Reads an upload of local values, CSV or Excel, into rows of named cells. Row numbers are those a person
 * sees: the spreadsheet's own row number, or the CSV line counting the header as line 1. Column headings
 * are matched loosely ("Measure id", "measure", "Code"); columns we do not use (a measure title) are ignored.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { decodeText } from '../decode.js';

export type CellValue = string | number | Date | null;

export interface SheetRow {
  row: number;
  cells: Partial<Record<ValueColumn, CellValue>>;
}

export interface Sheet {
  rows: SheetRow[];
  fileErrors: string[];
}

export const valueColumns = {
  measure: ['measure', 'measure id', 'measure code', 'code', 'id'],
  period: ['period', 'month', 'quarter', 'year'],
  value: ['value', 'figure'],
  numerator: ['numerator'],
  denominator: ['denominator'],
  note: ['note', 'notes', 'comment'],
} as const;
export type ValueColumn = keyof typeof valueColumns;

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');

/** Which column each heading is, by position; file errors when a needed one is missing. */
function mapHeadings(headings: string[]): { columns: (ValueColumn | undefined)[]; errors: string[] } {
  const columns = headings.map((h) => {
    const n = norm(h);
    return (Object.keys(valueColumns) as ValueColumn[]).find((c) =>
      (valueColumns[c] as readonly string[]).includes(n),
    );
  });
  const missing = (['measure', 'period', 'value'] as const).filter((c) => !columns.includes(c));
  const errors = missing.length
    ? [
        `The heading row must name the columns ${missing.map((m) => `"${m[0]!.toUpperCase()}${m.slice(1)}"`).join(', ')}; found: ${headings.filter(Boolean).join(', ') || 'none'}. Download the template for the layout.`,
      ]
    : [];
  return { columns, errors };
}

const isBlank = (v: CellValue | undefined) => v === null || v === undefined || String(v).trim() === '';

function toRows(table: CellValue[][], rowNumbers: number[]): Sheet {
  const [head, ...body] = table;
  if (!head) return { rows: [], fileErrors: ['The file is empty.'] };
  const { columns, errors } = mapHeadings(head.map((h) => String(h ?? '')));
  if (errors.length) return { rows: [], fileErrors: errors };
  const rows: SheetRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every(isBlank)) return;
    const row: SheetRow = { row: rowNumbers[i + 1]!, cells: {} };
    columns.forEach((c, j) => {
      if (c && row.cells[c] === undefined) row.cells[c] = cells[j] ?? null;
    });
    rows.push(row);
  });
  return { rows, fileErrors: [] };
}

export function readCsvSheet(bytes: Uint8Array): Sheet {
  const { text } = decodeText(bytes);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: false }) as never;
  } catch (err) {
    return { rows: [], fileErrors: [`The file is not readable CSV: ${(err as Error).message}`] };
  }
  // info.lines is the line a record ends on; the header is line 1.
  return toRows(
    records.map((r) => r.record),
    records.map((r) => r.info.lines),
  );
}

/** A cell as a plain value: formulas give their result, rich text its text, percent-formatted numbers × 100. */
function cellValue(cell: ExcelJS.Cell): CellValue {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return cell.numFmt?.includes('%') ? Math.round(v * 100 * 1e9) / 1e9 : v;
  if (typeof v === 'string' || v instanceof Date) return v;
  if (typeof v === 'boolean') return String(v);
  if ('result' in v) {
    const r = v.result;
    if (typeof r === 'number') return cell.numFmt?.includes('%') ? Math.round(r * 100 * 1e9) / 1e9 : r;
    return r instanceof Date ? r : r === undefined || r === null ? null : String(r);
  }
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v) return String(v.text);
  if ('error' in v) return String(v.error);
  return String(cell.text ?? '');
}

export async function readXlsxSheet(bytes: Uint8Array): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (err) {
    return { rows: [], fileErrors: [`The file is not a readable Excel workbook: ${(err as Error).message}`] };
  }
  const sheet = workbook.getWorksheet('Values') ?? workbook.worksheets[0];
  if (!sheet) return { rows: [], fileErrors: ['The workbook has no worksheet.'] };
  const table: CellValue[][] = [];
  const numbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) cells.push(cellValue(row.getCell(c)));
    table.push(cells);
    numbers.push(rowNumber);
  });
  return toRows(table, numbers);
}

const isZip = (b: Uint8Array) =>
  b.length > 3 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** CSV or Excel, told apart by the bytes (an .xlsx file is a zip) rather than the name alone. */
export async function readSheet(fileName: string, bytes: Uint8Array): Promise<Sheet> {
  if (bytes.length === 0) return { rows: [], fileErrors: ['The file is empty.'] };
  if (isZip(bytes)) return readXlsxSheet(bytes);
  if (/\.xls$/i.test(fileName))
    return { rows: [], fileErrors: ['Old Excel files (.xls) are not read: save the file as .xlsx or .csv.'] };
  return readCsvSheet(bytes);
}
