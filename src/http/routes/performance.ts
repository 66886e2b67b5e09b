import type { Context, Hono } from 'hono';
import { can } from '../../domain/access.js';
import { polarityNote } from '../../domain/benchmark/labels.js';
import { formatValue } from '../../domain/measure.js';
import { travelPhrase } from '../../domain/performance/travel.js';
import { parsePeriod } from '../../domain/period.js';
import { assuranceLabel, assuranceOf, variationLabel, variationOf } from '../../domain/spc/icons.js';
import { ragFor } from '../../domain/targets/rag.js';
import { describeTarget, directionText, targetDirections } from '../../domain/targets/target.js';
import type { PlanEdit } from '../../domain/plan/edit.js';
import { measureTrendChart } from '../../reports/charts/measure-chart.js';
import { spcChart } from '../../reports/charts/spc-chart.js';
import type { ReportDocument } from '../../reports/document.js';
import { scorecardFilters, type ScorecardFilter } from '../../reports/performance/inputs.js';
import { filterText } from '../../reports/performance/scorecard.js';
import { ragTone } from '../../reports/performance/status.js';
import { provenanceFooter, reportBody } from '../../reports/render/html.js';
import { renderCsv, renderXlsx } from '../../reports/render/spreadsheet.js';
import { ValidationError } from '../../services/actor.js';
import { reportFormats, type ReportFormat } from '../../services/reports.js';
import type { AppEnv } from '../context.js';
import { polarityText } from '../format.js';
import { actorOf, param, route } from '../guard.js';
import { errorView, renderPage } from '../page.js';

const text = (body: Record<string, unknown>, k: string) =>
  typeof body[k] === 'string' ? (body[k] as string).trim() : '';

/** A report as a download when ?format= asks for one, else as a page with its controls. */
async function reportPage(
  c: Context<AppEnv>,
  inputs: Parameters<AppEnv['Variables']['services']['reports']['render']>[0],
  view: Record<string, unknown>,
) {
  const { reports } = c.get('services');
  const format = c.req.query('format') as ReportFormat | undefined;
  if (format && reportFormats.includes(format)) {
    const r = await reports.render(inputs, format);
    return c.body(typeof r.body === 'string' ? r.body : new Uint8Array(r.body), 200, {
      'content-type': r.contentType,
      'content-disposition': `${format === 'html' ? 'inline' : 'attachment'}; filename="${r.fileName}"`,
    });
  }
  const doc: ReportDocument = reports.documentOf(inputs);
  return renderPage(c, 'performance/report.njk', {
    title: doc.title,
    doc,
    body: reportBody(doc),
    footer: provenanceFooter(doc),
    ...view,
  });
}

/** The target form's fields as the shared target schema reads them. */
export function targetFromForm(body: Record<string, unknown>) {
  const num = (k: string) => (text(body, k) === '' ? undefined : Number(text(body, k).replace(/[,%]/g, '')));
  const tolerance = num('tolerance');
  const kind = text(body, 'kind');
  const common = tolerance === undefined ? {} : { tolerance };
  if (kind === 'range') return { kind, low: num('low'), high: num('high'), ...common };
  if (kind === 'direction')
    return {
      kind,
      direction: text(body, 'direction'),
      baseline: { value: num('baselineValue'), period: text(body, 'baselinePeriod') },
      ...common,
    };
  return { kind: kind || 'value', value: num('value'), ...common };
}

async function measurePage(c: Context<AppEnv>, extra: Record<string, unknown> = {}, status = 200) {
  const s = c.get('services');
  const org = s.organisations.get(param(c, 'code'));
  const measure = await s.measures.get(param(c, 'id'));
  const book = await s.targets.book(org.code);
  const all = (await s.performance.seriesFor(org.code, [measure.id])).get(measure.id) ?? [];
  const points = s.performance.primary(measure, all);
  const phases = (await s.spc.phaseStarts(org.code)).get(measure.id) ?? [];
  const summary = s.performance.statusOf(
    measure,
    points,
    book,
    phases.map((p) => p.period),
  );
  const f = (v: number) => formatValue(measure, v);
  const requested = c.req.query('period');
  const period = requested && parsePeriod(requested) ? parsePeriod(requested)!.label : summary.period;
  const rows = [...points].reverse().map((p) => {
    const t = book.inForce(measure.id, p.period);
    const rag = t?.target && p.value !== null ? ragFor(p.value, t.target) : undefined;
    return {
      period: p.period.label,
      value: p.value === null ? '–' : f(p.value),
      target: t?.target ? describeTarget(t.target.spec, t.target.measure) : 'No target',
      rag: rag ? { text: rag.label, tone: ragTone[rag.status], reason: rag.reason } : undefined,
    };
  });
  const format = c.req.query('format');
  if (format === 'csv' || format === 'xlsx') {
    const doc: ReportDocument = {
      title: `${measure.code} ${measure.title}: ${org.name}`,
      subtitle: `${measure.frequency} · ${polarityText[measure.polarity]}`,
      blocks: [
        {
          kind: 'table',
          caption: `${measure.code} ${measure.shortTitle}: figures against the target in force`,
          exportName: 'Figures',
          head: ['Period', 'Value', 'Target in force', 'RAG'],
          rows: rows.map((r) => [
            r.period,
            r.value,
            r.target,
            r.rag ? { text: r.rag.text, tone: r.rag.tone } : 'No target',
          ]),
          numeric: [false, true, false, false],
          rowHeaders: true,
        },
      ],
      provenance: await s.performance.provenance(
        points.map((p) => p.releaseId),
        actorOf(c),
      ),
    };
    const body = format === 'csv' ? renderCsv(doc) : await renderXlsx(doc);
    const fileName = `${measure.id}-${org.code}.${format}`;
    return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
      'content-type':
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${fileName}"`,
    });
  }
  let chart;
  if (summary.chart) {
    const t = summary.period ? book.inForce(measure.id, parsePeriod(summary.period)!) : undefined;
    const spec = t?.target?.spec;
    chart = spcChart({
      title: `${measure.code} ${measure.shortTitle}`,
      chart: summary.chart,
      format: f,
      polarity: measure.polarity,
      variation: variationOf(summary.chart, measure.polarity),
      assurance: assuranceOf(summary.chart, spec, measure.polarity),
      phaseReasons: Object.fromEntries(phases.map((p) => [p.period, p.reason])),
      target:
        spec?.kind === 'value'
          ? { values: [spec.value], label: 'Target' }
          : spec?.kind === 'range'
            ? { values: [spec.low, spec.high], label: 'Target' }
            : undefined,
    });
  } else if (points.length > 1) {
    chart = measureTrendChart(measure, `${measure.code} ${measure.shortTitle}`, [
      {
        name: org.name,
        points: points.map((p) => ({ period: p.period.label, value: p.value })),
      },
    ]);
  }
  const versions = await s.targets.versions(org.code, measure.id);
  const commentary = period ? await s.commentary.current(org.code, measure.id, period) : undefined;
  const commentaryHistory = period ? await s.commentary.history(org.code, measure.id, period) : [];
  // Values not (yet) approved are not published: only those who handle entry see them.
  const everything = can(actorOf(c).role, 'imports:read');
  const history =
    measure.origin === 'local'
      ? (await s.values.history(org.code, measure.id)).filter((h) => everything || h.status === 'approved')
      : [];
  const travel = summary.travel
    ? {
        previous: travelPhrase(summary.travel.previous, measure),
        previousPeriod: summary.travel.previous.period,
        lastYear: travelPhrase(summary.travel.lastYear, measure),
        lastYearPeriod: summary.travel.lastYear.period,
      }
    : undefined;
  return renderPage(
    c,
    'performance/measure.njk',
    {
      title: `${measure.code} ${measure.shortTitle}: ${org.name}`,
      org,
      measure,
      polarity: polarityText[measure.polarity],
      polarityNote: polarityNote(measure.polarity),
      summary: { ...summary, latest: summary.value === null ? undefined : f(summary.value) },
      spcText: summary.spc
        ? [
            variationLabel[summary.spc.variation],
            summary.spc.assurance ? assuranceLabel[summary.spc.assurance] : undefined,
            `${summary.spc.points} points`,
          ]
            .filter(Boolean)
            .join('. ')
        : undefined,
      ragTag: summary.rag ? { text: summary.rag.label, tone: ragTone[summary.rag.status] } : undefined,
      travel,
      chart,
      rows: rows.slice(0, 36),
      versions: [...versions].reverse().map((v) => ({ ...v, text: s.targets.describe(v) })),
      period,
      commentary,
      commentaryHistory,
      history,
      phases: phases.map((p) => ({
        ...p,
        ignored: summary.chart?.ignoredPhaseStarts.includes(p.period) ?? false,
      })),
      directions: targetDirections.map((d) => ({ value: d, text: directionText[d] })),
      values: {},
      ...extra,
    },
    status,
  );
}

const planOps = [
  'add-priority',
  'add-objective',
  'add-indicator',
  'rename',
  'remove',
  'move',
  'set-title',
  'set-years',
];

/** The plan editor's form as one edit. */
function planEditFromForm(body: Record<string, unknown>): PlanEdit {
  const op = text(body, 'op');
  if (!planOps.includes(op))
    throw new ValidationError('Choose what to change', [{ field: 'op', message: 'Choose what to change' }]);
  const need = (k: string, message: string) => {
    const v = text(body, k);
    if (!v) throw new ValidationError(message, [{ field: k, message }]);
    return v;
  };
  switch (op) {
    case 'add-priority':
      return { op, title: need('title', 'Give the priority a title') };
    case 'add-objective':
      return {
        op,
        priorityId: need('priorityId', 'Choose a priority'),
        title: need('title', 'Give the objective a title'),
      };
    case 'add-indicator': {
      const baselinePeriod = text(body, 'baselinePeriod');
      const baselineValue = text(body, 'baselineValue');
      return {
        op,
        objectiveId: need('objectiveId', 'Choose an objective'),
        indicator: {
          measureId: need('measureId', 'Choose a measure'),
          ...(text(body, 'label') ? { label: text(body, 'label') } : {}),
          ...(baselinePeriod
            ? {
                baseline: {
                  period: baselinePeriod,
                  ...(baselineValue ? { value: Number(baselineValue.replace(/[,%]/g, '')) } : {}),
                  ...(text(body, 'baselineNote') ? { note: text(body, 'baselineNote') } : {}),
                },
              }
            : {}),
        },
      };
    }
    case 'rename':
      return { op, id: need('id', 'Choose an item'), title: need('title', 'Give a title') };
    case 'remove':
      return { op, id: need('id', 'Choose an item') };
    case 'move':
      return {
        op,
        id: need('id', 'Choose an item'),
        direction: text(body, 'direction') === 'up' ? 'up' : 'down',
      };
    case 'set-title':
      return { op, title: need('title', 'Give the plan a title') };
    default:
      return {
        op: 'set-years',
        years: need('years', 'Give the years of the plan, for example 2025-26, 2026-27')
          .split(/[\s,]+/)
          .filter(Boolean),
      };
  }
}

export function performanceRoutes(app: Hono<AppEnv>): void {
  route(app, 'GET', '/organisations/:code/scorecard', 'published:read', async (c) => {
    const requested = c.req.query('filter') as ScorecardFilter | undefined;
    const filter = requested && scorecardFilters.includes(requested) ? requested : 'all';
    const inputs = await c.get('services').performance.scorecardInputs(actorOf(c), param(c, 'code'), filter);
    return reportPage(c, inputs, {
      kind: 'scorecard',
      subject: inputs.council.code,
      year: filter,
      org: inputs.council,
      query: filter === 'all' ? '' : `filter=${filter}&`,
      filters: scorecardFilters.map((f) => ({ value: f, text: filterText[f], current: f === filter })),
    });
  });

  route(app, 'GET', '/organisations/:code/overview', 'published:read', async (c) => {
    const s = c.get('services');
    const code = param(c, 'code');
    const quarter = c.req.query('quarter') || undefined;
    const inputs = await s.performance.overviewInputs(actorOf(c), code, quarter);
    return reportPage(c, inputs, {
      kind: 'quarterly-overview',
      subject: inputs.council.code,
      year: inputs.quarter,
      org: inputs.council,
      query: `quarter=${encodeURIComponent(inputs.quarter)}&`,
      quarters: (await s.performance.overviewQuarters(code)).map((q) => ({
        value: q,
        text: q,
        selected: q === inputs.quarter,
      })),
    });
  });

  route(app, 'GET', '/organisations/:code/plan', 'published:read', async (c) => {
    const s = c.get('services');
    const org = s.organisations.get(param(c, 'code'));
    if (!(await s.plans.current(org.code)))
      return renderPage(c, 'performance/no-plan.njk', { title: `Performance plan: ${org.name}`, org });
    const inputs = await s.performance.planInputs(actorOf(c), org.code);
    return reportPage(c, inputs, {
      kind: 'performance-plan',
      subject: org.code,
      year: 'plan',
      org: inputs.council,
      query: '',
      planEditable: true,
    });
  });

  const planEditor = async (c: Context<AppEnv>, extra: Record<string, unknown> = {}, status = 200) => {
    const s = c.get('services');
    const org = s.organisations.get(param(c, 'code'));
    const current = await s.plans.current(org.code);
    const all = await s.measures.all();
    const byId = new Map(all.map((m) => [m.id, m]));
    return renderPage(
      c,
      'performance/plan-edit.njk',
      {
        title: `Edit the performance plan: ${org.name}`,
        org,
        plan: current?.plan,
        version: current?.version,
        history: await s.plans.history(org.code),
        measureName: (id: string) => {
          const m = byId.get(id);
          return m ? `${m.code} ${m.shortTitle}` : id;
        },
        measureItems: [
          { value: '', text: 'Choose a measure' },
          ...all
            .filter((m) => !m.validTo)
            .map((m) => ({ value: m.id, text: `${m.code} ${m.shortTitle} (${m.id})` })),
        ],
        values: {},
        ...extra,
      },
      status,
    );
  };

  route(app, 'GET', '/organisations/:code/plan/edit', 'plans:write', (c) => planEditor(c));

  route(app, 'POST', '/organisations/:code/plan', 'plans:write', async (c) => {
    const s = c.get('services');
    const org = s.organisations.get(param(c, 'code'));
    const body = await c.req.parseBody();
    try {
      await s.plans.edit(actorOf(c), org.code, planEditFromForm(body));
      return c.redirect(`/organisations/${org.code}/plan/edit?saved=1`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const errors = err.fieldErrors.length ? err.fieldErrors : [{ field: 'op', message: err.message }];
      return planEditor(
        c,
        {
          values: body,
          ...errorView(errors.map((e) => ({ ...e, field: e.field.split('.').at(-1) ?? e.field }))),
        },
        400,
      );
    }
  });

  route(app, 'GET', '/organisations/:code/performance/:id', 'published:read', (c) => measurePage(c));

  route(app, 'POST', '/organisations/:code/performance/:id/commentary', 'plans:write', async (c) => {
    const s = c.get('services');
    const body = await c.req.parseBody();
    const code = param(c, 'code');
    const id = param(c, 'id');
    const period = text(body, 'period');
    try {
      await s.commentary.save(actorOf(c), code, id, period, {
        happening: text(body, 'happening'),
        why: text(body, 'why'),
        action: text(body, 'action'),
      });
      return c.redirect(
        `/organisations/${code}/performance/${encodeURIComponent(id)}?period=${encodeURIComponent(period)}#commentary`,
        303,
      );
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return measurePage(c, { commentaryValues: body, ...errorView(err.fieldErrors) }, 400);
    }
  });

  route(app, 'POST', '/organisations/:code/performance/:id/phases', 'measures:write', async (c) => {
    const s = c.get('services');
    const body = await c.req.parseBody();
    const code = param(c, 'code');
    const id = param(c, 'id');
    const back = `/organisations/${code}/performance/${encodeURIComponent(id)}#spc`;
    if (text(body, 'remove')) {
      await s.spc.remove(actorOf(c), code, id, text(body, 'remove'));
      return c.redirect(back, 303);
    }
    try {
      await s.spc.add(actorOf(c), code, id, text(body, 'phasePeriod'), text(body, 'phaseReason'));
      return c.redirect(back, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return measurePage(c, { phaseValues: body, ...errorView(err.fieldErrors) }, 400);
    }
  });

  route(app, 'POST', '/organisations/:code/performance/:id/target', 'plans:write', async (c) => {
    const s = c.get('services');
    const body = await c.req.parseBody();
    const code = param(c, 'code');
    const id = param(c, 'id');
    try {
      const period = text(body, 'targetPeriod');
      if (!period)
        throw new ValidationError('Say which period the target is for', [
          { field: 'targetPeriod', message: 'Say which period the target is for, for example 2026-27' },
        ]);
      await s.targets.set(actorOf(c), code, id, period, targetFromForm(body));
      return c.redirect(`/organisations/${code}/performance/${encodeURIComponent(id)}#targets`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const fields: Record<string, string> = {
        period: 'targetPeriod',
        'baseline.value': 'baselineValue',
        'baseline.period': 'baselinePeriod',
      };
      const errors = err.fieldErrors.map((e) => ({ ...e, field: fields[e.field] ?? e.field }));
      return measurePage(c, { values: body, ...errorView(errors) }, 400);
    }
  });
}
