/**
 * Dates as whole days since 1970-01-01 (UTC), so the generator does integer arithmetic and formats each
 * day once.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict YYYY-MM-DD calendar date, or returns undefined. */
export function parseIsoDay(text: string): Day | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return ms / MS_PER_DAY;
}

export function dayOf(text: string): Day {
  const day = parseIsoDay(text);
  if (day === undefined) throw new RangeError(`Not a YYYY-MM-DD date: ${text}`);
  return day;
}

// Each day is formatted once: 1850–2100 covers every date a run writes (placeholder births included).
const FIRST_CACHED = Date.UTC(1850, 0, 1) / MS_PER_DAY;
const formatted: (string | undefined)[] = new Array<string | undefined>(92_000);

export function isoDate(day: Day): string {
  const i = day - FIRST_CACHED;
  const cached = formatted[i];
  if (cached !== undefined) return cached;
  const text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  if (i >= 0 && i < formatted.length) formatted[i] = text;
  return text;
}

export function dayFromParts(year: number, month: number, date: number): Day {
  return Date.UTC(year, month - 1, date) / MS_PER_DAY;
}

/** [year, month 1–12, day of month] */
export function partsOf(day: Day): [number, number, number] {
  const d = new Date(day * MS_PER_DAY);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** The day before the same date n months later: addMonths('2023-04-01', 3) is 2023-06-30. */
export function monthsLaterLessADay(day: Day, months: number): Day {
  const [y, m, d] = partsOf(day);
  return dayFromParts(y, m + months, d) - 1;
}

/** 0 = Monday … 6 = Sunday */
export function weekday(day: Day): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Whole years from a (proxy) date of birth to a date. */
export function ageAt(birth: Day, at: Day): number {
  const [by, bm, bd] = partsOf(birth);
  const [ay, am, ad] = partsOf(at);
  return ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
}
