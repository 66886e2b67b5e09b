/**
 * Targets per council, measure and period. Each change is a new version (with who and when), and the
 * target is stored frozen with the rule that judges it, so a report of a closed period keeps its colours
 * after targets or rules change. Once a target's period has ended it cannot be changed or removed.
 */
import { parsePeriod, type Period } from '../domain/period.js';
import { targetFrozen, targetInForce } from '../domain/targets/in-force.js';
import {
  describeTarget,
  freezeTarget,
  targetConflict,
  targetSpecSchema,
  type FrozenTarget,
  type TargetSpec,
} from '../domain/targets/target.js';
import type { Db, Queryable } from '../store/db.js';
import { ValidationError, type Actor } from './actor.js';
import { recordAudit } from './audit.js';
import { todayOf, type Clock } from './clock.js';
import type { MeasureService } from './measures.js';
import type { OrganisationService } from './organisations.js';
import { fieldErrorsOf } from './users.js';

export interface TargetVersion {
  id: number;
  orgCode: string;
  measureId: string;
  period: string;
  version: number;
  /** Null when this version removed the target. */
  target: FrozenTarget | null;
  setOn: string;
  setBy: string;
  setAt: Date;
}

interface Row {
  id: number;
  org_code: string;
  measure_id: string;
  period: string;
  version: number;
  target: FrozenTarget | null;
  set_on: string;
  set_by_label: string;
  set_at: Date;
}

const toVersion = (r: Row): TargetVersion => ({
  id: r.id,
  orgCode: r.org_code,
  measureId: r.measure_id,
  period: r.period,
  version: r.version,
  target: r.target,
  setOn: r.set_on,
  setBy: r.set_by_label,
  setAt: r.set_at,
});

/** The versions of one council's targets, grouped by measure, ready for `targetInForce`. */
export class TargetBook {
  constructor(private readonly byMeasure: ReadonlyMap<string, TargetVersion[]>) {}

  /** The frozen target judging a period, or undefined when none applies (or it was removed). */
  inForce(measureId: string, period: Period): TargetVersion | undefined {
    const v = targetInForce(this.byMeasure.get(measureId) ?? [], period);
    return v?.target ? v : undefined;
  }

  /** The latest version set for exactly this period, for a plan's target columns and forms. */
  latest(measureId: string, period: string): TargetVersion | undefined {
    const v = (this.byMeasure.get(measureId) ?? []).filter((x) => x.period === period).at(-1);
    return v?.target ? v : undefined;
  }

  measureIds(): string[] {
    return [...this.byMeasure.entries()].filter(([, vs]) => vs.some((v) => v.target)).map(([id]) => id);
  }
}

export function targetService(deps: {
  db: Db;
  clock: Clock;
  measures: MeasureService;
  organisations: OrganisationService;
}) {
  const { db, clock, measures, organisations } = deps;

  async function versions(orgCode: string, measureId?: string): Promise<TargetVersion[]> {
    const rows = await db.query<Row>(
      `SELECT id, org_code, measure_id, period, version, target, set_on::text AS set_on, set_by_label, set_at
       FROM targets WHERE org_code = $1 ${measureId ? 'AND measure_id = $2' : ''}
       ORDER BY measure_id, period_start, period, version`,
      measureId ? [orgCode, measureId] : [orgCode],
    );
    return rows.map(toVersion);
  }

  async function write(
    actor: Actor,
    orgCode: string,
    measureId: string,
    periodLabel: string,
    target: FrozenTarget | null,
    within?: Queryable,
  ): Promise<TargetVersion> {
    organisations.get(orgCode);
    const period = parsePeriod(periodLabel);
    if (!period)
      throw new ValidationError('The period is not valid', [
        { field: 'period', message: `"${periodLabel}" is not a financial year, quarter or month` },
      ]);
    const today = todayOf(clock);
    const run = <T>(fn: (tx: Queryable) => Promise<T>) => (within ? fn(within) : db.transaction(fn));
    return run(async (tx) => {
      const [before] = await tx.query<Row>(
        `SELECT id, org_code, measure_id, period, version, target, set_on::text AS set_on, set_by_label, set_at
         FROM targets WHERE org_code = $1 AND measure_id = $2 AND period = $3 ORDER BY version DESC LIMIT 1 FOR UPDATE`,
        [orgCode, measureId, period.label],
      );
      if (before && targetFrozen(period, today)) {
        const message = `${period.label} ended on ${period.end}: its target is frozen so that reports of it keep their colours`;
        throw new ValidationError(message, [{ field: 'period', message }]);
      }
      if (!before && !target)
        throw new ValidationError('There is no target to remove', [
          { field: 'period', message: `There is no target for ${period.label}` },
        ]);
      const [row] = await tx.query<Row>(
        `INSERT INTO targets (org_code, measure_id, period, period_start, period_end, version, target, set_on, set_by, set_by_label)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         RETURNING id, org_code, measure_id, period, version, target, set_on::text AS set_on, set_by_label, set_at`,
        [
          orgCode,
          measureId,
          period.label,
          period.start,
          period.end,
          (before?.version ?? 0) + 1,
          target === null ? null : JSON.stringify(target),
          today,
          actor.userId,
          actor.label,
        ],
      );
      const after = toVersion(row!);
      await recordAudit(
        tx,
        actor,
        target ? 'target.set' : 'target.remove',
        { type: 'target', id: `${orgCode}/${measureId}/${period.label}` },
        before ? toVersion(before) : null,
        after,
      );
      return after;
    });
  }

  async function frozenFor(measureId: string, input: unknown): Promise<FrozenTarget> {
    const measure = await measures.get(measureId);
    const parsed = targetSpecSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError('The target is not valid', fieldErrorsOf(parsed.error));
    const spec: TargetSpec = parsed.data;
    const conflict = targetConflict(spec, measure.polarity);
    if (conflict) {
      const message = `${measure.code} ${measure.shortTitle}: ${conflict}`;
      throw new ValidationError(message, [{ field: 'direction', message }]);
    }
    return freezeTarget(spec, measure);
  }

  return {
    versions,

    async book(orgCode: string): Promise<TargetBook> {
      const grouped = new Map<string, TargetVersion[]>();
      for (const v of await versions(orgCode))
        grouped.set(v.measureId, [...(grouped.get(v.measureId) ?? []), v]);
      return new TargetBook(grouped);
    },

    /**
     * Sets (or changes) a target; validated against the measure's polarity and frozen with its rule. Pass
     * `within` to write inside a caller's transaction (a plan loaded with its targets, all or nothing).
     */
    async set(
      actor: Actor,
      orgCode: string,
      measureId: string,
      period: string,
      input: unknown,
      within?: Queryable,
    ): Promise<TargetVersion> {
      return write(actor, orgCode, measureId, period, await frozenFor(measureId, input), within);
    },

    /** Checks a target without storing it: its frozen form, or a ValidationError. */
    check: frozenFor,

    async remove(actor: Actor, orgCode: string, measureId: string, period: string): Promise<TargetVersion> {
      await measures.get(measureId);
      return write(actor, orgCode, measureId, period, null);
    },

    describe(v: TargetVersion): string {
      return v.target ? describeTarget(v.target.spec, v.target.measure) : 'no target';
    },
  };
}
export type TargetService = ReturnType<typeof targetService>;
