/**
 * Turns the rows of a local-values upload into entries, or rejections that name the row and say what to
 * change. Pure: the measures, their rules, the published values and today's date are passed in.
 */
import { financialYearStart, formatValue, type CatalogueMeasure } from '../../domain/measure.js';
import { parsePeriod, previousPeriod, type Period, type PeriodKind } from '../../domain/period.js';
import { checkValue, type PreviousValue, type ValueRules } from '../../domain/values/rules.js';
import type { Rejection } from '../report.js';
import type { CellValue, Sheet, SheetRow, ValueColumn } from './sheet.js';

export type ValueMeasure = Pick<
  CatalogueMeasure,
  | 'id'
  | 'code'
  | 'title'
  | 'unit'
  | 'decimals'
  | 'scale'
  | 'frequency'
  | 'multiplier'
  | 'validFrom'
  | 'validTo'
>;

export interface ValueEntry {
  row: number;
  measureId: string;
  period: Period;
  value: number;
  numerator: number | null;
  denominator: number | null;
  note: string;
  warnings: string[];
}

export interface RowContext {
  /** The measures values may be entered for. */
  measures: readonly ValueMeasure[];
  rules: ReadonlyMap<string, ValueRules>;
  /** The current published value of a measure for a period, if any. */
  published: (measureId: string, period: string) => number | undefined;
  /** ISO date: periods that have not ended by today are refused. */
  today: string;
}

export interface ValidatedRows {
  entries: ValueEntry[];
  rejections: RowRejection[];
  /** Rows naming a measure and period but no value (template rows left blank). */
  skipped: number;
}

/** The period kinds a measure's frequency takes. */
const kindsFor: Record<ValueMeasure['frequency'], PeriodKind[]> = {
  monthly: ['month', 'rolling-12'],
  quarterly: ['quarter'],
  annual: ['year'],
  biennial: ['year'],
};
const example: Record<PeriodKind, string> = {
  month: 'a month such as 2025-03',
  'rolling-12': "12 months to a month, such as '12 months to 2025-03'",
  quarter: "a quarter such as 'Q4 2024-25'",
  year: 'a financial year such as 2024-25',
};

const text = (v: CellValue | undefined): string =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();

/** A number as people type it: '73.8%', '1,234', '£1,200.50', ' 12 '. */
export function parseNumber(v: CellValue | undefined): number | null | 'invalid' {
  if (typeof v === 'number') return Number.isFinite(v) ? v : 'invalid';
  const s = text(v).replace(/[,£%\s]/g, '');
  if (s === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return 'invalid';
  return Number(s);
}

/** A period from a cell: a label, or a date (an Excel cell typed as a date) read as its month. */
function periodOf(v: CellValue | undefined): Period | undefined {
  if (v instanceof Date) return parsePeriod(v.toISOString().slice(0, 7));
  return parsePeriod(text(v));
}

function findMeasure(measures: readonly ValueMeasure[], key: string): ValueMeasure | undefined {
  const k = key.toLowerCase();
  return measures.find((m) => m.id.toLowerCase() === k) ?? measures.find((m) => m.code.toLowerCase() === k);
}

function inValidity(m: ValueMeasure, p: Period): boolean {
  const fy = Number(p.start.slice(0, 4)) - (Number(p.start.slice(5, 7)) < 4 ? 1 : 0);
  const from = financialYearStart(m.validFrom) ?? -Infinity;
  const to = m.validTo ? (financialYearStart(m.validTo) ?? Infinity) : Infinity;
  return fy >= from && fy <= to;
}

type Checked = { entry: ValueEntry; measure: ValueMeasure } | { reason: string; field: ValueColumn } | 'skip';

/** A rejected row, with the column to correct (a form shows the message beside that field). */
export type RowRejection = Rejection & { field: ValueColumn };

function checkRow(r: SheetRow, ctx: RowContext): Checked {
  const key = text(r.cells.measure);
  const periodText = text(r.cells.period);
  const value = parseNumber(r.cells.value);
  const numerator = parseNumber(r.cells.numerator);
  const denominator = parseNumber(r.cells.denominator);
  if (!key) return { field: 'measure', reason: 'the measure is missing: give a local measure id or code' };
  const measure = findMeasure(ctx.measures, key);
  if (!measure)
    return {
      field: 'measure',
      reason: `unknown measure "${key}": give the id or code of one of the council's local measures (the template lists them)`,
    };
  if (!periodText) return { field: 'period', reason: `the period is missing for ${measure.id}` };
  const period = periodOf(r.cells.period);
  if (!period)
    return {
      field: 'period',
      reason: `"${periodText}" is not a period: give a month (2025-03), a quarter (Q4 2024-25) or a financial year (2024-25)`,
    };
  const kinds = kindsFor[measure.frequency];
  if (!kinds.includes(period.kind))
    return {
      field: 'period',
      reason: `${measure.id} is reported ${measure.frequency}: give ${kinds.map((k) => example[k]).join(' or ')}, not "${period.label}"`,
    };
  if (!inValidity(measure, period))
    return {
      field: 'period',
      reason: `${measure.id} is defined from ${measure.validFrom}${measure.validTo ? ` to ${measure.validTo}` : ''}, so has no value for ${period.label}`,
    };
  if (period.end >= ctx.today)
    return {
      field: 'period',
      reason: `${period.label} has not ended yet (today is ${ctx.today}), so it cannot have a value`,
    };
  for (const [name, v] of [
    ['value', value],
    ['numerator', numerator],
    ['denominator', denominator],
  ] as const) {
    if (v === 'invalid')
      return {
        field: name,
        reason: `the ${name} "${text(r.cells[name])}" is not a number (write it as 73.8 or 1234)`,
      };
  }
  const num = numerator as number | null;
  const den = denominator as number | null;
  if ((num === null) !== (den === null))
    return { field: 'numerator', reason: 'give both the numerator and the denominator, or neither' };
  if (den !== null && den <= 0)
    return { field: 'denominator', reason: `the denominator must be above zero, not ${den}` };
  let v = value as number | null;
  const computed = num !== null && den !== null ? (num / den) * measure.multiplier : null;
  if (v === null && computed === null) return 'skip';
  if (v === null) v = Number(computed!.toFixed(measure.decimals));
  else if (computed !== null && Math.abs(v - computed) > 0.5 * 10 ** -measure.decimals + 1e-9)
    return {
      field: 'value',
      reason: `the value ${formatValue(measure, v)} does not match the numerator and denominator, which give ${formatValue(measure, computed)}`,
    };
  return {
    measure,
    entry: {
      row: r.row,
      measureId: measure.id,
      period,
      value: v,
      numerator: num,
      denominator: den,
      note: text(r.cells.note).slice(0, 2000),
      warnings: [],
    },
  };
}

export function validateRows(sheet: Sheet, ctx: RowContext): ValidatedRows {
  const entries: ValueEntry[] = [];
  const rejections: RowRejection[] = [];
  const measuresOf = new Map<ValueEntry, ValueMeasure>();
  const firstRow = new Map<string, number>();
  let skipped = 0;
  for (const r of sheet.rows) {
    const checked = checkRow(r, ctx);
    if (checked === 'skip') {
      skipped++;
      continue;
    }
    if ('reason' in checked) {
      rejections.push({ row: r.row, reason: checked.reason, field: checked.field });
      continue;
    }
    const key = `${checked.entry.measureId}|${checked.entry.period.label}`;
    const first = firstRow.get(key);
    if (first !== undefined) {
      rejections.push({
        row: r.row,
        field: 'period',
        reason: `${checked.entry.measureId} for ${checked.entry.period.label} is given twice (first on row ${first})`,
      });
      continue;
    }
    firstRow.set(key, r.row);
    entries.push(checked.entry);
    measuresOf.set(checked.entry, checked.measure);
  }
  // Rules that compare with the previous period see this file's own rows as well as published values.
  const inFile = new Map(entries.map((e) => [`${e.measureId}|${e.period.label}`, e.value]));
  const kept: ValueEntry[] = [];
  for (const e of entries) {
    const measure = measuresOf.get(e)!;
    const prior = previousPeriod(e.period).label;
    const own = inFile.get(`${e.measureId}|${prior}`);
    const published = ctx.published(e.measureId, prior);
    const previous: PreviousValue | undefined =
      own !== undefined
        ? { period: prior, value: own, source: 'this file' }
        : published !== undefined
          ? { period: prior, value: published, source: 'published' }
          : undefined;
    const issues = checkValue(e.value, measure, ctx.rules.get(e.measureId), previous);
    const blocking = issues.filter((i) => i.action === 'block');
    if (blocking.length) {
      rejections.push({
        row: e.row,
        field: 'value',
        reason: `${e.measureId} ${e.period.label}: ${blocking.map((i) => i.message).join('; ')}`,
      });
      continue;
    }
    e.warnings = issues.map((i) => i.message);
    kept.push(e);
  }
  rejections.sort((a, b) => a.row - b.row);
  return { entries: kept, rejections, skipped };
}
