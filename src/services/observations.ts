import type { Db } from '../store/db.js';

export interface Observation {
  orgCode: string;
  measureId: string;
  period: string;
  periodStart: string;
  disaggregation: string;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  suppression: string | null;
  releaseId: number;
}

export interface ObservationQuery {
  orgCodes?: string[];
  measureIds?: string[];
  periods?: string[];
  disaggregation?: string;
  /** Include superseded rows (history) as well as current ones. */
  history?: boolean;
}

interface Row {
  org_code: string;
  measure_id: string;
  period: string;
  period_start: string;
  disaggregation: string;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  suppression: string | null;
  release_id: number;
}

export function observationService(db: Db) {
  return {
    async find(q: ObservationQuery): Promise<Observation[]> {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: string, value: unknown) => {
        params.push(value);
        where.push(clause.replace('?', `$${params.length}`));
      };
      if (!q.history) where.push('superseded_by IS NULL');
      if (q.orgCodes) add('org_code = ANY(?)', q.orgCodes);
      if (q.measureIds) add('measure_id = ANY(?)', q.measureIds);
      if (q.periods) add('period = ANY(?)', q.periods);
      add('disaggregation = ?', q.disaggregation ?? 'Total');
      const rows = await db.query<Row>(
        `SELECT org_code, measure_id, period, period_start, disaggregation, value::text, numerator::text,
                denominator::text, suppression, release_id
         FROM observations WHERE ${where.join(' AND ')} ORDER BY measure_id, period_start, org_code, release_id`,
        params,
      );
      return rows.map((r) => ({
        orgCode: r.org_code,
        measureId: r.measure_id,
        period: r.period,
        periodStart: r.period_start,
        disaggregation: r.disaggregation,
        value: r.value,
        numerator: r.numerator,
        denominator: r.denominator,
        suppression: r.suppression,
        releaseId: r.release_id,
      }));
    },

    async summary(): Promise<{ observations: number; organisations: number; periods: string[] }> {
      const [row] = await db.query<{ n: number; orgs: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT org_code)::int AS orgs FROM observations WHERE superseded_by IS NULL',
      );
      const periods = await db.query<{ period: string }>(
        'SELECT DISTINCT period, period_start FROM observations WHERE superseded_by IS NULL ORDER BY period_start',
      );
      return {
        observations: row?.n ?? 0,
        organisations: row?.orgs ?? 0,
        periods: periods.map((p) => p.period),
      };
    },
  };
}
export type ObservationService = ReturnType<typeof observationService>;
