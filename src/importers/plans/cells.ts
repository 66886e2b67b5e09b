/** Reading the cells of registers and plans as people type them: UK dates, scores, yes and no. */
import { isIsoDate } from '../../domain/programme/dates.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function monthIndex(word: string): number | undefined {
  const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return i >= 0 ? i + 1 : undefined;
}

const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

/**
 * A date as councils write it: 2020-03-31, 31/03/2020 or 31/3/20 (day first, as in England),
 * 31 March 2020, or March 2020 (the end of that month). Undefined when it is none of these.
 */
export function parseUkDate(text: string): string | undefined {
  const s = text.trim().replace(/(\d)(st|nd|rd|th)\b/gi, '$1');
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return isIsoDate(s) ? s : undefined;
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$/.exec(s);
  if (m) {
    const iso = `${fullYear(m[3]!)}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`;
    return isIsoDate(iso) ? iso : undefined;
  }
  m = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(s);
  if (m) {
    const month = monthIndex(m[2]!);
    const iso = month ? `${m[3]}-${pad(month)}-${pad(Number(m[1]))}` : '';
    return isIsoDate(iso) ? iso : undefined;
  }
  m = /^([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(s);
  if (m) {
    const month = monthIndex(m[1]!);
    if (!month) return undefined;
    const y = Number(m[2]);
    return `${y}-${pad(month)}-${pad(lastDay(y, month))}`;
  }
  return undefined;
}

/** A date cell: empty is null, a date is ISO, anything else an error naming the column. */
export function dateCell(
  text: string | undefined,
  column: string,
): { ok: string | null } | { error: string } {
  const t = (text ?? '').trim();
  if (t === '') return { ok: null };
  const d = parseUkDate(t);
  return d ? { ok: d } : { error: `${column} "${t}" is not a date (write it as 31/03/2020 or 2020-03-31)` };
}

/**
 * A key action line with a deadline at its end, as registers write them: "Transition Board to be
 * established by 30/09/2019", "Review of governance (March 2020)", "Bespoke plan - 31 July 2019".
 * A line without one keeps its text and has no deadline.
 */
export function splitDeadline(line: string): { text: string; deadline: string | null } {
  const s = line.trim().replace(/\s+/g, ' ').replace(/\.$/, '');
  const candidates: { at: number; date: string }[] = [];
  const paren = /\(([^()]+)\)$/.exec(s);
  if (paren) candidates.push({ at: paren.index, date: paren[1]! });
  const words = s.split(/\s+/);
  // The last one to three words: '30/09/2019', 'March 2020', '31 March 2020'.
  for (let n = 3; n >= 1; n--) {
    if (words.length <= n) continue;
    const tail = words.slice(-n).join(' ');
    candidates.push({ at: s.length - tail.length, date: tail });
  }
  for (const c of candidates) {
    const deadline = parseUkDate(c.date);
    if (!deadline) continue;
    const text = s
      .slice(0, c.at)
      .replace(/[\s,;:–—-]+$/, '')
      .replace(/\s+(?:by|deadline|due|target|due by)$/i, '')
      .replace(/[\s,;:–—-]+$/, '')
      .trim();
    if (text) return { text, deadline };
  }
  return { text: line.trim(), deadline: null };
}

/** One key action per line of the cell. */
export function keyActionsCell(text: string | undefined): { text: string; deadline: string | null }[] {
  return (text ?? '')
    .split(/\r?\n|•/)
    .map((l) => l.replace(/^\s*[-–*]\s*/, '').trim())
    .filter(Boolean)
    .map(splitDeadline);
}

/**
 * A score cell: '20', '4 x 5', '4×5 = 20' or '20 (4x5)'. Returns the numbers found, for the domain
 * to check (a product that no pair of factors gives is refused there).
 */
export function scoreCell(
  text: string | undefined,
): { impact?: number; likelihood?: number; score?: number } | { error: string } | undefined {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  const num = '(\\d+(?:\\.\\d+)?)';
  let m = new RegExp(`^${num}$`).exec(t);
  if (m) return { score: Number(m[1]) };
  m = new RegExp(`^${num}\\s*[x×*]\\s*${num}(?:\\s*=\\s*${num})?$`, 'i').exec(t);
  if (m) return { impact: Number(m[1]), likelihood: Number(m[2]), ...(m[3] ? { score: Number(m[3]) } : {}) };
  m = new RegExp(`^${num}\\s*\\(\\s*${num}\\s*[x×*]\\s*${num}\\s*\\)$`, 'i').exec(t);
  if (m) return { score: Number(m[1]), impact: Number(m[2]), likelihood: Number(m[3]) };
  return {
    error: `"${t}" is not a score: write the score (such as 12) or impact × likelihood (such as 3 x 4)`,
  };
}

/** A factor cell: empty, or a number checked later. */
export function numberCell(text: string | undefined): number | null | { error: string } {
  const t = (text ?? '').trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : { error: `"${t}" is not a number` };
}

/** Yes or no, as registers write it: 'Yes', 'Y', 'Exempt', 'true' / 'No', 'N', 'Public', 'false'. */
export function exemptCell(text: string | undefined): boolean | null | { error: string } {
  const t = (text ?? '').trim().toLowerCase();
  if (t === '') return null;
  if (
    ['yes', 'y', 'exempt', 'true', '1', 'not for publication', 'confidential', 'part b', 'part 2'].includes(t)
  )
    return true;
  if (['no', 'n', 'public', 'false', '0', 'for publication', 'part a', 'part 1'].includes(t)) return false;
  return { error: `Exempt "${text}" should be Yes (exempt) or No (public)` };
}

/** Several values in a cell, separated by commas, semicolons or new lines. */
export const listCell = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/[\n;]+|,(?![^(]*\))/)
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
