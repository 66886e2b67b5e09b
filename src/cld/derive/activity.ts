/**
 * Local activity measures for any period: what councils report quarterly (Sefton's overview,
 * Rotherham's review target). Each cohort returns the shared columns plus what its measures aggregate.
 */
import type { DeriveOptions } from './options.js';
import { yearBefore, type Period } from './period.js';
import {
  CARER_SERVICES,
  LONG_TERM,
  ageBand,
  date,
  heldOr,
  identityScope,
  knownLatest,
  latestEvents,
  settingLabel,
  settingRank,
  type Inputs,
} from './sql.js';

const inSubmission = (inputs: Inputs, where: string) =>
  `(SELECT * FROM (${latestEvents(inputs)}) b WHERE ${where})`;

/** People in long-term support at the period end, any age, with their total weekly cost. */
export function openLongTerm(inputs: Inputs, period: Period, options: DeriveOptions): string {
  const end = date(period.end);
  const rows = inSubmission(
    inputs,
    `client_type = 'service-user' AND event_type = 'service' AND service_type IN ${LONG_TERM}
     AND event_start <= ${end} AND (event_end IS NULL OR event_end >= ${end})
     AND (date_of_death IS NULL OR date_of_death >= ${end})`,
  );
  return `WITH ided AS (${identityScope(inputs, options, rows, `(${latestEvents(inputs)})`)}),
    ranked AS (SELECT ided.*, ${settingRank(options)} AS setting_rank,
      coalesce(${ageBand(end)}, 'unknown') AS age_band, ${knownLatest('primary_support_reason')} AS psr,
      sum(weekly_cost_pence) OVER (PARTITION BY person_id) AS person_weekly_pence,
      count(weekly_cost_pence) OVER (PARTITION BY person_id) AS costed_services,
      row_number() OVER (PARTITION BY person_id ORDER BY ${settingRank(options)}, event_start DESC, row_number DESC) AS pick
      FROM ided)
    SELECT person_id AS unit_id, person_id, row_ref, ${settingLabel('setting_rank')} AS setting, setting_rank, psr, age_band,
      CASE WHEN costed_services > 0 THEN person_weekly_pence END AS weekly_pence,
      CASE WHEN costed_services > 0 AND setting_rank IN (1, 2) THEN person_weekly_pence ELSE 0 END AS care_home_weekly_pence,
      TRUE AS in_num, TRUE AS in_den
    FROM ranked WHERE pick = 1`;
}

/** People in long-term support at the period end, and whether a review ended in the 12 months to it. */
export function reviewCoverage(inputs: Inputs, period: Period, options: DeriveOptions): string {
  const from = `(${date(yearBefore(period.end))} + 1)`;
  const reviews = inSubmission(
    inputs,
    `event_type = 'review' AND event_end > ${date(yearBefore(period.end))} AND event_end <= ${date(period.end)}`,
  );
  const open = heldOr(inputs, 'cohort_openlongterm', () => openLongTerm(inputs, period, options));
  return `WITH open_lt AS (${open}),
    reviewed AS (${identityScope(inputs, options, reviews, `(${latestEvents(inputs)})`)})
    SELECT o.unit_id, o.person_id, o.row_ref, o.setting, o.age_band, TRUE AS in_den,
      EXISTS (SELECT 1 FROM reviewed r WHERE r.person_id = o.person_id AND r.event_end >= ${from}) AS in_num
    FROM open_lt o`;
}

/** Events of one type that started (requests) or ended (assessments, reviews) in the period. */
export function eventsInPeriod(
  inputs: Inputs,
  period: Period,
  options: DeriveOptions,
  eventType: 'request' | 'assessment' | 'review',
): string {
  const when = eventType === 'request' ? 'event_start' : 'event_end';
  const rows = inSubmission(
    inputs,
    `event_type = '${eventType}' AND ${when} BETWEEN ${date(period.start)} AND ${date(period.end)}`,
  );
  return `SELECT row_ref AS unit_id, person_id, row_ref, client_type, coalesce(${ageBand(date(period.end))}, 'unknown') AS age_band,
      TRUE AS in_num, TRUE AS in_den
    FROM (${identityScope(inputs, options, rows, `(${latestEvents(inputs)})`)}) x`;
}

/** Assessments or reviews open at the period end, with how long each has been waiting (days). */
export function waiting(
  inputs: Inputs,
  period: Period,
  options: DeriveOptions,
  eventType: 'assessment' | 'review',
): string {
  const end = date(period.end);
  const rows = inSubmission(
    inputs,
    `event_type = '${eventType}' AND event_start <= ${end} AND (event_end IS NULL OR event_end > ${end})
     AND (date_of_death IS NULL OR date_of_death > ${end})`,
  );
  return `SELECT row_ref AS unit_id, person_id, row_ref, client_type, coalesce(${ageBand(end)}, 'unknown') AS age_band,
      CAST(${end} - event_start AS INTEGER) AS wait_days, TRUE AS in_num, TRUE AS in_den
    FROM (${identityScope(inputs, options, rows, `(${latestEvents(inputs)})`)}) x`;
}

/** Carers with a carer service open at the period end. */
export function openCarerServices(inputs: Inputs, period: Period, options: DeriveOptions): string {
  const end = date(period.end);
  const rows = inSubmission(
    inputs,
    `client_type IN ('carer', 'carer-known-by-association') AND event_type = 'service'
     AND service_type IN ${CARER_SERVICES} AND event_start <= ${end} AND (event_end IS NULL OR event_end >= ${end})`,
  );
  return `SELECT DISTINCT person_id AS unit_id, person_id, min(row_ref) OVER (PARTITION BY person_id) AS row_ref,
      TRUE AS in_num, TRUE AS in_den
    FROM (${identityScope(inputs, options, rows, `(${latestEvents(inputs)})`)}) x`;
}
