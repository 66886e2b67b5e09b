import type { Context } from 'hono';
import { planEditSchema } from '../../domain/plan/edit.js';
import { scorecardFilters, type ScorecardFilter } from '../../reports/performance/inputs.js';
import { ValidationError } from '../../services/actor.js';
import { fieldErrorsOf } from '../../services/users.js';
import type { AppEnv } from '../context.js';
import { actorOf, param, type Handler } from '../guard.js';
import type { Operation } from './openapi.js';

async function body(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  try {
    const b: unknown = await c.req.json();
    return b && typeof b === 'object' ? (b as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The performance framework's operations: scorecard, overview, plan, targets, commentary, local values. */
export function performanceOperations(op: (spec: Operation, handler: Handler) => void): void {
  op(
    {
      method: 'GET',
      path: '/api/v1/organisations/:code/scorecard',
      access: 'published:read',
      summary:
        "The director's scorecard: each framework measure's latest value, target, RAG, SPC, direction and quartile",
      query: [{ name: 'filter', description: `One of ${scorecardFilters.join(', ')} (default all)` }],
    },
    async (c) => {
      const f = c.req.query('filter') as ScorecardFilter | undefined;
      const filter = f && scorecardFilters.includes(f) ? f : 'all';
      return c.json(
        await c.get('services').performance.scorecardInputs(actorOf(c), param(c, 'code'), filter),
      );
    },
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/organisations/:code/overview',
      access: 'published:read',
      summary:
        'The quarterly ASC overview: four quarters of activity and safeguarding figures with direction of travel',
      query: [
        {
          name: 'quarter',
          description: "The last quarter shown, such as 'Q4 2024-25' (default: the latest)",
        },
      ],
    },
    async (c) =>
      c.json(
        await c
          .get('services')
          .performance.overviewInputs(actorOf(c), param(c, 'code'), c.req.query('quarter') || undefined),
      ),
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/organisations/:code/plan',
      access: 'published:read',
      summary: 'The performance plan with baselines, targets and progress',
    },
    async (c) => c.json(await c.get('services').performance.planInputs(actorOf(c), param(c, 'code'))),
  );
  op(
    {
      method: 'PUT',
      path: '/api/v1/organisations/:code/plan',
      access: 'plans:write',
      summary: 'Replace the performance plan (a new version; the old ones are kept)',
      body: 'Plan',
    },
    async (c) => c.json(await c.get('services').plans.save(actorOf(c), param(c, 'code'), await body(c))),
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/organisations/:code/plan/edits',
      access: 'plans:write',
      summary: 'Apply one edit to the performance plan (add, rename, move or remove an item)',
      body: 'PlanEdit',
    },
    async (c) => {
      const parsed = planEditSchema.safeParse(await body(c));
      if (!parsed.success) throw new ValidationError('The edit is not valid', fieldErrorsOf(parsed.error));
      return c.json(await c.get('services').plans.edit(actorOf(c), param(c, 'code'), parsed.data));
    },
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/organisations/:code/targets',
      access: 'published:read',
      summary: "Every version of the council's targets, each frozen with its RAG rule",
      query: [{ name: 'measure', description: 'Only this measure' }],
    },
    async (c) =>
      c.json(await c.get('services').targets.versions(param(c, 'code'), c.req.query('measure') || undefined)),
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/organisations/:code/targets',
      access: 'plans:write',
      summary: 'Set or change a target for a measure and period (refused once the period has ended)',
      body: 'TargetChange',
    },
    async (c) => {
      const b = await body(c);
      return c.json(
        await c
          .get('services')
          .targets.set(actorOf(c), param(c, 'code'), str(b.measureId), str(b.period), b.target),
        201,
      );
    },
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/organisations/:code/commentary',
      access: 'published:read',
      summary: 'Commentary on a measure for a period, every version',
      query: [
        { name: 'measure', description: 'Measure id' },
        { name: 'period', description: 'Period, such as 2026-10' },
      ],
    },
    async (c) =>
      c.json(
        await c
          .get('services')
          .commentary.history(param(c, 'code'), c.req.query('measure') ?? '', c.req.query('period') ?? ''),
      ),
  );
  op(
    {
      method: 'PUT',
      path: '/api/v1/organisations/:code/commentary',
      access: 'plans:write',
      summary: 'Write the commentary on a measure for a period (a new version)',
      body: 'CommentaryChange',
    },
    async (c) => {
      const b = await body(c);
      return c.json(
        await c
          .get('services')
          .commentary.save(actorOf(c), param(c, 'code'), str(b.measureId), str(b.period), {
            happening: str(b.happening),
            why: str(b.why),
            action: str(b.action),
          }),
      );
    },
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/organisations/:code/spc-phases',
      access: 'measures:write',
      summary:
        "Recalculate a measure's SPC limits from a period (a known change in the process), with the reason",
      body: 'SpcPhase',
    },
    async (c) => {
      const b = await body(c);
      return c.json(
        await c
          .get('services')
          .spc.add(actorOf(c), param(c, 'code'), str(b.measureId), str(b.period), str(b.reason)),
        201,
      );
    },
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/organisations/:code/value-batches',
      access: 'imports:read',
      summary: "A council's batches of local values, newest first",
    },
    async (c) => c.json(await c.get('services').values.list({ orgCode: param(c, 'code') })),
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/organisations/:code/value-batches',
      access: 'values:enter',
      summary: 'Upload local values (the body is a CSV or Excel file) as a draft batch; all or nothing',
      body: 'spreadsheet',
      query: [{ name: 'fileName', description: 'Name to record for the file' }],
    },
    async (c) => {
      const report = await c.get('services').values.upload(actorOf(c), param(c, 'code'), {
        fileName: c.req.query('fileName') ?? 'upload.csv',
        bytes: new Uint8Array(await c.req.arrayBuffer()),
      });
      return c.json(report, report.outcome === 'failed' ? 400 : report.outcome === 'drafted' ? 201 : 200);
    },
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/organisations/:code/values',
      access: 'values:enter',
      summary: 'Enter one local value as a draft batch',
      body: 'ValueEntry',
    },
    async (c) => {
      const b = await body(c);
      const report = await c.get('services').values.enter(actorOf(c), param(c, 'code'), {
        measureId: str(b.measureId),
        period: str(b.period),
        value: b.value === undefined || b.value === null ? '' : String(b.value),
        numerator: b.numerator === undefined || b.numerator === null ? '' : String(b.numerator),
        denominator: b.denominator === undefined || b.denominator === null ? '' : String(b.denominator),
        note: str(b.note),
      });
      return c.json(report, 201);
    },
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/value-batches/:id',
      access: 'imports:read',
      summary: 'One batch of local values with its entries',
    },
    async (c) => c.json(await c.get('services').values.get(Number(param(c, 'id')))),
  );
  const stepOp = (
    name: 'submit' | 'withdraw' | 'approve' | 'return',
    access: Operation['access'],
    summary: string,
  ) =>
    op(
      { method: 'POST', path: `/api/v1/value-batches/:id/${name}`, access, summary, body: 'Decision' },
      async (c) => {
        const s = c.get('services').values;
        const id = Number(param(c, 'id'));
        const note = str((await body(c)).note);
        const actor = actorOf(c);
        const result =
          name === 'submit'
            ? await s.submit(actor, id)
            : name === 'withdraw'
              ? await s.withdraw(actor, id)
              : name === 'approve'
                ? await s.approve(actor, id, note)
                : await s.returnBatch(actor, id, note);
        return c.json(result);
      },
    );
  stepOp('submit', 'values:enter', 'Submit a draft batch for approval');
  stepOp('withdraw', 'values:enter', 'Withdraw a draft or submitted batch');
  stepOp('approve', 'values:approve', 'Approve a submitted batch: its values are published as one release');
  stepOp('return', 'values:approve', 'Return a submitted batch with a reason (note)');
  op(
    {
      method: 'PUT',
      path: '/api/v1/measures/:id/rules',
      access: 'measures:write',
      summary: "Set a local measure's validation rules (range, allowed move from the previous period)",
      body: 'ValueRules',
    },
    async (c) =>
      c.json(await c.get('services').values.setRules(actorOf(c), param(c, 'id'), (await body(c)) as never)),
  );
}
