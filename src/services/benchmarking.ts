import {
  benchmarkAll,
  ENGLAND,
  type CouncilBenchmark,
  type CouncilPlacement,
  type PublishedAggregate,
} from '../domain/benchmark/engine.js';
import { trendSeries, type Trend } from '../domain/benchmark/trend.js';
import type { Figure, PeerGroup, PeerSetKind } from '../domain/benchmark/types.js';
import { parsePeriod } from '../domain/period.js';
import type { Db } from '../store/db.js';
import type { ComparatorGroup, ComparatorService } from './comparators.js';
import type { Measure, MeasureService } from './measures.js';
import type { OrganisationService } from './organisations.js';

/** Everything the engine reads, loaded once per data version (the newest release id). */
interface Dataset {
  version: number;
  figures: Figure[];
  published: PublishedAggregate[];
  measures: Measure[];
}

export interface CouncilYear {
  orgCode: string;
  period: string;
  group: ComparatorGroup | undefined;
  current: CouncilBenchmark[];
  previous: CouncilBenchmark[];
  previousPeriod: string | undefined;
  measures: Measure[];
  releases: number[];
}

const kindOf: Record<string, PeerSetKind> = {
  country: 'england',
  region: 'region',
  council_type: 'council-type',
};

export function comparatorPeerGroup(
  comparators: ComparatorService,
  group: ComparatorGroup,
  period: string,
): PeerGroup {
  const end = parsePeriod(period)?.end ?? `${period}`;
  return {
    kind: 'comparator',
    code: `group-${group.id}`,
    name: group.name,
    members: comparators.membersOn(group, end),
  };
}

export function benchmarkingService(
  db: Db,
  measures: MeasureService,
  organisations: OrganisationService,
  comparators: ComparatorService,
) {
  let cached: Dataset | undefined;
  const placements: CouncilPlacement[] = organisations
    .all()
    .filter((o) => o.kind === 'council' && o.regionCode && o.councilTypeCode)
    .map((o) => {
      const region = organisations.get(o.regionCode!);
      const type = organisations.get(o.councilTypeCode!);
      return {
        code: o.code,
        region: { code: region.code, name: region.name },
        councilType: { code: type.code, name: type.name },
      };
    });

  async function dataset(): Promise<Dataset> {
    const [v] = await db.query<{ v: number | null }>('SELECT max(id) AS v FROM releases');
    const version = v?.v ?? 0;
    if (cached?.version === version) return cached;
    const rows = await db.query<{
      org_code: string;
      measure_id: string;
      period: string;
      value: string | null;
      numerator: string | null;
      denominator: string | null;
      suppression: string | null;
    }>(
      `SELECT org_code, measure_id, period, value::text, numerator::text, denominator::text, suppression
       FROM observations WHERE superseded_by IS NULL AND disaggregation = 'Total'`,
    );
    const num = (s: string | null) => (s === null ? null : Number(s));
    const figures: Figure[] = [];
    const published: PublishedAggregate[] = [];
    for (const r of rows) {
      const org = organisations.register.byCode.get(r.org_code);
      if (!org) continue;
      if (org.kind === 'council') {
        figures.push({
          orgCode: r.org_code,
          measureId: r.measure_id,
          period: r.period,
          value: num(r.value),
          numerator: num(r.numerator),
          denominator: num(r.denominator),
          suppressed: r.suppression !== null,
        });
      } else {
        const kind = kindOf[org.kind];
        if (kind)
          published.push({
            measureId: r.measure_id,
            period: r.period,
            kind,
            code: org.code,
            value: r.suppression ? null : num(r.value),
          });
      }
    }
    cached = { version, figures, published, measures: await measures.all() };
    return cached;
  }

  async function releasesFor(orgCodes: string[], periods: string[]): Promise<number[]> {
    const rows = await db.query<{ release_id: number }>(
      'SELECT DISTINCT release_id FROM observations WHERE superseded_by IS NULL AND org_code = ANY($1) AND period = ANY($2) ORDER BY release_id',
      [orgCodes, periods],
    );
    return rows.map((r) => r.release_id);
  }

  /** The engine over every council, with comparator groups for the councils asked about. */
  async function run(groups: ReadonlyMap<string, ComparatorGroup | undefined>) {
    const data = await dataset();
    const results = benchmarkAll({
      measures: data.measures,
      figures: data.figures,
      councils: placements,
      england: ENGLAND,
      published: data.published,
      comparatorGroup: (code, period) => {
        const group = groups.get(code);
        return group ? comparatorPeerGroup(comparators, group, period) : undefined;
      },
    });
    return { data, results };
  }

  /** A council's trend on a measure with England and its region beside it, following code changes. */
  async function trend(
    orgCode: string,
    measureId: string,
  ): Promise<{ council: Trend | undefined; england: Trend | undefined; region: Trend | undefined }> {
    const data = await dataset();
    const regionCode = organisations.get(orgCode).regionCode;
    const asFigures = (kind: PeerSetKind, code: string): Figure[] =>
      data.published
        .filter((p) => p.kind === kind && p.code === code)
        .map((p) => ({
          orgCode: code,
          measureId: p.measureId,
          period: p.period,
          value: p.value,
          numerator: null,
          denominator: null,
          suppressed: p.value === null,
        }));
    return {
      council: trendSeries(data.measures, measureId, orgCode, data.figures),
      england: trendSeries(data.measures, measureId, ENGLAND.code, asFigures('england', ENGLAND.code)),
      region: regionCode
        ? trendSeries(data.measures, measureId, regionCode, asFigures('region', regionCode))
        : undefined,
    };
  }

  return {
    dataset,
    trend,

    /** Chart series for a council's trend with its region and England, split at definition breaks. */
    async trendSeries(orgCode: string, measureId: string, names: { council: string; region: string }) {
      const t = await trend(orgCode, measureId);
      return [
        { name: names.council, trend: t.council },
        { name: names.region, trend: t.region },
        { name: 'England', trend: t.england },
      ].flatMap(({ name, trend }) =>
        trend
          ? [
              {
                name,
                points: trend.points.map((p) => ({
                  period: p.period,
                  value: p.value,
                  breakBefore: p.breaksBefore.length > 0,
                })),
              },
            ]
          : [],
      );
    },

    /**
     * The years councils can be compared in: financial years with figures from more than one council. A
     * council's own months and quarters (local values, CLD activity) have nobody to be benchmarked against.
     */
    async periods(): Promise<string[]> {
      const data = await dataset();
      const councils = new Map<string, Set<string>>();
      for (const f of data.figures) {
        if (parsePeriod(f.period)?.kind !== 'year') continue;
        councils.set(f.period, (councils.get(f.period) ?? new Set()).add(f.orgCode));
      }
      return [...councils.entries()]
        .filter(([, orgs]) => orgs.size > 1)
        .map(([p]) => p)
        .sort();
    },

    /** Benchmarks for councils in a year (and the year before, for quartile changes), one engine run. */
    async councilsYear(
      orgCodes: string[],
      period: string,
      groupOverride?: ComparatorGroup | null,
    ): Promise<CouncilYear[]> {
      const groups = new Map<string, ComparatorGroup | undefined>();
      for (const code of orgCodes)
        groups.set(
          code,
          groupOverride === undefined ? await comparators.chosenFor(code) : (groupOverride ?? undefined),
        );
      const { data, results } = await run(groups);
      // The year before among financial years only: months and quarters sort between years as text.
      const periods = [...new Set(data.figures.map((f) => f.period))]
        .filter((p) => parsePeriod(p)?.kind === 'year')
        .sort();
      const previousPeriod = periods[periods.indexOf(period) - 1];
      const wanted = new Set(orgCodes);
      const byOrg = new Map<string, CouncilBenchmark[]>();
      for (const r of results) {
        if (!wanted.has(r.orgCode) || (r.period !== period && r.period !== previousPeriod)) continue;
        byOrg.set(r.orgCode, [...(byOrg.get(r.orgCode) ?? []), r]);
      }
      const order = new Map(data.measures.map((m, i) => [m.id, i]));
      const sort = (rows: CouncilBenchmark[]) =>
        rows.sort((a, b) => (order.get(a.measureId) ?? 0) - (order.get(b.measureId) ?? 0));
      const out: CouncilYear[] = [];
      for (const code of orgCodes) {
        const rows = byOrg.get(code) ?? [];
        const regionCode = organisations.get(code).regionCode;
        out.push({
          orgCode: code,
          period,
          group: groups.get(code),
          current: sort(rows.filter((r) => r.period === period)),
          previous: sort(rows.filter((r) => r.period === previousPeriod)),
          previousPeriod,
          measures: data.measures,
          releases: await releasesFor(
            [code, ENGLAND.code, ...(regionCode ? [regionCode] : [])],
            [period, ...(previousPeriod ? [previousPeriod] : [])],
          ),
        });
      }
      return out;
    },
  };
}
export type BenchmarkingService = ReturnType<typeof benchmarkingService>;
