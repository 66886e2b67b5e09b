/**
 * The upload template for a set of local measures: one row per measure for the latest period that has
 * ended, ready for the values; in Excel, a second sheet lists each measure's unit, frequency and rules.
 * The headings are exactly those the upload reads back.
 */
import ExcelJS from 'exceljs';
import {
  financialYearOf,
  month,
  previousPeriod,
  quarter,
  rollingYear,
  type Period,
} from '../../domain/period.js';
import { describeRules, type ValueRules } from '../../domain/values/rules.js';
import type { CatalogueMeasure } from '../../domain/measure.js';

export const templateHeadings = ['Measure', 'Title', 'Period', 'Value', 'Numerator', 'Denominator', 'Note'];

export type TemplateMeasure = Pick<
  CatalogueMeasure,
  'id' | 'code' | 'title' | 'unit' | 'decimals' | 'frequency' | 'polarity' | 'scale'
> & { rules?: ValueRules | undefined };

/** The latest period of the measure's frequency that ended before `today` (ISO date). */
export function latestEndedPeriod(frequency: CatalogueMeasure['frequency'], today: string): Period {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const thisMonth = month(y, m);
  if (frequency === 'monthly') return previousPeriod(thisMonth);
  const fy = financialYearOf(today);
  if (frequency === 'quarterly') {
    const fyStart = Number(fy.start.slice(0, 4));
    const q = (Math.floor(((m + 8) % 12) / 3) + 1) as 1 | 2 | 3 | 4;
    return previousPeriod(quarter(fyStart, q));
  }
  return previousPeriod(fy);
}

function rowsFor(measures: readonly TemplateMeasure[], today: string): string[][] {
  return measures.map((m) => [m.id, m.title, latestEndedPeriod(m.frequency, today).label, '', '', '', '']);
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function csvTemplate(measures: readonly TemplateMeasure[], today: string): string {
  return (
    [templateHeadings, ...rowsFor(measures, today)].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
  );
}

export async function xlsxTemplate(
  measures: readonly TemplateMeasure[],
  today: string,
  title: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Ascent';
  wb.title = title;
  const values = wb.addWorksheet('Values', { views: [{ state: 'frozen', ySplit: 1 }] });
  values.columns = templateHeadings.map((h, i) => ({
    header: h,
    key: h.toLowerCase(),
    width: [28, 48, 22, 12, 12, 12, 40][i],
  }));
  values.getRow(1).font = { bold: true };
  for (const r of rowsFor(measures, today)) values.addRow(r);
  // Periods are labels, not dates: keep Excel from turning '2025-03' into a date.
  values.getColumn(3).numFmt = '@';
  const guide = wb.addWorksheet('Measures');
  guide.columns = [
    { header: 'Id', width: 28 },
    { header: 'Code', width: 10 },
    { header: 'Title', width: 48 },
    { header: 'Unit', width: 14 },
    { header: 'Decimals', width: 10 },
    { header: 'Frequency', width: 12 },
    { header: 'Periods', width: 30 },
    { header: 'Rules', width: 60 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const m of measures) {
    const periods =
      m.frequency === 'monthly'
        ? `months, e.g. ${latestEndedPeriod('monthly', today).label}; or '${rollingYear(2025, 3).label}'`
        : m.frequency === 'quarterly'
          ? `quarters, e.g. ${latestEndedPeriod('quarterly', today).label}`
          : `financial years, e.g. ${latestEndedPeriod('annual', today).label}`;
    guide.addRow([
      m.id,
      m.code,
      m.title,
      m.unit === 'percent' ? 'percent (write 73.8 for 73.8%)' : m.unit,
      m.decimals,
      m.frequency,
      periods,
      describeRules(m.rules, m).join(' ') || 'none beyond the unit',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
