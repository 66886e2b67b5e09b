/**
 * The data-quality report of a staged file, in the shape of the domain's `QualityReport`. Rows are
 * grouped by the facts the applicability rules read, so the rules themselves (plain predicates in
 * `domain/cld/fields.ts`) run once per group in JavaScript rather than being restated in SQL.
 */
import {
  AGE_BREAKS,
  CLD_FIELDS,
  type CldField,
  type CldFieldKey,
  type RowFacts,
} from '../../domain/cld/fields.js';
import type { HeaderMapping } from '../../domain/cld/headers.js';
import { problem, type Problem, type ProblemRule } from '../../domain/cld/problem.js';
import { emptyQuality, MAX_INVALID_EXAMPLES, type QualityReport } from '../../domain/cld/quality.js';
import type { CaseQueryable } from '../engine/case-store.js';
import { MUST_PARSE, REQUIRED_TO_LOAD } from '../../domain/cld/row.js';
import { readerOf, stateColumn, valueColumn as v } from './columns.js';
import { END_AFTER_DEATH } from './rules.js';
import { rawTextSql, type MalformedLine } from './stage.js';

/** Rejections listed one by one in a stored report; totals by rule are always complete. */
export const MAX_LISTED_REJECTIONS = 50_000;

// The bulk reader applies the row parser's own lists of fields that must be present and readable.
const INVALID_RULE: Record<ReturnType<typeof readerOf>, ProblemRule> = {
  text: 'invalid-code',
  date: 'invalid-date',
  code: 'invalid-code',
  nhs: 'invalid-identifier',
  postcode: 'invalid-postcode',
  count: 'invalid-number',
  cost: 'invalid-number',
  units: 'invalid-number',
};

export const AGE_AT_PERIOD_END = `CASE WHEN ${v('dateOfBirth')} IS NOT NULL AND ${v('reportingPeriodEnd')} IS NOT NULL
  THEN year(${v('reportingPeriodEnd')}) - year(${v('dateOfBirth')})
     - CASE WHEN month(${v('reportingPeriodEnd')}) < month(${v('dateOfBirth')}) THEN 1 ELSE 0 END END`;

/** The age at the period end as its band's age (`ageBandAge`): rows group by band, not by every age. */
const AGE_BAND = `CASE WHEN (${AGE_AT_PERIOD_END}) IS NULL THEN NULL
  ${[...AGE_BREAKS]
    .reverse()
    .map((b) => `WHEN (${AGE_AT_PERIOD_END}) >= ${b} THEN ${b}`)
    .join(' ')}
  ELSE ${(AGE_BREAKS[0] ?? 0) - 1} END`;

const FACT_COLUMNS = `${v('clientType')} AS client_type, ${v('eventType')} AS event_type,
  ${v('primarySupportReason')} AS psr, ${AGE_BAND} AS age, ${v('assessmentType')} AS assessment_type,
  ${v('reviewReason')} AS review_reason, ${v('serviceType')} AS service_type,
  ${v('serviceComponent')} AS service_component, ${v('deliveryMechanism')} AS delivery_mechanism,
  ${v('costFrequency')} AS cost_frequency, ${v('dateOfDeath')} IS NOT NULL AS has_dod,
  ${v('eventEndDate')} IS NOT NULL AS has_end`;

const FACT_NAMES = `client_type, event_type, psr, age, assessment_type, review_reason, service_type,
  service_component, delivery_mechanism, cost_frequency, has_dod, has_end`;

interface FactRow {
  client_type: string | null;
  event_type: string | null;
  psr: string | null;
  age: number | null;
  assessment_type: string | null;
  review_reason: string | null;
  service_type: string | null;
  service_component: string | null;
  delivery_mechanism: string | null;
  cost_frequency: string | null;
  has_dod: boolean;
  has_end: boolean;
}

const factsOf = (r: FactRow): RowFacts =>
  ({
    clientType: r.client_type,
    eventType: r.event_type,
    primarySupportReason: r.psr,
    ageAtPeriodEnd: r.age,
    assessmentType: r.assessment_type,
    reviewReason: r.review_reason,
    serviceType: r.service_type,
    serviceComponent: r.service_component,
    deliveryMechanism: r.delivery_mechanism,
    costFrequency: r.cost_frequency,
    hasDateOfDeath: r.has_dod,
    hasEndDate: r.has_end,
  }) as RowFacts;

/** Field states (0 blank, 1 valid, 2 invalid) packed into one UBIGINT: two bits each. */
const STATES_PER_WORD = 32;

/** Per-field completeness, validity and the flags raised, from one grouped pass over `cld_typed`. */
async function fieldQuality(q: CaseQueryable, mapping: HeaderMapping, report: QualityReport): Promise<void> {
  // Each row's field states packed two bits a field into whole numbers: rows group by facts and states.
  const words = Array.from({ length: Math.ceil(CLD_FIELDS.length / STATES_PER_WORD) }, (_, w) =>
    CLD_FIELDS.slice(w * STATES_PER_WORD, (w + 1) * STATES_PER_WORD)
      .map((f, i) => `(CAST(${stateColumn(f.key)} AS UBIGINT) << ${2 * i})`)
      .join(' | '),
  );
  const groups = await q.all<FactRow & Record<`w${number}`, string> & { n: number }>(
    `SELECT * EXCLUDE (${words.map((_, w) => `w${w}`).join(', ')}),
       ${words.map((_, w) => `CAST(w${w} AS VARCHAR) AS w${w}`).join(', ')}
     FROM (SELECT ${FACT_COLUMNS}, ${words.map((x, w) => `${x} AS w${w}`).join(', ')}, count(*) AS n
       FROM cld_typed GROUP BY ALL)`,
  );
  const byField = new Map(report.fields.map((f) => [f.field, f]));
  const flag = (rule: ProblemRule, n: number) => {
    if (n > 0) report.flagsByRule[rule] = (report.flagsByRule[rule] ?? 0) + n;
  };
  for (const g of groups) {
    const facts = factsOf(g);
    const n = Number(g.n);
    const packed = words.map((_, w) => BigInt(g[`w${w}`] ?? 0));
    for (const [i, f] of CLD_FIELDS.entries()) {
      const q = byField.get(f.key);
      if (!q) continue;
      const word = packed[Math.floor(i / STATES_PER_WORD)] ?? 0n;
      const state = Number((word >> BigInt(2 * (i % STATES_PER_WORD))) & 3n);
      const blank = state === 0 ? n : 0;
      const invalid = state === 2 ? n : 0;
      const applicable = f.applicable.holds(facts);
      const mandatory = applicable && f.mandatory.holds(facts);
      const downgraded = MUST_PARSE.has(f.key) && !applicable;
      if (!MUST_PARSE.has(f.key) || downgraded) flag(INVALID_RULE[readerOf(f)], invalid);
      if (!applicable) continue;
      q.applicable += n;
      q.filled += n - blank;
      q.invalid += invalid;
      if (mandatory) {
        q.mandatory += n;
        q.missingMandatory += blank;
        if (!REQUIRED_TO_LOAD.has(f.key) && mapping.byField.has(f.key)) flag('missing-mandatory', blank);
      }
    }
  }
  const [extra] = await q.all<{ wrong: number | null; after_death: number }>(
    `SELECT CAST(sum(wrong_release_count) AS INTEGER) AS wrong,
            CAST(count(*) FILTER (WHERE ${END_AFTER_DEATH}) AS INTEGER) AS after_death FROM cld_typed`,
  );
  flag('wrong-release', Number(extra?.wrong ?? 0));
  flag('end-after-death', Number(extra?.after_death ?? 0));
  await invalidExamples(q, mapping, report);
}

const shownValue = (f: CldField, raw: string) => (f.handling === 'keep' ? raw : '[withheld]');

/** The most frequent invalid values of each field, where the field applies. */
async function invalidExamples(
  q: CaseQueryable,
  mapping: HeaderMapping,
  report: QualityReport,
): Promise<void> {
  const fields = report.fields.flatMap((quality) => {
    const f = quality.invalid > 0 ? CLD_FIELDS.find((x) => x.key === quality.field) : undefined;
    return f ? [{ quality, f }] : [];
  });
  if (fields.length === 0) return;
  // The rows with any invalid value are few: they are set aside once and each field reads them.
  await q.run('DROP TABLE IF EXISTS cld_invalid');
  await q.run(
    `CREATE TEMP TABLE cld_invalid AS SELECT rid, ${FACT_COLUMNS}, ${fields.map(({ f }) => stateColumn(f.key)).join(', ')}
     FROM cld_typed
     WHERE ${fields.map(({ f }) => `${stateColumn(f.key)} = 2`).join(' OR ')}`,
  );
  await q.run('DROP TABLE IF EXISTS cld_invalid_text');
  await q.run(
    `CREATE TEMP TABLE cld_invalid_text AS SELECT r.rowid AS rid, ${fields.map(({ f }) => `${rawTextSql(mapping, f.key)} AS x_${f.key}`).join(', ')}
     FROM cld_raw r WHERE r.rowid IN (SELECT rid FROM cld_invalid)`,
  );
  for (const { quality, f } of fields) {
    const rows = await q.all<FactRow & { value: string; n: number }>(
      `SELECT ${FACT_NAMES}, x_${f.key} AS value, count(*) AS n
       FROM cld_invalid c JOIN cld_invalid_text t ON t.rid = c.rid WHERE ${stateColumn(f.key)} = 2 GROUP BY ALL`,
    );
    const counts = new Map<string, number>();
    for (const r of rows) {
      if (!f.applicable.holds(factsOf(r))) continue;
      const value = shownValue(f, r.value);
      counts.set(value, (counts.get(value) ?? 0) + Number(r.n));
    }
    quality.invalidExamples = [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, MAX_INVALID_EXAMPLES);
  }
  await q.run('DROP TABLE cld_invalid');
  await q.run('DROP TABLE cld_invalid_text');
}

const RULE_TEXT: Partial<Record<ProblemRule, string>> = {
  'missing-mandatory': 'is required but blank',
  'invalid-code': 'is not a value of the specification',
  'invalid-date': 'is not a date',
  'other-la': 'is another council',
  'other-period': "The row's reporting period is not the submission's.",
  'no-person-identifier': 'The row has neither a valid NHS number nor an LA person identifier.',
  'date-after-period-end': 'is after the reporting period end',
  'end-before-start': 'The event ends before it starts.',
  'event-after-death': 'The event starts after the date of death.',
  'event-before-birth': 'The event starts before the date of birth.',
  'death-before-birth': 'The date of death is before the date of birth.',
  'duplicate-row': 'The row repeats an earlier row exactly; the first copy is loaded.',
  'malformed-line': 'The line is not a well-formed CSV record',
};

/** One problem from a 'rule:field' reason; messages never quote identifiers or dates of birth. */
export function reasonProblem(reason: string): Problem {
  const [rule, key] = reason.split(':') as [ProblemRule, CldFieldKey | ''];
  const field = key ? (CLD_FIELDS.find((f) => f.key === key) ?? null) : null;
  const text = RULE_TEXT[rule] ?? rule;
  const message = field && !/^[A-Z]/.test(text) ? `${field.r1} ${text}.` : text;
  return problem(field?.key ?? null, rule, 'reject', message);
}

async function rejections(q: CaseQueryable, report: QualityReport, malformed: readonly MalformedLine[]) {
  const rows = await q.all<{ line: number; reasons: string[] }>(
    `SELECT line, reasons FROM cld_checked WHERE rejected ORDER BY line`,
  );
  const listed = [
    ...rows.map((r) => ({ rowNumber: r.line, reasons: r.reasons.map(reasonProblem) })),
    ...malformed.map((m) => ({
      rowNumber: m.line,
      reasons: [
        problem(
          null,
          'malformed-line',
          'reject',
          `The line is not a well-formed CSV record (${m.error.toLowerCase()})${m.lastLine ? `; the record runs on to line ${m.lastLine}` : ''}.`,
        ),
      ],
    })),
  ].sort((a, b) => a.rowNumber - b.rowNumber);
  for (const r of listed) {
    for (const rule of new Set(r.reasons.map((p) => p.rule))) {
      report.rejectionsByRule[rule] = (report.rejectionsByRule[rule] ?? 0) + 1;
    }
  }
  report.rejected = listed.length;
  report.rejections = listed.slice(0, MAX_LISTED_REJECTIONS);
}

export async function summariseStaged(
  q: CaseQueryable,
  mapping: HeaderMapping,
  malformed: readonly MalformedLine[],
  fileProblems: Problem[],
): Promise<QualityReport> {
  const report = emptyQuality(fileProblems);
  const [count] = await q.all<{ n: number }>('SELECT count(*) AS n FROM cld_checked');
  await fieldQuality(q, mapping, report);
  await rejections(q, report, malformed);
  report.read = Number(count?.n ?? 0) + malformed.length;
  report.loaded = report.read - report.rejected;
  return report;
}
