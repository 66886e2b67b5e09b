/**
 * A small seeded random number generator (xoshiro128**, seeded through splitmix32) with the draws the
 * synthetic CLD generator needs. Integer arithmetic only, apart from `exponential` (Math.log, which V8
 * computes with its own fdlibm port), so the same seed gives the same stream on every machine.
 */

/** Mixes a list of integers (any safe integers) into one 32-bit seed. */
export function mixSeed(...keys: number[]): number {
  let h = 0x9e3779b9;
  for (const key of keys) {
    if (!Number.isSafeInteger(key)) throw new RangeError(`A seed key must be a safe integer, not ${key}`);
    h = mixWord(h, key >>> 0);
    h = mixWord(h, Math.floor(key / 0x1_0000_0000) >>> 0);
  }
  return finalMix(h);
}

function mixWord(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finalMix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A table for `Rng.weighted`: values with their cumulative weights. */
export interface Weighted<T> {
  readonly values: readonly T[];
  readonly cumulative: readonly number[];
  readonly total: number;
}

export function weighted<T>(entries: readonly (readonly [T, number])[]): Weighted<T> {
  const values: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [value, weight] of entries) {
    if (!(weight >= 0)) throw new RangeError(`A weight must be zero or more, not ${weight}`);
    if (weight === 0) continue;
    total += weight;
    values.push(value);
    cumulative.push(total);
  }
  if (values.length === 0) throw new RangeError('A weighted table needs at least one positive weight');
  return { values, cumulative, total };
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 spreads one word into four, so nearby seeds start far apart.
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1;
  }

  /** The next unsigned 32-bit integer. */
  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 0x1_0000_0000;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(${min}, ${max}): max is below min`);
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new RangeError('pick() from an empty list');
    return item;
  }

  weighted<T>(table: Weighted<T>): T {
    const x = this.float() * table.total;
    const { cumulative, values } = table;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (x < (cumulative[mid] ?? 0)) hi = mid;
      else lo = mid + 1;
    }
    return values[lo] as T;
  }

  /** Roughly normal (Irwin–Hall sum of four uniforms, scaled): no tails beyond ±3.5 sd, no trigonometry. */
  normal(mean: number, sd: number): number {
    const sum = this.float() + this.float() + this.float() + this.float();
    return mean + (sum - 2) * 1.7320508075688772 * sd;
  }

  /** A whole number from a normal-ish draw, kept within [min, max]. */
  normalInt(mean: number, sd: number, min: number, max: number): number {
    return Math.min(max, Math.max(min, Math.round(this.normal(mean, sd))));
  }

  /** Exponentially distributed with the given mean (waiting times, durations). */
  exponential(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }

  /** A whole number of days, exponential with the given mean, capped. */
  days(mean: number, cap: number): number {
    return Math.min(cap, Math.floor(this.exponential(mean)));
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
