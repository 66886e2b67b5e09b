/** API operations for the improvement programme, its governance and workforce, and the risk register. */
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { actorOf, param, type Handler } from '../guard.js';
import { audienceFor } from '../routes/plan-forms.js';
import type { Operation } from './openapi.js';

async function body(c: Context<AppEnv>): Promise<never> {
  try {
    return (await c.req.json()) as never;
  } catch {
    return {} as never;
  }
}
const id = (c: Context<AppEnv>) => Number(param(c, 'id'));

export function planOperations(op: (spec: Operation, handler: Handler) => void): void {
  op(
    {
      method: 'GET',
      path: '/api/v1/organisations/:code/programmes',
      access: 'published:read',
      summary: "A council's improvement programmes",
    },
    async (c) =>
      c.json(
        await c.get('services').programmes.list(c.get('services').organisations.get(param(c, 'code')).code),
      ),
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/organisations/:code/programmes',
      access: 'plans:write',
      summary: 'Start an improvement programme (with its first plan)',
      body: 'Programme',
    },
    async (c) =>
      c.json(await c.get('services').programmes.create(actorOf(c), param(c, 'code'), await body(c)), 201),
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/programmes/:id',
      access: 'published:read',
      summary: 'A programme with its current plan, workstreams and actions, overdue and slipping actions',
    },
    async (c) => {
      const s = c.get('services');
      const programme = await s.programmes.get(id(c));
      return c.json({ programme, ...(await s.programmeOverview.overview(programme.id)) });
    },
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/programmes/:id/progress',
      access: 'published:read',
      summary:
        'Progress to date in a period, by workstream, and the upcoming priorities for the next quarter',
      query: [
        {
          name: 'period',
          description: "A quarter or year such as 'Q3 2026-27' (default: the current quarter)",
        },
      ],
    },
    async (c) => c.json(await c.get('services').programmeOverview.progress(id(c), c.req.query('period'))),
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/programmes/:id/plans',
      access: 'published:read',
      summary: 'Every version of the plan, oldest first, each as it stood',
    },
    async (c) => {
      const s = c.get('services');
      const plans = await s.programmes.plans(id(c));
      return c.json(await Promise.all(plans.map((p) => s.programmes.structure(p.id))));
    },
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/programmes/:id/replan',
      access: 'plans:write',
      summary: 'Replace the current plan; the old one is kept as it stood',
      body: 'Replan',
    },
    async (c) => c.json(await c.get('services').programmes.replan(actorOf(c), id(c), await body(c)), 201),
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/programmes/:id/workstreams',
      access: 'plans:write',
      summary: 'Add a workstream to the current plan',
      body: 'Workstream',
    },
    async (c) =>
      c.json(await c.get('services').programmes.addWorkstream(actorOf(c), id(c), await body(c)), 201),
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/programmes/:id/actions/import',
      access: 'plans:write',
      summary:
        'Import an action plan (CSV, or Excel when fileName ends .xlsx) into the current plan; the report lists rejected rows',
      body: 'csv',
      query: [{ name: 'fileName', description: 'Name to record for the file' }],
    },
    async (c) => {
      const report = await c
        .get('services')
        .planImports.importActions(
          actorOf(c),
          id(c),
          c.req.query('fileName') ?? 'action-plan.csv',
          new Uint8Array(await c.req.arrayBuffer()),
        );
      return c.json(report, report.outcome === 'failed' ? 400 : report.outcome === 'loaded' ? 201 : 200);
    },
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/workstreams/:id/actions',
      access: 'plans:write',
      summary: 'Add an action or milestone',
      body: 'Action',
    },
    async (c) => c.json(await c.get('services').programmes.addAction(actorOf(c), id(c), await body(c)), 201),
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/actions/:id',
      access: 'published:read',
      summary:
        'An action with its updates, the measures it should move (latest value, direction, target) and the risks it mitigates',
    },
    async (c) => {
      const s = c.get('services');
      const action = await s.programmes.action(id(c));
      const { programme } = await s.programmes.locate(action.workstreamId);
      return c.json({
        action,
        updates: await s.programmes.updates({ actionId: action.id }),
        measures: await s.measureProgress.forCouncil(programme.orgCode, action.measureIds),
        risks: (await s.risks.risksForAction(action.id, audienceFor(c))).map((r) => ({
          id: r.id,
          reference: r.reference,
          description: r.description,
          current: r.current,
          exempt: r.exempt,
        })),
      });
    },
  );
  op(
    {
      method: 'PUT',
      path: '/api/v1/actions/:id',
      access: 'plans:write',
      summary: 'Change an action (a later due date keeps the first agreed one)',
      body: 'Action',
    },
    async (c) => c.json(await c.get('services').programmes.updateAction(actorOf(c), id(c), await body(c))),
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/actions/:id/updates',
      access: 'plans:write',
      summary:
        'Record a dated progress update on an action (it may set status, RAG, percentage and a new due date)',
      body: 'PlanUpdate',
    },
    async (c) =>
      c.json(
        await c.get('services').programmes.recordUpdate(actorOf(c), { actionId: id(c) }, await body(c)),
        201,
      ),
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/workstreams/:id/updates',
      access: 'plans:write',
      summary: 'Record a dated progress update on a workstream',
      body: 'PlanUpdate',
    },
    async (c) =>
      c.json(
        await c.get('services').programmes.recordUpdate(actorOf(c), { workstreamId: id(c) }, await body(c)),
        201,
      ),
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/programmes/:id/governance',
      access: 'published:read',
      summary: 'Boards and groups with their cadence and reporting lines',
    },
    async (c) => c.json(await c.get('services').governance.reportingLines(id(c))),
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/programmes/:id/boards',
      access: 'plans:write',
      summary: 'Add a board, workstream group or task and finish group',
      body: 'Board',
    },
    async (c) =>
      c.json(await c.get('services').governance.createBoard(actorOf(c), id(c), await body(c)), 201),
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/boards/:id/meetings',
      access: 'published:read',
      summary: "A board's meetings, newest first",
    },
    async (c) => c.json(await c.get('services').governance.meetings(id(c))),
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/boards/:id/meetings',
      access: 'plans:write',
      summary: 'Add a meeting with its agenda',
      body: 'Meeting',
    },
    async (c) =>
      c.json(await c.get('services').governance.createMeeting(actorOf(c), id(c), await body(c)), 201),
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/programmes/:id/workforce',
      access: 'published:read',
      summary: 'Posts planned and recruited by area and type, with percentages',
    },
    async (c) => c.json(await c.get('services').workforce.summary(id(c))),
  );
  op(
    {
      method: 'PUT',
      path: '/api/v1/programmes/:id/workforce',
      access: 'plans:write',
      summary: 'Add or replace the posts for an area and type of employment',
      body: 'WorkforcePosts',
    },
    async (c) => c.json(await c.get('services').workforce.save(actorOf(c), id(c), await body(c))),
  );

  op(
    {
      method: 'GET',
      path: '/api/v1/organisations/:code/risks',
      access: 'published:read',
      summary:
        'The risk register: risks with current scores and reviews, the heat map, risks above appetite and overdue reviews. Exempt risks only for those allowed to read them.',
      query: [
        {
          name: 'audience',
          description: "'published' to leave exempt risks out even when allowed to read them",
        },
      ],
    },
    async (c) => c.json(await c.get('services').risks.register(param(c, 'code'), audienceFor(c))),
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/organisations/:code/risks',
      access: 'plans:write',
      summary: 'Add a risk with its first score',
      body: 'NewRisk',
    },
    async (c) =>
      c.json(await c.get('services').risks.create(actorOf(c), param(c, 'code'), await body(c)), 201),
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/organisations/:code/risks/import',
      access: 'plans:write',
      summary:
        'Import a risk register (CSV, or Excel when fileName ends .xlsx) in the layout of a published register',
      body: 'csv',
      query: [{ name: 'fileName', description: 'Name to record for the file' }],
    },
    async (c) => {
      const report = await c
        .get('services')
        .planImports.importRisks(
          actorOf(c),
          param(c, 'code'),
          c.req.query('fileName') ?? 'register.csv',
          new Uint8Array(await c.req.arrayBuffer()),
        );
      return c.json(report, report.outcome === 'failed' ? 400 : report.outcome === 'loaded' ? 201 : 200);
    },
  );
  op(
    {
      method: 'PUT',
      path: '/api/v1/organisations/:code/risks/bands',
      access: 'plans:write',
      summary: 'Set RAG bands and appetite from a financial year (refused once that year has scored reviews)',
      body: 'RiskBands',
    },
    async (c) => c.json(await c.get('services').risks.setScheme(actorOf(c), param(c, 'code'), await body(c))),
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/risks/:id',
      access: 'published:read',
      summary: 'One risk with every review',
    },
    async (c) => c.json(await c.get('services').risks.get(id(c), audienceFor(c))),
  );
  op(
    {
      method: 'PUT',
      path: '/api/v1/risks/:id',
      access: 'plans:write',
      summary: 'Change a risk (scores change only through reviews)',
      body: 'Risk',
    },
    async (c) => {
      await c.get('services').risks.get(id(c), audienceFor(c));
      return c.json(await c.get('services').risks.update(actorOf(c), id(c), await body(c)));
    },
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/risks/:id/reviews',
      access: 'plans:write',
      summary: 'Review a risk: impact and likelihood, notes, next review',
      body: 'RiskReview',
    },
    async (c) => {
      await c.get('services').risks.get(id(c), audienceFor(c));
      return c.json(await c.get('services').risks.review(actorOf(c), id(c), await body(c)), 201);
    },
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/risks/:id/key-actions',
      access: 'plans:write',
      summary: 'Add a key action, optionally a programme action (actionId)',
      body: 'KeyAction',
    },
    async (c) => {
      await c.get('services').risks.get(id(c), audienceFor(c));
      return c.json(await c.get('services').risks.addKeyAction(actorOf(c), id(c), await body(c)), 201);
    },
  );
}
