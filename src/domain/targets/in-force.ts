/**
 * Which target judges a period. A target is set for a period (usually a financial year, which then also
 * judges its quarters and months) and may be changed during it; each change is a new version. A period is
 * judged by the version in force on its last day, so a quarter that has closed keeps its colours when the
 * year's target is changed later. A target first set after a period closed (a plan adopted late, or last
 * year's targets loaded for the record) judges it with that first version.
 */
import { parsePeriod, periodWithin, type Period } from '../period.js';

export interface TargetVersionLike {
  /** The period the target was set for, e.g. '2025-26'. */
  period: string;
  /** The day this version was set (ISO date in the council's time zone). */
  setOn: string;
  version: number;
}

/** The version that judges `period`, if any target applies to it. */
export function targetInForce<T extends TargetVersionLike>(
  versions: readonly T[],
  period: Period,
): T | undefined {
  const applicable = versions.flatMap((v) => {
    const p = parsePeriod(v.period);
    return p && periodWithin(period, p) ? [{ v, p }] : [];
  });
  if (applicable.length === 0) return undefined;
  // The most specific target period wins: a target for the quarter itself over the year's.
  const span = (p: Period) => Date.parse(p.end) - Date.parse(p.start);
  const narrowest = applicable.reduce((a, b) => (span(b.p) < span(a.p) ? b : a)).p.label;
  const ordered = applicable
    .filter((a) => a.p.label === narrowest)
    .map((a) => a.v)
    .sort((a, b) => a.version - b.version);
  const inForce = ordered.filter((v) => v.setOn <= period.end).at(-1);
  return inForce ?? ordered[0];
}

/** A target for a period that has ended can no longer be changed: reports of it must keep their colours. */
export function targetFrozen(targetPeriod: Period, today: string): boolean {
  return today > targetPeriod.end;
}
