/**
 * The improvement programme: programmes, their plans (a re-plan keeps the old plan as it was),
 * workstreams, actions and milestones, dated updates and links to measures. Every change is audited
 * in the transaction that makes it; a superseded plan is read-only.
 */
import { actionProblems, isOpen } from '../../domain/programme/action.js';
import { isoDateIn } from '../../domain/programme/dates.js';
import type { Db, Queryable } from '../../store/db.js';
import { NotFoundError, ValidationError, type Actor } from '../actor.js';
import { recordAudit } from '../audit.js';
import type { Clock } from '../clock.js';
import type { MeasureService } from '../measures.js';
import type { OrganisationService } from '../organisations.js';
import {
  ACTION_COLUMNS,
  ACTION_SELECT,
  toAction,
  toPlan,
  toProgramme,
  toUpdate,
  toWorkstream,
  type Action,
  type Plan,
  type PlanUpdate,
  type Programme,
  type Workstream,
} from './rows.js';
import {
  actionSchema,
  programmeSchema,
  replanSchema,
  updateSchema,
  workstreamSchema,
  type ActionInput,
  type ProgrammeInput,
  type ReplanInput,
  type UpdateInput,
  type WorkstreamInput,
} from './schemas.js';
import { failIf, parseInput } from './validate.js';

export interface PlanStructure {
  plan: Plan;
  workstreams: (Workstream & { actions: Action[] })[];
}

/** An action's own fields in the order both its insert and its update take them (reference to % complete). */
const actionValues = (d: ReturnType<typeof actionSchema.parse>) => [
  d.reference,
  d.kind,
  d.title,
  d.description,
  d.owner,
  d.startOn,
  d.dueOn,
  d.status,
  d.rag,
  d.ragText,
  d.percentComplete,
];

export function programmeService(
  db: Db,
  clock: Clock,
  organisations: OrganisationService,
  measures: MeasureService,
) {
  const today = () => isoDateIn(clock.now());

  async function programmeOn(q: Queryable, id: number): Promise<Programme> {
    const [row] = await q.query('SELECT * FROM programmes WHERE id = $1', [id]);
    if (!row) throw new NotFoundError(`There is no programme ${id}`);
    return toProgramme(row);
  }

  async function currentPlanOn(q: Queryable, programmeId: number): Promise<Plan> {
    const [row] = await q.query(
      'SELECT * FROM programme_plans WHERE programme_id = $1 AND superseded_on IS NULL',
      [programmeId],
    );
    if (!row) throw new NotFoundError(`Programme ${programmeId} has no current plan`);
    return toPlan(row);
  }

  async function workstreamOn(q: Queryable, id: number): Promise<Workstream> {
    const [row] = await q.query('SELECT * FROM workstreams WHERE id = $1', [id]);
    if (!row) throw new NotFoundError(`There is no workstream ${id}`);
    return toWorkstream(row);
  }

  async function actionOn(q: Queryable, id: number): Promise<Action> {
    const [row] = await q.query(`${ACTION_SELECT} WHERE a.id = $1`, [id]);
    if (!row) throw new NotFoundError(`There is no action ${id}`);
    return toAction(row);
  }

  /** A superseded plan is history: it stays as it was. */
  async function assertCurrentPlan(q: Queryable, planId: number): Promise<Plan> {
    const [row] = await q.query('SELECT * FROM programme_plans WHERE id = $1', [planId]);
    if (!row) throw new NotFoundError(`There is no plan ${planId}`);
    const plan = toPlan(row);
    if (plan.supersededOn)
      throw new ValidationError(
        `Version ${plan.version} of the plan was replaced on ${plan.supersededOn}; it is kept as it was and cannot be changed`,
      );
    return plan;
  }

  async function checkMeasures(ids: readonly string[]): Promise<void> {
    const known = new Set((await measures.all()).map((m) => m.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length)
      throw new ValidationError('Unknown measure', [
        { field: 'measureIds', message: `There is no measure ${unknown.join(', ')}` },
      ]);
  }

  async function setMeasures(tx: Queryable, actionId: number, ids: readonly string[]): Promise<void> {
    await tx.query('DELETE FROM action_measures WHERE action_id = $1', [actionId]);
    for (const id of new Set(ids))
      await tx.query('INSERT INTO action_measures (action_id, measure_id) VALUES ($1, $2)', [actionId, id]);
  }

  function checkAction(d: ReturnType<typeof actionSchema.parse>) {
    failIf(
      actionProblems({
        startOn: d.startOn,
        dueOn: d.dueOn,
        percentComplete: d.percentComplete,
        status: d.status,
        rag: d.rag,
        ragText: d.ragText,
      }),
      'The action is not valid',
    );
  }

  async function referenceClash(q: Queryable, planId: number, reference: string | null, except = 0) {
    if (!reference) return;
    const [clash] = await q.query(
      `SELECT a.id FROM actions a JOIN workstreams w ON w.id = a.workstream_id
       WHERE w.plan_id = $1 AND a.reference = $2 AND a.id <> $3`,
      [planId, reference, except],
    );
    if (clash)
      throw new ValidationError('The reference is taken', [
        { field: 'reference', message: `Another action in this plan already has the reference ${reference}` },
      ]);
  }

  async function structureOn(q: Queryable, plan: Plan): Promise<PlanStructure> {
    const ws = (
      await q.query('SELECT * FROM workstreams WHERE plan_id = $1 ORDER BY position, id', [plan.id])
    ).map(toWorkstream);
    const actions = (
      await q.query(
        `${ACTION_SELECT} JOIN workstreams w ON w.id = a.workstream_id WHERE w.plan_id = $1 ORDER BY a.position, a.id`,
        [plan.id],
      )
    ).map(toAction);
    return {
      plan,
      workstreams: ws.map((w) => ({ ...w, actions: actions.filter((a) => a.workstreamId === w.id) })),
    };
  }

  const service = {
    async list(orgCode?: string): Promise<Programme[]> {
      const rows = orgCode
        ? await db.query('SELECT * FROM programmes WHERE org_code = $1 ORDER BY id', [orgCode])
        : await db.query('SELECT * FROM programmes ORDER BY id');
      return rows.map(toProgramme);
    },

    get: (id: number) => programmeOn(db, id),

    async create(actor: Actor, orgCode: string, input: ProgrammeInput): Promise<Programme> {
      const org = organisations.get(orgCode);
      if (org.kind !== 'council') throw new ValidationError(`${org.name} is not a council`);
      const d = parseInput(programmeSchema, input, 'The programme is not valid');
      return db.transaction(async (tx) => {
        const [clash] = await tx.query('SELECT id FROM programmes WHERE org_code = $1 AND name = $2', [
          orgCode,
          d.name,
        ]);
        if (clash)
          throw new ValidationError('A programme with that name exists', [
            { field: 'name', message: `${org.name} already has a programme called ${d.name}` },
          ]);
        const [row] = await tx.query(
          'INSERT INTO programmes (org_code, name, purpose, sponsor, started_on) VALUES ($1, $2, $3, $4, $5) RETURNING *',
          [orgCode, d.name, d.purpose, d.sponsor, d.startedOn],
        );
        const programme = toProgramme(row!);
        await tx.query(
          'INSERT INTO programme_plans (programme_id, version, title, adopted_on) VALUES ($1, 1, $2, $3)',
          [programme.id, d.planTitle, d.startedOn ?? today()],
        );
        await recordAudit(tx, actor, 'programme.create', { type: 'programme', id: programme.id }, null, {
          ...programme,
          planTitle: d.planTitle,
        });
        return programme;
      });
    },

    currentPlan: (programmeId: number) => currentPlanOn(db, programmeId),

    async plans(programmeId: number): Promise<Plan[]> {
      await programmeOn(db, programmeId);
      return (
        await db.query('SELECT * FROM programme_plans WHERE programme_id = $1 ORDER BY version', [
          programmeId,
        ])
      ).map(toPlan);
    },

    async plan(planId: number): Promise<Plan> {
      const [row] = await db.query('SELECT * FROM programme_plans WHERE id = $1', [planId]);
      if (!row) throw new NotFoundError(`There is no plan ${planId}`);
      return toPlan(row);
    },

    /** A plan with its workstreams and their actions: the current one, or any earlier one as it was. */
    async structure(planId: number): Promise<PlanStructure> {
      return structureOn(db, await service.plan(planId));
    },

    async currentStructure(programmeId: number): Promise<PlanStructure> {
      return structureOn(db, await currentPlanOn(db, programmeId));
    },

    workstream: (id: number) => workstreamOn(db, id),
    action: (id: number) => actionOn(db, id),

    /** Where a workstream or action sits: its plan and programme. */
    async locate(
      workstreamId: number,
    ): Promise<{ workstream: Workstream; plan: Plan; programme: Programme }> {
      const workstream = await workstreamOn(db, workstreamId);
      const plan = await service.plan(workstream.planId);
      return { workstream, plan, programme: await programmeOn(db, plan.programmeId) };
    },

    async addWorkstream(actor: Actor, programmeId: number, input: WorkstreamInput): Promise<Workstream> {
      const d = parseInput(workstreamSchema, input, 'The workstream is not valid');
      return db.transaction(async (tx) => {
        const plan = await currentPlanOn(tx, programmeId);
        const [clash] = await tx.query('SELECT id FROM workstreams WHERE plan_id = $1 AND title = $2', [
          plan.id,
          d.title,
        ]);
        if (clash)
          throw new ValidationError('A workstream with that title exists', [
            { field: 'title', message: `The plan already has a workstream called ${d.title}` },
          ]);
        const [row] = await tx.query(
          `INSERT INTO workstreams (plan_id, kind, title, lead, purpose, status, rag, rag_text, board_id, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, (SELECT COALESCE(max(position), 0) + 1 FROM workstreams WHERE plan_id = $1))
           RETURNING *`,
          [plan.id, d.kind, d.title, d.lead, d.purpose, d.status, d.rag, d.ragText, d.boardId],
        );
        const ws = toWorkstream(row!);
        await recordAudit(tx, actor, 'workstream.create', { type: 'workstream', id: ws.id }, null, ws);
        return ws;
      });
    },

    async updateWorkstream(actor: Actor, id: number, input: WorkstreamInput): Promise<Workstream> {
      const d = parseInput(workstreamSchema, input, 'The workstream is not valid');
      failIf(
        d.rag === 'red' || d.rag === 'amber'
          ? d.ragText
            ? []
            : [{ field: 'ragText', message: `Say why the workstream is ${d.rag}` }]
          : [],
        'The workstream is not valid',
      );
      return db.transaction(async (tx) => {
        const before = await workstreamOn(tx, id);
        await assertCurrentPlan(tx, before.planId);
        const [row] = await tx.query(
          `UPDATE workstreams SET kind = $2, title = $3, lead = $4, purpose = $5, status = $6, rag = $7, rag_text = $8,
             board_id = $9, updated_at = now() WHERE id = $1 RETURNING *`,
          [id, d.kind, d.title, d.lead, d.purpose, d.status, d.rag, d.ragText, d.boardId],
        );
        const after = toWorkstream(row!);
        await recordAudit(tx, actor, 'workstream.update', { type: 'workstream', id }, before, after);
        return after;
      });
    },

    async addAction(actor: Actor, workstreamId: number, input: ActionInput): Promise<Action> {
      const d = parseInput(actionSchema, input, 'The action is not valid');
      checkAction(d);
      await checkMeasures(d.measureIds);
      return db.transaction(async (tx) => {
        const ws = await workstreamOn(tx, workstreamId);
        await assertCurrentPlan(tx, ws.planId);
        await referenceClash(tx, ws.planId, d.reference);
        const [row] = await tx.query(
          `INSERT INTO actions (workstream_id, reference, kind, title, description, owner, start_on, due_on, baseline_due_on,
             status, rag, rag_text, percent_complete, completed_on, arising_from_meeting_id, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11, $12, $13, $14,
             (SELECT COALESCE(max(position), 0) + 1 FROM actions WHERE workstream_id = $1)) RETURNING id`,
          [
            workstreamId,
            ...actionValues(d),
            d.status === 'complete' ? (d.dueOn ?? null) : null,
            d.arisingFromMeetingId,
          ],
        );
        const id = Number(row!.id);
        await setMeasures(tx, id, d.measureIds);
        const action = await actionOn(tx, id);
        await recordAudit(tx, actor, 'action.create', { type: 'action', id }, null, action);
        return action;
      });
    },

    /** Edits an action. Moving the due date keeps the first agreed one as the baseline, so slippage shows. */
    async updateAction(actor: Actor, id: number, input: ActionInput): Promise<Action> {
      const d = parseInput(actionSchema, input, 'The action is not valid');
      checkAction(d);
      await checkMeasures(d.measureIds);
      return db.transaction(async (tx) => {
        const before = await actionOn(tx, id);
        const ws = await workstreamOn(tx, before.workstreamId);
        await assertCurrentPlan(tx, ws.planId);
        await referenceClash(tx, ws.planId, d.reference, id);
        if (d.workstreamId !== null && d.workstreamId !== ws.id) {
          const target = await workstreamOn(tx, d.workstreamId);
          if (target.planId !== ws.planId)
            throw new ValidationError('The action is not valid', [
              { field: 'workstreamId', message: 'Choose a workstream of the same plan' },
            ]);
          await tx.query('UPDATE actions SET workstream_id = $2 WHERE id = $1', [id, target.id]);
        }
        await tx.query(
          `UPDATE actions SET reference = $2, kind = $3, title = $4, description = $5, owner = $6, start_on = $7, due_on = $8,
             baseline_due_on = COALESCE(baseline_due_on, $8), status = $9, rag = $10, rag_text = $11, percent_complete = $12,
             completed_on = CASE WHEN $9 = 'complete' THEN COALESCE(completed_on, $13::date) ELSE NULL END, updated_at = now()
           WHERE id = $1`,
          [id, ...actionValues(d), today()],
        );
        await setMeasures(tx, id, d.measureIds);
        const after = await actionOn(tx, id);
        await recordAudit(tx, actor, 'action.update', { type: 'action', id }, before, after);
        return after;
      });
    },

    async linkMeasure(actor: Actor, actionId: number, measureId: string): Promise<Action> {
      await checkMeasures([measureId]);
      return db.transaction(async (tx) => {
        const before = await actionOn(tx, actionId);
        await assertCurrentPlan(tx, (await workstreamOn(tx, before.workstreamId)).planId);
        await tx.query(
          'INSERT INTO action_measures (action_id, measure_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
          [actionId, measureId],
        );
        const after = await actionOn(tx, actionId);
        await recordAudit(
          tx,
          actor,
          'action.link-measure',
          { type: 'action', id: actionId },
          { measureIds: before.measureIds },
          { measureIds: after.measureIds },
        );
        return after;
      });
    },

    /**
     * Records a dated progress update on an action (or on a workstream when actionId is null). The
     * update may move the action on; what it set is kept with it, so the history reads as it happened.
     */
    async recordUpdate(
      actor: Actor,
      target: { actionId: number } | { workstreamId: number },
      input: UpdateInput,
    ): Promise<PlanUpdate> {
      const d = parseInput(updateSchema, input, 'The update is not valid');
      return db.transaction(async (tx) => {
        const action = 'actionId' in target ? await actionOn(tx, target.actionId) : undefined;
        const ws = await workstreamOn(
          tx,
          action ? action.workstreamId : (target as { workstreamId: number }).workstreamId,
        );
        await assertCurrentPlan(tx, ws.planId);
        if (action) {
          const next = {
            status: d.status ?? action.status,
            rag: d.rag ?? action.rag,
            ragText: d.rag || d.ragText ? d.ragText : action.ragText,
            percentComplete: d.percentComplete ?? action.percentComplete,
            dueOn: d.dueOn ?? action.dueOn,
          };
          if (next.status === 'complete' && d.percentComplete === null) next.percentComplete = 100;
          failIf(
            actionProblems({ ...next, startOn: action.startOn }),
            'The update would leave the action in a state that is not valid',
          );
          await tx.query(
            `UPDATE actions SET status = $2, rag = $3, rag_text = $4, percent_complete = $5, due_on = $6,
               baseline_due_on = COALESCE(baseline_due_on, $6),
               completed_on = CASE WHEN $2 = 'complete' THEN COALESCE(completed_on, $7::date) ELSE NULL END,
               updated_at = now() WHERE id = $1`,
            [action.id, next.status, next.rag, next.ragText, next.percentComplete, next.dueOn, d.updateOn],
          );
        } else if (d.status || d.rag) {
          if ((d.rag === 'red' || d.rag === 'amber') && !d.ragText)
            throw new ValidationError('The update is not valid', [
              { field: 'ragText', message: `Say why the workstream is ${d.rag}` },
            ]);
          await tx.query(
            `UPDATE workstreams SET status = COALESCE($2, status), rag = COALESCE($3, rag),
               rag_text = CASE WHEN $3::text IS NULL THEN rag_text ELSE $4 END, updated_at = now() WHERE id = $1`,
            [ws.id, d.status, d.rag, d.ragText],
          );
        }
        const [row] = await tx.query(
          `INSERT INTO plan_updates (workstream_id, action_id, update_on, progress, next_steps, status, rag, rag_text,
             percent_complete, due_on, recorded_by, recorded_by_label)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
          [
            ws.id,
            action?.id ?? null,
            d.updateOn,
            d.progress,
            d.nextSteps,
            d.status,
            d.rag,
            d.ragText,
            d.percentComplete,
            d.dueOn,
            actor.userId,
            actor.label,
          ],
        );
        const update = toUpdate(row!);
        await recordAudit(
          tx,
          actor,
          'plan-update.create',
          { type: action ? 'action' : 'workstream', id: action?.id ?? ws.id },
          action ?? null,
          { update, action: action ? await actionOn(tx, action.id) : undefined },
        );
        return update;
      });
    },

    /** Updates, newest first, for an action, a workstream (with its actions'), or a whole plan. */
    async updates(filter: {
      actionId?: number;
      workstreamId?: number;
      planId?: number;
    }): Promise<PlanUpdate[]> {
      const [clause, value] =
        filter.actionId !== undefined
          ? ['u.action_id = $1', filter.actionId]
          : filter.workstreamId !== undefined
            ? ['u.workstream_id = $1', filter.workstreamId]
            : ['w.plan_id = $1', filter.planId ?? 0];
      return (
        await db.query(
          `SELECT u.* FROM plan_updates u JOIN workstreams w ON w.id = u.workstream_id WHERE ${clause}
           ORDER BY u.update_on DESC, u.id DESC`,
          [value],
        )
      ).map(toUpdate);
    },

    /**
     * Replaces the current plan with a new version (as Rotherham replaced its four themes with four
     * project plans). The old plan, its workstreams, actions and updates stay exactly as they were;
     * chosen open actions are carried into the new plan as new actions that remember where they came from.
     */
    async replan(actor: Actor, programmeId: number, input: ReplanInput): Promise<Plan> {
      const d = parseInput(replanSchema, input, 'The new plan is not valid');
      const titles = d.workstreams.map((w) => w.title);
      if (new Set(titles).size !== titles.length)
        throw new ValidationError('Two workstreams share a title', [
          { field: 'workstreams', message: 'Give each workstream of the new plan its own title' },
        ]);
      return db.transaction(async (tx) => {
        const old = await currentPlanOn(tx, programmeId);
        if (d.adoptedOn < old.adoptedOn)
          throw new ValidationError('The new plan starts before the old one', [
            { field: 'adoptedOn', message: `The new plan must be adopted on or after ${old.adoptedOn}` },
          ]);
        const oldStructure = await structureOn(tx, old);
        const oldActions = new Map(oldStructure.workstreams.flatMap((w) => w.actions).map((a) => [a.id, a]));
        for (const c of d.carry) {
          const a = oldActions.get(c.actionId);
          if (!a || !isOpen(a.status))
            throw new ValidationError('Only open actions of the current plan can be carried', [
              { field: 'carry', message: `Action ${c.actionId} is not an open action of the current plan` },
            ]);
          if (!titles.includes(c.toWorkstream))
            throw new ValidationError('Unknown workstream', [
              { field: 'carry', message: `The new plan has no workstream called ${c.toWorkstream}` },
            ]);
        }
        await tx.query(
          'UPDATE programme_plans SET superseded_on = $2, superseded_reason = $3 WHERE id = $1',
          [old.id, d.adoptedOn, d.reason],
        );
        const [planRow] = await tx.query(
          `INSERT INTO programme_plans (programme_id, version, title, summary, adopted_on)
           VALUES ($1, $2, $3, $4, $5) RETURNING *`,
          [programmeId, old.version + 1, d.title, d.summary, d.adoptedOn],
        );
        const plan = toPlan(planRow!);
        const wsIds = new Map<string, number>();
        for (const [i, w] of d.workstreams.entries()) {
          const [row] = await tx.query(
            `INSERT INTO workstreams (plan_id, kind, title, lead, purpose, position) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
            [plan.id, w.kind, w.title, w.lead, w.purpose, i + 1],
          );
          wsIds.set(w.title, Number(row!.id));
        }
        for (const [i, c] of d.carry.entries()) {
          const a = oldActions.get(c.actionId)!;
          const [row] = await tx.query(
            `INSERT INTO actions (workstream_id, reference, kind, title, description, owner, start_on, due_on, baseline_due_on,
               status, rag, rag_text, percent_complete, carried_from, position)
             SELECT $1, reference, kind, title, description, owner, start_on, due_on, baseline_due_on, status, rag, rag_text,
               percent_complete, id, $3 FROM actions WHERE id = $2 RETURNING id`,
            [wsIds.get(c.toWorkstream), a.id, i + 1],
          );
          await setMeasures(tx, Number(row!.id), a.measureIds);
        }
        await recordAudit(
          tx,
          actor,
          'plan.replan',
          { type: 'programme', id: programmeId },
          { plan: old, workstreams: oldStructure.workstreams.map((w) => w.title) },
          { plan, workstreams: titles, carried: d.carry },
        );
        return plan;
      });
    },

    /** Actions in current plans that aim to move a measure, with where they sit. */
    async actionsForMeasure(
      measureId: string,
    ): Promise<
      { action: Action; workstream: string; programmeId: number; programme: string; orgCode: string }[]
    > {
      const rows = await db.query<Record<string, unknown>>(
        `SELECT ${ACTION_COLUMNS}, w.title AS ws_title, p.id AS prog_id, p.name AS prog_name, p.org_code AS prog_org
         FROM actions a
         JOIN workstreams w ON w.id = a.workstream_id
         JOIN programme_plans pl ON pl.id = w.plan_id AND pl.superseded_on IS NULL
         JOIN programmes p ON p.id = pl.programme_id
         WHERE a.id IN (SELECT action_id FROM action_measures WHERE measure_id = $1)
         ORDER BY p.org_code, p.id, w.position, a.position`,
        [measureId],
      );
      return rows.map((r) => ({
        action: toAction(r),
        workstream: String(r.ws_title),
        programmeId: Number(r.prog_id),
        programme: String(r.prog_name),
        orgCode: String(r.prog_org),
      }));
    },
  };
  return service;
}
export type ProgrammeService = ReturnType<typeof programmeService>;
