/**
 * From staged rows to stored events: only rows with no reason to reject, identifiers replaced by
 * keyed hashes computed in SQL (the same HMAC-SHA-256 as `createPseudonymiser`), the day of birth and
 * the full postcode dropped, and the weekly cost worked out exactly as the domain's `weeklyCost`.
 */
import { WEEKLY_FACTOR } from '../../domain/cld/vocabulary.js';
import type { Pseudonymiser } from '../pseudonymise.js';
import type { CaseQueryable, CaseStore } from '../engine/case-store.js';
import { valueColumn as v } from './columns.js';

export const EVENT_COLUMNS = [
  'submission_id',
  'row_number',
  'la_code',
  'nhs_pseudonym',
  'la_pseudonym',
  'linked_pseudonym_1',
  'linked_pseudonym_2',
  'linked_pseudonym_3',
  'gender',
  'ethnicity',
  'birth_month',
  'date_of_death',
  'client_type',
  'primary_support_reason',
  'postcode_district',
  'accommodation_status',
  'employment_status',
  'has_unpaid_carer',
  'autism',
  'visual_impairment',
  'hearing_impairment',
  'dementia',
  'client_funding_status',
  'event_type',
  'event_reference',
  'event_start',
  'event_end',
  'event_outcome',
  'route_of_access',
  'assessment_type',
  'eligible_needs_identified',
  'method_of_assessment',
  'total_hours_caring_per_week',
  'adults_cared_for',
  'service_type',
  'service_component',
  'delivery_mechanism',
  'provider_cqc_location_id',
  'review_reason',
  'review_outcomes_achieved',
  'method_of_review',
  'unit_cost_pence',
  'cost_frequency',
  'planned_units_per_week',
  'weekly_cost_pence',
] as const;

const mac = (message: string) =>
  `left(replace(replace(to_base64(unhex(sha256(k.opad || unhex(sha256(k.ipad || encode(${message})))))), '+', '-'), '/', '_'), 22)`;

const laPseudonym = (laCode: string, column: string) =>
  `CASE WHEN ${column} IS NOT NULL THEN 'L' || ${mac(`'la:${laCode.trim().toUpperCase().replace(/'/g, "''")}:' || ${column}`)} END`;

/** Pence per week, rounded once, halves away from zero (costs are never negative here). */
function weeklyCostSql(): string {
  const periodic = Object.entries(WEEKLY_FACTOR).flatMap(([code, f]) =>
    f.kind === 'per-period'
      ? [
          `WHEN ${v('costFrequency')} = '${code}' THEN (2 * p * ${f.numerator} + ${f.denominator}) // (2 * ${f.denominator})`,
        ]
      : [],
  );
  const perUnit = Object.entries(WEEKLY_FACTOR)
    .filter(([, f]) => f.kind === 'per-unit')
    .map(([code]) => `'${code}'`);
  return `CASE WHEN ${v('eventType')} = 'service' AND ${v('unitCost')} IS NOT NULL THEN
    (SELECT CAST(CASE ${periodic.join(' ')}
       WHEN ${v('costFrequency')} IN (${perUnit.join(', ')}) THEN
         (2 * p * CAST(${v('plannedUnitsPerWeek')} * 1000000 AS HUGEINT) + 1000000) // 2000000
     END AS BIGINT) FROM (SELECT CAST(${v('unitCost')} AS HUGEINT) AS p)) END`;
}

export function eventSelectSql(laCode: string): string {
  const values = [
    '$1',
    'line',
    `upper(${v('laCode')})`,
    `CASE WHEN ${v('nhsNumber')} IS NOT NULL THEN 'N' || ${mac(`'nhs:' || ${v('nhsNumber')}`)} END`,
    laPseudonym(laCode, v('laPersonId')),
    laPseudonym(laCode, v('linkedPersonId1')),
    laPseudonym(laCode, v('linkedPersonId2')),
    laPseudonym(laCode, v('linkedPersonId3')),
    v('gender'),
    v('ethnicity'),
    `CAST(date_trunc('month', ${v('dateOfBirth')}) AS DATE)`,
    v('dateOfDeath'),
    v('clientType'),
    v('primarySupportReason'),
    v('postcode'),
    v('accommodationStatus'),
    v('employmentStatus'),
    v('hasUnpaidCarer'),
    v('autism'),
    v('visualImpairment'),
    v('hearingImpairment'),
    v('dementia'),
    v('clientFundingStatus'),
    v('eventType'),
    v('eventReference'),
    v('eventStartDate'),
    v('eventEndDate'),
    v('eventOutcome'),
    v('routeOfAccess'),
    v('assessmentType'),
    v('eligibleNeedsIdentified'),
    v('methodOfAssessment'),
    v('totalHoursCaringPerWeek'),
    v('numberOfAdultsCaredFor'),
    v('serviceType'),
    v('serviceComponent'),
    v('deliveryMechanism'),
    v('providerCqcLocationId'),
    v('reviewReason'),
    v('reviewOutcomesAchieved'),
    v('methodOfReview'),
    v('unitCost'),
    v('costFrequency'),
    v('plannedUnitsPerWeek'),
    weeklyCostSql(),
  ];
  return `SELECT ${values.map((x, i) => `${x} AS ${EVENT_COLUMNS[i]}`).join(',\n  ')}
    FROM cld_checked CROSS JOIN cld_key k WHERE len(reasons) = 0`;
}

export async function prepareKey(q: CaseQueryable, pseudonymiser: Pseudonymiser): Promise<void> {
  const pads = pseudonymiser.hmacPads();
  await q.run('DROP TABLE IF EXISTS cld_key');
  await q.run('CREATE TEMP TABLE cld_key AS SELECT unhex($1) AS ipad, unhex($2) AS opad', [
    pads.inner,
    pads.outer,
  ]);
}

/** Loaded events straight into the DuckDB case store that staged them (one connection, one transaction). */
export async function insertEventsLocally(
  q: CaseQueryable,
  submissionId: string,
  laCode: string,
): Promise<number> {
  await q.run(`INSERT INTO cld_events (${EVENT_COLUMNS.join(', ')}) ${eventSelectSql(laCode)}`, [
    submissionId,
  ]);
  const [row] = await q.all<{ n: number }>('SELECT count(*) AS n FROM cld_events WHERE submission_id = $1', [
    submissionId,
  ]);
  return Number(row?.n ?? 0);
}

const BATCH = 1000;

/** Loaded events copied from a staging DuckDB into another case store (PostgreSQL), in batches. */
export async function copyEvents(
  staging: CaseQueryable,
  target: CaseQueryable,
  submissionId: string,
  laCode: string,
): Promise<number> {
  await staging.run('DROP TABLE IF EXISTS cld_out');
  await staging.run(`CREATE TEMP TABLE cld_out AS ${eventSelectSql(laCode)}`, [submissionId]);
  let copied = 0;
  for (;;) {
    const rows = await staging.all<Record<string, unknown>>(
      `SELECT ${EVENT_COLUMNS.join(', ')} FROM cld_out ORDER BY row_number LIMIT ${BATCH} OFFSET ${copied}`,
    );
    if (rows.length === 0) break;
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const slots = EVENT_COLUMNS.map((c) => {
        params.push(row[c] ?? null);
        return `$${params.length}`;
      });
      return `(${slots.join(', ')})`;
    });
    await target.run(
      `INSERT INTO cld_events (${EVENT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`,
      params,
    );
    copied += rows.length;
  }
  await staging.run('DROP TABLE cld_out');
  return copied;
}

export type { CaseStore };
