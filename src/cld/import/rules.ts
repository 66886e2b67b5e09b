/**
 * Why a row cannot load, as SQL: the same reject rules `parseCldRow` applies (see the domain README),
 * plus exact duplicate records, which only a whole-file reader can see. Each reason is 'rule:field'
 * (field empty for row-level rules).
 */
import type { ProblemRule } from '../../domain/cld/problem.js';
import type { CldFieldKey } from '../../domain/cld/fields.js';
import { stateColumn as s, valueColumn as v } from './columns.js';
import type { StageContext } from './stage.js';

const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;

// Rows of a carer known by association have no event, so event fields do not apply to them.
export const HAS_EVENTS = `${v('clientType')} IS DISTINCT FROM 'carer-known-by-association'`;

interface Reason {
  tag: string;
  when: string;
}

const reason = (rule: ProblemRule | 'duplicate-row', field: CldFieldKey | '', when: string): Reason => ({
  tag: `${rule}:${field}`,
  when,
});

const DUPLICATE = reason('duplicate-row', '', 'copy_number > 1');

/** The reasons a row is refused, each a condition over its states and values (duplicates aside). */
function rowReasons(context: StageContext): Reason[] {
  const end = `DATE ${lit(context.reportingPeriodEnd)}`;
  const missing = (key: CldFieldKey, applies = 'true') =>
    reason('missing-mandatory', key, `${s(key)} = 0 AND ${applies}`);
  const unreadable = (key: CldFieldKey, rule: ProblemRule, applies = 'true') =>
    reason(rule, key, `${s(key)} = 2 AND ${applies}`);
  const after = (key: CldFieldKey) => reason('date-after-period-end', key, `${v(key)} > ${end}`);
  const reasons = [
    missing('laCode'),
    missing('reportingPeriodStart'),
    missing('reportingPeriodEnd'),
    missing('clientType'),
    missing('eventType', HAS_EVENTS),
    missing('eventStartDate', HAS_EVENTS),
    unreadable('reportingPeriodStart', 'invalid-date'),
    unreadable('reportingPeriodEnd', 'invalid-date'),
    unreadable('clientType', 'invalid-code'),
    unreadable('dateOfDeath', 'invalid-date'),
    unreadable('eventType', 'invalid-code', HAS_EVENTS),
    unreadable('eventStartDate', 'invalid-date', HAS_EVENTS),
    unreadable('eventEndDate', 'invalid-date', HAS_EVENTS),
    reason('other-la', 'laCode', `upper(${v('laCode')}) <> ${lit(context.laCode.trim().toUpperCase())}`),
    reason(
      'other-period',
      '',
      `${v('reportingPeriodStart')} <> DATE ${lit(context.reportingPeriodStart)} OR ${v('reportingPeriodEnd')} <> ${end}`,
    ),
    reason('no-person-identifier', '', `${v('nhsNumber')} IS NULL AND ${v('laPersonId')} IS NULL`),
    after('eventStartDate'),
    after('eventEndDate'),
    after('dateOfDeath'),
    after('dateOfBirth'),
    reason('end-before-start', 'eventEndDate', `${v('eventEndDate')} < ${v('eventStartDate')}`),
    reason('event-after-death', 'eventStartDate', `${v('eventStartDate')} > ${v('dateOfDeath')}`),
    reason('event-before-birth', 'eventStartDate', `${v('eventStartDate')} < ${v('dateOfBirth')}`),
    reason('death-before-birth', 'dateOfDeath', `${v('dateOfDeath')} < ${v('dateOfBirth')}`),
  ];
  return reasons;
}

/** Whether a row breaks any rule of its own (worked out once per row while typing). */
export function refusedSql(context: StageContext): string {
  return rowReasons(context)
    .map((r) => `coalesce(${r.when}, false)`)
    .join(' OR ');
}

/** Every reason a row cannot load, duplicates included, as a list of 'rule:field' tags. */
export function rejectionSql(context: StageContext): string {
  const cases = [...rowReasons(context), DUPLICATE].map((r) => `CASE WHEN ${r.when} THEN '${r.tag}' END`);
  return `list_filter([${cases.join(',\n         ')}], x -> x IS NOT NULL)`;
}

/** The event ends after the person's death: loaded, flagged (the domain parser's rule). */
export const END_AFTER_DEATH = `NOT coalesce(${v('eventStartDate')} > ${v('dateOfDeath')}, false)
  AND ${v('eventEndDate')} > ${v('dateOfDeath')}`;
