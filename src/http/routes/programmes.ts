/** Pages of the improvement programme: programmes, plans, workstreams, actions and dated updates. */
import type { Context, Hono } from 'hono';
import { ACTION_STATUSES, PLAN_RAGS, planRagLabel, statusLabel } from '../../domain/programme/action.js';
import { isoDateIn } from '../../domain/programme/dates.js';
import { nextQuarterAfter, quarterOf } from '../../domain/programme/periods.js';
import { previousPeriod } from '../../domain/period.js';
import { ValidationError } from '../../services/actor.js';
import type { Services } from '../../services/index.js';
import type { Action, Programme } from '../../services/programme/rows.js';
import { WORKSTREAM_KINDS, workstreamKindLabel } from '../../services/programme/schemas.js';
import type { AppEnv } from '../context.js';
import { actorOf, param, route } from '../guard.js';
import { errorView, renderPage } from '../page.js';
import { respond } from './reports.js';
import {
  audienceFor,
  formAll,
  formValues,
  lines,
  ragTagClass,
  saveOrShow,
  type FormValues,
} from './plan-forms.js';

export const options = {
  statuses: ACTION_STATUSES.map((s) => ({ value: s, text: statusLabel[s] })),
  rags: PLAN_RAGS.map((r) => ({ value: r, text: planRagLabel[r] })),
  kinds: WORKSTREAM_KINDS.map((k) => ({ value: k, text: workstreamKindLabel[k] })),
  kindLabel: workstreamKindLabel,
  statusLabel,
  ragLabel: planRagLabel,
  ragTagClass,
};

/** Where a programme belongs, checked for pages under a council. */
async function programmeContext(services: Services, id: number) {
  const programme = await services.programmes.get(id);
  return { programme, org: services.organisations.get(programme.orgCode) };
}

async function actionContext(services: Services, id: number) {
  const action = await services.programmes.action(id);
  const place = await services.programmes.locate(action.workstreamId);
  return { action, ...place, org: services.organisations.get(place.programme.orgCode) };
}

/** Quarters to choose from on the progress page: this one and the six before it. */
function quarterChoices(today: string): string[] {
  const out = [quarterOf(today)];
  for (let i = 0; i < 6; i++) out.push(previousPeriod(out.at(-1)!));
  return out.map((p) => p.label);
}

/** Form fields as the service's input; the service validates every field (so the casts below are safe). */
const actionInput = (v: FormValues) => ({
  reference: v.reference,
  kind: v.kind || 'action',
  title: v.title ?? '',
  description: v.description,
  owner: v.owner,
  startOn: v.startOn,
  dueOn: v.dueOn,
  status: v.status || 'not-started',
  rag: v.rag,
  ragText: v.ragText,
  percentComplete: v.percentComplete,
  measureIds: v.measureId ? [v.measureId] : [],
  workstreamId: v.workstreamId,
  arisingFromMeetingId: v.arisingFromMeetingId,
});

const updateInput = (v: FormValues) => ({
  updateOn: v.updateOn ?? '',
  progress: v.progress ?? '',
  nextSteps: v.nextSteps,
  status: v.status,
  rag: v.rag,
  ragText: v.ragText,
  percentComplete: v.percentComplete,
  dueOn: v.dueOn,
});

async function measureChoices(services: Services) {
  return (await services.measures.all()).map((m) => ({
    value: m.id,
    text: `${m.code} ${m.shortTitle} (${m.family} ${m.edition})`,
  }));
}

async function actionPage(c: Context<AppEnv>, id: number, extra: Record<string, unknown> = {}, status = 200) {
  const services = c.get('services');
  const ctx = await actionContext(services, id);
  const audience = audienceFor(c);
  const [measures, risks, updates, riskChoices] = await Promise.all([
    services.measureProgress.forCouncil(ctx.programme.orgCode, ctx.action.measureIds),
    services.risks.risksForAction(id, audience),
    services.programmes.updates({ actionId: id }),
    services.risks.choices(ctx.programme.orgCode, audience),
  ]);
  const overview = await services.programmeOverview.overview(ctx.programme.id);
  const today = isoDateIn(services.clock.now());
  return renderPage(
    c,
    'programme/action.njk',
    {
      title: ctx.action.title,
      ...ctx,
      current: !ctx.plan.supersededOn,
      measures,
      risks,
      updates,
      riskChoices,
      measureChoices: await measureChoices(services),
      overdue: overview.overdue.find((o) => o.action.id === id),
      slipping: overview.slipping.find((o) => o.action.id === id),
      values: { updateOn: today },
      ...options,
      ...extra,
    },
    status,
  );
}

async function workstreamPage(
  c: Context<AppEnv>,
  id: number,
  extra: Record<string, unknown> = {},
  status = 200,
) {
  const services = c.get('services');
  const place = await services.programmes.locate(id);
  const structure = await services.programmes.structure(place.plan.id);
  const ws = structure.workstreams.find((w) => w.id === id)!;
  const overview = place.plan.supersededOn
    ? undefined
    : await services.programmeOverview.overview(place.programme.id);
  const flags = (a: Action) => ({
    overdue: overview?.overdue.some((o) => o.action.id === a.id) ?? false,
    slipping: overview?.slipping.find((o) => o.action.id === a.id)?.why,
  });
  return renderPage(
    c,
    'programme/workstream.njk',
    {
      title: ws.title,
      ...place,
      workstream: ws,
      org: services.organisations.get(place.programme.orgCode),
      current: !place.plan.supersededOn,
      actions: ws.actions.map((a) => ({ ...a, ...flags(a) })),
      updates: (await services.programmes.updates({ workstreamId: id })).map((u) => ({
        ...u,
        actionTitle: ws.actions.find((a) => a.id === u.actionId)?.title ?? null,
      })),
      boards: await services.governance.boards(place.programme.id),
      values: { updateOn: isoDateIn(services.clock.now()) },
      ...options,
      ...extra,
    },
    status,
  );
}

export function programmeRoutes(app: Hono<AppEnv>): void {
  route(app, 'GET', '/organisations/:code/programmes', 'published:read', async (c) => {
    const services = c.get('services');
    const org = services.organisations.get(param(c, 'code'));
    const programmes = await services.programmes.list(org.code);
    const plans = await Promise.all(programmes.map((p) => services.programmes.currentPlan(p.id)));
    return renderPage(c, 'programme/list.njk', {
      title: `Improvement programmes: ${org.name}`,
      org,
      programmes: programmes.map((p, i) => ({ ...p, plan: plans[i] })),
    });
  });

  const newProgramme = (c: Context<AppEnv>, values: FormValues) => {
    const org = c.get('services').organisations.get(param(c, 'code'));
    return {
      template: 'programme/new.njk',
      context: { title: `Start an improvement programme: ${org.name}`, org, values },
    };
  };
  route(app, 'GET', '/organisations/:code/programmes/new', 'plans:write', (c) => {
    const form = newProgramme(c, {
      planTitle: 'Improvement plan',
      startedOn: isoDateIn(c.get('services').clock.now()),
    });
    return renderPage(c, form.template, form.context);
  });
  route(app, 'POST', '/organisations/:code/programmes', 'plans:write', async (c) => {
    const v = await formValues(c);
    return saveOrShow(
      c,
      async () => {
        const p = await c.get('services').programmes.create(actorOf(c), param(c, 'code'), v as never);
        return c.redirect(`/programmes/${p.id}`, 303);
      },
      newProgramme(c, v),
    );
  });

  route(app, 'GET', '/programmes/:id', 'published:read', async (c) => {
    const services = c.get('services');
    const { programme, org } = await programmeContext(services, Number(param(c, 'id')));
    const overview = await services.programmeOverview.overview(programme.id);
    const plans = await services.programmes.plans(programme.id);
    const workforce = await services.workforce.summary(programme.id);
    return renderPage(c, 'programme/show.njk', {
      title: programme.name,
      programme,
      org,
      overview,
      workstreams: overview.structure.workstreams.map((w) => ({
        ...w,
        complete: w.actions.filter((a) => a.status === 'complete').length,
      })),
      plans,
      workforce,
      ...options,
    });
  });

  route(app, 'GET', '/programmes/:id/progress', 'published:read', async (c) => {
    const services = c.get('services');
    const { programme, org } = await programmeContext(services, Number(param(c, 'id')));
    const progress = await services.programmeOverview.progress(programme.id, c.req.query('period'));
    const today = isoDateIn(services.clock.now());
    return renderPage(c, 'programme/progress.njk', {
      title: `Progress and priorities: ${progress.period.label}`,
      programme,
      org,
      progress,
      periods: quarterChoices(today),
      following: nextQuarterAfter(progress.period).label,
      ...options,
    });
  });

  route(app, 'GET', '/programmes/:id/plans', 'published:read', async (c) => {
    const services = c.get('services');
    const { programme, org } = await programmeContext(services, Number(param(c, 'id')));
    const plans = await services.programmes.plans(programme.id);
    const structures = await Promise.all(plans.map((p) => services.programmes.structure(p.id)));
    return renderPage(c, 'programme/plans.njk', {
      title: `Plan history: ${programme.name}`,
      programme,
      org,
      structures,
      ...options,
    });
  });

  route(app, 'GET', '/plans/:id', 'published:read', async (c) => {
    const services = c.get('services');
    const structure = await services.programmes.structure(Number(param(c, 'id')));
    const { programme, org } = await programmeContext(services, structure.plan.programmeId);
    return renderPage(c, 'programme/plan.njk', {
      title: `${structure.plan.title} (version ${structure.plan.version})`,
      programme,
      org,
      structure,
      ...options,
    });
  });

  const workstreamForm = async (
    c: Context<AppEnv>,
    programme: Programme,
    values: FormValues,
    action: string,
  ) => ({
    template: 'programme/workstream-form.njk',
    context: {
      title: action.endsWith('/workstreams') ? 'Add a workstream' : 'Change a workstream',
      programme,
      values,
      action,
      boards: await c.get('services').governance.boards(programme.id),
      ...options,
    },
  });
  route(app, 'GET', '/programmes/:id/workstreams/new', 'plans:write', async (c) => {
    const { programme } = await programmeContext(c.get('services'), Number(param(c, 'id')));
    const form = await workstreamForm(
      c,
      programme,
      { kind: 'workstream', status: 'in-progress' },
      `/programmes/${programme.id}/workstreams`,
    );
    return renderPage(c, form.template, form.context);
  });
  route(app, 'POST', '/programmes/:id/workstreams', 'plans:write', async (c) => {
    const { programme } = await programmeContext(c.get('services'), Number(param(c, 'id')));
    const v = await formValues(c);
    return saveOrShow(
      c,
      async () => {
        const ws = await c.get('services').programmes.addWorkstream(actorOf(c), programme.id, v as never);
        return c.redirect(`/workstreams/${ws.id}`, 303);
      },
      await workstreamForm(c, programme, v, `/programmes/${programme.id}/workstreams`),
    );
  });

  route(app, 'GET', '/workstreams/:id', 'published:read', (c) => workstreamPage(c, Number(param(c, 'id'))));

  route(app, 'GET', '/workstreams/:id/edit', 'plans:write', async (c) => {
    const place = await c.get('services').programmes.locate(Number(param(c, 'id')));
    const w = place.workstream;
    const values = {
      ...w,
      boardId: w.boardId ? String(w.boardId) : '',
      rag: w.rag ?? '',
    } as unknown as FormValues;
    const form = await workstreamForm(c, place.programme, values, `/workstreams/${w.id}`);
    return renderPage(c, form.template, form.context);
  });
  route(app, 'POST', '/workstreams/:id', 'plans:write', async (c) => {
    const place = await c.get('services').programmes.locate(Number(param(c, 'id')));
    const v = await formValues(c);
    return saveOrShow(
      c,
      async () => {
        await c.get('services').programmes.updateWorkstream(actorOf(c), place.workstream.id, v as never);
        return c.redirect(`/workstreams/${place.workstream.id}`, 303);
      },
      await workstreamForm(c, place.programme, v, `/workstreams/${place.workstream.id}`),
    );
  });

  route(app, 'POST', '/workstreams/:id/updates', 'plans:write', async (c) => {
    const id = Number(param(c, 'id'));
    const v = await formValues(c);
    try {
      await c.get('services').programmes.recordUpdate(actorOf(c), { workstreamId: id }, updateInput(v));
      return c.redirect(`/workstreams/${id}#updates`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const errors = err.fieldErrors.length ? err.fieldErrors : [{ field: 'progress', message: err.message }];
      return workstreamPage(c, id, { values: v, ...errorView(errors) }, 400);
    }
  });

  const actionForm = async (c: Context<AppEnv>, workstreamId: number, values: FormValues, target: string) => {
    const services = c.get('services');
    const place = await services.programmes.locate(workstreamId);
    const audience = audienceFor(c);
    const structure = await services.programmes.structure(place.plan.id);
    const boards = await services.governance.boards(place.programme.id);
    const meetings = (
      await Promise.all(
        boards.map(async (b) =>
          (await services.governance.meetings(b.id)).map((m) => ({
            id: m.id,
            text: `${b.name}, ${m.heldOn}`,
          })),
        ),
      )
    ).flat();
    return {
      template: 'programme/action-form.njk',
      context: {
        title: target.endsWith('/actions')
          ? `Add an action to ${place.workstream.title}`
          : 'Change an action',
        ...place,
        values,
        target,
        measureChoices: await measureChoices(services),
        riskChoices: await services.risks.choices(place.programme.orgCode, audience),
        workstreams: structure.workstreams,
        meetings,
        editing: !target.endsWith('/actions'),
        ...options,
      },
    };
  };
  route(app, 'GET', '/workstreams/:id/actions/new', 'plans:write', async (c) => {
    const id = Number(param(c, 'id'));
    const form = await actionForm(
      c,
      id,
      { kind: 'action', status: 'not-started', percentComplete: '0' },
      `/workstreams/${id}/actions`,
    );
    return renderPage(c, form.template, form.context);
  });
  route(app, 'POST', '/workstreams/:id/actions', 'plans:write', async (c) => {
    const id = Number(param(c, 'id'));
    const v = await formValues(c);
    const services = c.get('services');
    return saveOrShow(
      c,
      async () => {
        const action = await services.programmes.addAction(actorOf(c), id, actionInput(v) as never);
        if (v.riskId) await services.risks.linkAction(actorOf(c), Number(v.riskId), action.id);
        return c.redirect(`/actions/${action.id}`, 303);
      },
      await actionForm(c, id, v, `/workstreams/${id}/actions`),
    );
  });

  route(app, 'GET', '/actions/:id', 'published:read', (c) => actionPage(c, Number(param(c, 'id'))));

  route(app, 'GET', '/actions/:id/edit', 'plans:write', async (c) => {
    const a = await c.get('services').programmes.action(Number(param(c, 'id')));
    const values = {
      ...a,
      rag: a.rag ?? '',
      percentComplete: String(a.percentComplete),
      measureId: a.measureIds[0] ?? '',
      workstreamId: String(a.workstreamId),
    } as unknown as FormValues;
    const form = await actionForm(c, a.workstreamId, values, `/actions/${a.id}`);
    return renderPage(c, form.template, form.context);
  });
  route(app, 'POST', '/actions/:id', 'plans:write', async (c) => {
    const services = c.get('services');
    const a = await services.programmes.action(Number(param(c, 'id')));
    const v = await formValues(c);
    return saveOrShow(
      c,
      async () => {
        // The edit form shows one measure; further links made on the action page are kept.
        const input = actionInput(v);
        input.measureIds = [
          ...new Set([...a.measureIds.filter((m) => m !== a.measureIds[0]), ...input.measureIds]),
        ];
        await services.programmes.updateAction(actorOf(c), a.id, input as never);
        return c.redirect(`/actions/${a.id}`, 303);
      },
      await actionForm(c, a.workstreamId, v, `/actions/${a.id}`),
    );
  });

  route(app, 'POST', '/actions/:id/updates', 'plans:write', async (c) => {
    const id = Number(param(c, 'id'));
    const v = await formValues(c);
    try {
      await c.get('services').programmes.recordUpdate(actorOf(c), { actionId: id }, updateInput(v));
      return c.redirect(`/actions/${id}#updates`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const errors = err.fieldErrors.length ? err.fieldErrors : [{ field: 'progress', message: err.message }];
      return actionPage(c, id, { values: v, ...errorView(errors) }, 400);
    }
  });

  route(app, 'POST', '/actions/:id/measures', 'plans:write', async (c) => {
    const id = Number(param(c, 'id'));
    const v = await formValues(c);
    if (!v.measureId)
      return actionPage(c, id, errorView([{ field: 'measureId', message: 'Choose a measure to link' }]), 400);
    await c.get('services').programmes.linkMeasure(actorOf(c), id, v.measureId);
    return c.redirect(`/actions/${id}#measures`, 303);
  });

  route(app, 'POST', '/actions/:id/risks', 'plans:write', async (c) => {
    const id = Number(param(c, 'id'));
    const v = await formValues(c);
    const services = c.get('services');
    const { programme } = await actionContext(services, id);
    const allowed = await services.risks.choices(programme.orgCode, audienceFor(c));
    if (!allowed.some((r) => String(r.id) === v.riskId))
      return actionPage(
        c,
        id,
        errorView([{ field: 'riskId', message: 'Choose a risk of the register to link' }]),
        400,
      );
    await services.risks.linkAction(actorOf(c), Number(v.riskId), id);
    return c.redirect(`/actions/${id}#risks`, 303);
  });

  const replanForm = async (c: Context<AppEnv>, programmeId: number, values: FormValues) => {
    const services = c.get('services');
    const { programme, org } = await programmeContext(services, programmeId);
    const structure = await services.programmes.currentStructure(programmeId);
    return {
      template: 'programme/replan.njk',
      context: {
        title: `Re-plan: ${programme.name}`,
        programme,
        org,
        structure,
        open: structure.workstreams.flatMap((w) =>
          w.actions
            .filter((a) => a.status !== 'complete' && a.status !== 'cancelled')
            .map((a) => ({ ...a, workstream: w.title })),
        ),
        values,
      },
    };
  };
  route(app, 'GET', '/programmes/:id/replan', 'plans:write', async (c) => {
    const form = await replanForm(c, Number(param(c, 'id')), {
      adoptedOn: isoDateIn(c.get('services').clock.now()),
    });
    return renderPage(c, form.template, form.context);
  });
  route(app, 'POST', '/programmes/:id/replan', 'plans:write', async (c) => {
    const id = Number(param(c, 'id'));
    const v = await formValues(c);
    const carry = await formAll(c, 'carry');
    const services = c.get('services');
    return saveOrShow(
      c,
      async () => {
        const structure = await services.programmes.currentStructure(id);
        // 'Title | Lead' a line; carried actions go to the new workstream of the same title, else the first.
        const workstreams = lines(v.workstreams).map((l) => {
          const [title = '', lead = ''] = l.split('|').map((x) => x.trim());
          return { title, lead, kind: (v.kind || 'workstream') as 'workstream' };
        });
        const titles = workstreams.map((w) => w.title);
        const home = (actionId: number) => {
          const old = structure.workstreams.find((w) => w.actions.some((a) => a.id === actionId));
          return old && titles.includes(old.title) ? old.title : (titles[0] ?? '');
        };
        await services.programmes.replan(actorOf(c), id, {
          title: v.title ?? '',
          summary: v.summary,
          reason: v.reason ?? '',
          adoptedOn: v.adoptedOn ?? '',
          workstreams,
          carry: carry.map(Number).map((actionId) => ({ actionId, toWorkstream: home(actionId) })),
        });
        return c.redirect(`/programmes/${id}/plans`, 303);
      },
      await replanForm(c, id, v),
    );
  });

  route(app, 'GET', '/programmes/:id/report', 'published:read', async (c) => {
    const services = c.get('services');
    const id = Number(param(c, 'id'));
    const audience = audienceFor(c);
    const inputs = await services.planReports.programmeInputs(actorOf(c), id, {
      period: c.req.query('period'),
      audience,
      committee: c.req.query('committee'),
      meetingDate: c.req.query('meetingDate') || null,
    });
    const query = new URLSearchParams({ period: inputs.period, audience });
    return respond(c, inputs, {
      downloadQuery: `${query.toString()}&`,
      saveKind: 'programme-update',
      subject: String(id),
      year: inputs.period,
      audience,
      backLink: { href: `/programmes/${id}`, text: 'Back to the programme' },
    });
  });
}
