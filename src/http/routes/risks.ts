/** Pages of the risk register: the register with its heat map, a risk and its reviews, bands, the report. */
import type { Context, Hono } from 'hono';
import { describeBands, ragLabel, type RagBand } from '../../domain/risk/bands.js';
import { isoDateIn } from '../../domain/programme/dates.js';
import { directionText, REVIEW_FREQUENCIES, reviewStateLabel } from '../../domain/risk/review.js';
import { factorPairsFor } from '../../domain/risk/score.js';
import { KNOWN_THEMES } from '../../domain/risk/themes.js';
import { financialYearOf } from '../../domain/period.js';
import { heatMap } from '../../reports/charts/heat-map.js';
import { reportBody } from '../../reports/render/html.js';
import { ValidationError } from '../../services/actor.js';
import type { RiskView } from '../../services/risks/risks.js';
import type { AppEnv } from '../context.js';
import { actorOf, param, route } from '../guard.js';
import { errorView, renderPage } from '../page.js';
import { audienceFor, formValues, saveOrShow, type FormValues } from './plan-forms.js';
import { respond } from './reports.js';

const ragClass: Record<string, string> = {
  red: 'govuk-tag--red',
  amber: 'govuk-tag--orange',
  green: 'govuk-tag--green',
};
const riskOptions = {
  ragLabel,
  ragClass,
  reviewStateLabel,
  frequencies: REVIEW_FREQUENCIES.map((f) => ({ value: f, text: f.replace('-', ' ') })),
  factors: [1, 2, 3, 4, 5],
  knownThemes: KNOWN_THEMES.join(', '),
};

/** A risk for a page: its direction in words as well as the numbers. */
const present = (r: RiskView) => ({ ...r, directionWords: directionText(r.direction) });

const riskInput = (v: FormValues) => ({ ...v, exempt: v.exempt === 'yes' });

export function riskRoutes(app: Hono<AppEnv>): void {
  route(app, 'GET', '/organisations/:code/risks', 'published:read', async (c) => {
    const services = c.get('services');
    const org = services.organisations.get(param(c, 'code'));
    const audience = audienceFor(c);
    const register = await services.risks.register(org.code, audience);
    const view = c.req.query('view');
    const shown =
      view === 'above-appetite'
        ? register.aboveAppetite
        : view === 'overdue'
          ? register.overdue
          : register.risks;
    const chart = heatMap(
      'Current risk scores by impact and likelihood',
      register.grid,
      register.scheme.bands,
    );
    return renderPage(c, 'risks/register.njk', {
      title: `Risk register: ${org.name}`,
      org,
      register,
      risks: shown.map(present),
      view: view ?? 'all',
      audience,
      chart,
      chartTable: reportBody({
        title: '',
        blocks: [
          {
            kind: 'table',
            caption: 'Heat map as a table',
            head: chart.table.head,
            rows: chart.table.rows,
            rowHeaders: true,
          },
        ],
        provenance: { releases: [], generatedAt: '', generatedBy: '' },
      }),
      bands: describeBands(register.scheme.bands),
      programmes: await services.programmes.list(org.code),
      ...riskOptions,
    });
  });

  const riskForm = (c: Context<AppEnv>, orgCode: string, values: FormValues, target: string) => {
    const org = c.get('services').organisations.get(orgCode);
    return {
      template: 'risks/form.njk',
      context: {
        title: target.endsWith('/risks') ? 'Add a risk' : 'Change a risk',
        org,
        values,
        target,
        creating: target.endsWith('/risks'),
        ...riskOptions,
      },
    };
  };
  route(app, 'GET', '/organisations/:code/risks/new', 'plans:write', (c) => {
    const form = riskForm(
      c,
      param(c, 'code'),
      { reviewFrequency: 'quarterly', assessedOn: isoDateIn(c.get('services').clock.now()) },
      `/organisations/${param(c, 'code')}/risks`,
    );
    return renderPage(c, form.template, form.context);
  });
  route(app, 'POST', '/organisations/:code/risks', 'plans:write', async (c) => {
    const v = await formValues(c);
    return saveOrShow(
      c,
      async () => {
        const risk = await c
          .get('services')
          .risks.create(actorOf(c), param(c, 'code'), riskInput(v) as never);
        return c.redirect(`/risks/${risk.id}`, 303);
      },
      riskForm(c, param(c, 'code'), v, `/organisations/${param(c, 'code')}/risks`),
    );
  });

  route(app, 'GET', '/risks/:id', 'published:read', async (c) => {
    const services = c.get('services');
    const risk = await services.risks.get(Number(param(c, 'id')), audienceFor(c));
    return renderPage(c, 'risks/show.njk', {
      title: `Risk ${risk.reference}`,
      risk: present(risk),
      org: services.organisations.get(risk.orgCode),
      ...riskOptions,
    });
  });

  route(app, 'GET', '/risks/:id/edit', 'plans:write', async (c) => {
    const r = await c.get('services').risks.get(Number(param(c, 'id')), audienceFor(c));
    const values = {
      ...r,
      themes: r.themes.join(', '),
      owners: r.owners.join(', '),
      inherentImpact: r.inherent?.impact ?? '',
      inherentLikelihood: r.inherent?.likelihood ?? '',
      targetImpact: r.target?.impact ?? '',
      targetLikelihood: r.target?.likelihood ?? '',
      exempt: r.exempt ? 'yes' : 'no',
      programmeId: r.programmeId ?? '',
    } as unknown as FormValues;
    const form = riskForm(c, r.orgCode, values, `/risks/${r.id}`);
    return renderPage(c, form.template, form.context);
  });
  route(app, 'POST', '/risks/:id', 'plans:write', async (c) => {
    const r = await c.get('services').risks.get(Number(param(c, 'id')), audienceFor(c));
    const v = await formValues(c);
    return saveOrShow(
      c,
      async () => {
        await c.get('services').risks.update(actorOf(c), r.id, riskInput(v) as never);
        return c.redirect(`/risks/${r.id}`, 303);
      },
      riskForm(c, r.orgCode, v, `/risks/${r.id}`),
    );
  });

  const reviewForm = async (c: Context<AppEnv>, id: number, values: FormValues) => {
    const risk = await c.get('services').risks.get(id, audienceFor(c));
    return {
      template: 'risks/review.njk',
      context: {
        title: `Review risk ${risk.reference}`,
        risk: present(risk),
        pairs: risk.factorsMissing && risk.current ? factorPairsFor(risk.current.score) : [],
        values,
        ...riskOptions,
      },
    };
  };
  route(app, 'GET', '/risks/:id/review', 'plans:write', async (c) => {
    const form = await reviewForm(c, Number(param(c, 'id')), {
      reviewedOn: isoDateIn(c.get('services').clock.now()),
    });
    return renderPage(c, form.template, form.context);
  });
  route(app, 'POST', '/risks/:id/review', 'plans:write', async (c) => {
    const id = Number(param(c, 'id'));
    const v = await formValues(c);
    await c.get('services').risks.get(id, audienceFor(c));
    return saveOrShow(
      c,
      async () => {
        await c.get('services').risks.review(actorOf(c), id, v as never);
        return c.redirect(`/risks/${id}#reviews`, 303);
      },
      await reviewForm(c, id, v),
    );
  });

  route(app, 'POST', '/risks/:id/key-actions', 'plans:write', async (c) => {
    const id = Number(param(c, 'id'));
    const services = c.get('services');
    const risk = await services.risks.get(id, audienceFor(c));
    const v = await formValues(c);
    try {
      await services.risks.addKeyAction(actorOf(c), id, { text: v.text ?? '', deadline: v.deadline });
      return c.redirect(`/risks/${id}#key-actions`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderPage(
        c,
        'risks/show.njk',
        {
          title: `Risk ${risk.reference}`,
          risk: present(risk),
          org: services.organisations.get(risk.orgCode),
          values: v,
          ...riskOptions,
          ...errorView(err.fieldErrors),
        },
        400,
      );
    }
  });

  const bandsPage = async (
    c: Context<AppEnv>,
    orgCode: string,
    values: FormValues,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const services = c.get('services');
    const org = services.organisations.get(orgCode);
    const schemes = await services.risks.schemes(org.code);
    return renderPage(
      c,
      'risks/bands.njk',
      {
        title: `RAG bands and risk appetite: ${org.name}`,
        org,
        schemes: schemes.map((s) => ({ ...s, text: describeBands(s.bands) })),
        values,
        ...extra,
      },
      status,
    );
  };
  route(app, 'GET', '/organisations/:code/risks/bands', 'published:read', async (c) => {
    const services = c.get('services');
    const today = isoDateIn(services.clock.now());
    const next = financialYearOf(today);
    const current = await services.risks.schemeInForce(param(c, 'code'), today);
    const band = (rag: string) => current.bands.find((b: RagBand) => b.rag === rag);
    return bandsPage(c, param(c, 'code'), {
      fromPeriod: next.label,
      greenMax: String(band('green')?.max ?? 4),
      amberMax: String(band('amber')?.max ?? 14),
      appetite: String(current.appetite.overall),
      themeAppetites: Object.entries(current.appetite.themes)
        .map(([t, n]) => `${t}: ${n}`)
        .join('\n'),
    });
  });
  route(app, 'POST', '/organisations/:code/risks/bands', 'plans:write', async (c) => {
    const v = await formValues(c);
    const greenMax = Number(v.greenMax);
    const amberMax = Number(v.amberMax);
    const themes = Object.fromEntries(
      (v.themeAppetites ?? '')
        .split(/\r?\n/)
        .map((l) => l.split(':').map((x) => x.trim()))
        .filter((p) => p.length === 2 && p[0])
        .map(([t, n]) => [t!, Number(n)]),
    );
    try {
      await c.get('services').risks.setScheme(actorOf(c), param(c, 'code'), {
        fromPeriod: v.fromPeriod ?? '',
        bands: [
          { rag: 'green', min: 1, max: greenMax },
          { rag: 'amber', min: greenMax + 1, max: amberMax },
          { rag: 'red', min: amberMax + 1, max: 25 },
        ],
        appetite: { overall: Number(v.appetite), themes },
      });
      return c.redirect(`/organisations/${param(c, 'code')}/risks/bands`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const fields: Record<string, string> = { bands: 'greenMax', appetite: 'appetite' };
      const errors = err.fieldErrors.map((e) => ({
        ...e,
        field: fields[e.field.split('.')[0] ?? ''] ?? e.field.split('.')[0] ?? 'fromPeriod',
      }));
      return bandsPage(c, param(c, 'code'), v, errorView(errors), 400);
    }
  });

  route(app, 'GET', '/organisations/:code/risks/report', 'published:read', async (c) => {
    const services = c.get('services');
    const org = services.organisations.get(param(c, 'code'));
    const audience = audienceFor(c);
    const inputs = await services.planReports.riskRegisterInputs(actorOf(c), org.code, audience);
    return respond(c, inputs, {
      downloadQuery: `audience=${audience}&`,
      saveKind: 'risk-register',
      subject: org.code,
      year: '',
      audience,
      backLink: { href: `/organisations/${org.code}/risks`, text: 'Back to the risk register' },
    });
  });
}
