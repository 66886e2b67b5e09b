/**
 * The council's performance plan as a versioned document: each edit saves the next version (the old ones
 * stay) and is audited with the plan before and after. Loading a plan file sets its targets in the same
 * transaction, so a file with one bad target changes nothing.
 */
import { canonicalJson } from '../domain/canonical.js';
import { applyPlanEdit, PlanEditError, type PlanEdit } from '../domain/plan/edit.js';
import {
  duplicateIds,
  emptyPlan,
  planFileSchema,
  planFromFile,
  planSchema,
  type Plan,
} from '../domain/plan/plan.js';
import { seriesChain } from '../domain/measure.js';
import { parsePeriod } from '../domain/period.js';
import type { FrozenTarget, TargetSpec } from '../domain/targets/target.js';
import type { FileTarget } from '../domain/plan/plan.js';
import type { Db, Queryable } from '../store/db.js';
import { NotFoundError, ValidationError, type Actor } from './actor.js';
import { recordAudit } from './audit.js';
import type { MeasureService } from './measures.js';
import type { OrganisationService } from './organisations.js';
import type { TargetService } from './targets.js';
import { fieldErrorsOf } from './users.js';

export interface PlanVersion {
  orgCode: string;
  version: number;
  plan: Plan;
  updatedBy: string;
  updatedAt: Date;
}

interface Row {
  org_code: string;
  version: number;
  plan: Plan;
  updated_by_label: string;
  updated_at: Date;
}

const toVersion = (r: Row): PlanVersion => ({
  orgCode: r.org_code,
  version: r.version,
  plan: r.plan,
  updatedBy: r.updated_by_label,
  updatedAt: r.updated_at,
});

export function planService(deps: {
  db: Db;
  measures: MeasureService;
  organisations: OrganisationService;
  targets: TargetService;
}) {
  const { db, measures, organisations, targets } = deps;

  async function current(orgCode: string): Promise<PlanVersion | undefined> {
    const [row] = await db.query<Row>(
      'SELECT * FROM performance_plans WHERE org_code = $1 AND superseded_at IS NULL',
      [orgCode],
    );
    return row ? toVersion(row) : undefined;
  }

  async function check(plan: unknown): Promise<Plan> {
    const parsed = planSchema.safeParse(plan);
    if (!parsed.success) throw new ValidationError('The plan is not valid', fieldErrorsOf(parsed.error));
    const known = new Set((await measures.all()).map((m) => m.id));
    const problems = parsed.data.priorities.flatMap((p, pi) =>
      p.objectives.flatMap((o, oi) =>
        o.indicators.flatMap((i, ii) => {
          const at = `priorities.${pi}.objectives.${oi}.indicators.${ii}`;
          const out: { field: string; message: string }[] = [];
          if (!known.has(i.measureId))
            out.push({ field: `${at}.measureId`, message: `There is no measure ${i.measureId}` });
          if (i.baseline && !parsePeriod(i.baseline.period))
            out.push({ field: `${at}.baseline.period`, message: `"${i.baseline.period}" is not a period` });
          return out;
        }),
      ),
    );
    for (const id of duplicateIds(parsed.data))
      problems.push({ field: 'priorities', message: `The id ${id} is used twice` });
    if (problems.length) throw new ValidationError('The plan is not valid', problems);
    return parsed.data;
  }

  async function saveIn(tx: Queryable, actor: Actor, orgCode: string, plan: Plan): Promise<PlanVersion> {
    const [before] = await tx.query<Row>(
      'SELECT * FROM performance_plans WHERE org_code = $1 AND superseded_at IS NULL FOR UPDATE',
      [orgCode],
    );
    if (before && canonicalJson(before.plan) === canonicalJson(plan)) return toVersion(before);
    if (before)
      await tx.query(
        'UPDATE performance_plans SET superseded_at = now() WHERE org_code = $1 AND superseded_at IS NULL',
        [orgCode],
      );
    const [row] = await tx.query<Row>(
      `INSERT INTO performance_plans (org_code, version, plan, updated_by, updated_by_label)
       VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [orgCode, (before?.version ?? 0) + 1, JSON.stringify(plan), actor.userId, actor.label],
    );
    const after = toVersion(row!);
    await recordAudit(
      tx,
      actor,
      'plan.save',
      { type: 'plan', id: orgCode },
      before ? { version: before.version, plan: before.plan } : null,
      { version: after.version, plan: after.plan },
    );
    return after;
  }

  /** A file's direction target with its baseline value filled in from the published figure. */
  async function withBaseline(orgCode: string, measureId: string, spec: FileTarget): Promise<TargetSpec> {
    if (spec.kind !== 'direction' || 'value' in spec.baseline) return spec as TargetSpec;
    // The baseline may have been published under an earlier code of the same series (3C1 was 3D1).
    const chain = seriesChain(await measures.all(), measureId)?.ids ?? [measureId];
    const [row] = await db.query<{ value: string | null }>(
      `SELECT value::text FROM observations WHERE org_code = $1 AND measure_id = ANY($2) AND period = $3
         AND disaggregation = 'Total' AND superseded_by IS NULL ORDER BY array_position($2, measure_id) DESC LIMIT 1`,
      [orgCode, chain, spec.baseline.period],
    );
    if (row?.value == null) {
      const message = `There is no published value of ${measureId} for ${spec.baseline.period} to use as the baseline: give one`;
      throw new ValidationError(message, [{ field: 'targets', message }]);
    }
    return { ...spec, baseline: { period: spec.baseline.period, value: Number(row.value) } };
  }

  return {
    current,

    async history(orgCode: string): Promise<Omit<PlanVersion, 'plan'>[]> {
      const rows = await db.query<Omit<Row, 'plan'>>(
        'SELECT org_code, version, updated_by_label, updated_at FROM performance_plans WHERE org_code = $1 ORDER BY version DESC',
        [orgCode],
      );
      return rows.map((r) => ({
        orgCode: r.org_code,
        version: r.version,
        updatedBy: r.updated_by_label,
        updatedAt: r.updated_at,
      }));
    },

    async version(orgCode: string, version: number): Promise<PlanVersion> {
      const [row] = await db.query<Row>(
        'SELECT * FROM performance_plans WHERE org_code = $1 AND version = $2',
        [orgCode, version],
      );
      if (!row) throw new NotFoundError(`There is no version ${version} of the plan`);
      return toVersion(row);
    },

    /** Replaces the whole plan with a new version (the API's PUT). */
    async save(actor: Actor, orgCode: string, plan: unknown): Promise<PlanVersion> {
      organisations.get(orgCode);
      const checked = await check(plan);
      return db.transaction((tx) => saveIn(tx, actor, orgCode, checked));
    },

    /** One edit from the plan editor; a council without a plan starts from an empty one. */
    async edit(actor: Actor, orgCode: string, edit: PlanEdit): Promise<PlanVersion> {
      const org = organisations.get(orgCode);
      const base =
        (await current(orgCode))?.plan ?? emptyPlan(`${org.name} adult social care performance plan`, []);
      let next: Plan;
      try {
        next = applyPlanEdit(base, edit);
      } catch (err) {
        if (err instanceof PlanEditError)
          throw new ValidationError(err.message, [{ field: err.field, message: err.message }]);
        throw err;
      }
      const checked = await check(next);
      return db.transaction((tx) => saveIn(tx, actor, orgCode, checked));
    },

    /** Loads a plan file (YAML or JSON, parsed) with its targets, all in one transaction. */
    async importFile(
      actor: Actor,
      orgCode: string,
      input: unknown,
    ): Promise<{ plan: PlanVersion; targetsSet: number }> {
      organisations.get(orgCode);
      const parsed = planFileSchema.safeParse(input);
      if (!parsed.success)
        throw new ValidationError('The plan file is not valid', fieldErrorsOf(parsed.error));
      const { plan, targets: wanted } = planFromFile(parsed.data);
      const checked = await check(plan);
      const frozen: { measureId: string; year: string; spec: TargetSpec; target: FrozenTarget }[] = [];
      for (const t of wanted) {
        const spec = await withBaseline(orgCode, t.measureId, t.spec);
        frozen.push({ ...t, spec, target: await targets.check(t.measureId, spec) });
      }
      const book = await targets.book(orgCode);
      return db.transaction(async (tx) => {
        const saved = await saveIn(tx, actor, orgCode, checked);
        let targetsSet = 0;
        for (const t of frozen) {
          const existing = book.latest(t.measureId, t.year);
          // Loading the same file again leaves targets that already say the same thing alone.
          if (existing && canonicalJson(existing.target?.spec) === canonicalJson(t.target.spec)) continue;
          await targets.set(actor, orgCode, t.measureId, t.year, t.spec, tx);
          targetsSet++;
        }
        return { plan: saved, targetsSet };
      });
    },
  };
}
export type PlanService = ReturnType<typeof planService>;
