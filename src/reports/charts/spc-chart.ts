/**
 * An XmR (statistical process control) chart as SVG: the values, the mean, the process limits and the
 * target, with special-cause points marked by shape as well as colour (circle: common cause; large circle:
 * improvement; square: concern; diamond: neither). Comes with a text alternative and the data table.
 */
import type { Polarity } from '../../domain/measure.js';
import { assuranceLabel, variationLabel, type Assurance, type Variation } from '../../domain/spc/icons.js';
import type { SpcPoint, SpcSignal, XmrChart } from '../../domain/spc/xmr.js';
import type { TrendChart } from './trend-chart.js';

export interface SpcChartInput {
  title: string;
  chart: XmrChart;
  format: (value: number) => string;
  polarity: Polarity;
  variation: Variation;
  assurance?: Assurance | undefined;
  /** A number target as a line, or a range as two lines. */
  target?: { values: number[]; label: string } | undefined;
  /** Why the limits were recalculated where they were, by the period the new phase starts. */
  phaseReasons?: Record<string, string>;
  width?: number;
  height?: number;
}

const esc = (s: string) =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

export const signalText: Record<SpcSignal, string> = {
  'beyond-limits': 'beyond a process limit',
  shift: 'run of 7 or more on one side of the mean',
  trend: 'run of 6 or more rising or falling',
  'two-of-three': 'two of three near a process limit',
};

type Kind = 'common' | 'improvement' | 'concern' | 'neither';

function kindOf(p: SpcPoint, polarity: Polarity): Kind {
  if (!p.side) return 'common';
  if (polarity === 'neutral') return 'neither';
  return (p.side === 'high') === (polarity === 'higher-is-better') ? 'improvement' : 'concern';
}

const look: Record<Kind, { colour: string; label: string }> = {
  common: { colour: '#505a5f', label: 'Common cause' },
  improvement: { colour: '#1d70b8', label: 'Special cause: improvement' },
  concern: { colour: '#f47738', label: 'Special cause: concern' },
  neither: { colour: '#4c2c92', label: 'Special cause: neither better nor worse' },
};

function marker(kind: Kind, x: number, y: number): string {
  const c = look[kind].colour;
  if (kind === 'common') return `<circle cx="${x}" cy="${y}" r="3.5" fill="${c}"/>`;
  if (kind === 'improvement') return `<circle cx="${x}" cy="${y}" r="5.5" fill="${c}"/>`;
  if (kind === 'concern') return `<rect x="${x - 5}" y="${y - 5}" width="10" height="10" fill="${c}"/>`;
  return `<path d="M${x} ${y - 6}L${x + 6} ${y}L${x} ${y + 6}L${x - 6} ${y}Z" fill="${c}"/>`;
}

export function spcChart(input: SpcChartInput): TrendChart {
  const { chart, format } = input;
  const width = input.width ?? 720;
  const height = input.height ?? 340;
  const m = { top: 20, right: 150, bottom: 70, left: 72 };
  const pts = chart.points;
  const all = [
    ...pts.map((p) => p.value),
    ...chart.phases.flatMap((ph) => [ph.upperLimit, ph.lowerLimit]),
    ...(input.target?.values ?? []),
  ];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  const padY = (hi - lo) * 0.08 || 1;
  lo -= padY;
  hi += padY;
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const x = (i: number) => m.left + (pts.length <= 1 ? plotW / 2 : (i * plotW) / (pts.length - 1));
  const y = (v: number) => m.top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const f1 = (n: number) => n.toFixed(1);
  const parts: string[] = [];
  const hline = (v: number, colour: string, dash: string, label: string, from = 0, to = pts.length - 1) => {
    const x1 = from === 0 ? m.left : (x(from) + x(from - 1)) / 2;
    const x2 = to === pts.length - 1 ? m.left + plotW : (x(to) + x(to + 1)) / 2;
    parts.push(
      `<line x1="${f1(x1)}" x2="${f1(x2)}" y1="${f1(y(v))}" y2="${f1(y(v))}" stroke="${colour}" stroke-width="1.5" stroke-dasharray="${dash}"/>`,
    );
    // Only lines reaching the right edge are labelled there: the latest phase's, and the target.
    if (to === pts.length - 1)
      parts.push(
        `<text x="${m.left + plotW + 6}" y="${f1(y(v) + 4)}" font-size="11">${esc(`${label} ${format(v)}`)}</text>`,
      );
  };
  for (let i = 0; i <= 4; i++) {
    const v = lo + ((hi - lo) * i) / 4;
    parts.push(
      `<text x="${m.left - 8}" y="${f1(y(v) + 4)}" text-anchor="end" font-size="11">${esc(format(v))}</text>`,
    );
  }
  for (const ph of chart.phases) {
    hline(ph.upperLimit, '#505a5f', '6 4', 'Upper limit', ph.start, ph.end - 1);
    hline(ph.mean, '#0b0c0c', '', 'Mean', ph.start, ph.end - 1);
    hline(ph.lowerLimit, '#505a5f', '6 4', 'Lower limit', ph.start, ph.end - 1);
    if (ph.start > 0) {
      const bx = f1((x(ph.start) + x(ph.start - 1)) / 2);
      parts.push(
        `<line x1="${bx}" x2="${bx}" y1="${m.top}" y2="${m.top + plotH}" stroke="#0b0c0c" stroke-dasharray="2 2"/>`,
        `<text x="${bx}" y="${m.top - 6}" text-anchor="middle" font-size="11">limits recalculated</text>`,
      );
    }
  }
  for (const t of input.target?.values ?? []) hline(t, '#d4351c', '2 3', input.target!.label);
  parts.push(
    `<path d="${pts.map((p, i) => `${i ? 'L' : 'M'}${f1(x(i))} ${f1(y(p.value))}`).join('')}" fill="none" stroke="#b1b4b6" stroke-width="1.5"/>`,
  );
  const kinds = pts.map((p) => kindOf(p, input.polarity));
  pts.forEach((p, i) => parts.push(marker(kinds[i]!, Number(f1(x(i))), Number(f1(y(p.value))))));
  const step = Math.max(1, Math.ceil(pts.length / 8));
  pts.forEach((p, i) => {
    if (i % step !== 0 && i !== pts.length - 1) return;
    parts.push(
      `<text x="${f1(x(i))}" y="${m.top + plotH + 16}" text-anchor="middle" font-size="11">${esc(p.period)}</text>`,
    );
  });
  const used = (['common', 'improvement', 'concern', 'neither'] as const).filter((k) => kinds.includes(k));
  used.forEach((k, i) => {
    const lx = m.left + i * 190;
    const ly = height - 22;
    parts.push(
      marker(k, lx + 6, ly - 4),
      `<text x="${lx + 16}" y="${ly}" font-size="11">${look[k].label}</text>`,
    );
  });

  const altText = describe(input, kinds);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" font-family="Arial, sans-serif">` +
    `<title>${esc(input.title)}</title><desc>${esc(altText)}</desc>` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>${parts.join('')}</svg>`;
  return {
    svg,
    altText,
    table: {
      head: ['Period', 'Value', 'Moving range', 'Special cause'],
      rows: pts.map((p) => [
        p.period,
        format(p.value),
        p.movingRange === null ? '–' : format(p.movingRange),
        p.signals.length ? p.signals.map((s) => signalText[s]).join('; ') : 'none',
      ]),
    },
  };
}

/** Consecutive special-cause points of one kind as one phrase: '2025-10 to 2026-09 (improvement: …)'. */
function runsOfSpecial(pts: SpcPoint[], kinds: Kind[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < pts.length) {
    if (kinds[i] === 'common') {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < pts.length && kinds[j + 1] === kinds[i]) j++;
    const signals = [...new Set(pts.slice(i, j + 1).flatMap((p) => p.signals))].map((s) => signalText[s]);
    const span = i === j ? pts[i]!.period : `${pts[i]!.period} to ${pts[j]!.period}`;
    out.push(`${span} (${look[kinds[i]!].label.toLowerCase()}: ${signals.join(', ')})`);
    i = j + 1;
  }
  return out;
}

function describe(input: SpcChartInput, kinds: Kind[]): string {
  const { chart, format } = input;
  const pts = chart.points;
  const last = pts.at(-1)!;
  const special = pts.filter((_, i) => kinds[i] !== 'common');
  const sentences = [
    `Statistical process control chart of ${input.title}, ${pts[0]!.period} to ${last.period} (${pts.length} points).`,
    ...chart.phases.slice(1).map((ph) => {
      const why = input.phaseReasons?.[ph.from];
      return `Limits recalculated from ${ph.from}${why ? ` (${why})` : ''}.`;
    }),
    `${chart.phases.length > 1 ? `From ${chart.phases.at(-1)!.from}: mean` : 'Mean'} ${format(chart.mean)}; process limits ${format(chart.lowerLimit)} to ${format(chart.upperLimit)}.`,
    `Latest value ${format(last.value)} in ${last.period}: ${variationLabel[input.variation]}.`,
  ];
  if (special.length) sentences.push(`Special cause points: ${runsOfSpecial(pts, kinds).join('; ')}.`);
  if (input.target) sentences.push(`${input.target.label}: ${input.target.values.map(format).join(' to ')}.`);
  if (input.assurance) sentences.push(`${assuranceLabel[input.assurance]}.`);
  return sentences.join(' ');
}
