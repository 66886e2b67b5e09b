import type { Context, Hono } from 'hono';
import { reportBody, provenanceFooter } from '../../reports/render/html.js';
import { can } from '../../domain/access.js';
import { isAudience } from '../../domain/risk/exempt.js';
import { scorecardFilters } from '../../reports/performance/inputs.js';
import { NotFoundError, ValidationError } from '../../services/actor.js';
import {
  holdsExempt,
  reportFormats,
  type AnyReportInputs,
  type ReportFormat,
} from '../../services/reports.js';
import type { AppEnv } from '../context.js';
import { actorOf, param, route } from '../guard.js';
import { errorView, renderPage } from '../page.js';

const formats = new Set<ReportFormat>(reportFormats);

/** The report as a page in the app, or as a download when ?format= asks for one. */
export async function respond(
  c: Context<AppEnv>,
  inputs: AnyReportInputs,
  extra: Record<string, unknown> = {},
) {
  const { reports } = c.get('services');
  const format = c.req.query('format') as ReportFormat | undefined;
  if (format && formats.has(format)) {
    const r = await reports.render(inputs, format);
    const disposition = format === 'html' ? 'inline' : 'attachment';
    return c.body(typeof r.body === 'string' ? r.body : new Uint8Array(r.body), 200, {
      'content-type': r.contentType,
      'content-disposition': `${disposition}; filename="${r.fileName}"`,
    });
  }
  const doc = reports.documentOf(inputs);
  return renderPage(c, 'reports/show.njk', {
    title: doc.title,
    doc,
    body: reportBody(doc),
    footer: provenanceFooter(doc),
    inputs,
    ...extra,
  });
}

async function yearOf(c: Context<AppEnv>): Promise<string> {
  const periods = await c.get('services').benchmarking.periods();
  const year = c.req.query('year') ?? '';
  return periods.includes(year) ? year : (periods.at(-1) ?? year);
}

export function reportRoutes(app: Hono<AppEnv>): void {
  route(app, 'GET', '/organisations/:code/profile', 'published:read', async (c) => {
    const year = await yearOf(c);
    const inputs = await c.get('services').reports.profileInputs(actorOf(c), param(c, 'code'), year);
    return respond(c, inputs, { year, subject: param(c, 'code'), kind: 'council-profile' });
  });

  route(app, 'GET', '/regions/:code/pack', 'published:read', async (c) => {
    const year = await yearOf(c);
    const inputs = await c.get('services').reports.packInputs(actorOf(c), param(c, 'code'), year);
    return respond(c, inputs, { year, subject: param(c, 'code'), kind: 'regional-pack' });
  });

  route(app, 'GET', '/organisations/:code/narrative', 'plans:write', async (c) => {
    const { organisations, narratives } = c.get('services');
    const org = organisations.get(param(c, 'code'));
    const year = await yearOf(c);
    const current = await narratives.current(org.code, year);
    const history = await narratives.history(org.code, year);
    const values = current ? { ...current, extraHighlights: current.extraHighlights.join('\n') } : {};
    return renderPage(c, 'reports/narrative.njk', {
      title: `Director's narrative: ${org.name} ${year}`,
      org,
      year,
      values,
      history,
    });
  });

  route(app, 'POST', '/organisations/:code/narrative', 'plans:write', async (c) => {
    const { organisations, narratives } = c.get('services');
    const org = organisations.get(param(c, 'code'));
    const body = await c.req.parseBody();
    const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const year = text('year');
    const input = {
      narrative: text('narrative'),
      extraHighlights: text('extraHighlights')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
      signatoryName: text('signatoryName'),
      signatoryTitle: text('signatoryTitle'),
    };
    try {
      await narratives.save(actorOf(c), org.code, year, input);
      return c.redirect(`/organisations/${org.code}/profile?year=${encodeURIComponent(year)}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const values = { ...input, extraHighlights: text('extraHighlights') };
      return renderPage(
        c,
        'reports/narrative.njk',
        {
          title: `Director's narrative: ${org.name} ${year}`,
          org,
          year,
          values,
          history: [],
          ...errorView(err.fieldErrors),
        },
        400,
      );
    }
  });

  route(app, 'GET', '/reports', 'published:read', async (c) => {
    // Saved papers that hold exempt risks are listed only to those who may read them.
    const mayReadExempt = can(actorOf(c).role, 'risks:exempt');
    const snapshots = (await c.get('services').reports.listSnapshots()).filter(
      (s) => mayReadExempt || !s.holdsExempt,
    );
    return renderPage(c, 'reports/list.njk', { title: 'Saved reports', snapshots });
  });

  route(app, 'POST', '/reports', 'reports:write', async (c) => {
    const body = await c.req.parseBody();
    const { reports, planReports, performance } = c.get('services');
    const kind = String(body.kind ?? '');
    const subject = String(body.subject ?? '');
    const year = String(body.year ?? '');
    const audience = isAudience(body.audience) ? body.audience : 'published';
    const actor = actorOf(c);
    const loaders: Record<string, () => Promise<AnyReportInputs>> = {
      'council-profile': () => reports.profileInputs(actor, subject, year),
      'regional-pack': () => reports.packInputs(actor, subject, year),
      'programme-update': () =>
        planReports.programmeInputs(actor, Number(subject), { period: year, audience }),
      'risk-register': () => planReports.riskRegisterInputs(actor, subject, audience),
      scorecard: () =>
        performance.scorecardInputs(actor, subject, scorecardFilters.find((f) => f === year) ?? 'all'),
      'quarterly-overview': () => performance.overviewInputs(actor, subject, year),
      'performance-plan': () => performance.planInputs(actor, subject),
    };
    const load = loaders[kind];
    if (!load || !subject || (!year && kind !== 'risk-register')) {
      throw new ValidationError('Say which report to save', [
        { field: 'kind', message: 'Choose a kind of report, a subject and a period' },
      ]);
    }
    const snapshot = await reports.saveSnapshot(actor, await load());
    return c.redirect(`/reports/${snapshot.id}`, 303);
  });

  route(app, 'GET', '/reports/:id', 'published:read', async (c) => {
    const inputs = await c.get('services').reports.snapshotInputs(Number(param(c, 'id')));
    if (holdsExempt(inputs) && !can(actorOf(c).role, 'risks:exempt'))
      throw new NotFoundError(`There is no saved report ${param(c, 'id')}`);
    return respond(c, inputs, { snapshotId: Number(param(c, 'id')) });
  });
}
