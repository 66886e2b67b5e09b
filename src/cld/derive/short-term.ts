/**
 * Requests and reablement: SALT STS001, STS002a, STS002b and ASCOF 2A, and new admissions to care homes
 * (ASCOF 2B/2C). These read the council's submission history (the latest edition of each event), as
 * the method does, so a service closed in a later quarter is seen closed.
 */
import {
  STS001_SEQUEL_BY_OUTCOME,
  STS001_SEQUEL_BY_SERVICE,
  STS001_SEQUEL_LABEL,
  STS002A_SEQUEL_BY_OUTCOME,
  STS002A_SEQUEL_BY_SERVICE,
  STS002A_SEQUEL_LABEL,
} from '../../domain/cld/sequel.js';
import type { DeriveOptions } from './options.js';
import type { Period } from './period.js';
import { episodeCtes, sequelCtes } from './sequel.js';
import {
  CARE_HOME,
  FAR_FUTURE,
  LONG_TERM,
  ageBand,
  date,
  identityScope,
  latestEditions,
  mapped,
  type Inputs,
} from './sql.js';

const ageBandOf = (period: Period) => ageBand(date(period.end)).replace(/birth_month/g, 'e.birth_month');

/** Service users' events up to the period end from the history, with the identity rule applied. */
function historyCtes(inputs: Inputs, period: Period, options: DeriveOptions): string {
  if (inputs.held?.has(HISTORY_EVENTS)) return `all_events AS (SELECT * FROM ${HISTORY_EVENTS})`;
  const scoped = `(SELECT * FROM (${latestEditions(inputs)}) h WHERE client_type = 'service-user'
      AND event_start <= ${date(period.end)}
      AND (date_of_death IS NULL OR date_of_death >= ${date(period.start)}))`;
  return `ided AS (${identityScope(inputs, options, scoped, `(${latestEditions(inputs)})`)}),
    all_events AS (SELECT person_id, row_ref, birth_month, event_type, service_type, event_start,
      coalesce(event_end, ${FAR_FUTURE}) AS span_end, event_end, event_outcome, route_of_access FROM ided)`;
}

/** The table a derivation run may hold `all_events` in (the requests and reablement cohorts share it). */
export const HISTORY_EVENTS = 'derive_history_events';
/** The table a derivation run may hold STS001's episodes and sequels in (STS002a builds on them). */
export const STS001_SEQUELS = 'derive_sts001_sequels';

export const historyEvents = (inputs: Inputs, period: Period, options: DeriveOptions): string =>
  `WITH ${historyCtes(inputs, period, options)} SELECT * FROM all_events`;

export const sts001Sequels = (inputs: Inputs, period: Period, options: DeriveOptions): string =>
  `WITH ${sts001Ctes(inputs, period, options)} SELECT * FROM sts001`;

const sequelLabel = (code: string, labels: Readonly<Record<string, string>>) =>
  mapped(code, labels, `'Unable to classify'`);

/** The STS001 request clusters of new clients with their sequels (CTEs ending in `sts001`). */
function sts001Ctes(inputs: Inputs, period: Period, options: DeriveOptions): string {
  if (inputs.held?.has(STS001_SEQUELS))
    return `${historyCtes(inputs, period, options)}, sts001 AS (SELECT * FROM ${STS001_SEQUELS})`;
  const inScope =
    options.requestBeyondPeriod === 'truncate'
      ? `ep_end >= ${date(period.start)} AND ep_start <= ${date(period.end)}`
      : `ep_end BETWEEN ${date(period.start)} AND ${date(period.end)}`;
  return `${historyCtes(inputs, period, options)},
    request_rows AS (SELECT * FROM all_events WHERE event_type = 'request'),
    ${episodeCtes('request_clusters', 'request_rows', 4)},
    new_requests AS (
      SELECT c.* FROM request_clusters c
      WHERE ${inScope} AND NOT EXISTS (SELECT 1 FROM all_events s WHERE s.person_id = c.person_id
        AND s.event_type = 'service' AND s.service_type IN ${LONG_TERM}
        AND s.event_start <= c.ep_start AND s.span_end >= c.ep_start)),
    request_follow_on AS (
      SELECT e.person_id, e.event_type, e.service_type, e.event_start, e.span_end, e.event_outcome,
        e.event_type = 'request' AS same_kind, m.episode AS episode_key
      FROM all_events e LEFT JOIN request_clusters_members m ON m.row_ref = e.row_ref),
    ${sequelCtes(
      {
        episodes: 'new_requests',
        events: 'request_follow_on',
        windowDays: 28,
        usableOutcome: `(event_outcome LIKE 'nfa-%' OR event_outcome = 'progress-to-end-of-life-care')`,
      },
      options,
    )},
    sts001 AS (
      SELECT s.*, CASE WHEN s.sequel_service IS NOT NULL
          THEN ${mapped('s.sequel_service', STS001_SEQUEL_BY_SERVICE as Record<string, string>, `'unable-to-classify'`)}
          ELSE ${mapped('s.sequel_outcome', STS001_SEQUEL_BY_OUTCOME, `'unable-to-classify'`)} END AS sequel_code
      FROM sequel s)`;
}

/** STS001: requests for support from new clients, by sequel and route of access. */
export function sts001(inputs: Inputs, period: Period, options: DeriveOptions): string {
  return `WITH ${sts001Ctes(inputs, period, options)}
    SELECT s.episode AS unit_id, s.person_id, s.row_ref, ${ageBandOf(period).replace(/e\.birth_month/g, 's.birth_month')} AS age_band,
      ${sequelLabel('s.sequel_code', STS001_SEQUEL_LABEL)} AS sequel, coalesce(s.route_of_access, 'not recorded') AS route,
      s.sequel_source, TRUE AS in_num, TRUE AS in_den
    FROM sts001 s WHERE ${ageBandOf(period).replace(/e\.birth_month/g, 's.birth_month')} IS NOT NULL`;
}

/** Reablement episodes of new clients (from STS001) and what followed them (CTEs ending in `sts002a`). */
function sts002aCtes(inputs: Inputs, period: Period, options: DeriveOptions): string {
  const stMax = `(SELECT a.* FROM all_events a WHERE a.event_type = 'service' AND a.service_type = 'short-term-st-max')`;
  return `${sts001Ctes(inputs, period, options)},
    st_max_rows AS (SELECT * FROM ${stMax} x),
    ${episodeCtes('st_max_episodes', 'st_max_rows', 1)},
    new_client_st_max AS (
      SELECT DISTINCT e.person_id, e.episode, e.ep_start, e.ep_end, e.own_outcome, e.row_ref, e.birth_month, e.route_of_access
      FROM st_max_episodes e
      JOIN st_max_episodes_members m ON m.episode = e.episode
      JOIN sts001 r ON r.person_id = m.person_id AND r.sequel_service = 'short-term-st-max' AND r.sequel_service_start = m.event_start
      WHERE e.ep_end BETWEEN ${date(period.start)} AND ${date(period.end)}),
    st_max_follow_on AS (
      SELECT e.person_id, e.event_type, e.service_type, e.event_start, e.span_end, e.event_outcome,
        (e.event_type = 'service' AND e.service_type = 'short-term-st-max') AS same_kind, m.episode AS episode_key
      FROM all_events e LEFT JOIN st_max_episodes_members m ON m.row_ref = e.row_ref),
    ${sequelCtes(
      {
        episodes: 'new_client_st_max',
        events: 'st_max_follow_on',
        windowDays: 3,
        usableOutcome: `event_outcome LIKE 'nfa-%'`,
      },
      options,
    ).replace(
      /\b(follow|follow_ordered|follow_breaks|chain|superseded|chain_service|chain_outcome|sequel)\b/g,
      'st_$1',
    )},
    sts002a AS (
      SELECT s.*, CASE WHEN s.sequel_service IS NOT NULL
          THEN ${mapped('s.sequel_service', STS002A_SEQUEL_BY_SERVICE as Record<string, string>, `'unable-to-classify'`)}
          ELSE ${mapped('s.sequel_outcome', STS002A_SEQUEL_BY_OUTCOME, `'unable-to-classify'`)} END AS sequel_code
      FROM st_sequel s)`;
}

/** STS002a: what followed reablement for new clients, one row per episode. */
export function sts002a(inputs: Inputs, period: Period, options: DeriveOptions): string {
  const band = ageBandOf(period).replace(/e\.birth_month/g, 's.birth_month');
  return `WITH ${sts002aCtes(inputs, period, options)}
    SELECT s.episode AS unit_id, s.person_id, s.row_ref, ${band} AS age_band, s.sequel_code,
      ${sequelLabel('s.sequel_code', STS002A_SEQUEL_LABEL)} AS sequel, s.sequel_source,
      s.sequel_code IN ('long-term-support', 'ongoing-low-level', 'short-term-other', 'no-services-universal-signposting', 'no-services-other') AS in_den,
      s.sequel_code IN ('ongoing-low-level', 'short-term-other', 'no-services-universal-signposting', 'no-services-other') AS in_num
    FROM sts002a s WHERE ${band} IS NOT NULL`;
}

/** STS002b: reablement episodes in the period for people already in long-term support when it began. */
export function sts002b(inputs: Inputs, period: Period, options: DeriveOptions): string {
  return `WITH ${historyCtes(inputs, period, options)},
    st_max_rows AS (SELECT * FROM all_events WHERE event_type = 'service' AND service_type = 'short-term-st-max'),
    ${episodeCtes('st_max_episodes', 'st_max_rows', 1)}
    SELECT e.episode AS unit_id, e.person_id, e.row_ref, ${ageBandOf(period)} AS age_band, TRUE AS in_num, TRUE AS in_den
    FROM st_max_episodes e
    WHERE e.ep_start <= ${date(period.end)} AND e.ep_end >= ${date(period.start)}
      AND ${ageBandOf(period)} IS NOT NULL
      AND EXISTS (SELECT 1 FROM all_events s WHERE s.person_id = e.person_id AND s.event_type = 'service'
        AND s.service_type IN ${LONG_TERM} AND s.event_start < e.ep_start AND s.span_end >= e.ep_start)`;
}

/**
 * ASCOF 2B/2C numerators: people who started a residential or nursing service in the period and have
 * no such service starting earlier anywhere in the council's submissions, by age band at period end.
 */
export function careHomeAdmissions(inputs: Inputs, period: Period, options: DeriveOptions): string {
  return `WITH ${historyCtes(inputs, period, options)},
    care_home AS (SELECT * FROM all_events WHERE event_type = 'service' AND service_type IN ${CARE_HOME}),
    first_admission AS (
      SELECT c.*, row_number() OVER (PARTITION BY person_id ORDER BY event_start, row_ref) AS nth FROM care_home c)
    SELECT e.person_id AS unit_id, e.person_id, e.row_ref, ${ageBandOf(period)} AS age_band, e.service_type,
      TRUE AS in_num, TRUE AS in_den
    FROM first_admission e
    WHERE nth = 1 AND e.event_start BETWEEN ${date(period.start)} AND ${date(period.end)} AND ${ageBandOf(period)} IS NOT NULL`;
}
