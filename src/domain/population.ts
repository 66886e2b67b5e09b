/**
 * Resident population as rate measures use it: the ONS mid-year estimate for a council, summed into the
 * age bands of the ASCOF denominators. Pure: no I/O.
 */
import { parsePeriod } from './period.js';

export const ageBands = ['18-64', '65+', '18+'] as const;
export type AgeBand = (typeof ageBands)[number];

/** ONS estimates describe the population on 30 June of the mid-year. */
export function midYearDate(year: number): string {
  return `${String(year).padStart(4, '0')}-06-30`;
}

/**
 * The mid-year whose estimate is the denominator for a financial year: the year the financial year starts
 * in (2023-24 uses mid-2023). 30 June falls inside that financial year, so the estimate describes the
 * population part-way through the year the activity is counted in.
 */
export function populationYearFor(financialYear: string): number {
  const period = parsePeriod(financialYear);
  if (!period || period.kind !== 'year')
    throw new RangeError(`"${financialYear}" is not a financial year like 2023-24`);
  return Number(period.start.slice(0, 4));
}

/**
 * Sums single-year counts into the bands. The oldest age in the source is open-ended (ONS publishes
 * 90 as "90 and over"), which every band above 65 includes whatever its label.
 */
export function bandTotals(countsByAge: ReadonlyMap<number, number>): Record<AgeBand, number> {
  const totals: Record<AgeBand, number> = { '18-64': 0, '65+': 0, '18+': 0 };
  for (const [age, count] of countsByAge) {
    if (age < 18) continue;
    totals['18+'] += count;
    if (age < 65) totals['18-64'] += count;
    else totals['65+'] += count;
  }
  return totals;
}
