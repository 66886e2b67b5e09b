/**
 * Statistical process control for a monthly or quarterly series: the XmR (individuals and moving range)
 * chart, with the special-cause rules NHS England's "Making Data Count" uses:
 *
 *  - a point beyond a process limit (mean ± 2.66 × the average moving range, i.e. three sigma);
 *  - a shift: 7 or more consecutive points all above, or all below, the mean (a point on the mean ends a run);
 *  - a trend: 6 or more consecutive points each higher, or each lower, than the one before (a repeat ends it);
 *  - two of three consecutive points beyond two sigma on the same side of the mean.
 *
 * Limits are computed from every point given. Fewer than MIN_SPC_POINTS points give no chart: the limits
 * would be too unreliable to call anything special.
 */
export const MIN_SPC_POINTS = 15;
export const SHIFT_RUN = 7;
export const TREND_RUN = 6;

/** Converts an average moving range into three sigma for individuals (3 / d2, d2 = 1.128). */
const LIMIT_FACTOR = 2.66;

export type SpcSignal = 'beyond-limits' | 'shift' | 'trend' | 'two-of-three';
export type Side = 'high' | 'low';

export interface SpcInput {
  period: string;
  value: number;
}

export interface SpcPoint extends SpcInput {
  movingRange: number | null;
  signals: SpcSignal[];
  /** Which way the special cause at this point goes; null for common cause. */
  side: Side | null;
}

export interface XmrChart {
  mean: number;
  averageMovingRange: number;
  upperLimit: number;
  lowerLimit: number;
  /** Two-sigma lines, the inner edge of the "close to the limit" band. */
  upperTwoSigma: number;
  lowerTwoSigma: number;
  points: SpcPoint[];
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The XmR chart of a series in time order; undefined when it has fewer than MIN_SPC_POINTS points. */
export function xmrChart(series: readonly SpcInput[], minimum = MIN_SPC_POINTS): XmrChart | undefined {
  if (series.length < Math.max(minimum, 2)) return undefined;
  const values = series.map((p) => p.value);
  const mean = sum(values) / values.length;
  const ranges = values.slice(1).map((v, i) => Math.abs(v - values[i]!));
  const averageMovingRange = sum(ranges) / ranges.length;
  const sigma = averageMovingRange / 1.128;
  const chart: XmrChart = {
    mean,
    averageMovingRange,
    upperLimit: mean + LIMIT_FACTOR * averageMovingRange,
    lowerLimit: mean - LIMIT_FACTOR * averageMovingRange,
    upperTwoSigma: mean + 2 * sigma,
    lowerTwoSigma: mean - 2 * sigma,
    points: series.map((p, i) => ({
      ...p,
      movingRange: i === 0 ? null : ranges[i - 1]!,
      signals: [],
      side: null,
    })),
  };
  markBeyondLimits(chart);
  markShifts(chart);
  markTrends(chart);
  markTwoOfThree(chart);
  return chart;
}

function flag(point: SpcPoint, signal: SpcSignal, side: Side): void {
  if (!point.signals.includes(signal)) point.signals.push(signal);
  // The first rule to claim a point sets its side; rules run from the strongest signal to the weakest.
  point.side ??= side;
}

function markBeyondLimits(chart: XmrChart): void {
  for (const p of chart.points) {
    if (p.value > chart.upperLimit) flag(p, 'beyond-limits', 'high');
    else if (p.value < chart.lowerLimit) flag(p, 'beyond-limits', 'low');
  }
}

/** Maximal runs of equal, non-null keys: [side, first index, index after the last]. */
function runs(keys: readonly (Side | null)[]): [Side, number, number][] {
  const out: [Side, number, number][] = [];
  let i = 0;
  while (i < keys.length) {
    const side = keys[i];
    let j = i + 1;
    while (j < keys.length && keys[j] === side) j++;
    if (side) out.push([side, i, j]);
    i = j;
  }
  return out;
}

function markShifts(chart: XmrChart): void {
  const sides = chart.points.map((p): Side | null =>
    p.value > chart.mean ? 'high' : p.value < chart.mean ? 'low' : null,
  );
  for (const [side, from, to] of runs(sides)) {
    if (to - from < SHIFT_RUN) continue;
    for (let i = from; i < to; i++) flag(chart.points[i]!, 'shift', side);
  }
}

function markTrends(chart: XmrChart): void {
  // steps[i] is the move from point i to point i + 1; a run of k rising steps covers k + 1 points.
  const pts = chart.points;
  const steps = pts.slice(1).map((p, i): Side | null => {
    const d = p.value - pts[i]!.value;
    return d > 0 ? 'high' : d < 0 ? 'low' : null;
  });
  for (const [side, from, to] of runs(steps)) {
    if (to - from + 1 < TREND_RUN) continue;
    for (let i = from; i <= to; i++) flag(pts[i]!, 'trend', side);
  }
}

function markTwoOfThree(chart: XmrChart): void {
  const outer = (p: SpcPoint): Side | null =>
    p.value > chart.upperTwoSigma ? 'high' : p.value < chart.lowerTwoSigma ? 'low' : null;
  const pts = chart.points;
  for (let i = 0; i + 2 < pts.length; i++) {
    const window = pts.slice(i, i + 3);
    for (const side of ['high', 'low'] as const) {
      const close = window.filter((p) => outer(p) === side);
      if (close.length >= 2) for (const p of close) flag(p, 'two-of-three', side);
    }
  }
}
