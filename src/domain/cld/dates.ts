/**
 * Dates in CLD returns. Councils send ISO dates, often with a midnight time from the case system, or
 * UK day-first dates from spreadsheets; both become ISO 'YYYY-MM-DD'. Anything else, or a day that does
 * not exist (31/02), is unparseable rather than guessed.
 */
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;
const UK = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// The year 0000 is not a date (there is no year zero, and SQL Server's DATE, which the national code
// casts to, starts at 0001-01-01).
function valid(y: number, m: number, d: number): string | undefined {
  if (y < 1 || m < 1 || m > 12 || d < 1) return undefined;
  const days = m === 2 && leap(y) ? 29 : (DAYS[m - 1] as number);
  return d <= days ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : undefined;
}

export function parseCldDate(raw: string): string | undefined {
  const s = raw.trim();
  const iso = ISO.exec(s);
  if (iso) return valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const uk = UK.exec(s);
  if (uk) return valid(Number(uk[3]), Number(uk[2]), Number(uk[1]));
  return undefined;
}

/** 'YYYY-MM' of a date; only the month of birth is kept (see README). */
export const yearMonth = (isoDate: string): string => isoDate.slice(0, 7);

/**
 * Whole years from a birth month to a date, taking the first of the month as the birthday, as the
 * national proxy date of birth does. Calendar years, not days over 365.25: the two can differ by one
 * only on the days just before a birthday.
 */
export function ageAt(birthMonth: string, isoDate: string): number {
  const [by, bm] = birthMonth.split('-').map(Number) as [number, number];
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return y - by - (m < bm ? 1 : 0);
}
