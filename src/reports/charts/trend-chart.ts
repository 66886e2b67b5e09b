/**
 * A trend line chart as a self-contained SVG string, so the same chart serves the page, the PDF
 * and the Word file. Every chart comes with a text alternative and the data table behind it;
 * colour is never the only carrier of meaning (series differ by dash and marker too).
 */
export interface TrendPoint {
  period: string;
  value: number | null;
  /** True when the definition changed at this point: the line is not drawn across it. */
  breakBefore?: boolean;
}

export interface TrendSeries {
  name: string;
  points: TrendPoint[];
}

export interface TrendChartInput {
  title: string;
  /** Formats a value for labels and the text alternative, e.g. '13.1%'. */
  format: (value: number) => string;
  series: TrendSeries[];
  /** Said in the text alternative: which way is better. */
  polarityNote?: string;
  width?: number;
  height?: number;
}

export interface TrendChart {
  svg: string;
  altText: string;
  table: { head: string[]; rows: string[][] };
}

const styles = [
  { colour: '#1d70b8', dash: '', marker: 'circle' },
  { colour: '#0b0c0c', dash: '6 4', marker: 'square' },
  { colour: '#6f777b', dash: '2 3', marker: 'triangle' },
  { colour: '#00703c', dash: '8 3 2 3', marker: 'diamond' },
] as const;

const escapeXml = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

/** Axis bounds and tick step on round numbers (1, 2, 2.5 or 5 times a power of ten). */
function niceScale(values: number[]): { lo: number; hi: number; step: number } {
  if (values.length === 0) return { lo: 0, hi: 1, step: 0.25 };
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    lo -= Math.abs(lo) * 0.1 || 1;
    hi += Math.abs(hi) * 0.1 || 1;
  }
  const raw = (hi - lo) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((f) => f * power >= raw) ?? 10) * power;
  const floor = Math.floor(lo / step) * step;
  return { lo: lo >= 0 && floor < 0 ? 0 : floor, hi: Math.ceil(hi / step) * step, step };
}

function marker(kind: (typeof styles)[number]['marker'], x: number, y: number, colour: string): string {
  const r = 4;
  if (kind === 'circle') return `<circle cx="${x}" cy="${y}" r="${r}" fill="${colour}"/>`;
  if (kind === 'square')
    return `<rect x="${x - r}" y="${y - r}" width="${2 * r}" height="${2 * r}" fill="${colour}"/>`;
  if (kind === 'triangle')
    return `<path d="M${x} ${y - r - 1}L${x + r + 1} ${y + r}L${x - r - 1} ${y + r}Z" fill="${colour}"/>`;
  return `<path d="M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}Z" fill="${colour}"/>`;
}

/** Line segments of one series: a gap at missing values and at definition breaks. */
function segments(points: { x: number; y: number | null; breakBefore: boolean }[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const p of points) {
    if (p.y === null || p.breakBefore) {
      if (current.length > 1) out.push(current.join(' '));
      current = [];
    }
    if (p.y !== null) current.push(`${current.length === 0 ? 'M' : 'L'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`);
  }
  if (current.length > 1) out.push(current.join(' '));
  return out;
}

export function trendChart(input: TrendChartInput): TrendChart {
  const width = input.width ?? 640;
  const height = input.height ?? 320;
  const margin = { top: 24, right: 24, bottom: 64, left: 72 };
  const periods = [...new Set(input.series.flatMap((s) => s.points.map((p) => p.period)))].sort();
  const values = input.series.flatMap((s) => s.points.flatMap((p) => (p.value === null ? [] : [p.value])));
  const { lo, hi, step } = niceScale(values);
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const xOf = (i: number) =>
    margin.left + (periods.length <= 1 ? plotW / 2 : (i * plotW) / (periods.length - 1));
  const yOf = (v: number) => margin.top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const breaks = new Set(
    input.series.flatMap((s) => s.points.filter((p) => p.breakBefore).map((p) => p.period)),
  );

  const parts: string[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) {
    const y = yOf(v);
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#b1b4b6" stroke-width="1"/>`,
    );
    parts.push(
      `<text x="${margin.left - 8}" y="${(y + 4).toFixed(1)}" text-anchor="end" font-size="12">${escapeXml(input.format(v))}</text>`,
    );
  }
  periods.forEach((p, i) => {
    parts.push(
      `<text x="${xOf(i).toFixed(1)}" y="${height - margin.bottom + 18}" text-anchor="middle" font-size="12">${escapeXml(p)}</text>`,
    );
    if (breaks.has(p)) {
      const x = (xOf(i) + xOf(i - 1)) / 2;
      parts.push(
        `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="#d4351c" stroke-dasharray="4 4"/>`,
      );
      parts.push(
        `<text x="${x.toFixed(1)}" y="${margin.top - 6}" text-anchor="middle" font-size="11">definition changed</text>`,
      );
    }
  });
  input.series.forEach((s, si) => {
    const style = styles[si % styles.length]!;
    const pts = periods.map((period, i) => {
      const p = s.points.find((q) => q.period === period);
      return { x: xOf(i), y: p?.value == null ? null : yOf(p.value), breakBefore: p?.breakBefore ?? false };
    });
    for (const d of segments(pts)) {
      parts.push(
        `<path d="${d}" fill="none" stroke="${style.colour}" stroke-width="2.5" stroke-dasharray="${style.dash}"/>`,
      );
    }
    for (const p of pts) if (p.y !== null) parts.push(marker(style.marker, p.x, p.y, style.colour));
    const lx =
      margin.left + input.series.slice(0, si).reduce((x, prior) => x + 50 + prior.name.length * 7, 0);
    const ly = height - 18;
    parts.push(
      `<line x1="${lx}" x2="${lx + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${style.colour}" stroke-width="2.5" stroke-dasharray="${style.dash}"/>`,
    );
    parts.push(marker(style.marker, lx + 12, ly - 4, style.colour));
    parts.push(`<text x="${lx + 30}" y="${ly}" font-size="12">${escapeXml(s.name)}</text>`);
  });

  const altText = describe(input, periods);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="t d" font-family="Arial, sans-serif">` +
    `<title id="t">${escapeXml(input.title)}</title><desc id="d">${escapeXml(altText)}</desc>` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>${parts.join('')}</svg>`;
  const table = {
    head: ['Period', ...input.series.map((s) => s.name)],
    rows: periods.map((p) => [
      p,
      ...input.series.map((s) => {
        const v = s.points.find((q) => q.period === p)?.value;
        return v == null ? 'no figure' : input.format(v);
      }),
    ]),
  };
  return { svg, altText, table };
}

function describe(input: TrendChartInput, periods: string[]): string {
  const sentences = [`${input.title}, ${periods[0] ?? ''} to ${periods.at(-1) ?? ''}.`];
  for (const s of input.series) {
    const known = s.points.filter((p) => p.value !== null);
    const first = known[0];
    const last = known.at(-1);
    if (!first || !last) sentences.push(`${s.name}: no figures.`);
    else if (first === last) sentences.push(`${s.name}: ${input.format(first.value!)} in ${first.period}.`);
    else
      sentences.push(
        `${s.name}: ${input.format(first.value!)} in ${first.period} and ${input.format(last.value!)} in ${last.period}.`,
      );
  }
  const breaks = input.series.flatMap((s) => s.points.filter((p) => p.breakBefore).map((p) => p.period));
  if (breaks.length)
    sentences.push(
      `The definition changed from ${[...new Set(breaks)].join(', ')}, so figures either side are not directly comparable.`,
    );
  if (input.polarityNote) sentences.push(input.polarityNote);
  return sentences.join(' ');
}
