/**
 * Cohorts of people in long-term support and of carers: SALT LTS001a/b/c, LTS003, LTS004 and ASCOF
 * 2E and 3D. Each cohort returns one row per counted person with the columns every cohort shares
 * (unit_id, person_id, row_ref, in_num, in_den) and its own breakdown columns.
 */
import { yearBefore, type Period } from './period.js';
import type { DeriveOptions } from './options.js';
import {
  CARER_SERVICES,
  LONG_TERM,
  accommodationCategory,
  ageBand,
  date,
  employmentCategory,
  heldOr,
  identityScope,
  knownLatest,
  latestEvents,
  latestKnown,
  resolvedStatus,
  settingLabel,
  settingRank,
  type Inputs,
} from './sql.js';

/** Long-term service rows of service users overlapping [from, to], alive at `from`. */
const longTermRows = (inputs: Inputs, from: string, to: string, types = LONG_TERM) => `(
  SELECT * FROM (${latestEvents(inputs)}) b
  WHERE client_type = 'service-user' AND event_type = 'service' AND service_type IN ${types}
    AND event_start <= ${to} AND (event_end IS NULL OR event_end >= ${from})
    AND (date_of_death IS NULL OR date_of_death >= ${from}))`;

const wholeSubmission = (inputs: Inputs) => latestEvents(inputs);

/** One row per person: the row with the highest setting, with PSR and gender resolved across rows. */
function perPerson(inputs: Inputs, rows: string, period: Period, options: DeriveOptions): string {
  return `WITH ided AS (${identityScope(inputs, options, rows, `(${wholeSubmission(inputs)})`)}),
    ranked AS (SELECT ided.*, ${settingRank(options)} AS setting_rank, ${ageBand(date(period.end))} AS age_band,
      ${knownLatest('primary_support_reason')} AS psr, ${knownLatest('gender')} AS person_gender
      FROM ided),
    picked AS (SELECT ranked.*, row_number() OVER (PARTITION BY person_id
      ORDER BY setting_rank, event_start DESC, row_number DESC) AS pick FROM ranked)
    SELECT person_id AS unit_id, person_id, row_ref, setting_rank, ${settingLabel('setting_rank')} AS setting,
      psr, age_band, person_gender AS gender, TRUE AS in_num, TRUE AS in_den
    FROM picked WHERE pick = 1 AND age_band IS NOT NULL`;
}

/** LTS001a: people in long-term support at any time in the period. */
export const lts001a = (inputs: Inputs, period: Period, options: DeriveOptions): string =>
  perPerson(inputs, longTermRows(inputs, date(period.start), date(period.end)), period, options);

/** LTS001b: people in long-term support on the last day of the period. */
export const lts001b = (inputs: Inputs, period: Period, options: DeriveOptions): string =>
  perPerson(inputs, longTermRows(inputs, date(period.end), date(period.end)), period, options);

/** The day a person must have been in continuous support since, for LTS001c. */
function cutoff(period: Period, options: DeriveOptions): string {
  const day = date(yearBefore(period.end));
  return options.longTermCutoff === 'before' ? `(${day} - 1)` : day;
}

/**
 * LTS001c: people in LTS001b whose long-term support has run without a break for over 12 months: their
 * long-term services are chained into continuous spans (a new service starting by the day after the
 * chain's latest end continues it) and the span covering the period end began by the cutoff.
 */
export function lts001c(inputs: Inputs, period: Period, options: DeriveOptions): string {
  const previous =
    options.chainGap === 'running-max'
      ? `max(coalesce(event_end, DATE '9999-12-31')) OVER (PARTITION BY person_id ORDER BY event_start, event_end ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`
      : `lag(coalesce(event_end, DATE '9999-12-31')) OVER (PARTITION BY person_id ORDER BY event_start, event_end)`;
  const all = longTermRows(inputs, `DATE '0001-01-01'`, date(period.end));
  const b = heldOr(inputs, 'cohort_lts001b', () => lts001b(inputs, period, options));
  return `WITH b AS (${b}),
    history AS (${identityScope(inputs, options, all, `(${wholeSubmission(inputs)})`)}),
    ordered AS (SELECT person_id, event_start, coalesce(event_end, DATE '9999-12-31') AS span_end, ${previous} AS prior_end FROM history),
    flagged AS (SELECT *, CASE WHEN prior_end IS NULL OR event_start > prior_end + 1 THEN 1 ELSE 0 END AS starts_chain FROM ordered),
    chained AS (SELECT *, sum(starts_chain) OVER (PARTITION BY person_id ORDER BY event_start, span_end ROWS UNBOUNDED PRECEDING) AS chain FROM flagged),
    spans AS (SELECT person_id, chain, min(event_start) AS chain_start, max(span_end) AS chain_end FROM chained GROUP BY person_id, chain)
    SELECT b.* FROM b WHERE EXISTS (SELECT 1 FROM spans s WHERE s.person_id = b.person_id
      AND s.chain_start <= ${cutoff(period, options)} AND s.chain_end >= ${date(period.end)})`;
}

/** ASCOF 3D users: community as the final setting; 2A (direct payments) and 1A (self-directed support). */
export function selfDirectedUsers(inputs: Inputs, period: Period, options: DeriveOptions): string {
  const [table, base] =
    options.selfDirectedAt === 'year-end' ? ['cohort_lts001b', lts001b] : ['cohort_lts001a', lts001a];
  return `SELECT unit_id, person_id, row_ref, setting, age_band,
      setting_rank = 3 AS direct_payment, setting_rank IN (3, 4) AS self_directed,
      TRUE AS in_den, setting_rank = 3 AS in_num
    FROM (${heldOr(inputs, table, () => base(inputs, period, options))}) c WHERE setting_rank BETWEEN 3 AND 6`;
}

/**
 * LTS004: service users with a learning disability aged 18-64 in long-term support (not prison) during
 * the period, by the accommodation and employment status of their latest event.
 */
export function lts004(inputs: Inputs, period: Period, options: DeriveOptions): string {
  const rows = `(SELECT * FROM ${longTermRows(inputs, date(period.start), date(period.end), `('long-term-nursing', 'long-term-residential', 'long-term-community')`)} r
    WHERE primary_support_reason = 'learning-disability')`;
  return `WITH ided AS (${identityScope(inputs, options, rows, `(${wholeSubmission(inputs)})`)}),
    dated AS (SELECT ided.*, max(event_start) OVER (PARTITION BY person_id) AS last_start FROM ided),
    keyed AS (SELECT dated.*, ${latestKnown('accommodation_status')} AS k_accommodation,
      ${latestKnown('employment_status')} AS k_employment FROM dated),
    resolved AS (SELECT keyed.*, ${ageBand(date(period.end))} AS age_band,
      ${resolvedStatus('k_accommodation')} AS accommodation, ${resolvedStatus('k_employment')} AS employment,
      row_number() OVER (PARTITION BY person_id ORDER BY event_start DESC, row_number DESC) AS pick FROM keyed)
    SELECT person_id AS unit_id, person_id, row_ref, age_band,
      ${accommodationCategory('accommodation')} AS accommodation, ${employmentCategory('employment')} AS employment,
      TRUE AS in_den, ${employmentCategory('employment')} = 'paid' AS in_num
    FROM resolved WHERE pick = 1 AND age_band = '18-64'`;
}

/**
 * ASCOF 2E: people in long-term support (nursing, residential or community) during the period; the
 * numerator, those whose latest known accommodation status is settled.
 */
export function settledAccommodation(inputs: Inputs, period: Period, options: DeriveOptions): string {
  const genders = options.accommodationGenders === 'male-female' ? `AND gender IN ('male', 'female')` : '';
  const rows = `(SELECT * FROM ${longTermRows(inputs, date(period.start), date(period.end), `('long-term-nursing', 'long-term-residential', 'long-term-community')`)} r
    WHERE TRUE ${genders})`;
  return `WITH ided AS (${identityScope(inputs, options, rows, `(${wholeSubmission(inputs)})`)}),
    dated AS (SELECT ided.*, max(event_start) OVER (PARTITION BY person_id) AS last_start FROM ided),
    keyed AS (SELECT dated.*, ${latestKnown('accommodation_status')} AS k_accommodation FROM dated),
    resolved AS (SELECT keyed.*, ${ageBand(date(period.end))} AS age_band,
      ${resolvedStatus('k_accommodation')} AS accommodation,
      row_number() OVER (PARTITION BY person_id ORDER BY event_start DESC, row_number DESC) AS pick FROM keyed)
    SELECT person_id AS unit_id, person_id, row_ref, age_band,
      ${accommodationCategory('accommodation')} AS accommodation,
      TRUE AS in_den, ${accommodationCategory('accommodation')} = 'settled' AS in_num
    FROM resolved WHERE pick = 1 AND age_band IS NOT NULL`;
}

/** The carer support categories of LTS003 and ASCOF 3D, in the hierarchy's order (lower wins). */
export const CARER_SUPPORT: Readonly<Record<number, string>> = {
  1: 'Direct payment only',
  2: 'CASSR managed personal budget',
  3: 'CASSR commissioned support only',
  4: 'Support direct to carer: delivery mechanism unknown',
  5: 'No direct support provided to carer',
  6: 'Information, advice and other universal services / signposting',
};

const carerSupportRank = (options: DeriveOptions) => {
  const dp = options.directPaymentByComponent
    ? `(delivery_mechanism = 'direct-payment' OR service_component = 'direct-payment')`
    : `delivery_mechanism = 'direct-payment'`;
  return `CASE
    WHEN service_type = 'carer-direct' AND ${dp} THEN 1
    WHEN service_type = 'carer-direct' AND delivery_mechanism = 'managed-personal-budget' THEN 2
    WHEN service_type = 'carer-direct' AND delivery_mechanism = 'commissioned-support' THEN 3
    WHEN service_type = 'carer-direct' THEN 4
    WHEN service_type = 'carer-via-cared-for' THEN 5
    WHEN event_type = 'request' OR event_outcome = 'nfa-information-advice' THEN 6
    ELSE 5 END`;
};

/** LTS003 and ASCOF 3D carers: carers supported or assessed in the period, one row per carer. */
export function carers(
  inputs: Inputs,
  period: Period,
  options: DeriveOptions,
  includeKnownByAssociation: boolean,
): string {
  const types = includeKnownByAssociation ? `('carer', 'carer-known-by-association')` : `('carer')`;
  const rows = `(SELECT * FROM (${latestEvents(inputs)}) b
    WHERE client_type IN ${types} AND event_start <= ${date(period.end)}
      AND (event_end IS NULL OR event_end >= ${date(period.start)})
      AND (date_of_death IS NULL OR date_of_death >= ${date(period.start)})
      AND (service_type IN ${CARER_SERVICES}
        OR (service_type IS NULL AND event_outcome = 'nfa-information-advice')
        OR (event_type IN ('assessment', 'review') AND service_type IS NULL)))`;
  const labels = Object.entries(CARER_SUPPORT)
    .map(([k, v]) => `WHEN ${k} THEN '${v.replace(/'/g, "''")}'`)
    .join(' ');
  return `WITH ided AS (${identityScope(inputs, options, rows, `(${wholeSubmission(inputs)})`)}),
    ranked AS (SELECT ided.*, ${carerSupportRank(options)} AS support_rank,
      CASE WHEN ${ageBand(date(period.end))} IS NULL THEN 'unknown' ELSE ${ageBand(date(period.end))} END AS age_band FROM ided),
    picked AS (SELECT ranked.*, row_number() OVER (PARTITION BY person_id ORDER BY support_rank, event_start DESC, row_number DESC) AS pick FROM ranked)
    SELECT person_id AS unit_id, person_id, row_ref, support_rank, CASE support_rank ${labels} END AS support, age_band,
      support_rank <= 3 AS in_den, support_rank = 1 AS in_num, support_rank <= 2 AS self_directed
    FROM picked WHERE pick = 1`;
}
