/**
 * Every table of a report as CSV or Excel, with the same figures as the page, PDF and Word (the cells'
 * text, exactly) and the same provenance. In Excel, figures that are plain numbers or percentages become
 * numbers with a matching format, so they can be summed, while showing as they do in the report.
 */
import ExcelJS from 'exceljs';
import { cellText, provenanceLines, type Block, type ReportDocument, type Tone } from '../document.js';

type TableBlock = Extract<Block, { kind: 'table' }>;

const tables = (doc: ReportDocument): TableBlock[] =>
  doc.blocks.filter((b): b is TableBlock => b.kind === 'table');

const csvCell = (v: string) => (/[",\r\n]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** One CSV: each table under its caption, a blank line between, then where the figures came from. */
export function renderCsv(doc: ReportDocument): string {
  const lines: string[][] = [[doc.title], ...(doc.subtitle ? [[doc.subtitle]] : []), []];
  for (const t of tables(doc)) {
    lines.push([t.caption], t.head, ...t.rows.map((r) => r.map(cellText)), []);
  }
  lines.push(['About this document'], ...provenanceLines(doc.provenance).map((l) => [l]));
  // A formula-looking cell is quoted so spreadsheet programs read it as text (CSV injection).
  return lines.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const NUMBER = /^-?£?[\d,]+(\.\d+)?$/;
const PERCENT = /^-?[\d,]+(\.\d+)?%$/;

/** A cell's text as an Excel value and number format. */
function excelValue(text: string): { value: string | number; numFmt?: string } {
  const decimals = (s: string) => /\.(\d+)/.exec(s)?.[1]?.length ?? 0;
  const fmt = (d: number) => (d ? `.${'0'.repeat(d)}` : '');
  if (PERCENT.test(text)) {
    const n = Number(text.replace(/[,%]/g, ''));
    return { value: n / 100, numFmt: `0${fmt(decimals(text))}%` };
  }
  if (NUMBER.test(text)) {
    const n = Number(text.replace(/[,£]/g, ''));
    return { value: n, numFmt: `${text.includes('£') ? '£' : ''}#,##0${fmt(decimals(text))}` };
  }
  return { value: text };
}

const fills: Record<Tone, string> = {
  green: 'FFCCE2D8',
  amber: 'FFFFF7BF',
  red: 'FFF6D7D2',
  grey: 'FFE5E6E7',
  blue: 'FFD2E2F1',
  orange: 'FFFCD6C3',
  purple: 'FFDBD5E9',
};

function sheetName(name: string, used: Set<string>): string {
  const base =
    name
      .replace(/[\\/?*[\]:]/g, ' ')
      .slice(0, 28)
      .trim() || 'Table';
  let candidate = base;
  for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 25)} ${i}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

/** One sheet per table (caption above the headings) and an "About" sheet with the title and provenance. */
export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Ascent';
  wb.title = doc.title;
  const used = new Set<string>(['about']);
  for (const t of tables(doc)) {
    const ws = wb.addWorksheet(sheetName(t.exportName ?? t.caption, used));
    ws.addRow([t.caption]).font = { bold: true };
    const head = ws.addRow(t.head);
    head.font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 2 }];
    for (const r of t.rows) {
      const row = ws.addRow(r.map(() => null));
      r.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        const { value, numFmt } = excelValue(cellText(c));
        cell.value = value;
        if (numFmt) cell.numFmt = numFmt;
        if (typeof c !== 'string' && c.tone)
          cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fills[c.tone] } };
      });
    }
    t.head.forEach((h, i) => {
      const widest = Math.max(h.length, ...t.rows.map((r) => cellText(r[i] ?? '').length));
      ws.getColumn(i + 1).width = Math.min(60, Math.max(10, widest + 2));
    });
  }
  const about = wb.addWorksheet('About');
  about.addRow([doc.title]).font = { bold: true };
  if (doc.subtitle) about.addRow([doc.subtitle]);
  about.addRow([]);
  for (const line of provenanceLines(doc.provenance)) about.addRow([line]);
  about.getColumn(1).width = 120;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
