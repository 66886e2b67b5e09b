/**
 * Reading the figures derived from Client Level Data: the current observations a CLD derivation wrote
 * for a council, every breakdown included. Writing them, and listing the people behind them, is the
 * CLD service's (`cld.ts`); this only reads.
 */
import type { Db } from '../store/db.js';
import { CLD_DERIVATION_SOURCE } from './cld.js';

export interface CldPeriod {
  label: string;
  start: string;
  end: string;
}

/** One derived figure; numbers are decimal strings, exactly as stored. */
export interface CldFigure {
  measureId: string;
  /** 'Total', or the breakdown as 'age_band=65+; setting=Nursing care'. */
  disaggregation: string;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  releaseId: number;
}

interface FigureRow {
  measure_id: string;
  disaggregation: string;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  release_id: number;
}

const toFigure = (r: FigureRow): CldFigure => ({
  measureId: r.measure_id,
  disaggregation: r.disaggregation,
  value: r.value,
  numerator: r.numerator,
  denominator: r.denominator,
  releaseId: r.release_id,
});

export function cldFiguresService(db: Db) {
  const current = `FROM observations o JOIN releases r ON r.id = o.release_id
    WHERE o.org_code = $1 AND o.superseded_by IS NULL AND r.source = '${CLD_DERIVATION_SOURCE}'`;

  return {
    /** The periods with current figures derived from CLD for a council, earliest first. */
    async periods(orgCode: string): Promise<CldPeriod[]> {
      const rows = await db.query<{ period: string; start: string; end: string }>(
        `SELECT DISTINCT o.period, o.period_start::text AS start, o.period_end::text AS "end" ${current}
         ORDER BY "end", start, o.period`,
        [orgCode],
      );
      return rows.map((r) => ({ label: r.period, start: r.start, end: r.end }));
    },

    /** Every current derived figure of a council for a period (optionally one measure), all breakdowns. */
    async figures(orgCode: string, period: string, measureId?: string): Promise<CldFigure[]> {
      const rows = await db.query<FigureRow>(
        `SELECT o.measure_id, o.disaggregation, o.value::text AS value, o.numerator::text AS numerator,
                o.denominator::text AS denominator, o.release_id
         ${current} AND o.period = $2 ${measureId ? 'AND o.measure_id = $3' : ''}
         ORDER BY o.measure_id, o.disaggregation`,
        measureId ? [orgCode, period, measureId] : [orgCode, period],
      );
      return rows.map(toFigure);
    },

    /** One derived figure, when there is one. */
    async figure(
      orgCode: string,
      period: string,
      measureId: string,
      disaggregation: string,
    ): Promise<CldFigure | undefined> {
      const [row] = await db.query<FigureRow>(
        `SELECT o.measure_id, o.disaggregation, o.value::text AS value, o.numerator::text AS numerator,
                o.denominator::text AS denominator, o.release_id
         ${current} AND o.period = $2 AND o.measure_id = $3 AND o.disaggregation = $4`,
        [orgCode, period, measureId, disaggregation],
      );
      return row ? toFigure(row) : undefined;
    },
  };
}

export type CldFiguresService = ReturnType<typeof cldFiguresService>;
