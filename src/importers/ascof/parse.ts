import { parse } from 'csv-parse/sync';
import { parsePeriod, type Period } from '../../domain/period.js';
import { parseFigure, type Suppression } from '../../domain/suppression.js';
import type { Rejection } from '../report.js';

/** The national ASCOF CSV columns, with every spelling seen in published files. */
const columns = {
  year: ['year', 'financial year'],
  orgName: ['geographical description', 'geography name', 'area name'],
  orgCode: ['ons code', 'geography code', 'area code'],
  measure: ['measure group', 'measure code', 'measure'],
  measureTitle: ['measure group description', 'measure description'],
  value: ['measure value', 'value'],
  level: ['geographical level', 'geography level'],
  disaggregation: ['disaggregation level', 'disaggregation'],
  measureType: ['measure type'],
} as const;
type Column = keyof typeof columns;
const required: Column[] = ['year', 'orgCode', 'measure', 'value', 'level', 'measureType'];

export type Level = 'Council' | 'Region' | 'Council Type' | 'England';
export type FigureKind = 'Outcome' | 'Numerator' | 'Denominator';

export interface AscofRow {
  row: number;
  period: Period;
  orgCode: string;
  orgName: string;
  level: Level;
  measureCode: string;
  disaggregation: string;
  kind: FigureKind;
  value: string | null;
  suppression: Suppression | null;
}

export interface ParsedFile {
  rows: AscofRow[];
  rowsRead: number;
  rejections: Rejection[];
  fileErrors: string[];
}

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');

function levelOf(raw: string): Level | undefined {
  const s = norm(raw);
  if (s === 'council' || s === 'local authority') return 'Council';
  if (s === 'region') return 'Region';
  if (s === 'council type') return 'Council Type';
  if (s === 'england' || s === 'national') return 'England';
  return undefined;
}

function kindOf(raw: string): FigureKind | undefined {
  const s = norm(raw);
  if (s === 'outcome') return 'Outcome';
  if (s === 'numerator') return 'Numerator';
  if (s === 'denominator') return 'Denominator';
  return undefined;
}

function mapHeader(header: string[]): { index: Record<Column, number>; missing: Column[] } {
  const at = header.map(norm);
  const index = {} as Record<Column, number>;
  const missing: Column[] = [];
  for (const [col, names] of Object.entries(columns) as [Column, readonly string[]][]) {
    index[col] = at.findIndex((h) => names.includes(h));
    if (index[col] < 0 && required.includes(col)) missing.push(col);
  }
  return { index, missing };
}

/** Reads the published layout into typed rows; every row is either returned or rejected with a reason. */
export function parseAscofCsv(text: string): ParsedFile {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (err) {
    return {
      rows: [],
      rowsRead: 0,
      rejections: [],
      fileErrors: [`The file is not valid CSV: ${(err as Error).message}`],
    };
  }
  const [header, ...body] = records;
  if (!header)
    return {
      rows: [],
      rowsRead: 0,
      rejections: [],
      fileErrors: ['The file is empty: it has no header row.'],
    };
  const { index, missing } = mapHeader(header);
  if (missing.length > 0) {
    const names = missing.map((c) => `"${columns[c][0]}"`).join(', ');
    return {
      rows: [],
      rowsRead: body.length,
      rejections: [],
      fileErrors: [`The header row is missing the column(s) ${names}. Found: ${header.join(', ')}.`],
    };
  }
  const rows: AscofRow[] = [];
  const rejections: Rejection[] = [];
  body.forEach((record, i) => {
    const row = i + 2;
    const result = readRow(record, header.length, index);
    if (typeof result === 'string') rejections.push({ row, reason: result });
    else rows.push({ ...result, row });
  });
  if (body.length === 0)
    return { rows, rowsRead: 0, rejections, fileErrors: ['The file has a header but no data rows.'] };
  return { rows, rowsRead: body.length, rejections, fileErrors: [] };
}

function readRow(
  record: string[],
  width: number,
  index: Record<Column, number>,
): Omit<AscofRow, 'row'> | string {
  if (record.length !== width) return `has ${record.length} fields where the header has ${width}`;
  const cell = (c: Column) => (index[c] >= 0 ? (record[index[c]] ?? '').trim() : '');
  const period = parsePeriod(cell('year'));
  if (!period || period.kind !== 'year') return `year "${cell('year')}" is not a financial year like 2017-18`;
  const level = levelOf(cell('level'));
  if (!level) return `geographical level "${cell('level')}" is not Council, Region, Council Type or England`;
  const kind = kindOf(cell('measureType'));
  if (!kind) return `measure type "${cell('measureType')}" is not Outcome, Numerator or Denominator`;
  const measureCode = cell('measure').toUpperCase();
  if (!measureCode) return 'the measure code is blank';
  const figure = parseFigure(cell('value'));
  if (figure.kind === 'blank')
    return 'the value is blank (a suppressed value should carry a marker such as [c])';
  if (figure.kind === 'invalid') return `the value "${figure.raw}" is not a number or a suppression marker`;
  return {
    period,
    orgCode: cell('orgCode'),
    orgName: cell('orgName'),
    level,
    measureCode,
    disaggregation: cell('disaggregation') || 'Total',
    kind,
    value: figure.kind === 'value' ? figure.value : null,
    suppression: figure.kind === 'suppressed' ? figure.suppression : null,
  };
}
