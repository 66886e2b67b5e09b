/** A derivation period: any span of whole days (month, quarter, year, rolling 12 months). */
export interface Period {
  /** The label observations are stored under, e.g. '2024-25', 'Q1 2024-25', '2024-06' or '12m to 2024-06'. */
  label: string;
  start: string;
  end: string;
}

/** The same calendar day a year earlier (29 February becomes 28 February). */
export function yearBefore(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${String(y - 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
