/** Pages for a programme's governance (boards, groups, meetings, papers), workforce capacity and action-plan import. */
import type { Context, Hono } from 'hono';
import { can } from '../../domain/access.js';
import { isoDateIn } from '../../domain/programme/dates.js';
import { capacitySentence, EMPLOYMENT_TYPES, employmentLabel } from '../../domain/programme/workforce.js';
import { isAudience } from '../../domain/risk/exempt.js';
import { ValidationError } from '../../services/actor.js';
import type { Services } from '../../services/index.js';
import type { PlanImportReport } from '../../services/plan-imports.js';
import { BOARD_KINDS, boardKindLabel, CADENCES, cadenceLabel } from '../../services/programme/schemas.js';
import type { AppEnv } from '../context.js';
import { actorOf, param, route } from '../guard.js';
import { errorView, renderPage } from '../page.js';
import { formValues, lines, saveOrShow, type FormValues } from './plan-forms.js';

const boardOptions = {
  boardKinds: BOARD_KINDS.map((k) => ({ value: k, text: boardKindLabel[k] })),
  cadences: CADENCES.map((k) => ({ value: k, text: cadenceLabel[k] })),
  boardKindLabel,
  cadenceLabel,
};

async function programmeOf(services: Services, id: number) {
  const programme = await services.programmes.get(id);
  return { programme, org: services.organisations.get(programme.orgCode) };
}

const boardInput = (v: FormValues) => ({
  name: v.name ?? '',
  kind: v.kind || 'board',
  purpose: v.purpose,
  chair: v.chair,
  members: lines(v.members),
  cadence: v.cadence ?? '',
  reportsToBoardId: v.reportsToBoardId,
  reportsToText: v.reportsToText,
  status: v.status || 'active',
  endsOn: v.endsOn,
});

const meetingInput = (v: FormValues) => ({
  heldOn: v.heldOn ?? '',
  title: v.title,
  status: v.status || 'planned',
  agenda: lines(v.agenda),
  decisions: lines(v.decisions),
  minutes: v.minutes,
});

async function uploaded(
  c: Context<AppEnv>,
): Promise<{ name: string; bytes: Uint8Array } | { error: string }> {
  const body = await c.req.parseBody();
  const file = body.file;
  if (!(file instanceof File) || file.size === 0)
    return {
      error:
        file instanceof File && file.name !== ''
          ? 'The selected file is empty'
          : 'Select a CSV or Excel file to import',
    };
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** The row-level report of a plan or register import; a file that failed outright answers 400. */
function importReport(
  c: Context<AppEnv>,
  title: string,
  report: PlanImportReport,
  back: { href: string; text: string },
) {
  return renderPage(
    c,
    'plans-import/report.njk',
    { title, report, back },
    report.outcome === 'failed' ? 400 : 200,
  );
}

export function governanceRoutes(app: Hono<AppEnv>): void {
  route(app, 'GET', '/programmes/:id/governance', 'published:read', async (c) => {
    const services = c.get('services');
    const { programme, org } = await programmeOf(services, Number(param(c, 'id')));
    const lines = await services.governance.reportingLines(programme.id);
    const meetings = await Promise.all(lines.map((l) => services.governance.meetings(l.board.id)));
    return renderPage(c, 'governance/list.njk', {
      title: `Governance: ${programme.name}`,
      programme,
      org,
      bodies: lines.map((l, i) => ({ ...l, meetings: meetings[i] ?? [] })),
      ...boardOptions,
    });
  });

  const boardForm = async (c: Context<AppEnv>, programmeId: number, values: FormValues, target: string) => {
    const { programme, org } = await programmeOf(c.get('services'), programmeId);
    return {
      template: 'governance/board-form.njk',
      context: {
        title: target.endsWith('/boards') ? 'Add a board or group' : 'Change a board or group',
        programme,
        org,
        values,
        target,
        boards: (await c.get('services').governance.boards(programmeId)).filter(
          (b) => !target.endsWith(`/boards/${b.id}`),
        ),
        ...boardOptions,
      },
    };
  };
  route(app, 'GET', '/programmes/:id/boards/new', 'plans:write', async (c) => {
    const id = Number(param(c, 'id'));
    const form = await boardForm(
      c,
      id,
      { kind: 'board', cadence: 'fortnightly' },
      `/programmes/${id}/boards`,
    );
    return renderPage(c, form.template, form.context);
  });
  route(app, 'POST', '/programmes/:id/boards', 'plans:write', async (c) => {
    const id = Number(param(c, 'id'));
    const v = await formValues(c);
    return saveOrShow(
      c,
      async () => {
        const board = await c.get('services').governance.createBoard(actorOf(c), id, boardInput(v) as never);
        return c.redirect(`/boards/${board.id}`, 303);
      },
      await boardForm(c, id, v, `/programmes/${id}/boards`),
    );
  });

  const boardPage = async (
    c: Context<AppEnv>,
    id: number,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const services = c.get('services');
    const board = await services.governance.board(id);
    const { programme, org } = await programmeOf(services, board.programmeId);
    const chain =
      (await services.governance.reportingLines(programme.id)).find((l) => l.board.id === id)?.chain ?? [];
    return renderPage(
      c,
      'governance/board.njk',
      {
        title: board.name,
        board,
        chain,
        programme,
        org,
        meetings: await services.governance.meetings(id),
        values: { heldOn: isoDateIn(services.clock.now()) },
        ...boardOptions,
        ...extra,
      },
      status,
    );
  };
  route(app, 'GET', '/boards/:id', 'published:read', (c) => boardPage(c, Number(param(c, 'id'))));
  route(app, 'GET', '/boards/:id/edit', 'plans:write', async (c) => {
    const board = await c.get('services').governance.board(Number(param(c, 'id')));
    const values = {
      ...board,
      members: board.members.join('\n'),
      reportsToBoardId: board.reportsToBoardId ? String(board.reportsToBoardId) : '',
      endsOn: board.endsOn ?? '',
    } as unknown as FormValues;
    const form = await boardForm(c, board.programmeId, values, `/boards/${board.id}`);
    return renderPage(c, form.template, form.context);
  });
  route(app, 'POST', '/boards/:id', 'plans:write', async (c) => {
    const board = await c.get('services').governance.board(Number(param(c, 'id')));
    const v = await formValues(c);
    return saveOrShow(
      c,
      async () => {
        await c.get('services').governance.updateBoard(actorOf(c), board.id, boardInput(v) as never);
        return c.redirect(`/boards/${board.id}`, 303);
      },
      await boardForm(c, board.programmeId, v, `/boards/${board.id}`),
    );
  });

  route(app, 'POST', '/boards/:id/meetings', 'plans:write', async (c) => {
    const id = Number(param(c, 'id'));
    const v = await formValues(c);
    try {
      const meeting = await c
        .get('services')
        .governance.createMeeting(actorOf(c), id, meetingInput(v) as never);
      return c.redirect(`/meetings/${meeting.id}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return boardPage(c, id, { values: v, ...errorView(err.fieldErrors) }, 400);
    }
  });

  const meetingPage = async (
    c: Context<AppEnv>,
    id: number,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const services = c.get('services');
    const meeting = await services.governance.meeting(id);
    const board = await services.governance.board(meeting.boardId);
    const { programme, org } = await programmeOf(services, board.programmeId);
    const structure = await services.programmes.currentStructure(programme.id);
    const arising = structure.workstreams.flatMap((w) =>
      w.actions.filter((a) => a.arisingFromMeetingId === id).map((a) => ({ ...a, workstream: w.title })),
    );
    const mayReadExempt = can(actorOf(c).role, 'risks:exempt');
    const internal = new Set(
      (await services.reports.listSnapshots()).filter((s) => s.holdsExempt).map((s) => s.id),
    );
    const papers = (await services.governance.papers(id)).map((p) => {
      const holdsExempt = p.snapshotId !== null && internal.has(p.snapshotId);
      return { ...p, internal: holdsExempt, visible: !holdsExempt || mayReadExempt };
    });
    return renderPage(
      c,
      'governance/meeting.njk',
      {
        title: `${board.name}, ${meeting.heldOn}`,
        meeting,
        board,
        programme,
        org,
        papers,
        arising,
        workstreams: structure.workstreams,
        values: { ...meeting, agenda: meeting.agenda.join('\n'), decisions: meeting.decisions.join('\n') },
        ...extra,
      },
      status,
    );
  };
  route(app, 'GET', '/meetings/:id', 'published:read', (c) => meetingPage(c, Number(param(c, 'id'))));
  route(app, 'POST', '/meetings/:id', 'plans:write', async (c) => {
    const id = Number(param(c, 'id'));
    const v = await formValues(c);
    try {
      await c.get('services').governance.updateMeeting(actorOf(c), id, meetingInput(v) as never);
      return c.redirect(`/meetings/${id}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return meetingPage(c, id, { values: v, ...errorView(err.fieldErrors) }, 400);
    }
  });
  route(app, 'POST', '/meetings/:id/pack', 'plans:write', async (c) => {
    const id = Number(param(c, 'id'));
    const v = await formValues(c);
    const services = c.get('services');
    const audience = isAudience(v.audience) ? v.audience : 'internal';
    const inputs = await services.planReports.boardPackInputs(actorOf(c), id, audience);
    const snapshot = await services.reports.saveSnapshot(actorOf(c), inputs);
    await services.governance.addPaper(actorOf(c), id, {
      title: `Board pack${audience === 'internal' ? ' (internal, includes exempt risks)' : ''}, generated ${isoDateIn(services.clock.now())}`,
      snapshotId: snapshot.id,
    });
    return c.redirect(`/meetings/${id}#papers`, 303);
  });

  const workforcePage = async (
    c: Context<AppEnv>,
    id: number,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const services = c.get('services');
    const { programme, org } = await programmeOf(services, id);
    const summary = await services.workforce.summary(id);
    return renderPage(
      c,
      'governance/workforce.njk',
      {
        title: `Workforce capacity: ${programme.name}`,
        programme,
        org,
        ...summary,
        sentence: capacitySentence(summary.summary),
        employmentTypes: EMPLOYMENT_TYPES.map((e) => ({ value: e, text: employmentLabel[e] })),
        employmentLabel,
        values: { asAt: isoDateIn(services.clock.now()), employment: 'permanent' },
        ...extra,
      },
      status,
    );
  };
  route(app, 'GET', '/programmes/:id/workforce', 'published:read', (c) =>
    workforcePage(c, Number(param(c, 'id'))),
  );
  route(app, 'POST', '/programmes/:id/workforce', 'plans:write', async (c) => {
    const id = Number(param(c, 'id'));
    const v = await formValues(c);
    try {
      await c.get('services').workforce.save(actorOf(c), id, v as never);
      return c.redirect(`/programmes/${id}/workforce`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return workforcePage(c, id, { values: v, ...errorView(err.fieldErrors) }, 400);
    }
  });

  route(app, 'GET', '/programmes/:id/import', 'plans:write', async (c) => {
    const { programme, org } = await programmeOf(c.get('services'), Number(param(c, 'id')));
    return renderPage(c, 'plans-import/actions.njk', { title: 'Import an action plan', programme, org });
  });
  route(app, 'POST', '/programmes/:id/import', 'plans:write', async (c) => {
    const services = c.get('services');
    const { programme, org } = await programmeOf(services, Number(param(c, 'id')));
    const file = await uploaded(c);
    if ('error' in file)
      return renderPage(
        c,
        'plans-import/actions.njk',
        {
          title: 'Import an action plan',
          programme,
          org,
          ...errorView([{ field: 'file', message: file.error }]),
        },
        400,
      );
    const report = await services.planImports.importActions(actorOf(c), programme.id, file.name, file.bytes);
    return importReport(c, 'Action plan import report', report, {
      href: `/programmes/${programme.id}`,
      text: programme.name,
    });
  });

  route(app, 'GET', '/organisations/:code/risks/import', 'plans:write', (c) => {
    const org = c.get('services').organisations.get(param(c, 'code'));
    return renderPage(c, 'plans-import/risks.njk', { title: 'Import a risk register', org });
  });
  route(app, 'POST', '/organisations/:code/risks/import', 'plans:write', async (c) => {
    const services = c.get('services');
    const org = services.organisations.get(param(c, 'code'));
    const file = await uploaded(c);
    if ('error' in file)
      return renderPage(
        c,
        'plans-import/risks.njk',
        { title: 'Import a risk register', org, ...errorView([{ field: 'file', message: file.error }]) },
        400,
      );
    const report = await services.planImports.importRisks(actorOf(c), org.code, file.name, file.bytes);
    return importReport(c, 'Risk register import report', report, {
      href: `/organisations/${org.code}/risks`,
      text: 'Risk register',
    });
  });
}
