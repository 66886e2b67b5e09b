/**
 * Recalculation points of SPC charts: where a council says its process changed (a new service model), so
 * the chart's limits are worked out afresh from that period on, as Making Data Count advises. Each change is
 * audited with its reason.
 */
import { parsePeriod } from '../domain/period.js';
import type { Db } from '../store/db.js';
import { ValidationError, type Actor } from './actor.js';
import { recordAudit } from './audit.js';
import type { MeasureService } from './measures.js';
import type { OrganisationService } from './organisations.js';

export interface PhaseStart {
  measureId: string;
  period: string;
  reason: string;
  setBy: string;
  setAt: Date;
}

interface Row {
  measure_id: string;
  period: string;
  reason: string;
  set_by_label: string;
  set_at: Date;
}

const toPhase = (r: Row): PhaseStart => ({
  measureId: r.measure_id,
  period: r.period,
  reason: r.reason,
  setBy: r.set_by_label,
  setAt: r.set_at,
});

export function spcService(db: Db, measures: MeasureService, organisations: OrganisationService) {
  return {
    /** A council's recalculation points, by measure. */
    async phaseStarts(orgCode: string): Promise<Map<string, PhaseStart[]>> {
      const rows = await db.query<Row>(
        'SELECT measure_id, period, reason, set_by_label, set_at FROM spc_phase_starts WHERE org_code = $1',
        [orgCode],
      );
      const out = new Map<string, PhaseStart[]>();
      for (const r of rows) out.set(r.measure_id, [...(out.get(r.measure_id) ?? []), toPhase(r)]);
      return out;
    },

    async add(
      actor: Actor,
      orgCode: string,
      measureId: string,
      period: string,
      reason: string,
    ): Promise<PhaseStart> {
      organisations.get(orgCode);
      await measures.get(measureId);
      const p = parsePeriod(period);
      const errors = [
        ...(p && (p.kind === 'month' || p.kind === 'quarter')
          ? []
          : [
              {
                field: 'phasePeriod',
                message: `Give the month or quarter the change took effect, not "${period}"`,
              },
            ]),
        ...(reason.trim()
          ? []
          : [{ field: 'phaseReason', message: 'Say what changed, so readers know why the limits moved' }]),
      ];
      if (errors.length) throw new ValidationError(errors[0]!.message, errors);
      return db.transaction(async (tx) => {
        const [row] = await tx.query<Row>(
          `INSERT INTO spc_phase_starts (org_code, measure_id, period, reason, set_by, set_by_label)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (org_code, measure_id, period) DO UPDATE SET reason = EXCLUDED.reason, set_by = EXCLUDED.set_by,
             set_by_label = EXCLUDED.set_by_label, set_at = now()
           RETURNING measure_id, period, reason, set_by_label, set_at`,
          [orgCode, measureId, p!.label, reason.trim().slice(0, 500), actor.userId, actor.label],
        );
        const after = toPhase(row!);
        await recordAudit(
          tx,
          actor,
          'spc.recalculate',
          { type: 'spc', id: `${orgCode}/${measureId}/${p!.label}` },
          null,
          after,
        );
        return after;
      });
    },

    async remove(actor: Actor, orgCode: string, measureId: string, period: string): Promise<void> {
      await db.transaction(async (tx) => {
        const [before] = await tx.query<Row>(
          `DELETE FROM spc_phase_starts WHERE org_code = $1 AND measure_id = $2 AND period = $3
           RETURNING measure_id, period, reason, set_by_label, set_at`,
          [orgCode, measureId, period],
        );
        if (before)
          await recordAudit(
            tx,
            actor,
            'spc.remove',
            { type: 'spc', id: `${orgCode}/${measureId}/${period}` },
            toPhase(before),
            null,
          );
      });
    },
  };
}
export type SpcService = ReturnType<typeof spcService>;
