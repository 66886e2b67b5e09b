import type { Period } from '../../domain/period.js';
import type { Suppression } from '../../domain/suppression.js';
import type { Rejection } from '../report.js';
import type { AscofRow, Level } from './parse.js';

export type Resolved<T> = { ok: T } | { error: string };

export interface Resolvers {
  organisation(row: { code: string; name: string; level: Level; period: Period }): Resolved<string>;
  measure(code: string, period: Period): Resolved<string>;
}

/** One figure ready to store: outcome, numerator and denominator rows of a key merged together. */
export interface StagedObservation {
  orgCode: string;
  measureId: string;
  period: Period;
  disaggregation: string;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  suppression: Suppression | null;
  rows: number[];
}

const field = { Outcome: 'value', Numerator: 'numerator', Denominator: 'denominator' } as const;

export function assembleObservations(
  rows: AscofRow[],
  resolve: Resolvers,
): { observations: StagedObservation[]; rejections: Rejection[] } {
  const byKey = new Map<string, StagedObservation>();
  const seen = new Map<string, number>();
  const rejections: Rejection[] = [];
  for (const r of rows) {
    const org = resolve.organisation({ code: r.orgCode, name: r.orgName, level: r.level, period: r.period });
    if ('error' in org) {
      rejections.push({ row: r.row, reason: org.error });
      continue;
    }
    const measure = resolve.measure(r.measureCode, r.period);
    if ('error' in measure) {
      rejections.push({ row: r.row, reason: measure.error });
      continue;
    }
    const key = [org.ok, measure.ok, r.period.label, r.disaggregation].join('\u0000');
    const figureKey = `${key}\u0000${r.kind}`;
    const earlier = seen.get(figureKey);
    if (earlier !== undefined) {
      rejections.push({
        row: r.row,
        reason: `repeats row ${earlier} (same organisation, measure, year, breakdown and ${r.kind.toLowerCase()})`,
      });
      continue;
    }
    seen.set(figureKey, r.row);
    const obs =
      byKey.get(key) ??
      ({
        orgCode: org.ok,
        measureId: measure.ok,
        period: r.period,
        disaggregation: r.disaggregation,
        value: null,
        numerator: null,
        denominator: null,
        suppression: null,
        rows: [],
      } satisfies StagedObservation);
    obs[field[r.kind]] = r.value;
    if (r.kind === 'Outcome') obs.suppression = r.suppression;
    obs.rows.push(r.row);
    byKey.set(key, obs);
  }
  return { observations: [...byKey.values()], rejections };
}
