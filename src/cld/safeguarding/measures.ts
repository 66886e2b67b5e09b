/**
 * The safeguarding measures, derived in SQL both case-store engines run unchanged. Each measure is a
 * population (its denominator) and a condition on it (its numerator); the figure and its drill-down are
 * built from the same two predicates, so the rows listed are always exactly the rows counted.
 *
 * The caller chooses the submissions: for each council, the latest safeguarding submission covering the
 * period. Passing two submissions of the same council would count its concerns twice.
 */
import type { CaseQueryable } from '../engine/case-store.js';
import {
  SAFEGUARDING_MEASURE_IDS,
  safeguardingDefinition,
  type SafeguardingMeasureId,
} from './definitions.js';

export interface SafeguardingPeriod {
  /** ISO dates, both inclusive. */
  start: string;
  end: string;
}

/** Which rows of a figure to list: those counted, or the population they are counted out of. */
export type DrillPart = 'numerator' | 'denominator';

export interface SafeguardingDrillRow {
  submissionId: string;
  rowNumber: number;
  laCode: string;
  personPseudonym: string;
  concernReference: string;
  concernReceived: string;
  decisionDate: string | null;
  decision: string | null;
  enquiryStart: string | null;
  enquiryEnd: string | null;
}

export interface SafeguardingFigure {
  id: SafeguardingMeasureId;
  numerator: number;
  /** null for a count, which has no population to be a share of. */
  denominator: number | null;
  /** The percentage (unrounded) or the count; null when the denominator is zero. */
  value: number | null;
  /** The concerns behind the numerator or the denominator (none for a count's denominator). */
  drill(part: DrillPart): Promise<SafeguardingDrillRow[]>;
}

interface MeasureSql {
  /** Rows the measure looks at: the denominator of a percentage, the whole of a count. */
  population: string;
  /** The numerator's extra condition; absent for a count. */
  counted?: string;
}

// Predicates over `c` (a concern row) and `p` (period_start, period_end). Differences of two dates are
// whole days on both engines.
const RECEIVED_IN_PERIOD = 'c.concern_received BETWEEN p.period_start AND p.period_end';
const DECIDED_BY_END = 'c.decision_date <= p.period_end';
const S42_CONCLUDED = "c.decision = 's42-enquiry' AND c.enquiry_end BETWEEN p.period_start AND p.period_end";

const SQL: Record<SafeguardingMeasureId, MeasureSql> = {
  'local-sg-concerns-received': { population: RECEIVED_IN_PERIOD },
  'local-sg-decision-7-days': {
    // Undecided concerns still inside their 7 days at the period end have no verdict yet.
    population: `${RECEIVED_IN_PERIOD} AND (${DECIDED_BY_END} OR p.period_end - c.concern_received >= 7)`,
    counted: `${DECIDED_BY_END} AND c.decision_date - c.concern_received <= 7`,
  },
  'local-sg-s42-concluded': { population: S42_CONCLUDED },
  'local-sg-s42-concluded-28-days': {
    population: S42_CONCLUDED,
    counted: 'c.enquiry_end - c.enquiry_start <= 28',
  },
  'local-sg-s42-open-at-end': {
    population:
      "c.decision = 's42-enquiry' AND c.enquiry_start <= p.period_end " +
      'AND (c.enquiry_end IS NULL OR c.enquiry_end > p.period_end)',
  },
  'local-sg-msp-outcomes-met': {
    population:
      `${S42_CONCLUDED} AND c.desired_outcome_asked = 'yes' ` +
      'AND c.desired_outcome_expressed = TRUE AND c.outcomes_met IS NOT NULL',
    counted: "c.outcomes_met IN ('fully', 'partially')",
  },
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkScope(submissionIds: readonly string[], period: SafeguardingPeriod): void {
  if (submissionIds.length === 0)
    throw new RangeError('A safeguarding measure needs at least one submission.');
  if (!ISO_DATE.test(period.start) || !ISO_DATE.test(period.end) || period.end < period.start) {
    throw new RangeError(`Not a period: ${period.start} to ${period.end}.`);
  }
}

/** FROM and WHERE shared by the figure and its drill-down; parameters are the period, then the submissions. */
function scope(submissionIds: readonly string[], period: SafeguardingPeriod, predicate: string) {
  const ids = submissionIds.map((_, i) => `$${i + 3}`).join(', ');
  const sql =
    'FROM sg_concerns c CROSS JOIN (SELECT CAST($1 AS DATE) AS period_start, CAST($2 AS DATE) AS period_end) p ' +
    `WHERE c.submission_id IN (${ids}) AND (${predicate})`;
  return { sql, params: [period.start, period.end, ...submissionIds] };
}

export async function safeguardingFigure(
  store: CaseQueryable,
  id: SafeguardingMeasureId,
  submissionIds: readonly string[],
  period: SafeguardingPeriod,
): Promise<SafeguardingFigure> {
  checkScope(submissionIds, period);
  const m = SQL[id];
  const from = scope(submissionIds, period, m.population);
  const [row] = await store.all<{ population: number; counted: number }>(
    `SELECT count(*) AS population, count(*) FILTER (WHERE ${m.counted ?? 'TRUE'}) AS counted ${from.sql}`,
    from.params,
  );
  const population = Number(row?.population ?? 0);
  const counted = Number(row?.counted ?? 0);
  const isCount = m.counted === undefined;
  const multiplier = safeguardingDefinition(id).multiplier;
  return {
    id,
    numerator: counted,
    denominator: isCount ? null : population,
    value: isCount ? counted : population === 0 ? null : (counted / population) * multiplier,
    drill: (part) => drill(store, m, part, submissionIds, period),
  };
}

/** Every safeguarding measure for the same submissions and period, in the order of the definitions. */
export async function safeguardingFigures(
  store: CaseQueryable,
  submissionIds: readonly string[],
  period: SafeguardingPeriod,
): Promise<SafeguardingFigure[]> {
  const figures: SafeguardingFigure[] = [];
  for (const id of SAFEGUARDING_MEASURE_IDS)
    figures.push(await safeguardingFigure(store, id, submissionIds, period));
  return figures;
}

async function drill(
  store: CaseQueryable,
  m: MeasureSql,
  part: DrillPart,
  submissionIds: readonly string[],
  period: SafeguardingPeriod,
): Promise<SafeguardingDrillRow[]> {
  if (part === 'denominator' && m.counted === undefined) return [];
  const predicate = part === 'numerator' && m.counted ? `(${m.population}) AND (${m.counted})` : m.population;
  const from = scope(submissionIds, period, predicate);
  const rows = await store.all<SafeguardingDrillRow>(
    'SELECT c.submission_id AS "submissionId", c.row_number AS "rowNumber", c.la_code AS "laCode", ' +
      'c.person_pseudonym AS "personPseudonym", c.concern_reference AS "concernReference", ' +
      'c.concern_received AS "concernReceived", c.decision_date AS "decisionDate", c.decision, ' +
      `c.enquiry_start AS "enquiryStart", c.enquiry_end AS "enquiryEnd" ${from.sql}`,
    from.params,
  );
  // Sorted here, by code unit, so both engines list the rows in the same order whatever their collation.
  return rows.sort(byConcern);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function byConcern(a: SafeguardingDrillRow, b: SafeguardingDrillRow): number {
  return (
    compare(a.laCode, b.laCode) ||
    compare(a.concernReceived, b.concernReceived) ||
    compare(a.concernReference, b.concernReference) ||
    compare(a.submissionId, b.submissionId) ||
    a.rowNumber - b.rowNumber
  );
}
