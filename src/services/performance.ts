/**
 * The performance read model: a council's published figures per measure (following code changes back
 * through the series), judged against the targets in force, with direction of travel, SPC and commentary.
 * It gathers the inputs of the scorecard, the quarterly overview, the performance plan and the measure page.
 */
import { releasesCited } from './reports.js';
import { seriesChain } from '../domain/measure.js';
import { travelFor } from '../domain/performance/travel.js';
import { parsePeriod, periodsEndingWith, type Period, type PeriodKind } from '../domain/period.js';
import { assuranceOf, variationOf } from '../domain/spc/icons.js';
import { xmrChart, type XmrChart } from '../domain/spc/xmr.js';
import { ragFor } from '../domain/targets/rag.js';
import { describeTarget, shortTarget } from '../domain/targets/target.js';
import type { Provenance } from '../reports/document.js';
import type {
  CommentaryInput,
  OverviewInputs,
  PerfMeasure,
  PlanInputs,
  ScorecardFilter,
  ScorecardInputs,
  ScorecardRow,
  StatusSummary,
} from '../reports/performance/inputs.js';
import { OVERVIEW_ROWS } from '../reports/performance/overview.js';
import type { Db } from '../store/db.js';
import { NotFoundError, ValidationError, type Actor } from './actor.js';
import type { BenchmarkingService } from './benchmarking.js';
import type { Clock } from './clock.js';
import { todayOf } from './clock.js';
import type { Commentary, CommentaryService } from './commentary.js';
import type { ImportService } from './imports.js';
import type { Measure, MeasureService } from './measures.js';
import type { OrganisationService } from './organisations.js';
import type { PlanService } from './plans.js';
import type { SpcService } from './spc.js';
import type { TargetBook, TargetService } from './targets.js';

export interface SeriesPoint {
  period: Period;
  /** The measure the figure was published under (a predecessor's code before a change of codes). */
  measureId: string;
  value: number | null;
  releaseId: number;
}

const kindFor: Record<Measure['frequency'], PeriodKind> = {
  monthly: 'month',
  quarterly: 'quarter',
  annual: 'year',
  biennial: 'year',
};

/** How many points a trend sparkline shows. */
const TREND_POINTS = 12;

export const perfMeasure = (m: Measure): PerfMeasure => ({
  id: m.id,
  code: m.code,
  title: m.title,
  shortTitle: m.shortTitle,
  unit: m.unit,
  decimals: m.decimals,
  polarity: m.polarity,
  multiplier: m.multiplier,
});

const commentaryInput = (c: Commentary | undefined): CommentaryInput | null =>
  c ? { period: c.period, happening: c.happening, why: c.why, action: c.action, version: c.version } : null;

export function performanceService(deps: {
  db: Db;
  clock: Clock;
  measures: MeasureService;
  organisations: OrganisationService;
  targets: TargetService;
  commentary: CommentaryService;
  plans: PlanService;
  spc: SpcService;
  benchmarking: BenchmarkingService;
  imports: ImportService;
}) {
  const { db, measures, organisations, targets, commentary, plans, benchmarking, imports } = deps;

  /** Each measure's current figures for a council, following its series back through earlier codes. */
  async function seriesFor(orgCode: string, ids: string[]): Promise<Map<string, SeriesPoint[]>> {
    const all = await measures.all();
    const chains = new Map(ids.map((id) => [id, seriesChain(all, id)?.ids ?? [id]]));
    const wanted = [...new Set([...chains.values()].flat())];
    const rows = await db.query<{
      measure_id: string;
      period: string;
      value: string | null;
      release_id: number;
    }>(
      `SELECT measure_id, period, value::text, release_id FROM observations
       WHERE org_code = $1 AND measure_id = ANY($2) AND superseded_by IS NULL AND disaggregation = 'Total'`,
      [orgCode, wanted],
    );
    const out = new Map<string, SeriesPoint[]>();
    for (const [id, chain] of chains) {
      const byPeriod = new Map<string, SeriesPoint & { order: number }>();
      for (const r of rows) {
        const order = chain.indexOf(r.measure_id);
        const period = parsePeriod(r.period);
        if (order === -1 || !period) continue;
        const held = byPeriod.get(r.period);
        // Where two codes cover one period, the newer code is the one in force.
        if (held && held.order > order) continue;
        byPeriod.set(r.period, {
          period,
          measureId: r.measure_id,
          value: r.value === null ? null : Number(r.value),
          releaseId: r.release_id,
          order,
        });
      }
      out.set(
        id,
        [...byPeriod.values()]
          .map(({ order: _order, ...p }) => p)
          .sort(
            (a, b) =>
              a.period.start.localeCompare(b.period.start) || a.period.end.localeCompare(b.period.end),
          ),
      );
    }
    return out;
  }

  /** The points of the kind the measure is reported in (months for a monthly measure, and so on). */
  function primary(m: Measure, points: SeriesPoint[]): SeriesPoint[] {
    const wanted = kindFor[m.frequency];
    const kind = points.some((p) => p.period.kind === wanted) ? wanted : points.at(-1)?.period.kind;
    return points.filter((p) => p.period.kind === kind);
  }

  function spcFor(points: SeriesPoint[], phaseStarts: readonly string[]): XmrChart | undefined {
    const kind = points[0]?.period.kind;
    if (kind !== 'month' && kind !== 'quarter') return undefined;
    return xmrChart(
      points.flatMap((p) => (p.value === null ? [] : [{ period: p.period.label, value: p.value }])),
      { phaseStarts },
    );
  }

  /** Where a measure stands at its latest period with a value. */
  function statusOf(
    m: Measure,
    points: SeriesPoint[],
    book: TargetBook,
    phaseStarts: readonly string[] = [],
  ): StatusSummary & { chart?: XmrChart } {
    const known = points.filter((p) => p.value !== null);
    const latest = known.at(-1);
    const trendPoints = points.slice(-TREND_POINTS);
    const trend = {
      periods: trendPoints.map((p) => p.period.label),
      values: trendPoints.map((p) => p.value),
    };
    if (!latest)
      return { period: null, value: null, target: null, rag: null, spc: null, travel: null, trend };
    const inForce = book.inForce(m.id, latest.period);
    const frozen = inForce?.target ?? undefined;
    const rag = frozen ? ragFor(latest.value!, frozen) : null;
    const chart = spcFor(points, phaseStarts);
    const values = new Map(points.map((p) => [p.period.label, p.value]));
    return {
      period: latest.period.label,
      value: latest.value,
      target:
        inForce && frozen
          ? {
              text: describeTarget(frozen.spec, frozen.measure),
              short: shortTarget(frozen.spec, frozen.measure),
              version: inForce.version,
              setOn: inForce.setOn,
            }
          : null,
      rag: rag ? { status: rag.status, label: rag.label, reason: rag.reason } : null,
      spc: chart
        ? {
            variation: variationOf(chart, m.polarity),
            assurance: assuranceOf(chart, frozen?.spec, frozen?.measure.polarity ?? m.polarity) ?? null,
            points: chart.points.length,
          }
        : null,
      travel: travelFor(values, latest.period, m),
      trend,
      ...(chart ? { chart } : {}),
    };
  }

  async function provenance(releaseIds: number[], actor: Actor): Promise<Provenance> {
    return {
      releases: await releasesCited(imports, releaseIds),
      generatedAt: deps.clock.now().toISOString(),
      generatedBy: actor.label,
    };
  }

  function council(orgCode: string) {
    const org = organisations.get(orgCode);
    if (org.kind !== 'council') throw new ValidationError(`${org.name} is not a council`);
    return org;
  }

  /** The council's framework: the plan's indicators in order, then other measures with targets. */
  async function framework(orgCode: string, book: TargetBook) {
    const plan = (await plans.current(orgCode))?.plan;
    const items: { measureId: string; label: string; group: string }[] = [];
    for (const p of plan?.priorities ?? [])
      for (const o of p.objectives)
        for (const i of o.indicators)
          if (!items.some((x) => x.measureId === i.measureId))
            items.push({ measureId: i.measureId, label: i.label ?? '', group: p.title });
    for (const id of book.measureIds())
      if (!items.some((x) => x.measureId === id))
        items.push({ measureId: id, label: '', group: 'Other measures with targets' });
    return items;
  }

  /** National quartiles for annual national measures, one benchmark run per year involved. */
  async function quartiles(orgCode: string, rows: { measure: Measure; latest: SeriesPoint | undefined }[]) {
    const out = new Map<string, ScorecardRow['quartile']>();
    const byYear = new Map<string, { measure: Measure; latest: SeriesPoint }[]>();
    for (const r of rows) {
      if (!r.latest || r.latest.period.kind !== 'year' || r.measure.family !== 'ascof') continue;
      byYear.set(r.latest.period.label, [...(byYear.get(r.latest.period.label) ?? []), r as never]);
    }
    for (const [year, items] of byYear) {
      const [result] = await benchmarking.councilsYear([orgCode], year, null);
      for (const { measure, latest } of items) {
        const b = result?.current.find((x) => x.measureId === latest.measureId);
        const q = b?.england.quartile;
        if (q) out.set(measure.id, { quartile: q.quartile, n: q.thresholds.n, period: year });
      }
    }
    return out;
  }

  return {
    seriesFor,
    provenance,
    statusOf,
    primary,

    async scorecardInputs(
      actor: Actor,
      orgCode: string,
      filter: ScorecardFilter = 'all',
    ): Promise<ScorecardInputs> {
      const org = council(orgCode);
      const book = await targets.book(orgCode);
      const items = await framework(orgCode, book);
      const all = await measures.all();
      const series = await seriesFor(
        orgCode,
        items.map((i) => i.measureId),
      );
      const notes = await commentary.forOrg(orgCode);
      const phases = await deps.spc.phaseStarts(orgCode);
      const built = items.flatMap((item) => {
        const m = all.find((x) => x.id === item.measureId);
        if (!m) return [];
        const points = primary(m, series.get(m.id) ?? []);
        const starts = (phases.get(m.id) ?? []).map((p) => p.period);
        const { chart: _chart, ...status } = statusOf(m, points, book, starts);
        const latest = points.filter((p) => p.value !== null).at(-1);
        return [{ item, m, points, status, latest }];
      });
      const quartileOf = await quartiles(
        orgCode,
        built.map((b) => ({ measure: b.m, latest: b.latest })),
      );
      const rows: ScorecardRow[] = built.map(({ item, m, status }) => ({
        ...status,
        measure: perfMeasure(m),
        label: item.label || m.shortTitle,
        group: item.group,
        quartile: quartileOf.get(m.id) ?? null,
        commentary: status.period ? commentaryInput(notes.get(`${m.id}|${status.period}`)) : null,
        offTarget:
          status.rag?.status === 'red' || status.rag?.status === 'amber' || status.spc?.assurance === 'fail',
        worse:
          status.travel?.previous.direction === 'worsened' ||
          (status.spc?.variation.startsWith('concern') ?? false),
      }));
      const shown = rows.filter((r) => filter === 'all' || (filter === 'off-target' ? r.offTarget : r.worse));
      const releaseIds = built.flatMap((b) => b.points.slice(-TREND_POINTS).map((p) => p.releaseId));
      return {
        kind: 'scorecard',
        version: 1,
        council: { code: org.code, name: org.name },
        asAt: todayOf(deps.clock),
        filter,
        total: rows.length,
        rows: shown,
        provenance: await provenance(releaseIds, actor),
      };
    },

    /** The quarterly overview for the four quarters ending with `quarter` (default: the latest with figures). */
    async overviewInputs(actor: Actor, orgCode: string, quarter?: string): Promise<OverviewInputs> {
      const org = council(orgCode);
      const all = await measures.all();
      const rowsDef = OVERVIEW_ROWS.filter((r) => all.some((m) => m.id === r.measureId));
      const series = await seriesFor(
        orgCode,
        rowsDef.map((r) => r.measureId),
      );
      const quarters = [...series.values()]
        .flat()
        .filter((p) => p.period.kind === 'quarter' && p.value !== null)
        .map((p) => p.period);
      let last: Period | undefined;
      if (quarter) {
        last = parsePeriod(quarter);
        if (!last || last.kind !== 'quarter')
          throw new ValidationError(`"${quarter}" is not a quarter`, [
            { field: 'quarter', message: `Choose a quarter such as Q4 2024-25, not "${quarter}"` },
          ]);
      } else last = quarters.sort((a, b) => a.start.localeCompare(b.start)).at(-1);
      if (!last) throw new NotFoundError(`There are no quarterly figures for ${org.name} yet`);
      const shownQuarters = periodsEndingWith(last, 4);
      const notes = await commentary.forOrg(orgCode);
      const used: number[] = [];
      const rows = rowsDef.map((def) => {
        const m = all.find((x) => x.id === def.measureId)!;
        const points = (series.get(m.id) ?? []).filter((p) => p.period.kind === 'quarter');
        const byLabel = new Map(points.map((p) => [p.period.label, p]));
        for (const q of shownQuarters) {
          const p = byLabel.get(q.label);
          if (p) used.push(p.releaseId);
        }
        const values = new Map(points.map((p) => [p.period.label, p.value]));
        return {
          measure: perfMeasure(m),
          label: def.label,
          values: shownQuarters.map((q) => values.get(q.label) ?? null),
          travel: travelFor(values, last, m).previous,
          commentary: commentaryInput(notes.get(`${m.id}|${last.label}`)),
        };
      });
      return {
        kind: 'quarterly-overview',
        version: 1,
        council: { code: org.code, name: org.name },
        quarter: last.label,
        quarters: shownQuarters.map((q) => q.label),
        rows,
        provenance: await provenance(used, actor),
      };
    },

    /** The quarters the overview can be drawn for (those with any figure), latest first. */
    async overviewQuarters(orgCode: string): Promise<string[]> {
      const series = await seriesFor(
        orgCode,
        OVERVIEW_ROWS.map((r) => r.measureId),
      );
      const quarters = new Map<string, Period>();
      for (const p of [...series.values()].flat())
        if (p.period.kind === 'quarter' && p.value !== null) quarters.set(p.period.label, p.period);
      return [...quarters.values()].sort((a, b) => b.start.localeCompare(a.start)).map((q) => q.label);
    },

    async planInputs(actor: Actor, orgCode: string): Promise<PlanInputs> {
      const org = council(orgCode);
      const current = await plans.current(orgCode);
      if (!current) throw new NotFoundError(`${org.name} has no performance plan yet`);
      const { plan } = current;
      const all = await measures.all();
      const book = await targets.book(orgCode);
      const phases = await deps.spc.phaseStarts(orgCode);
      const ids = plan.priorities.flatMap((p) =>
        p.objectives.flatMap((o) => o.indicators.map((i) => i.measureId)),
      );
      const series = await seriesFor(orgCode, ids);
      const used: number[] = [];
      const rows: PlanInputs['rows'] = [];
      for (const p of plan.priorities)
        for (const o of p.objectives)
          for (const i of o.indicators) {
            const m = all.find((x) => x.id === i.measureId);
            if (!m) continue;
            const allPoints = series.get(m.id) ?? [];
            const baselinePoint = i.baseline
              ? allPoints.find((x) => x.period.label === i.baseline!.period)
              : undefined;
            if (baselinePoint && i.baseline?.value === undefined) used.push(baselinePoint.releaseId);
            const points = primary(m, allPoints);
            const status = statusOf(
              m,
              points,
              book,
              (phases.get(m.id) ?? []).map((x) => x.period),
            );
            const latest = points.filter((x) => x.value !== null).at(-1);
            if (latest) used.push(latest.releaseId);
            rows.push({
              priority: p.title,
              objective: o.title,
              indicator: i.label ?? m.title,
              measure: perfMeasure(m),
              baseline: i.baseline
                ? {
                    period: i.baseline.period,
                    value: i.baseline.value ?? baselinePoint?.value ?? null,
                    note: i.baseline.note ?? null,
                  }
                : null,
              targets: plan.years.map((year) => {
                const v = book.latest(m.id, year);
                return {
                  year,
                  short: v?.target ? shortTarget(v.target.spec, v.target.measure) : null,
                  text: v?.target ? describeTarget(v.target.spec, v.target.measure) : null,
                };
              }),
              latest:
                status.value !== null && status.period
                  ? {
                      period: status.period,
                      value: status.value,
                      rag: status.rag ? { status: status.rag.status, label: status.rag.label } : null,
                    }
                  : null,
            });
          }
      return {
        kind: 'performance-plan',
        version: 1,
        council: { code: org.code, name: org.name },
        title: plan.title,
        years: plan.years,
        planVersion: current.version,
        rows,
        provenance: await provenance(used, actor),
      };
    },
  };
}
export type PerformanceService = ReturnType<typeof performanceService>;
