/**
 * Building blocks of the derivation SQL. Everything here is text in the dialect DuckDB and PostgreSQL
 * share (CTEs, window functions, FILTER, GROUPING SETS, date + integer), so one derivation runs on the
 * default engine and on the multi-council path alike. Dates and submission ids are inlined as
 * validated literals, which keeps parameter typing out of the way on both engines.
 */
import { ACCOMMODATION_SETTLED, EMPLOYMENT_PAID } from '../../domain/cld/vocabulary.js';
import type { DeriveOptions } from './options.js';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const SUBMISSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const date = (iso: string): string => {
  if (!ISO.test(iso)) throw new Error(`Not an ISO date: ${iso}`);
  return `DATE '${iso}'`;
};

export const text = (value: string): string => `'${value.replace(/'/g, "''")}'`;

export interface Inputs {
  /** The submission the period reads (the latest covering it). */
  latest: string;
  /** Every submission of the council up to the latest, oldest first: for methods that need history. */
  history: readonly string[];
  /**
   * Set while a derivation run holds the history's latest editions in a temporary table
   * (`derive_history`), so the cohorts that need history do not each work them out again.
   */
  materialised?: boolean;
  /**
   * Temporary tables a derivation run already holds (shared intermediates and cohorts built earlier in
   * the run), so that a cohort built on one of them reads it instead of working it out again.
   */
  held?: ReadonlySet<string>;
  /** The engine the SQL runs on, for the one function the dialects spell differently (a 64-bit hash). */
  engine?: 'duckdb' | 'postgres';
}

/** The rows of a held table, or else the SQL that works them out. */
export const heldOr = (inputs: Inputs, table: string, build: () => string): string =>
  inputs.held?.has(table) ? `SELECT * FROM ${table}` : build();

const checkId = (id: string): string => {
  if (!SUBMISSION_ID.test(id)) throw new Error(`Not a submission id: ${id}`);
  return text(id);
};

/** Events of the latest submission covering the period. */
// A submission's rows are stored together, so filtering by its id reads only its blocks.
export const latestEvents = (inputs: Inputs): string =>
  `SELECT * FROM cld_events WHERE submission_id = ${checkId(inputs.latest)}`;

/**
 * The latest edition of every event across the council's submissions: an event is known by its council,
 * person identifier, type, start date and the fields the method names (route of access for requests;
 * service type, component and mechanism for services; the event reference for assessments and reviews).
 */
export function latestEditions(inputs: Inputs): string {
  if (inputs.materialised) return 'SELECT * FROM derive_history';
  // With one submission every event is its own latest edition.
  if (inputs.history.length === 1 && inputs.history[0] === inputs.latest) return latestEvents(inputs);
  const order = inputs.history.map((id, i) => `WHEN ${checkId(id)} THEN ${i + 1}`).join(' ');
  const key = `concat_ws('|', la_code, coalesce(nhs_pseudonym, la_pseudonym), event_type, CAST(event_start AS TEXT),
      coalesce(route_of_access, ''), coalesce(service_type, ''), coalesce(service_component, ''),
      coalesce(delivery_mechanism, ''),
      CASE WHEN event_type IN ('assessment', 'review') THEN coalesce(event_reference, '') ELSE '' END)`;
  return `SELECT * FROM (
      SELECT e.*, row_number() OVER (PARTITION BY ${key}
        ORDER BY CASE e.submission_id ${order} END DESC, e.row_number DESC) AS edition
      FROM cld_events e WHERE e.submission_id IN (${inputs.history.map(checkId).join(', ')})) x
    WHERE edition = 1`;
}

/**
 * A person's key inside a derivation: a 64-bit hash of their pseudonym, which sorts, joins and
 * partitions far faster than the text. Keys never leave the run (drill-down shows the pseudonym of
 * the row behind a unit); two people share a key with odds near n² / 2⁶⁵ (about one in ten million
 * runs for a million people).
 */
const personKey = (inputs: Inputs, text: string): string =>
  inputs.engine === 'postgres' ? `hashtextextended(${text}, 0)` : `hash(${text})`;

/** Rows are numbered below 2³² in a file; the submission's place in the history gives the high part. */
const ROW_SPAN = 4294967296;

/**
 * A row's reference inside a derivation: its submission's place in the history, then its row number,
 * as one number (the same order as reading the submissions in turn).
 */
export function rowRef(inputs: Inputs, alias: string): string {
  const place = inputs.history.map((id, i) => `WHEN ${checkId(id)} THEN ${i + 1}`).join(' ');
  return `(CAST(CASE ${alias}.submission_id ${place} END AS BIGINT) * ${ROW_SPAN} + ${alias}.row_number)`;
}

/**
 * The identity rule over the rows of `cte`: the NHS number where there is one; otherwise the council's
 * person id, unless that id also appears on a row with an NHS number, in which case the row cannot be
 * attributed safely and is left out.
 */
export const identified = (inputs: Inputs, cte: string): string =>
  `SELECT x.*, ${personKey(inputs, 'coalesce(x.nhs_pseudonym, x.la_pseudonym)')} AS person_id,
      ${rowRef(inputs, 'x')} AS row_ref
    FROM ${cte} x
    WHERE x.nhs_pseudonym IS NOT NULL OR NOT EXISTS (
      SELECT 1 FROM ${cte} y WHERE y.nhs_pseudonym IS NOT NULL AND y.la_pseudonym = x.la_pseudonym)`;

/** The identity rule's scope: only the measure's filtered rows, or the whole submission. */
export function identityScope(
  inputs: Inputs,
  options: DeriveOptions,
  filtered: string,
  whole: string,
): string {
  return options.identityScope === 'submission'
    ? `SELECT w.* FROM (${identified(inputs, whole)}) w WHERE w.row_ref IN (SELECT ${rowRef(inputs, 'f')} FROM ${filtered} f)`
    : identified(inputs, filtered);
}

/** Whole years from the first of the birth month to `at` (the national proxy date of birth). */
export const ageAt = (at: string): string =>
  `(CAST(extract(year FROM ${at}) AS INTEGER) - CAST(extract(year FROM birth_month) AS INTEGER)
    - CASE WHEN CAST(extract(month FROM ${at}) AS INTEGER) < CAST(extract(month FROM birth_month) AS INTEGER) THEN 1 ELSE 0 END)`;

export const ageBand = (at: string): string =>
  `CASE WHEN ${ageAt(at)} BETWEEN 18 AND 64 THEN '18-64' WHEN ${ageAt(at)} >= 65 THEN '65+' END`;

export const LONG_TERM = `('long-term-nursing', 'long-term-residential', 'long-term-community', 'long-term-prison')`;
export const CARE_HOME = `('long-term-nursing', 'long-term-residential')`;
export const CARER_SERVICES = `('carer-direct', 'carer-via-cared-for')`;

const directPayment = (options: DeriveOptions) =>
  options.directPaymentByComponent
    ? `(delivery_mechanism = 'direct-payment' OR service_component = 'direct-payment')`
    : `delivery_mechanism = 'direct-payment'`;

/** The SALT setting hierarchy: nursing, residential, community by mechanism, prison. Lower wins. */
export const settingRank = (options: DeriveOptions): string => `CASE service_type
    WHEN 'long-term-nursing' THEN 1
    WHEN 'long-term-residential' THEN 2
    WHEN 'long-term-community' THEN CASE
      WHEN ${directPayment(options)} THEN 3
      WHEN delivery_mechanism = 'managed-personal-budget' THEN 4
      WHEN delivery_mechanism = 'commissioned-support' THEN 5
      ELSE 6 END
    WHEN 'long-term-prison' THEN 7 END`;

export const SETTING_LABEL: Readonly<Record<number, string>> = {
  1: 'Nursing care',
  2: 'Residential care',
  3: 'Community: direct payment',
  4: 'Community: managed personal budget',
  5: 'Community: commissioned support',
  6: 'Community: mechanism not recorded',
  7: 'Prison',
};

export const settingLabel = (rank: string): string =>
  `CASE ${rank} ${Object.entries(SETTING_LABEL)
    .map(([k, v]) => `WHEN ${k} THEN ${text(v)}`)
    .join(' ')} END`;

/** A CASE over a domain mapping table, so the SQL reads the same table the domain does. */
export const mapped = (column: string, table: Readonly<Record<string, string>>, otherwise: string): string =>
  `CASE ${column} ${Object.entries(table)
    .map(([k, v]) => `WHEN ${text(k)} THEN ${text(v)}`)
    .join(' ')} ELSE ${otherwise} END`;

export const accommodationCategory = (column: string): string =>
  mapped(column, ACCOMMODATION_SETTLED, `'unknown'`);

export const employmentCategory = (column: string): string => mapped(column, EMPLOYMENT_PAID, `'unknown'`);

/** A person's known value from their latest row that has one, else 'unknown' (the method's tie-break). */
export const knownLatest = (column: string, partition = 'person_id'): string =>
  `coalesce(first_value(${column}) OVER (PARTITION BY ${partition}
      ORDER BY CASE WHEN ${column} IS NULL OR ${column} = 'unknown' THEN 1 ELSE 0 END, event_start DESC, row_number DESC
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), 'unknown')`;

/**
 * A status (accommodation, employment) as the method resolves it: from the person's events with the
 * latest start date, a known value over 'unknown'; two different known values there are 'unknown'.
 * `k` is the column already limited to known values on the latest-start rows (see `latestKnown`).
 */
export const latestKnown = (column: string): string =>
  `CASE WHEN event_start = last_start AND ${column} IS NOT NULL AND ${column} <> 'unknown' THEN ${column} END`;

export const resolvedStatus = (k: string): string =>
  `CASE WHEN min(${k}) OVER (PARTITION BY person_id) = max(${k}) OVER (PARTITION BY person_id)
     THEN min(${k}) OVER (PARTITION BY person_id) ELSE 'unknown' END`;

export const FAR_FUTURE = `DATE '9999-12-31'`;
