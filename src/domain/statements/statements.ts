/**
 * The sentences members read in a council profile, generated from benchmark results by rules.
 * Every rank says "out of N", every average says which kind it is, "improved" always follows
 * polarity, and each figure carries a reference to the numbers behind it.
 */
import type { Aggregate } from '../benchmark/aggregate.js';
import type { CouncilBenchmark } from '../benchmark/engine.js';
import { quartileLabel } from '../benchmark/labels.js';
import type { Quartile } from '../benchmark/quartile.js';
import { formatValue, type CatalogueMeasure } from '../measure.js';

export type StatementMeasure = Pick<
  CatalogueMeasure,
  'id' | 'code' | 'title' | 'shortTitle' | 'unit' | 'decimals' | 'polarity'
>;

export interface FigureRef {
  orgCode: string;
  measureId: string;
  period: string;
}

export interface StatementRun {
  text: string;
  /** The figure this text states, so a reader can follow it to the numbers behind it. */
  ref?: FigureRef;
}

export type StatementKind =
  | 'improved-count'
  | 'better-than-both'
  | 'best-in-region'
  | 'worst-in-region'
  | 'into-top-quartile'
  | 'out-of-top-quartile'
  | 'top-quartile-national'
  | 'bottom-quartile-national'
  | 'top-quartile-regional'
  | 'largest-improvement'
  | 'largest-decline';

export interface Statement {
  kind: StatementKind;
  /** Higher comes first. */
  priority: number;
  measureId?: string;
  runs: StatementRun[];
}

export interface StatementInput {
  council: { code: string; name: string };
  region: { code: string; name: string };
  period: string;
  /** The council's results for the period, one per measure. */
  current: readonly CouncilBenchmark[];
  /** The council's results for the previous period, for quartile changes. */
  previous?: readonly CouncilBenchmark[];
  measures: ReadonlyMap<string, StatementMeasure>;
  /** Name of the measure family in sentences, e.g. 'ASCOF'. */
  family?: string;
  /** How many statements to keep besides the two summary counts. */
  limit?: number;
}

export const statementText = (s: Statement): string => s.runs.map((r) => r.text).join('');

export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const quartileName = (q: Quartile) => quartileLabel[q].toLowerCase();

function averageLabel(a: Aggregate): string {
  if (a.method === 'published') return 'published figure';
  if (a.method === 'pooled') return 'pooled rate of all councils';
  return 'median of councils';
}

function measureLabel(m: StatementMeasure): string {
  const title = m.title.charAt(0).toLowerCase() + m.title.slice(1);
  return `${title.replace(/^the /, 'the ')} (${m.code})`;
}

function fig(m: StatementMeasure, value: number, ref: FigureRef): StatementRun {
  return { text: formatValue(m, value), ref };
}

function isBetter(value: number, than: number, m: StatementMeasure): boolean {
  return m.polarity === 'higher-is-better'
    ? value > than
    : m.polarity === 'lower-is-better'
      ? value < than
      : false;
}

export function generateStatements(input: StatementInput): Statement[] {
  const family = input.family ?? 'ASCOF';
  const rows = input.current.filter(
    (r) => r.value !== null && input.measures.get(r.measureId)?.polarity !== 'neutral',
  );
  const summary = [improvedCount(rows, family), betterThanBoth(input, rows, family)].filter(
    (s): s is Statement => s !== undefined,
  );
  const candidates = rows.flatMap((r) => perMeasure(input, r));
  const chosen: Statement[] = [];
  const used = new Set<string>();
  for (const s of candidates.sort((a, b) => b.priority - a.priority)) {
    if (s.measureId && used.has(s.measureId)) continue;
    if (s.measureId) used.add(s.measureId);
    chosen.push(s);
    if (chosen.length >= (input.limit ?? 6)) break;
  }
  return [...summary, ...chosen];
}

function improvedCount(rows: readonly CouncilBenchmark[], family: string): Statement | undefined {
  const compared = rows.filter((r) => ['improved', 'worsened', 'no-change'].includes(r.direction.direction));
  if (compared.length === 0) return undefined;
  const improved = compared.filter((r) => r.direction.direction === 'improved').length;
  const previous = [...new Set(compared.map((r) => r.direction.previousPeriod))];
  const since = previous.length === 1 && previous[0] ? previous[0] : 'the previous year each was published';
  return {
    kind: 'improved-count',
    priority: 100,
    runs: [
      {
        text: `${improved} ${family} measures out of ${compared.length} have improved compared with ${since}.`,
      },
    ],
  };
}

function betterThanBoth(
  input: StatementInput,
  rows: readonly CouncilBenchmark[],
  family: string,
): Statement | undefined {
  const both = rows.filter((r) => {
    const m = input.measures.get(r.measureId);
    const region = r.region?.aggregate.value;
    const england = r.england.aggregate.value;
    return (
      m &&
      r.value !== null &&
      region != null &&
      england != null &&
      isBetter(r.value, region, m) &&
      isBetter(r.value, england, m)
    );
  });
  const withBoth = rows.filter((r) => r.region?.aggregate.value != null && r.england.aggregate.value != null);
  if (withBoth.length === 0) return undefined;
  const methods = new Set(withBoth.flatMap((r) => [r.england.aggregate.method, r.region?.aggregate.method]));
  const which =
    methods.size === 1 && methods.has('published')
      ? 'the published figures'
      : 'published figures where available, otherwise the pooled rate or median of councils';
  return {
    kind: 'better-than-both',
    priority: 99,
    runs: [
      {
        text: `${both.length} ${family} measures out of ${withBoth.length} were better than both the ${input.region.name} and England averages (${which}).`,
      },
    ],
  };
}

function perMeasure(input: StatementInput, r: CouncilBenchmark): Statement[] {
  const m = input.measures.get(r.measureId);
  if (!m || r.value === null) return [];
  const ref = { orgCode: r.orgCode, measureId: r.measureId, period: r.period };
  const own = fig(m, r.value, ref);
  const regionAgg = r.region?.aggregate;
  const englandAgg = r.england.aggregate;
  const against = (): StatementRun[] => {
    const parts: StatementRun[] = [{ text: ': ' }, own, { text: ' against ' }];
    if (regionAgg?.value != null) {
      parts.push(fig(m, regionAgg.value, { ...ref, orgCode: r.region!.code }), {
        text: ` in the ${r.region!.name} (${averageLabel(regionAgg)}) and `,
      });
    }
    if (englandAgg.value != null)
      parts.push(fig(m, englandAgg.value, { ...ref, orgCode: r.england.code }), {
        text: ` in England (${averageLabel(englandAgg)}).`,
      });
    else parts.push({ text: 'no England figure.' });
    return parts;
  };
  const national = r.england.rank;
  const regional = r.region?.rank;
  const out: Statement[] = [];
  const base = { measureId: r.measureId };
  if (regional && national && regional.rank === 1 && regional.n > 1) {
    out.push({
      ...base,
      kind: 'best-in-region',
      priority: 90,
      runs: [
        {
          text: `Best in the ${input.region.name} (out of ${regional.n}) and ranked ${ordinal(national.rank)} nationally (out of ${national.n}) for ${measureLabel(m)}`,
        },
        ...against(),
      ],
    });
  } else if (regional && national && regional.rank === regional.n && regional.n > 1) {
    out.push({
      ...base,
      kind: 'worst-in-region',
      priority: 85,
      runs: [
        {
          text: `Lowest-ranked in the ${input.region.name} (${ordinal(regional.rank)} out of ${regional.n}; ${ordinal(national.rank)} nationally out of ${national.n}) for ${measureLabel(m)}`,
        },
        ...against(),
      ],
    });
  }
  const before = input.previous?.find(
    (p) => p.measureId === r.measureId || p.measureId === r.direction.previousMeasureId,
  );
  const nowQ = r.england.quartile?.quartile;
  const thenQ = before?.england.quartile?.quartile;
  if (
    nowQ &&
    thenQ &&
    nowQ !== thenQ &&
    (nowQ === 1 || thenQ === 1) &&
    r.direction.direction !== 'not-comparable'
  ) {
    out.push({
      ...base,
      kind: nowQ === 1 ? 'into-top-quartile' : 'out-of-top-quartile',
      priority: 80,
      runs: [
        {
          text: `${nowQ === 1 ? 'Moved into the top quartile' : `Moved out of the top quartile into the ${quartileName(nowQ)} quartile`} nationally for ${measureLabel(m)}, from the ${quartileName(thenQ)} quartile in ${before!.period}`,
        },
        ...against(),
      ],
    });
  }
  if (national && nowQ === 1) {
    out.push({
      ...base,
      kind: 'top-quartile-national',
      priority: 70,
      runs: [
        {
          text: `Top quartile nationally (ranked ${ordinal(national.rank)} out of ${national.n}) for ${measureLabel(m)}`,
        },
        ...against(),
      ],
    });
  } else if (national && nowQ === 4) {
    out.push({
      ...base,
      kind: 'bottom-quartile-national',
      priority: 65,
      runs: [
        {
          text: `Bottom quartile nationally (ranked ${ordinal(national.rank)} out of ${national.n}) for ${measureLabel(m)}`,
        },
        ...against(),
      ],
    });
  }
  if (regional && r.region?.quartile?.quartile === 1 && nowQ !== 1) {
    out.push({
      ...base,
      kind: 'top-quartile-regional',
      priority: 60,
      runs: [
        {
          text: `Top quartile in the ${input.region.name} (${ordinal(regional.rank)} out of ${regional.n}) for ${measureLabel(m)}`,
        },
        ...against(),
      ],
    });
  }
  out.push(...movement(r, m, ref));
  return out;
}

/** The biggest moves, scaled by the national spread so a rate and a percentage can be compared. */
function movement(r: CouncilBenchmark, m: StatementMeasure, ref: FigureRef): Statement[] {
  const d = r.direction;
  if (d.change === null || d.previousValue === null || d.previousPeriod === null || r.value === null)
    return [];
  if (d.direction !== 'improved' && d.direction !== 'worsened') return [];
  const spread = r.england.quartile
    ? r.england.quartile.thresholds.upper - r.england.quartile.thresholds.lower
    : 0;
  const size = spread > 0 ? Math.abs(d.change) / spread : 0;
  if (size < 0.5) return [];
  const improved = d.direction === 'improved';
  const prevRef = { ...ref, period: d.previousPeriod, measureId: d.previousMeasureId ?? ref.measureId };
  return [
    {
      measureId: r.measureId,
      kind: improved ? 'largest-improvement' : 'largest-decline',
      priority: 50 + Math.min(size, 4) * 5,
      runs: [
        { text: `${m.shortTitle} (${m.code}) ${improved ? 'improved' : 'worsened'} from ` },
        fig(m, d.previousValue, prevRef),
        { text: ` in ${d.previousPeriod} to ` },
        fig(m, r.value, ref),
        { text: ` in ${r.period}${m.polarity === 'lower-is-better' ? ' (lower is better)' : ''}.` },
      ],
    },
  ];
}
