/**
 * Running the derivations: each cohort is built once into a temporary table (one connection, one
 * transaction, so PostgreSQL keeps it too), then every figure and breakdown is an aggregate over it.
 * Drill-down reruns the same cohort and lists the units behind a figure.
 */
import type { CaseQueryable, CaseStore } from '../engine/case-store.js';
import {
  COHORTS,
  DERIVATIONS,
  type Aggregate,
  type CohortName,
  type CohortSql,
  type Derivation,
} from './catalogue.js';
import { DEFAULT_OPTIONS, type DeriveOptions } from './options.js';
import type { Period } from './period.js';
import { HISTORY_EVENTS, STS001_SEQUELS, historyEvents, sts001Sequels } from './short-term.js';
import { latestEditions, rowRef, text, type Inputs } from './sql.js';

export interface DerivedFigure {
  measureId: string;
  /** 'Total', or the breakdown as 'age_band=65+; setting=Nursing care'. */
  disaggregation: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

/** Population of the council by age band for the period, for rates per 100,000. */
export type PopulationOf = (ageBand: '18-64' | '65+') => number | undefined;

const DIM = /^[a-z_]+$/;
const dim = (name: string) => {
  if (!DIM.test(name)) throw new Error(`Not a breakdown column: ${name}`);
  return name;
};

function aggregateSql(aggregate: Aggregate): { numerator: string; denominator: string } {
  switch (aggregate.kind) {
    case 'count':
      // A SALT table counts every unit of its cohort; in_den marks a measure's denominator, not the table.
      return { numerator: 'count(DISTINCT unit_id)', denominator: 'count(DISTINCT unit_id)' };
    case 'per-population':
      return {
        numerator: 'count(DISTINCT unit_id) FILTER (WHERE in_num)',
        denominator: 'count(DISTINCT unit_id) FILTER (WHERE in_den)',
      };
    case 'ratio':
      return {
        numerator: `count(DISTINCT unit_id) FILTER (WHERE in_den AND ${dim(aggregate.numerator ?? 'in_num')})`,
        denominator: 'count(DISTINCT unit_id) FILTER (WHERE in_den)',
      };
    case 'sum':
    case 'mean':
      return {
        numerator: `sum(${dim(aggregate.column)}) FILTER (WHERE in_den)`,
        denominator: `count(${dim(aggregate.column)}) FILTER (WHERE in_den)`,
      };
    case 'share':
      return {
        numerator: `sum(${dim(aggregate.part)}) FILTER (WHERE in_den AND ${dim(aggregate.whole)} IS NOT NULL)`,
        denominator: `sum(${dim(aggregate.whole)}) FILTER (WHERE in_den)`,
      };
    case 'percentile':
      return {
        numerator: `percentile_cont(${aggregate.fraction}) WITHIN GROUP (ORDER BY ${dim(aggregate.column)})`,
        denominator: `count(${dim(aggregate.column)})`,
      };
  }
}

const round = (x: number, places = 4) => Math.round(x * 10 ** places) / 10 ** places;

function valueOf(
  aggregate: Aggregate,
  numerator: number | null,
  denominator: number | null,
  population: PopulationOf,
): Pick<DerivedFigure, 'numerator' | 'denominator' | 'value'> {
  switch (aggregate.kind) {
    case 'count':
      return { numerator: denominator, denominator: null, value: denominator };
    case 'ratio':
      return {
        numerator,
        denominator,
        value: denominator ? round(((numerator ?? 0) / denominator) * aggregate.multiplier) : null,
      };
    case 'per-population': {
      const people = population(aggregate.ageBand) ?? null;
      return {
        numerator,
        denominator: people,
        value: people ? round(((numerator ?? 0) / people) * 100_000) : null,
      };
    }
    case 'sum':
      return {
        numerator: null,
        denominator: null,
        value: numerator === null ? null : round(numerator / aggregate.scale, 2),
      };
    case 'mean':
      return {
        numerator: null,
        denominator,
        value:
          numerator === null || !denominator ? null : round(numerator / denominator / aggregate.scale, 2),
      };
    case 'share':
      return {
        numerator,
        denominator,
        value: denominator ? round(((numerator ?? 0) / denominator) * aggregate.multiplier) : null,
      };
    case 'percentile':
      return { numerator: null, denominator, value: numerator === null ? null : round(numerator, 1) };
  }
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * One figure per cell of the total and of each breakdown, from one grouped query over the cohort:
 * GROUPING SETS give every breakdown at once, and GROUPING() tells which breakdown a row belongs to.
 */
async function figuresOf(
  q: CaseQueryable,
  table: string,
  d: Derivation,
  population: PopulationOf,
): Promise<DerivedFigure[]> {
  const { numerator, denominator } = aggregateSql(d.aggregate);
  const where = d.where ? `WHERE ${d.where}` : '';
  const breakdowns = [[], ...d.breakdowns].map((dims) => dims.map(dim));
  const columns = [...new Set(breakdowns.flat())];
  // GROUPING() has a bit per column, the first the highest, set when the row is not grouped by it.
  const groupingOf = (dims: readonly string[]) =>
    columns.reduce((id, c, i) => (dims.includes(c) ? id : id | (1 << (columns.length - 1 - i))), 0);
  const cell = (c: string) => `g_${c}`;
  const rows = await q.all<Record<string, unknown>>(
    columns.length === 0
      ? `SELECT 0 AS grouping_id, ${numerator} AS numerator, ${denominator} AS denominator FROM ${table} ${where}`
      : `SELECT ${columns.map(cell).join(', ')}, GROUPING(${columns.map(cell).join(', ')}) AS grouping_id,
           ${numerator} AS numerator, ${denominator} AS denominator
         FROM (SELECT t.*, ${columns.map((c) => `coalesce(CAST(${c} AS TEXT), 'unknown') AS ${cell(c)}`).join(', ')}
               FROM ${table} t ${where}) x
         GROUP BY GROUPING SETS (${breakdowns.map((dims) => `(${dims.map(cell).join(', ')})`).join(', ')})`,
  );
  const figures: DerivedFigure[] = [];
  for (const dims of breakdowns) {
    const id = groupingOf(dims);
    const label = (row: Record<string, unknown>) =>
      dims.length ? dims.map((c) => `${c}=${String(row[cell(c)])}`).join('; ') : 'Total';
    const cells = rows
      .filter((row) => Number(row.grouping_id) === id)
      .map((row) => ({ row, disaggregation: label(row) }))
      .sort((a, b) =>
        a.disaggregation < b.disaggregation ? -1 : a.disaggregation > b.disaggregation ? 1 : 0,
      );
    for (const { row, disaggregation } of cells) {
      figures.push({
        measureId: d.measureId,
        disaggregation,
        ...valueOf(d.aggregate, num(row.numerator), num(row.denominator), population),
      });
    }
  }
  return figures;
}

export interface DeriveRequest {
  inputs: Inputs;
  period: Period;
  options?: Partial<DeriveOptions>;
  population?: PopulationOf;
  /** Only these measures (all when absent). */
  measureIds?: readonly string[];
}

export async function deriveFigures(store: CaseStore, request: DeriveRequest): Promise<DerivedFigure[]> {
  const options = { ...DEFAULT_OPTIONS, ...request.options };
  const wanted = DERIVATIONS.filter((d) => !request.measureIds || request.measureIds.includes(d.measureId));
  const cohorts = [...new Set(wanted.map((d) => d.cohort))];
  const population = request.population ?? (() => undefined);
  return store.transaction(async (tx) => {
    const held = new Set<string>();
    // Every cohort sees the tables held so far (the set grows as the run goes).
    const inputs: Inputs = { ...(await materialise(tx, request.inputs)), held, engine: store.kind };
    const hold = async (table: string, sql: string) => {
      await tx.run(`DROP TABLE IF EXISTS ${table}`);
      await tx.run(`CREATE TEMP TABLE ${table} AS ${sql}`);
      held.add(table);
    };
    for (const shared of SHARED) {
      if (cohorts.some((c) => shared.usedBy.includes(c)))
        await hold(shared.table, shared.sql(inputs, request.period, options));
    }
    const figures: DerivedFigure[] = [];
    // Cohort tables are kept to the end of the run: later cohorts may build on earlier ones. (A failed
    // run rolls back, which drops them too.)
    for (const name of cohorts) {
      const table = `cohort_${name.toLowerCase()}`;
      await hold(table, COHORTS[name](inputs, request.period, options));
      for (const d of wanted.filter((x) => x.cohort === name))
        figures.push(...(await figuresOf(tx, table, d, population)));
    }
    for (const table of held) await tx.run(`DROP TABLE ${table}`);
    await dropMaterialised(tx);
    return figures;
  });
}

/** Intermediates several cohorts start from, worked out once per run (in this order) when one is wanted. */
const SHARED: readonly { table: string; sql: CohortSql; usedBy: readonly CohortName[] }[] = [
  {
    table: HISTORY_EVENTS,
    sql: historyEvents,
    usedBy: ['sts001', 'sts002a', 'sts002b', 'careHomeAdmissions'],
  },
  { table: STS001_SEQUELS, sql: sts001Sequels, usedBy: ['sts001', 'sts002a'] },
];

/** The history's latest editions, computed once per run when there is more than one submission. */
async function materialise(q: CaseQueryable, inputs: Inputs): Promise<Inputs> {
  await dropMaterialised(q);
  if (inputs.history.length === 1 && inputs.history[0] === inputs.latest) return inputs;
  await q.run(`CREATE TEMP TABLE derive_history AS ${latestEditions(inputs)}`);
  return { ...inputs, materialised: true };
}

async function dropMaterialised(q: CaseQueryable): Promise<void> {
  await q.run('DROP TABLE IF EXISTS derive_history');
}

export interface DrillRow {
  unitId: string;
  personId: string;
  submissionId: string;
  rowNumber: number;
  eventType: string | null;
  serviceType: string | null;
  eventStart: string | null;
  eventEnd: string | null;
  eventOutcome: string | null;
}

export interface DrillRequest extends DeriveRequest {
  measureId: string;
  disaggregation: string;
  part: 'numerator' | 'denominator';
  limit?: number;
}

/** The units (with their representative event) behind one figure's numerator or denominator. */
export async function drill(
  store: CaseStore,
  request: DrillRequest,
): Promise<{ rows: DrillRow[]; total: number }> {
  const options = { ...DEFAULT_OPTIONS, ...request.options };
  const d = DERIVATIONS.find((x) => x.measureId === request.measureId);
  if (!d) throw new Error(`No derivation for ${request.measureId}`);
  const filters = [d.where ?? 'TRUE', d.aggregate.kind === 'count' ? 'TRUE' : 'in_den'];
  if (request.part === 'numerator' && d.aggregate.kind !== 'count') {
    const column = d.aggregate.kind === 'ratio' ? (d.aggregate.numerator ?? 'in_num') : 'in_num';
    filters.push(dim(column));
  }
  if (request.disaggregation !== 'Total') {
    for (const pair of request.disaggregation.split('; ')) {
      const [name, value] = pair.split('=') as [string, string];
      filters.push(`coalesce(CAST(${dim(name)} AS TEXT), 'unknown') = ${text(value)}`);
    }
  }
  return store.transaction(async (tx) => {
    const inputs: Inputs = { ...(await materialise(tx, request.inputs)), engine: store.kind };
    const cohort = COHORTS[d.cohort as CohortName](inputs, request.period, options);
    const units = `SELECT DISTINCT unit_id, person_id, row_ref FROM (${cohort}) c WHERE ${filters.join(' AND ')}`;
    await tx.run('DROP TABLE IF EXISTS drill_units');
    await tx.run(`CREATE TEMP TABLE drill_units AS ${units}`);
    await dropMaterialised(tx);
    const [count] = await tx.all<{ n: number }>(`SELECT count(DISTINCT unit_id) AS n FROM drill_units`);
    // Units and people are keyed by numbers inside a run; the row behind each gives its pseudonym.
    const rows = await tx.all<Record<string, unknown>>(
      `SELECT CAST(u.unit_id AS TEXT) AS unit_key, CAST(u.person_id AS TEXT) AS person_key,
        coalesce(e.nhs_pseudonym, e.la_pseudonym) AS person, e.submission_id, e.row_number, e.event_type,
        e.service_type, CAST(e.event_start AS TEXT) AS event_start, CAST(e.event_end AS TEXT) AS event_end,
        e.event_outcome
     FROM drill_units u JOIN cld_events e ON ${rowRef(inputs, 'e')} = u.row_ref
       AND e.submission_id IN (${inputs.history.map(text).join(', ')})
     ORDER BY 3, 1 LIMIT ${Math.max(1, Math.min(request.limit ?? 500, 10_000))}`,
    );
    await tx.run('DROP TABLE drill_units');
    return {
      total: Number(count?.n ?? 0),
      rows: rows.map((r) => ({
        unitId: unitLabel(r),
        personId: String(r.person),
        submissionId: String(r.submission_id),
        rowNumber: Number(r.row_number),
        eventType: (r.event_type as string | null) ?? null,
        serviceType: (r.service_type as string | null) ?? null,
        eventStart: (r.event_start as string | null) ?? null,
        eventEnd: (r.event_end as string | null) ?? null,
        eventOutcome: (r.event_outcome as string | null) ?? null,
      })),
    };
  });
}

/**
 * How a unit reads in a drill-down: a person by their pseudonym, an episode by its person's pseudonym
 * and number, an event by its submission and row.
 */
function unitLabel(r: Record<string, unknown>): string {
  const unit = String(r.unit_key);
  const key = String(r.person_key);
  if (unit === key) return String(r.person);
  if (unit.startsWith(`${key}#`)) return `${String(r.person)}${unit.slice(key.length)}`;
  return `${String(r.submission_id)}:${String(r.row_number)}`;
}
