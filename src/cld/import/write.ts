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

/** Pseudonyms are worked out once per distinct identifier (a person has many rows), then joined. */
const pseudonymOf = (alias: string) => `${alias}.pseudonym`;

const ID_SOURCES = [
  { alias: 'p_nhs', column: v('nhsNumber'), kind: 'nhs' },
  { alias: 'p_la', column: v('laPersonId'), kind: 'la' },
  { alias: 'p_l1', column: v('linkedPersonId1'), kind: 'la' },
  { alias: 'p_l2', column: v('linkedPersonId2'), kind: 'la' },
  { alias: 'p_l3', column: v('linkedPersonId3'), kind: 'la' },
] as const;

/** `cld_pseudonyms`: kind ('nhs' or 'la'), identifier and its keyed hash, for every identifier staged. */
export async function preparePseudonyms(q: CaseQueryable, laCode: string): Promise<void> {
  const la = laCode.trim().toUpperCase().replace(/'/g, "''");
  const distinct = ID_SOURCES.map(
    (x) =>
      `SELECT DISTINCT '${x.kind}' AS kind, ${x.column} AS value FROM cld_checked WHERE ${x.column} IS NOT NULL`,
  ).join(' UNION ');
  await q.run('DROP TABLE IF EXISTS cld_pseudonyms');
  await q.run(
    `CREATE TEMP TABLE cld_pseudonyms AS SELECT kind, value,
       CASE kind WHEN 'nhs' THEN 'N' || ${mac(`'nhs:' || value`)} ELSE 'L' || ${mac(`'la:${la}:' || value`)} END AS pseudonym
     FROM (${distinct}) ids CROSS JOIN cld_key k`,
  );
}

const pseudonymJoins = ID_SOURCES.map(
  (x) =>
    `LEFT JOIN cld_pseudonyms ${x.alias} ON ${x.alias}.kind = '${x.kind}' AND ${x.alias}.value = ${x.column}`,
).join('\n    ');

/**
 * Pence per week, rounded once, halves away from zero (costs are never negative here). The cost is
 * cast in each branch rather than bound once in a subquery, which DuckDB would run as a join.
 */
function weeklyCostSql(): string {
  const p = `CAST(${v('unitCost')} AS HUGEINT)`;
  const periodic = Object.entries(WEEKLY_FACTOR).flatMap(([code, f]) =>
    f.kind === 'per-period'
      ? [`WHEN '${code}' THEN (2 * ${p} * ${f.numerator} + ${f.denominator}) // (2 * ${f.denominator})`]
      : [],
  );
  const perUnit = Object.entries(WEEKLY_FACTOR).flatMap(([code, f]) =>
    f.kind === 'per-unit'
      ? [
          `WHEN '${code}' THEN (2 * ${p} * CAST(${v('plannedUnitsPerWeek')} * 1000000 AS HUGEINT) + 1000000) // 2000000`,
        ]
      : [],
  );
  return `CASE WHEN ${v('eventType')} = 'service' AND ${v('unitCost')} IS NOT NULL THEN
    CAST(CASE ${v('costFrequency')} ${[...periodic, ...perUnit].join(' ')} END AS BIGINT) END`;
}

export function eventSelectSql(): string {
  const values = [
    '$1',
    'line',
    `upper(${v('laCode')})`,
    pseudonymOf('p_nhs'),
    pseudonymOf('p_la'),
    pseudonymOf('p_l1'),
    pseudonymOf('p_l2'),
    pseudonymOf('p_l3'),
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
    FROM cld_checked ${pseudonymJoins} WHERE NOT rejected`;
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
export async function insertEventsLocally(q: CaseQueryable, submissionId: string): Promise<number> {
  await q.run(`INSERT INTO cld_events (${EVENT_COLUMNS.join(', ')}) ${eventSelectSql()}`, [submissionId]);
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
): Promise<number> {
  await staging.run('DROP TABLE IF EXISTS cld_out');
  await staging.run(`CREATE TEMP TABLE cld_out AS ${eventSelectSql()}`, [submissionId]);
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
