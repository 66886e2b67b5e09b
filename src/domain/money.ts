/**
 * Money as whole pence in a bigint: never a float. Reports show pounds or £'000 with income and
 * negatives in brackets, as council finance tables do.
 */
export type Pence = bigint;

const MONEY = /^(-)?£?\s*(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{1,2}))?$/;

/** Parses '1,234.5', '£1234.56', '(5,158)' (brackets mean negative) or '-12' into pence. */
export function parseMoney(text: string): Pence | undefined {
  let s = text.trim();
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  const m = MONEY.exec(s);
  if (!m) return undefined;
  if (m[1]) negative = !negative;
  const pounds = BigInt((m[2] ?? '0').replace(/,/g, ''));
  const pence = BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  const total = pounds * 100n + pence;
  return negative ? -total : total;
}

/** Decimal string for a NUMERIC(14,2) column, exact. */
export function penceToDecimal(p: Pence): string {
  const negative = p < 0n;
  const abs = negative ? -p : p;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export function decimalToPence(d: string): Pence {
  const value = parseMoney(d);
  if (value === undefined) throw new Error(`Not a money amount: ${d}`);
  return value;
}

export type MoneyScale = 'pounds' | 'thousands';

/** Formats for reports: '£1,234', '(5,158)' for negatives, or £'000 with rounding half away from zero. */
export function formatMoney(p: Pence, scale: MoneyScale = 'pounds', symbol = true): string {
  const divisor = scale === 'pounds' ? 100n : 100_000n;
  const negative = p < 0n;
  const abs = negative ? -p : p;
  const whole = (abs + divisor / 2n) / divisor;
  const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = `${symbol && !negative ? '£' : ''}${grouped}`;
  return negative ? `(${grouped})` : text;
}
