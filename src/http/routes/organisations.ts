import type { Hono } from 'hono';
import type { Organisation } from '../../domain/organisation.js';
import { parsePeriod } from '../../domain/period.js';
import type { Measure } from '../../services/measures.js';
import type { Observation } from '../../services/observations.js';
import type { Services } from '../../services/index.js';
import type { AppEnv } from '../context.js';
import { cellFor } from '../format.js';
import { param, route } from '../guard.js';
import { renderPage } from '../page.js';

const ENGLAND = 'E92000001';

/** The council's figures for every measure and year, with its region and England beside them. */
async function organisationView(services: Services, org: Organisation, year: string | undefined) {
  const compareWith = [org.code, org.regionCode, ENGLAND].filter((c): c is string => !!c);
  const [observations, measures] = await Promise.all([
    services.observations.find({ orgCodes: compareWith }),
    services.measures.all(),
  ]);
  const byKey = new Map(observations.map((o) => [`${o.orgCode}|${o.measureId}|${o.period}`, o]));
  // This page compares financial years: monthly and quarterly figures have their own pages.
  const own = observations.filter((o) => o.orgCode === org.code && parsePeriod(o.period)?.kind === 'year');
  const periods = [...new Set(own.map((o) => o.period))].sort();
  const selected = year && periods.includes(year) ? year : periods.at(-1);
  const used = measures.filter((m) => own.some((o) => o.measureId === m.id));
  const get = (code: string | undefined, m: Measure, p: string | undefined): Observation | undefined =>
    code && p ? byKey.get(`${code}|${m.id}|${p}`) : undefined;
  return {
    periods,
    selected,
    yearRows: used
      .filter((m) => get(org.code, m, selected) || get(ENGLAND, m, selected))
      .map((m) => ({
        measure: m,
        council: cellFor(m, get(org.code, m, selected)),
        region: cellFor(m, get(org.regionCode, m, selected)),
        england: cellFor(m, get(ENGLAND, m, selected)),
      })),
    trendRows: used.map((m) => ({ measure: m, cells: periods.map((p) => cellFor(m, get(org.code, m, p))) })),
  };
}

export function organisationRoutes(app: Hono<AppEnv>): void {
  route(app, 'GET', '/organisations', 'published:read', (c) => {
    const { organisations } = c.get('services');
    const regions = organisations.all().filter((o) => o.kind === 'region');
    const councils = organisations.councils();
    const groups = regions.map((r) => ({
      region: r,
      councils: councils.filter((o) => o.regionCode === r.code),
    }));
    return renderPage(c, 'organisations/list.njk', {
      title: 'Organisations',
      groups,
      count: councils.length,
    });
  });

  route(app, 'GET', '/organisations/:code', 'published:read', async (c) => {
    const services = c.get('services');
    const org = services.organisations.get(param(c, 'code'));
    const region = org.regionCode ? services.organisations.register.byCode.get(org.regionCode) : undefined;
    const type = org.councilTypeCode
      ? services.organisations.register.byCode.get(org.councilTypeCode)
      : undefined;
    const successors = org.successors.map((s) => ({
      ...s,
      org: services.organisations.register.byCode.get(s.code),
    }));
    const predecessors = services.organisations
      .all()
      .filter((o) => o.successors.some((s) => s.code === org.code));
    const view = await organisationView(services, org, c.req.query('year'));
    return renderPage(c, 'organisations/show.njk', {
      title: org.name,
      org,
      region,
      type,
      successors,
      predecessors,
      ...view,
    });
  });
}
