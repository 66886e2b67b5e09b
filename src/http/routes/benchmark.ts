import type { Context, Hono } from 'hono';
import type { CouncilBenchmark } from '../../domain/benchmark/engine.js';
import { formatOrDash, quartileLabel, travelLabel } from '../../domain/benchmark/labels.js';
import { statementText } from '../../domain/statements/statements.js';
import { measureTrendChart } from '../../reports/charts/measure-chart.js';
import { figureHref, profileStatements } from '../../reports/profiles/profile.js';
import type { Measure } from '../../services/measures.js';
import type { AppEnv } from '../context.js';
import { actorOf, param, route } from '../guard.js';
import { renderPage } from '../page.js';

const methodText = { published: 'published', pooled: 'pooled', median: 'median' } as const;

function rowView(r: CouncilBenchmark, m: Measure) {
  const q = (s: CouncilBenchmark['england'] | null) =>
    s?.quartile ? quartileLabel[s.quartile.quartile] : '–';
  const next = r.england.quartile?.next;
  return {
    id: `m-${r.measureId}`,
    measure: m,
    value: r.suppressed ? 'suppressed' : formatOrDash(m, r.value),
    region: r.region ? `${formatOrDash(m, r.region.aggregate.value)}` : '–',
    regionMethod: r.region ? methodText[r.region.aggregate.method] : '',
    england: formatOrDash(m, r.england.aggregate.value),
    englandMethod: methodText[r.england.aggregate.method],
    councilType: r.councilType ? formatOrDash(m, r.councilType.aggregate.value) : '–',
    councilTypeMethod: r.councilType ? methodText[r.councilType.aggregate.method] : '',
    comparator: r.comparator ? formatOrDash(m, r.comparator.aggregate.value) : undefined,
    comparatorMethod: r.comparator ? methodText[r.comparator.aggregate.method] : '',
    rank: r.england.rank ? `${r.england.rank.rank} of ${r.england.rank.n}` : '–',
    regionRank: r.region?.rank ? `${r.region.rank.rank} of ${r.region.rank.n}` : '–',
    comparatorRank: r.comparator?.rank ? `${r.comparator.rank.rank} of ${r.comparator.rank.n}` : '–',
    quartile: q(r.england),
    regionQuartile: q(r.region),
    comparatorQuartile: q(r.comparator),
    toNext: next
      ? `${formatOrDash(m, next.needed)} for the ${quartileLabel[next.quartile].toLowerCase()} quartile`
      : '',
    significance: r.significance
      ? `${r.significance.comparison}${r.significance.method === 'plain' ? ' (plain comparison)' : ` (95% ${r.significance.method === 'wilson' ? 'Wilson' : "Byar's"} interval)`}`
      : '–',
    direction: travelLabel[r.direction.direction],
    change:
      r.direction.change === null
        ? ''
        : `${r.direction.change > 0 ? '+' : ''}${formatOrDash({ ...m, unit: m.unit === 'percent' ? 'score' : m.unit }, r.direction.change)}`,
    since: r.direction.previousPeriod ?? '',
  };
}

async function benchmarkPage(c: Context<AppEnv>) {
  const s = c.get('services');
  const org = s.organisations.get(param(c, 'code'));
  const periods = await s.benchmarking.periods();
  const year = periods.includes(c.req.query('year') ?? '') ? (c.req.query('year') as string) : periods.at(-1);
  const groups = await s.comparators.list();
  const chosen = await s.comparators.chosenFor(org.code);
  const groupParam = c.req.query('group');
  const group =
    groupParam === 'none' ? null : groupParam ? groups.find((g) => String(g.id) === groupParam) : chosen;
  if (!year || org.kind !== 'council')
    return renderPage(c, 'benchmark/show.njk', { title: org.name, org, empty: true });
  const [cy] = await s.benchmarking.councilsYear([org.code], year, group ?? null);
  const measures = new Map(cy!.measures.map((m) => [m.id, m]));
  const rows = cy!.current.flatMap((r) =>
    measures.get(r.measureId) ? [rowView(r, measures.get(r.measureId)!)] : [],
  );
  const inputs = await s.reports
    .profileInputs(actorOf(c), org.code, year, group ?? null)
    .catch(() => undefined);
  const statements = inputs
    ? profileStatements(inputs).map((st) => ({
        text: statementText(st),
        runs: st.runs.map((r) => ({ text: r.text, href: r.ref ? figureHref(r.ref) : undefined })),
      }))
    : [];
  const measureId = c.req.query('measure') || cy!.current[0]?.measureId;
  const chartMeasure = measureId ? measures.get(measureId) : undefined;
  let chart;
  if (chartMeasure) {
    const region = org.regionCode ? s.organisations.get(org.regionCode) : undefined;
    const series = await s.benchmarking.trendSeries(org.code, chartMeasure.id, {
      council: org.name,
      region: region?.name ?? 'Region',
    });
    chart = measureTrendChart(chartMeasure, `${chartMeasure.code} ${chartMeasure.shortTitle}`, series);
  }
  return renderPage(c, 'benchmark/show.njk', {
    title: `${org.name}: benchmarks ${year}`,
    org,
    region: org.regionCode ? s.organisations.get(org.regionCode) : undefined,
    councilType: org.councilTypeCode ? s.organisations.get(org.councilTypeCode) : undefined,
    year,
    periods,
    rows,
    statements,
    groups,
    group,
    chosen,
    chart,
    chartMeasure,
    measureItems: cy!.current.flatMap((r) => {
      const m = measures.get(r.measureId);
      return m
        ? [{ value: m.id, text: `${m.code} ${m.shortTitle}`, selected: m.id === chartMeasure?.id }]
        : [];
    }),
  });
}

export function benchmarkRoutes(app: Hono<AppEnv>): void {
  route(app, 'GET', '/organisations/:code/benchmark', 'published:read', benchmarkPage);

  route(app, 'POST', '/organisations/:code/comparator-group', 'comparators:write', async (c) => {
    const body = await c.req.parseBody();
    const raw = typeof body.groupId === 'string' ? body.groupId : '';
    const groupId = raw === '' || raw === 'none' ? null : Number(raw);
    const code = param(c, 'code');
    await c.get('services').comparators.choose(actorOf(c), code, Number.isInteger(groupId) ? groupId : null);
    return c.redirect(
      `/organisations/${code}/benchmark?year=${encodeURIComponent(String(body.year ?? ''))}`,
      303,
    );
  });
}
