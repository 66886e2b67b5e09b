/**
 * What the Client Level Data pages show, as plain data for the templates: the derived figures laid out
 * as SALT-style tables with drill-down links, a submission's data-quality report, and the rows behind
 * a figure. Pure functions; the route handlers stay thin.
 */
import { DERIVATIONS, type Aggregate, type Derivation } from '../cld/derive/catalogue.js';
import type { DrillRow } from '../cld/derive/run.js';
import { fieldOf } from '../domain/cld/fields.js';
import type { ProblemRule } from '../domain/cld/problem.js';
import { completeness, reconciles, validity } from '../domain/cld/quality.js';
import {
  clientType,
  eventOutcome,
  eventType,
  gender,
  labelOf,
  primarySupportReason,
  routeOfAccess,
  serviceType,
  type CodeSet,
} from '../domain/cld/vocabulary.js';
import { formatValue, type MeasureUnit } from '../domain/measure.js';
import { parsePeriod } from '../domain/period.js';
import { ValidationError } from '../services/actor.js';
import type { Submission } from '../services/cld.js';
import type { CldFigure } from '../services/cld-figures.js';
import type { Measure } from '../services/measures.js';

export type DrillPart = 'numerator' | 'denominator';
type Kind = Aggregate['kind'];

// ------------------------------------------------------------------------------------------ labels

const DIMENSIONS: Record<string, string> = {
  setting: 'Setting',
  psr: 'Primary support reason',
  age_band: 'Age band',
  sequel: 'What followed',
  route: 'Route of access',
  gender: 'Gender',
  support: 'Support to the carer',
  accommodation: 'Accommodation',
  employment: 'Employment',
  client_type: 'Client type',
};

const CODED: Record<string, CodeSet<string>> = {
  psr: primarySupportReason,
  route: routeOfAccess,
  client_type: clientType,
  gender,
};

const PLAIN: Record<string, Record<string, string>> = {
  accommodation: { settled: 'Settled accommodation', unsettled: 'Not in settled accommodation' },
  employment: { paid: 'In paid employment', 'not-paid': 'Not in paid employment' },
};

export const dimensionLabel = (dim: string): string => DIMENSIONS[dim] ?? dim.replace(/_/g, ' ');

export function dimensionValueLabel(dim: string, value: string): string {
  if (value === 'unknown') return 'Not recorded';
  const coded = CODED[dim];
  if (coded) return labelOf(coded, value);
  return PLAIN[dim]?.[value] ?? value;
}

/** 'age_band=65+; setting=Nursing care' as pairs; 'Total' as none. */
export function breakdownPairs(disaggregation: string): { dim: string; value: string }[] {
  if (disaggregation === 'Total') return [];
  return disaggregation.split('; ').map((pair) => {
    const at = pair.indexOf('=');
    return { dim: pair.slice(0, at), value: pair.slice(at + 1) };
  });
}

export function breakdownLabel(disaggregation: string): string {
  const pairs = breakdownPairs(disaggregation);
  if (pairs.length === 0) return 'Total';
  return pairs.map((p) => `${dimensionLabel(p.dim)}: ${dimensionValueLabel(p.dim, p.value)}`).join('; ');
}

export const RULE_LABELS: Record<ProblemRule, string> = {
  'missing-column': 'Column missing',
  'duplicate-column': 'Column repeated',
  'unknown-column': 'Column not recognised',
  'mixed-release': 'Release 1 and release 2 spellings mixed',
  'missing-mandatory': 'Mandatory field left blank',
  'invalid-code': 'Value not in the code list',
  'wrong-release': 'Value from the other release',
  'invalid-date': 'Date that cannot be read',
  'invalid-number': 'Number that cannot be read',
  'invalid-identifier': 'Identifier that is not valid',
  'invalid-postcode': 'Postcode that is not valid',
  'malformed-line': 'Line that cannot be read',
  'duplicate-row': 'Row repeated',
  'no-person-identifier': 'No NHS number or council person id',
  'other-la': "Another council's row",
  'other-period': 'Outside the reporting period',
  'end-before-start': 'Ends before it starts',
  'date-after-period-end': 'Date after the reporting period end',
  'event-after-death': 'Event after the date of death',
  'end-after-death': 'Ends after the date of death',
  'event-before-birth': 'Event before the date of birth',
  'death-before-birth': 'Date of death before the date of birth',
};

const ruleLabel = (rule: string) => RULE_LABELS[rule as ProblemRule] ?? rule;

const releaseText = (release: Submission['quality']['release']) =>
  release === 'mixed'
    ? 'Mixed: release 1 and release 2 spellings'
    : release
      ? `Release ${release}`
      : 'Not evident from the values';

// ------------------------------------------------------------------------------------------ numbers

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const percent = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

export interface MeasureInfo {
  id: string;
  code: string;
  title: string;
  shortTitle: string;
  unit: MeasureUnit;
  decimals: number;
}

const fallbackUnit: Record<Kind, MeasureUnit> = {
  count: 'count',
  ratio: 'percent',
  'per-population': 'rate-per-100k',
  sum: 'currency',
  mean: 'currency',
  share: 'percent',
  percentile: 'days',
};

/** Title and unit from the measure catalogue, or the derivation's id when the catalogue lacks it. */
export function measureInfo(d: Derivation, measures: readonly Measure[]): MeasureInfo {
  const m = measures.find((x) => x.id === d.measureId);
  if (m)
    return {
      id: m.id,
      code: m.code,
      title: m.title,
      shortTitle: m.shortTitle,
      unit: m.unit,
      decimals: m.decimals,
    };
  const unit = fallbackUnit[d.aggregate.kind];
  return {
    id: d.measureId,
    code: d.measureId,
    title: d.measureId,
    shortTitle: d.measureId,
    unit,
    decimals: unit === 'count' || unit === 'currency' ? 0 : 1,
  };
}

// ------------------------------------------------------------------------------------------ figures

type Key = 'value' | 'numerator' | 'denominator';

interface Column {
  key: Key;
  header: string;
  /** The part of the figure whose people this cell lists. */
  drill?: DrillPart;
  /** Sums of pence, shown as pounds. */
  pence?: boolean;
}

/** What each kind of figure shows, and which of its numbers lead to the people behind it. */
const COLUMNS: Record<Kind, Column[]> = {
  count: [{ key: 'value', header: 'Number', drill: 'denominator' }],
  ratio: [
    { key: 'value', header: 'Value' },
    { key: 'numerator', header: 'Numerator', drill: 'numerator' },
    { key: 'denominator', header: 'Denominator', drill: 'denominator' },
  ],
  'per-population': [
    { key: 'value', header: 'Value' },
    { key: 'numerator', header: 'Numerator', drill: 'numerator' },
    { key: 'denominator', header: 'Population' },
  ],
  sum: [{ key: 'value', header: 'Weekly cost', drill: 'denominator' }],
  mean: [
    { key: 'value', header: 'Average' },
    { key: 'denominator', header: 'People with a cost', drill: 'denominator' },
  ],
  share: [
    { key: 'value', header: 'Share' },
    { key: 'numerator', header: 'Part a week', pence: true },
    { key: 'denominator', header: 'Whole a week', pence: true, drill: 'denominator' },
  ],
  percentile: [
    { key: 'value', header: 'Days' },
    { key: 'denominator', header: 'People waiting', drill: 'denominator' },
  ],
};

/** The parts of a figure that can be listed as people (a population estimate cannot). */
export const drillParts = (kind: Kind): DrillPart[] =>
  COLUMNS[kind].flatMap((c) => (c.drill ? [c.drill] : []));

const partText = (kind: Kind, part: DrillPart) =>
  part === 'numerator' ? 'numerator' : kind === 'count' || kind === 'sum' ? 'people counted' : 'denominator';

export interface FigureCell {
  text: string;
  /** Read by screen readers after the text (what the number is, or why there is none). */
  hidden?: string;
  href?: string;
}

export interface FigureRow {
  label: string;
  disaggregation: string;
  cells: FigureCell[];
}

export interface FigureTable {
  id: string;
  caption: string;
  rowHeader: string;
  headers: string[];
  rows: FigureRow[];
}

export interface MeasureBlock {
  id: string;
  measure: MeasureInfo;
  kind: Kind;
  headers: string[];
  total: FigureRow | undefined;
  tables: FigureTable[];
}

export interface DrillLink {
  orgCode: string;
  period: string;
  measureId: string;
  disaggregation: string;
  part: DrillPart;
}

export function drillHref(l: DrillLink): string {
  const q = new URLSearchParams({
    period: l.period,
    measure: l.measureId,
    breakdown: l.disaggregation,
    part: l.part,
  });
  return `/organisations/${encodeURIComponent(l.orgCode)}/cld/drill?${q.toString()}`;
}

interface Context {
  orgCode: string;
  period: string;
  measures: readonly Measure[];
  /** Whether the reader may list the people behind a figure (`persons:read`). */
  canDrill: boolean;
}

function cellOf(ctx: Context, d: Derivation, info: MeasureInfo, f: CldFigure, col: Column): FigureCell {
  const raw = f[col.key];
  if (raw === null) {
    const why =
      col.key === 'denominator' && d.aggregate.kind === 'per-population'
        ? 'no population estimate has been imported'
        : 'no figure';
    return { text: '–', hidden: why };
  }
  const n = Number(raw);
  const text =
    col.key === 'value'
      ? formatValue(info, n)
      : col.pence
        ? `£${decimal.format(n / 100)}`
        : Number.isInteger(n)
          ? integer.format(n)
          : decimal.format(n);
  if (!col.drill || !ctx.canDrill) return { text };
  const where = f.disaggregation === 'Total' ? '' : `, ${breakdownLabel(f.disaggregation)}`;
  const part = partText(d.aggregate.kind, col.drill);
  return {
    text,
    href: drillHref({
      orgCode: ctx.orgCode,
      period: ctx.period,
      measureId: d.measureId,
      disaggregation: f.disaggregation,
      part: col.drill,
    }),
    hidden: `: list the ${part} ${part === 'people counted' ? 'in' : 'of'} ${info.code}${where}`,
  };
}

const rowOf = (ctx: Context, d: Derivation, info: MeasureInfo, f: CldFigure, label: string): FigureRow => ({
  label,
  disaggregation: f.disaggregation,
  cells: COLUMNS[d.aggregate.kind].map((col) => cellOf(ctx, d, info, f, col)),
});

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** One table per breakdown: a list for one dimension, rows by columns for two. */
function breakdownTables(
  ctx: Context,
  d: Derivation,
  info: MeasureInfo,
  figures: CldFigure[],
): FigureTable[] {
  const tables: FigureTable[] = [];
  for (const dims of d.breakdowns) {
    const cells = figures.filter((f) => {
      const pairs = breakdownPairs(f.disaggregation);
      return pairs.length === dims.length && pairs.every((p, i) => p.dim === dims[i]);
    });
    if (cells.length === 0) continue;
    const id = `${slug(d.measureId)}-by-${dims.map(slug).join('-')}`;
    const by = dims.map((x) => dimensionLabel(x).toLowerCase()).join(' and ');
    const caption = `${info.code} ${info.shortTitle}, ${ctx.period}: by ${by}`;
    if (dims.length === 1) {
      const dim = dims[0] ?? '';
      tables.push({
        id,
        caption,
        rowHeader: dimensionLabel(dim),
        headers: COLUMNS[d.aggregate.kind].map((c) => c.header),
        rows: cells.map((f) =>
          rowOf(ctx, d, info, f, dimensionValueLabel(dim, breakdownPairs(f.disaggregation)[0]?.value ?? '')),
        ),
      });
      continue;
    }
    // Two dimensions: the age band (or else the one with fewer values) across, the other down.
    const values = (i: number) => [
      ...new Set(cells.map((f) => breakdownPairs(f.disaggregation)[i]?.value ?? '')),
    ];
    const ageAt = dims.indexOf('age_band');
    const across = ageAt >= 0 ? ageAt : values(0).length < values(1).length ? 0 : 1;
    const down = 1 - across;
    const acrossDim = dims[across] ?? '';
    const downDim = dims[down] ?? '';
    const byKey = new Map(cells.map((f) => [f.disaggregation, f]));
    const column = COLUMNS[d.aggregate.kind].find((c) => c.key === 'value') ?? { key: 'value', header: '' };
    tables.push({
      id,
      caption: `${info.code} ${info.shortTitle}, ${ctx.period}: by ${dimensionLabel(downDim).toLowerCase()} (rows) and ${dimensionLabel(acrossDim).toLowerCase()} (columns)`,
      rowHeader: dimensionLabel(downDim),
      headers: values(across).map((v) => `${dimensionLabel(acrossDim)} ${dimensionValueLabel(acrossDim, v)}`),
      rows: values(down).map((dv) => ({
        label: dimensionValueLabel(downDim, dv),
        disaggregation: '',
        cells: values(across).map((av) => {
          const pair = (dim: string, v: string) => `${dim}=${v}`;
          const key = dims.map((dim) => (dim === acrossDim ? pair(dim, av) : pair(dim, dv))).join('; ');
          const f = byKey.get(key);
          return f ? cellOf(ctx, d, info, f, column) : { text: '–', hidden: 'none' };
        }),
      })),
    });
  }
  return tables;
}

function blockOf(ctx: Context, d: Derivation, figures: CldFigure[]): MeasureBlock {
  const info = measureInfo(d, ctx.measures);
  const total = figures.find((f) => f.disaggregation === 'Total');
  return {
    id: slug(d.measureId),
    measure: info,
    kind: d.aggregate.kind,
    headers: COLUMNS[d.aggregate.kind].map((c) => c.header),
    total: total ? rowOf(ctx, d, info, total, 'Total') : undefined,
    tables: breakdownTables(ctx, d, info, figures),
  };
}

const FULL_COLUMNS: Key[] = ['value', 'numerator', 'denominator'];

/** A row with value, numerator and denominator columns whatever the kind (blank where it has none). */
function fullRow(ctx: Context, d: Derivation, info: MeasureInfo, f: CldFigure, label: string): FigureRow {
  const columns = COLUMNS[d.aggregate.kind];
  return {
    label,
    disaggregation: f.disaggregation,
    cells: FULL_COLUMNS.map((key) => {
      const col = columns.find((c) => c.key === key);
      return col ? cellOf(ctx, d, info, f, col) : { text: '', hidden: 'not applicable' };
    }),
  };
}

export const SALT_TABLES = [
  'cld-STS001',
  'cld-STS002a',
  'cld-STS002b',
  'cld-LTS001a',
  'cld-LTS001b',
  'cld-LTS001c',
  'cld-LTS003',
  'cld-LTS004',
] as const;

export interface CldFiguresView {
  ascof: FigureTable | undefined;
  salt: MeasureBlock[];
  activity: FigureTable | undefined;
  activityBlocks: MeasureBlock[];
}

/** The derived figures of one council and period, in the order of the derivation catalogue. */
export function cldFiguresView(ctx: Context, figures: readonly CldFigure[]): CldFiguresView {
  const byMeasure = new Map<string, CldFigure[]>();
  for (const f of figures) byMeasure.set(f.measureId, [...(byMeasure.get(f.measureId) ?? []), f]);
  const present = DERIVATIONS.filter((d) => byMeasure.has(d.measureId));
  const ascof = present.filter((d) => d.measureId.startsWith('ascof'));
  const salt = present.filter((d) => (SALT_TABLES as readonly string[]).includes(d.measureId));
  const activity = present.filter((d) => !ascof.includes(d) && !salt.includes(d));

  /** One row per figure (every breakdown, or totals only) with value, numerator and denominator. */
  const listed = (
    ds: Derivation[],
    table: { id: string; caption: string },
    totalsOnly: boolean,
  ): FigureTable | undefined =>
    ds.length === 0
      ? undefined
      : {
          ...table,
          rowHeader: 'Measure',
          headers: ['Value', 'Numerator', 'Denominator'],
          rows: ds.flatMap((d) => {
            const info = measureInfo(d, ctx.measures);
            const own = byMeasure.get(d.measureId) ?? [];
            const total = own.filter((f) => f.disaggregation === 'Total');
            const ordered = totalsOnly
              ? total
              : [...total, ...own.filter((f) => f.disaggregation !== 'Total')];
            return ordered.map((f) =>
              fullRow(
                ctx,
                d,
                info,
                f,
                f.disaggregation === 'Total'
                  ? `${info.code} ${info.shortTitle}`
                  : `${info.code}, ${breakdownLabel(f.disaggregation)}`,
              ),
            );
          }),
        };

  return {
    ascof: listed(ascof, { id: 'ascof', caption: `ASCOF measures derived from CLD, ${ctx.period}` }, false),
    salt: salt.map((d) => blockOf(ctx, d, byMeasure.get(d.measureId) ?? [])),
    activity: listed(activity, { id: 'activity', caption: `Activity, waits and costs, ${ctx.period}` }, true),
    activityBlocks: activity
      .filter((d) => d.breakdowns.length > 0)
      .map((d) => blockOf(ctx, d, byMeasure.get(d.measureId) ?? []))
      .filter((b) => b.tables.length > 0),
  };
}

// ------------------------------------------------------------------------------------------ quality

export const REJECTIONS_PER_PAGE = 100;

export interface PageLink {
  number?: string;
  href?: string;
  current?: boolean;
  ellipsis?: boolean;
  visuallyHiddenText?: string;
}

/** GOV.UK pagination items: first, last and the neighbours of the current page, with ellipses. */
export function paginationItems(page: number, pages: number, href: (n: number) => string): PageLink[] {
  const shown = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const items: PageLink[] = [];
  let last = 0;
  for (const n of shown) {
    if (n - last > 1) items.push({ ellipsis: true });
    items.push({ number: String(n), href: href(n), current: n === page });
    last = n;
  }
  return items;
}

/** The data-quality report of a submission, with one page of its rejected rows. */
export function qualityView(submission: Submission, requestedPage: number) {
  const q = submission.quality;
  const pages = Math.max(1, Math.ceil(q.rejections.length / REJECTIONS_PER_PAGE));
  const page = Math.min(Math.max(1, Number.isInteger(requestedPage) ? requestedPage : 1), pages);
  const href = (n: number) => `/cld/submissions/${encodeURIComponent(submission.id)}?page=${n}#rejected-rows`;
  const byRule = (counts: Partial<Record<ProblemRule, number>>) =>
    (Object.entries(counts) as [ProblemRule, number][])
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([rule, count]) => ({ rule, label: ruleLabel(rule), count }));
  const first = (page - 1) * REJECTIONS_PER_PAGE;
  return {
    reconciles: q.read === q.loaded + q.rejected,
    fullyReconciles: reconciles(q),
    release: releaseText(q.release),
    fileProblems: q.fileProblems.map((p) => ({
      ...p,
      label: ruleLabel(p.rule),
      severityText: p.severity === 'reject' ? 'Stops the file loading' : 'Noted; rows still load',
    })),
    fields: q.fields.map((f) => ({
      key: f.field,
      label: fieldOf(f.field).r1,
      applicable: f.applicable,
      completeness: percent(completeness(f)),
      validity: percent(validity(f)),
      mandatory: f.mandatory,
      missingMandatory: f.missingMandatory,
      invalid: f.invalid,
      examples: f.invalidExamples.map((e) => `‘${e.value}’ × ${e.count}`).join(', '),
    })),
    rejectionsByRule: byRule(q.rejectionsByRule),
    flagsByRule: byRule(q.flagsByRule),
    rejections: q.rejections.slice(first, first + REJECTIONS_PER_PAGE).map((r) => ({
      rowNumber: r.rowNumber,
      reasons: r.reasons.map((p) => p.message),
    })),
    page,
    pages,
    firstShown: q.rejections.length === 0 ? 0 : first + 1,
    lastShown: Math.min(first + REJECTIONS_PER_PAGE, q.rejections.length),
    pagination:
      pages > 1
        ? {
            items: paginationItems(page, pages, href),
            ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
            ...(page < pages ? { next: { href: href(page + 1) } } : {}),
          }
        : undefined,
  };
}

// ------------------------------------------------------------------------------------------ drill-down

export const DRILL_PAGE_LIMIT = 500;

export interface DrillQuery {
  period: string;
  measureId: string;
  disaggregation: string;
  part: DrillPart;
  derivation: Derivation;
}

const BREAKDOWN = /^[a-z_]+=[^;=]+(; [a-z_]+=[^;=]+)*$/;

/** Checks the drill-down parameters; every problem is named with its parameter. */
export function parseDrillQuery(query: (name: string) => string | undefined): DrillQuery {
  const errors: { field: string; message: string }[] = [];
  const periodText = query('period')?.trim() ?? '';
  const period = parsePeriod(periodText);
  if (!period) errors.push({ field: 'period', message: "Give the period, such as 'period=2024-25'." });
  const measureId = query('measure')?.trim() ?? '';
  const derivation = DERIVATIONS.find((d) => d.measureId === measureId);
  if (!derivation)
    errors.push({
      field: 'measure',
      message: 'Give a measure derived from CLD, such as measure=cld-LTS001b.',
    });
  const disaggregation = query('breakdown')?.trim() || 'Total';
  if (derivation && disaggregation !== 'Total') {
    const known = new Set(derivation.breakdowns.flat());
    const ok =
      BREAKDOWN.test(disaggregation) && breakdownPairs(disaggregation).every((p) => known.has(p.dim));
    if (!ok)
      errors.push({
        field: 'breakdown',
        message: `The breakdown must be 'Total' or one of ${derivation.measureId}'s breakdowns, such as 'age_band=65+'.`,
      });
  }
  const part = query('part')?.trim() ?? '';
  if (part !== 'numerator' && part !== 'denominator') {
    errors.push({ field: 'part', message: "Give the part to list: 'numerator' or 'denominator'." });
  } else if (derivation && !drillParts(derivation.aggregate.kind).includes(part)) {
    errors.push({
      field: 'part',
      message: `The ${part} of ${derivation.measureId} is not a count of people in the data (it is a population estimate or a sum), so it cannot be listed.`,
    });
  }
  if (errors.length > 0 || !period || !derivation) {
    throw new ValidationError('The figure to list the people behind is not clear.', errors);
  }
  return {
    period: period.label,
    measureId,
    disaggregation,
    part: part as DrillPart,
    derivation,
  };
}

const codeLabel = (set: CodeSet<string>, code: string | null) => (code ? labelOf(set, code) : '');

/** The rows behind a figure, with coded values given their labels. */
export function drillRowsView(rows: readonly DrillRow[]) {
  return rows.map((r) => ({
    personId: r.personId,
    unitId: r.unitId,
    submissionId: r.submissionId,
    submissionShort: r.submissionId.slice(0, 8),
    rowNumber: r.rowNumber,
    eventType: codeLabel(eventType, r.eventType),
    serviceType: codeLabel(serviceType, r.serviceType),
    eventStart: r.eventStart ?? '',
    eventEnd: r.eventEnd ?? '',
    eventOutcome: codeLabel(eventOutcome, r.eventOutcome),
  }));
}

/** The figure a drill-down lists, as a summary. */
export function drillFigureView(q: DrillQuery, figure: CldFigure, measures: readonly Measure[]) {
  const info = measureInfo(q.derivation, measures);
  const kind = q.derivation.aggregate.kind;
  const fmt = (key: Key) => {
    const col = COLUMNS[kind].find((c) => c.key === key);
    const raw = figure[key];
    if (!col || raw === null) return undefined;
    const n = Number(raw);
    return key === 'value'
      ? formatValue(info, n)
      : col.pence
        ? `£${decimal.format(n / 100)}`
        : integer.format(n);
  };
  return {
    measure: info,
    breakdown: breakdownLabel(q.disaggregation),
    value: figure.value === null ? 'No figure' : formatValue(info, Number(figure.value)),
    numerator: fmt('numerator'),
    denominator: fmt('denominator'),
    partText: partText(kind, q.part),
  };
}
