/**
 * Costs in whole pence and decimals as scaled integers: weekly costs are summed over tens of
 * thousands of people, and floats would make totals depend on the order of addition.
 */
import type { Pence } from '../money.js';
import { WEEKLY_FACTOR, type CostFrequency } from './vocabulary.js';

/** A decimal as digits × 10^-scale: '7.50' is { digits: 750n, scale: 2 }. */
export interface Decimal {
  digits: bigint;
  scale: number;
}

const DECIMAL = /^([-+])?(\d+)(?:\.(\d+))?$/;
const MAX_SCALE = 6;

/**
 * The largest unit cost read as one: £99,999,999.99. Anything larger is a keying error (no care costs a
 * hundred million pounds a unit), and the bound keeps every weekly cost inside a 64-bit integer of pence
 * however many units are planned.
 */
export const MAX_UNIT_COST_PENCE = 9_999_999_999n;
/** Planned units per week must be below this (a week has 168 hours); larger values are keying errors. */
export const PLANNED_UNITS_LIMIT = 1_000_000;

/** A unit cost within the bounds above, or undefined. */
export function parseBoundedUnitCost(raw: string): Pence | undefined {
  const pence = parseUnitCost(raw);
  return pence === undefined || pence < 0n || pence > MAX_UNIT_COST_PENCE ? undefined : pence;
}

/** Planned units per week: a decimal, not negative, below the limit above; undefined otherwise. */
export function parsePlannedUnits(raw: string): Decimal | undefined {
  const d = parseDecimal(raw);
  if (!d || d.digits < 0n || d.digits >= BigInt(PLANNED_UNITS_LIMIT) * 10n ** BigInt(d.scale))
    return undefined;
  return d;
}

/** Parses '10', '7.5', '0.25', '1,200.00'; undefined for anything else or more than six decimals. */
export function parseDecimal(raw: string): Decimal | undefined {
  const m = DECIMAL.exec(raw.trim().replace(/,(?=\d{3}(\D|$))/g, ''));
  if (!m) return undefined;
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > MAX_SCALE) return undefined;
  const digits = BigInt(`${m[2]}${fraction}`);
  return { digits: m[1] === '-' ? -digits : digits, scale: fraction.length };
}

export function formatDecimal(d: Decimal): string {
  const negative = d.digits < 0n;
  const text = (negative ? -d.digits : d.digits).toString().padStart(d.scale + 1, '0');
  const whole = text.slice(0, text.length - d.scale);
  const fraction = text.slice(text.length - d.scale);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * A unit cost in pence. Accepts a pound sign and thousands commas; more than two decimals only when
 * the extra ones are zeros (SQL money columns export as '123.4500'), since a fraction of a penny is
 * not a cost the specification allows.
 */
export function parseUnitCost(raw: string): Pence | undefined {
  const d = parseDecimal(raw.replace(/^(-)?\s*£/, '$1'));
  if (!d || d.scale > 2) return undefined;
  return d.digits * 10n ** BigInt(2 - d.scale);
}

/** Rounds numerator / denominator to the nearest whole number, halves away from zero. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

export type WeeklyCost =
  | { kind: 'weekly'; pence: Pence }
  | { kind: 'excluded'; reason: 'one-off' }
  | { kind: 'unknown'; reason: 'planned-units-missing' | 'planned-units-invalid' };

/**
 * The cost of a service for one week, rounded to the penny once at the end. Costs per period
 * (weekly to annually) are scaled by the period's length and ignore planned units, as the national
 * cost code trusts the frequency over the units where the two disagree. Costs per hour, day or session
 * are multiplied by the planned units per week. One-off costs are left out: they are not a weekly
 * cost, and spreading them over a week or a year would invent a figure.
 */
export function weeklyCost(
  unitCost: Pence,
  frequency: CostFrequency,
  plannedUnitsPerWeek?: string | null,
): WeeklyCost {
  const factor = WEEKLY_FACTOR[frequency];
  if (factor.kind === 'one-off') return { kind: 'excluded', reason: 'one-off' };
  if (factor.kind === 'per-period') {
    return { kind: 'weekly', pence: divideRounded(unitCost * factor.numerator, factor.denominator) };
  }
  if (
    plannedUnitsPerWeek === undefined ||
    plannedUnitsPerWeek === null ||
    plannedUnitsPerWeek.trim() === ''
  ) {
    return { kind: 'unknown', reason: 'planned-units-missing' };
  }
  const units = parseDecimal(plannedUnitsPerWeek);
  if (!units || units.digits < 0n) return { kind: 'unknown', reason: 'planned-units-invalid' };
  return { kind: 'weekly', pence: divideRounded(unitCost * units.digits, 10n ** BigInt(units.scale)) };
}
