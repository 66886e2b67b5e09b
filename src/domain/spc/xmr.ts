/**
 * Statistical process control for a monthly or quarterly series: the XmR (individuals and moving range)
 * chart, with the special-cause rules NHS England's "Making Data Count" uses:
 *
 *  - a point beyond a process limit (mean ± 2.66 × the average moving range, i.e. three sigma);
 *  - a shift: 7 or more consecutive points all above, or all below, the mean (a point on the mean ends a run);
 *  - a trend: 6 or more consecutive points each higher, or each lower, than the one before (a repeat ends it);
 *  - two of three consecutive points beyond two sigma on the same side of the mean.
 *
 * Limits are computed from every point given, unless the series has recalculation points (a known change,
 * such as a new service model): then each phase has its own mean and limits, from its own points, and the
 * rules run within each phase. Fewer than MIN_SPC_POINTS points give no chart: the limits would be too
 * unreliable to call anything special; a phase needs MIN_PHASE_POINTS, or its start is ignored.
 */
export const MIN_SPC_POINTS = 15;
export const MIN_PHASE_POINTS = 6;
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

export interface Limits {
  mean: number;
  averageMovingRange: number;
  upperLimit: number;
  lowerLimit: number;
  /** Two-sigma lines, the inner edge of the "close to the limit" band. */
  upperTwoSigma: number;
  lowerTwoSigma: number;
}

/** A stretch of the series with limits of its own, from `start` to before `end` (point indexes). */
export interface Phase extends Limits {
  from: string;
  start: number;
  end: number;
}

/** The chart; its own limits are those of the latest phase, which the icons judge by. */
export interface XmrChart extends Limits {
  phases: Phase[];
  /** Recalculation points that could not start a phase (unknown, or too few points either side). */
  ignoredPhaseStarts: string[];
  points: SpcPoint[];
}

export interface XmrOptions {
  minimum?: number;
  /** Periods from which the limits are recalculated. */
  phaseStarts?: readonly string[];
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function limitsOf(values: readonly number[]): Limits {
  const mean = sum(values) / values.length;
  const ranges = values.slice(1).map((v, i) => Math.abs(v - values[i]!));
  const averageMovingRange = ranges.length ? sum(ranges) / ranges.length : 0;
  const sigma = averageMovingRange / 1.128;
  return {
    mean,
    averageMovingRange,
    upperLimit: mean + LIMIT_FACTOR * averageMovingRange,
    lowerLimit: mean - LIMIT_FACTOR * averageMovingRange,
    upperTwoSigma: mean + 2 * sigma,
    lowerTwoSigma: mean - 2 * sigma,
  };
}

/** Where phases start: each usable recalculation point, leaving every phase MIN_PHASE_POINTS or more. */
function phaseBounds(series: readonly SpcInput[], starts: readonly string[]) {
  const at = [0];
  const ignored: string[] = [];
  const wanted = starts
    .map((label) => ({ label, index: series.findIndex((p) => p.period === label) }))
    .sort((a, b) => a.index - b.index);
  for (const { label, index } of wanted) {
    const ok = index - at.at(-1)! >= MIN_PHASE_POINTS && series.length - index >= MIN_PHASE_POINTS;
    if (index > 0 && ok) at.push(index);
    else ignored.push(label);
  }
  return { at, ignored };
}

/** The XmR chart of a series in time order; undefined when it has fewer than the minimum points. */
export function xmrChart(
  series: readonly SpcInput[],
  options: XmrOptions | number = {},
): XmrChart | undefined {
  const { minimum = MIN_SPC_POINTS, phaseStarts = [] } =
    typeof options === 'number' ? { minimum: options } : options;
  if (series.length < Math.max(minimum, 2)) return undefined;
  const { at, ignored } = phaseBounds(series, phaseStarts);
  const phases: Phase[] = at.map((start, i) => {
    const end = at[i + 1] ?? series.length;
    return {
      from: series[start]!.period,
      start,
      end,
      ...limitsOf(series.slice(start, end).map((p) => p.value)),
    };
  });
  const points: SpcPoint[] = series.map((p, i) => ({
    ...p,
    // A phase's first point has no moving range of its own: the jump into a new phase is not variation.
    movingRange: at.includes(i) ? null : Math.abs(p.value - series[i - 1]!.value),
    signals: [],
    side: null,
  }));
  for (const phase of phases) {
    const slice = points.slice(phase.start, phase.end);
    markBeyondLimits(slice, phase);
    markShifts(slice, phase);
    markTrends(slice);
    markTwoOfThree(slice, phase);
  }
  const { from: _from, start: _start, end: _end, ...latest } = phases.at(-1)!;
  return { ...latest, phases, ignoredPhaseStarts: ignored, points };
}

function flag(point: SpcPoint, signal: SpcSignal, side: Side): void {
  if (!point.signals.includes(signal)) point.signals.push(signal);
  // The first rule to claim a point sets its side; rules run from the strongest signal to the weakest.
  point.side ??= side;
}

function markBeyondLimits(points: SpcPoint[], limits: Limits): void {
  for (const p of points) {
    if (p.value > limits.upperLimit) flag(p, 'beyond-limits', 'high');
    else if (p.value < limits.lowerLimit) flag(p, 'beyond-limits', 'low');
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

function markShifts(points: SpcPoint[], limits: Limits): void {
  const sides = points.map((p): Side | null =>
    p.value > limits.mean ? 'high' : p.value < limits.mean ? 'low' : null,
  );
  for (const [side, from, to] of runs(sides)) {
    if (to - from < SHIFT_RUN) continue;
    for (let i = from; i < to; i++) flag(points[i]!, 'shift', side);
  }
}

function markTrends(pts: SpcPoint[]): void {
  // steps[i] is the move from point i to point i + 1; a run of k rising steps covers k + 1 points.
  const steps = pts.slice(1).map((p, i): Side | null => {
    const d = p.value - pts[i]!.value;
    return d > 0 ? 'high' : d < 0 ? 'low' : null;
  });
  for (const [side, from, to] of runs(steps)) {
    if (to - from + 1 < TREND_RUN) continue;
    for (let i = from; i <= to; i++) flag(pts[i]!, 'trend', side);
  }
}

function markTwoOfThree(pts: SpcPoint[], limits: Limits): void {
  const outer = (p: SpcPoint): Side | null =>
    p.value > limits.upperTwoSigma ? 'high' : p.value < limits.lowerTwoSigma ? 'low' : null;
  for (let i = 0; i + 2 < pts.length; i++) {
    const window = pts.slice(i, i + 3);
    for (const side of ['high', 'low'] as const) {
      const close = window.filter((p) => outer(p) === side);
      if (close.length >= 2) for (const p of close) flag(p, 'two-of-three', side);
    }
  }
}
