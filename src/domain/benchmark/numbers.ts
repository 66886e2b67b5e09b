/** Small numeric helpers shared by the benchmark modules. */

/**
 * Rounds half away from zero to `decimals` places, as published tables and `formatValue` do. The nudge
 * by one epsilon stops binary noise turning a published half (1.005 held as 1.00499…) into a round-down.
 */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor * (1 + Number.EPSILON);
  return (Math.sign(value) * Math.round(scaled)) / factor || 0;
}

/** Strips floating-point noise from a difference of published values (13.1 - 13.0 = 0.0999… becomes 0.1). */
export function clean(value: number): number {
  return Math.round(value * 1e10) / 1e10 || 0;
}

/** Tolerance for comparing a computed threshold with a published value. */
export function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Index of the first element of ascending `sorted` that is >= value. */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the first element of ascending `sorted` that is > value. */
export function upperBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The values sorted ascending (a typed array sorts numerically without a comparator, which is faster). */
export function ascending(values: ArrayLike<number>): Float64Array {
  return new Float64Array(values).sort();
}
