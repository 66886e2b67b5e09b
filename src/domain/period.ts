/**
 * Reporting periods. Financial years run 1 April to 31 March and are written '2019-20';
 * quarters are 'Q1 2019-20' (Q1 = Apr-Jun); months are '2019-04'; rolling twelve months are
 * '12 months to 2019-06' (July 2018 to June 2019), the window councils use for review coverage.
 */
export type PeriodKind = 'year' | 'quarter' | 'month' | 'rolling-12';

export interface Period {
  kind: PeriodKind;
  /** Canonical label, also the stored key. */
  label: string;
  /** First and last day, ISO dates. */
  start: string;
  end: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function financialYear(startYear: number): Period {
  return {
    kind: 'year',
    label: `${startYear}-${pad((startYear + 1) % 100)}`,
    start: iso(startYear, 4, 1),
    end: iso(startYear + 1, 3, 31),
  };
}

export function quarter(startYear: number, q: 1 | 2 | 3 | 4): Period {
  const firstMonth = ((q - 1) * 3 + 4 - 1) % 12; // zero-based month index of the quarter's first month
  const year = q === 4 ? startYear + 1 : startYear;
  const endMonth = firstMonth + 3;
  return {
    kind: 'quarter',
    label: `Q${q} ${financialYear(startYear).label}`,
    start: iso(year, firstMonth + 1, 1),
    end: iso(year, endMonth, lastDay(year, endMonth)),
  };
}

export function month(year: number, m: number): Period {
  return {
    kind: 'month',
    label: `${year}-${pad(m)}`,
    start: iso(year, m, 1),
    end: iso(year, m, lastDay(year, m)),
  };
}

/** The twelve months ending with the given month. */
export function rollingYear(year: number, m: number): Period {
  const first = m === 12 ? { y: year, m: 1 } : { y: year - 1, m: m + 1 };
  return {
    kind: 'rolling-12',
    label: `12 months to ${year}-${pad(m)}`,
    start: iso(first.y, first.m, 1),
    end: iso(year, m, lastDay(year, m)),
  };
}

const ROLLING = /^12 months to (\d{4})-(\d{2})$/i;
const YEAR = /^(\d{4})[-/](\d{2}|\d{4})$/;
const QUARTER = /^Q([1-4])\s+(\d{4}[-/]\d{2,4})$/i;
const MONTH = /^(\d{4})-(\d{2})$/;

/** Parses '2019-20', '2019/20', '2019-2020', 'Q3 2019-20', '2019-04' or '12 months to 2019-06'; else undefined. */
export function parsePeriod(text: string): Period | undefined {
  const s = text.trim();
  const r = ROLLING.exec(s);
  if (r) {
    const mm = Number(r[2]);
    return mm >= 1 && mm <= 12 ? rollingYear(Number(r[1]), mm) : undefined;
  }
  const q = QUARTER.exec(s);
  if (q) {
    const fy = parsePeriod(q[2] ?? '');
    return fy ? quarter(Number(fy.start.slice(0, 4)), Number(q[1]) as 1 | 2 | 3 | 4) : undefined;
  }
  // 'YYYY-YY' is a financial year when the years are consecutive, otherwise a month: the two only
  // collide for 2000-01 to 2011-12, before any data this product holds.
  const y = YEAR.exec(s);
  if (y) {
    const start = Number(y[1]);
    const second = y[2] ?? '';
    const consecutive =
      second.length === 2 ? (start + 1) % 100 === Number(second) : Number(second) === start + 1;
    if (consecutive) return financialYear(start);
  }
  const m = MONTH.exec(s);
  if (m) {
    const mm = Number(m[2]);
    if (mm >= 1 && mm <= 12) return month(Number(m[1]), mm);
  }
  return undefined;
}

/** The financial year a date falls in. */
export function financialYearOf(isoDate: string): Period {
  const y = Number(isoDate.slice(0, 4));
  const m = Number(isoDate.slice(5, 7));
  return financialYear(m >= 4 ? y : y - 1);
}

/** The period of the same kind immediately before this one. */
export function previousPeriod(p: Period): Period {
  const y = Number(p.start.slice(0, 4));
  const m = Number(p.start.slice(5, 7));
  if (p.kind === 'year') return financialYear(y - 1);
  if (p.kind === 'month') return m === 1 ? month(y - 1, 12) : month(y, m - 1);
  if (p.kind === 'rolling-12') {
    const ey = Number(p.end.slice(0, 4));
    return rollingYear(ey - 1, Number(p.end.slice(5, 7)));
  }
  const fy = Number(financialYearOf(p.start).start.slice(0, 4));
  const q = Number(p.label.slice(1, 2));
  return q === 1 ? quarter(fy - 1, 4) : quarter(fy, (q - 1) as 1 | 2 | 3);
}

export function comparePeriods(a: Period, b: Period): number {
  return a.start === b.start ? a.end.localeCompare(b.end) : a.start.localeCompare(b.start);
}

/** The same period a year earlier: 'Q2 2024-25' → 'Q2 2023-24', '2025-03' → '2024-03'. */
export function samePeriodLastYear(p: Period): Period {
  if (p.kind === 'year' || p.kind === 'rolling-12') return previousPeriod(p);
  if (p.kind === 'month') return month(Number(p.start.slice(0, 4)) - 1, Number(p.start.slice(5, 7)));
  const fy = Number(financialYearOf(p.start).start.slice(0, 4));
  return quarter(fy - 1, Number(p.label.slice(1, 2)) as 1 | 2 | 3 | 4);
}

/** The `count` periods of the same kind ending with `last`, oldest first. */
export function periodsEndingWith(last: Period, count: number): Period[] {
  const out = [last];
  while (out.length < count) out.unshift(previousPeriod(out[0]!));
  return out;
}

/** True when `inner` lies wholly inside `outer` (a quarter or month inside its financial year). */
export function periodWithin(inner: Period, outer: Period): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}
