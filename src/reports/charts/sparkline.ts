/**
 * A sparkline: the trend of a few values as a small line, for a table cell. Server-rendered SVG with the
 * same words as its text alternative, so page, PDF and Word show the same picture and say the same thing.
 */
import type { CellImage } from '../document.js';

export interface SparklineInput {
  periods: string[];
  values: (number | null)[];
  format: (value: number) => string;
  width?: number;
  height?: number;
}

const esc = (s: string) =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

/** The words a sparkline stands for: 'Q1 2024-25 to Q4 2024-25: 4,060, 4,020, 4,061, 4,103 (up overall).' */
export function sparklineText(input: SparklineInput): string {
  const known = input.values.flatMap((v, i) => (v === null ? [] : [{ v, p: input.periods[i]! }]));
  if (known.length === 0) return 'No figures to show a trend.';
  const values = input.values.map((v) => (v === null ? 'no figure' : input.format(v))).join(', ');
  const first = known[0]!.v;
  const last = known.at(-1)!.v;
  const overall =
    known.length < 2
      ? ''
      : last > first
        ? ' (up overall)'
        : last < first
          ? ' (down overall)'
          : ' (level overall)';
  return `${input.periods[0]} to ${input.periods.at(-1)}: ${values}${overall}.`;
}

export function sparkline(input: SparklineInput): CellImage {
  const width = input.width ?? 96;
  const height = input.height ?? 24;
  const pad = 3;
  const known = input.values.filter((v): v is number => v !== null);
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  const x = (i: number) =>
    pad +
    (input.values.length <= 1 ? (width - 2 * pad) / 2 : (i * (width - 2 * pad)) / (input.values.length - 1));
  const y = (v: number) => (hi === lo ? height / 2 : pad + ((hi - v) * (height - 2 * pad)) / (hi - lo));
  const parts: string[] = [];
  // One line per run of known values: a missing figure is a gap, never bridged.
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1)
      parts.push(`<path d="${run.join(' ')}" fill="none" stroke="#1d70b8" stroke-width="1.5"/>`);
    run = [];
  };
  input.values.forEach((v, i) => {
    if (v === null) return flush();
    run.push(`${run.length ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`);
  });
  flush();
  const lastIndex = input.values.map((v) => v !== null).lastIndexOf(true);
  if (lastIndex >= 0)
    parts.push(
      `<circle cx="${x(lastIndex).toFixed(1)}" cy="${y(input.values[lastIndex]!).toFixed(1)}" r="2.5" fill="#0b0c0c"/>`,
    );
  const altText = sparklineText(input);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">` +
    `<title>${esc(`Trend ${altText}`)}</title>${parts.join('')}</svg>`;
  return { svg, altText: `Trend ${altText}`, width, height };
}
