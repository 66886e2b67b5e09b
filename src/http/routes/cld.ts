import type { Context, Hono } from 'hono';
import { can } from '../../domain/access.js';
import { NotFoundError } from '../../services/actor.js';
import { cldFiguresService } from '../../services/cld-figures.js';
import {
  cldFiguresView,
  DRILL_PAGE_LIMIT,
  drillFigureView,
  drillRowsView,
  parseDrillQuery,
  qualityView,
} from '../cld-view.js';
import type { AppEnv } from '../context.js';
import { actorOf, param, route } from '../guard.js';
import { errorView, renderPage } from '../page.js';

/**
 * The figure a drill-down request names and the people behind it, for the page and the API alike:
 * the query checked, the figure found (or 404), then the service's audited, role-checked listing.
 */
export async function drillBehind(c: Context<AppEnv>, limit: number) {
  const s = c.get('services');
  const org = s.organisations.get(param(c, 'code'));
  const query = parseDrillQuery((name) => c.req.query(name));
  const figure = await cldFiguresService(s.db).figure(
    org.code,
    query.period,
    query.measureId,
    query.disaggregation,
  );
  if (!figure) throw new NotFoundError('No figure derived from CLD matches that request.');
  const result = await s.cld.drill(actorOf(c), {
    laCode: org.code,
    period: query.period,
    measureId: query.measureId,
    disaggregation: query.disaggregation,
    part: query.part,
    limit,
  });
  return { org, query, figure, result };
}

/** Client Level Data: a council's submissions and derived figures, a submission's quality, drill-down. */
export function cldRoutes(app: Hono<AppEnv>): void {
  route(app, 'GET', '/organisations/:code/cld', 'published:read', async (c) => {
    const s = c.get('services');
    const org = s.organisations.get(param(c, 'code'));
    const role = actorOf(c).role;
    const figures = cldFiguresService(s.db);
    const [periods, submissions, measures] = await Promise.all([
      figures.periods(org.code),
      can(role, 'imports:read') ? s.cld.submissions(org.code) : Promise.resolve(undefined),
      s.measures.all(),
    ]);
    const requested = c.req.query('period');
    const chosen = requested ? periods.find((p) => p.label === requested) : periods.at(-1);
    const errors =
      requested && !chosen && periods.length > 0
        ? [
            {
              field: 'period',
              message: `There are no figures derived from CLD for ${requested}: choose a period from the list`,
            },
          ]
        : [];
    const view = chosen
      ? cldFiguresView(
          { orgCode: org.code, period: chosen.label, measures, canDrill: can(role, 'persons:read') },
          await figures.figures(org.code, chosen.label),
        )
      : undefined;
    return renderPage(
      c,
      'cld/council.njk',
      {
        title: `${org.name}: Client Level Data`,
        org,
        periods,
        period: chosen,
        submissions: submissions?.slice().reverse(),
        view,
        ...errorView(errors),
      },
      errors.length ? 400 : 200,
    );
  });

  route(app, 'GET', '/cld/submissions/:id', 'imports:read', async (c) => {
    const s = c.get('services');
    const submission = await s.cld.submission(param(c, 'id'));
    const org = s.organisations.register.byCode.get(submission.laCode);
    const quality = qualityView(submission, Number(c.req.query('page') ?? '1'));
    return renderPage(c, 'cld/quality.njk', {
      title: `Data quality of ${submission.fileName}`,
      submission,
      org,
      quality,
    });
  });

  route(app, 'GET', '/organisations/:code/cld/drill', 'persons:read', async (c) => {
    const s = c.get('services');
    const { org, query, figure, result } = await drillBehind(c, DRILL_PAGE_LIMIT);
    const shown = drillFigureView(query, figure, await s.measures.all());
    return renderPage(c, 'cld/drill.njk', {
      title: `People behind ${shown.measure.code}, ${query.period}`,
      org,
      query,
      figure: shown,
      total: result.total,
      people: drillRowsView(result.rows),
    });
  });
}
