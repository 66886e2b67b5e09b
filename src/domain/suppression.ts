/**
 * National files replace small or meaningless figures with markers rather than numbers. They must
 * never be read as values, however number-like they look.
 */
export type Suppression = '[c]' | '[x]' | '[z]' | '[low]' | '[u]' | 'sentinel';

const markers: Record<string, Suppression> = {
  '[c]': '[c]',
  '[x]': '[x]',
  '[z]': '[z]',
  '[low]': '[low]',
  '[u]': '[u]',
  c: '[c]',
  x: '[x]',
  z: '[z]',
  '*': '[c]',
  '..': '[x]',
  ':': '[x]',
  '-': '[x]',
};

/** Sentinel numbers used by some collections in place of a marker (e.g. 999999995, 888888885). */
const SENTINEL = /^-?(9{6,}\d|8{6,}\d)(\.0+)?$/;

export const suppressionMeaning: Record<Suppression, string> = {
  '[c]': 'suppressed to protect confidentiality (small numbers)',
  '[x]': 'not available (for example no denominator)',
  '[z]': 'not applicable',
  '[low]': 'rounds to zero',
  '[u]': 'low reliability',
  sentinel: 'a placeholder number in the source file, not a value',
};

export type ParsedCell =
  | { kind: 'value'; value: string }
  | { kind: 'suppressed'; suppression: Suppression; raw: string }
  | { kind: 'blank' }
  | { kind: 'invalid'; raw: string };

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Reads a published figure as an exact decimal string (never a float), a marker, a blank or junk. */
export function parseFigure(raw: string): ParsedCell {
  const s = raw.trim().replace(/,/g, '');
  if (s === '') return { kind: 'blank' };
  const marker = markers[s.toLowerCase()];
  if (marker) return { kind: 'suppressed', suppression: marker, raw };
  if (SENTINEL.test(s)) return { kind: 'suppressed', suppression: 'sentinel', raw };
  if (DECIMAL.test(s)) return { kind: 'value', value: normaliseDecimal(s) };
  return { kind: 'invalid', raw };
}

function normaliseDecimal(s: string): string {
  const negative = s.startsWith('-');
  const [intPart = '0', frac] = (negative ? s.slice(1) : s).split('.');
  const int = intPart.replace(/^0+(?=\d)/, '');
  const out = frac === undefined ? int : `${int}.${frac}`;
  return negative && /[1-9]/.test(out) ? `-${out}` : out;
}
