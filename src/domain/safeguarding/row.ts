/**
 * One row of a safeguarding extract in, one typed concern (with any flags) or the reasons it cannot load
 * out. A row is rejected when it cannot be placed in time, attributed to a person and this council, or
 * told apart from other concerns, or when its dates contradict each other; an unreadable answer to an
 * optional question (risk outcome, Making Safeguarding Personal) is only flagged, and loads as blank.
 */
import { parseCldDate } from '../cld/dates.js';
import { isValidNhsNumber } from '../cld/row.js';
import { SG_FIELDS, sgField, type RowFacts, type SgFieldKey } from './fields.js';
import type { SgHeaderMapping } from './headers.js';
import { sgProblem, type SgProblem, type SgRule } from './problem.js';
import {
  decision as decisionVocabulary,
  desiredOutcomeAsked,
  enquiryOutcome,
  isEnquiry,
  outcomesMet,
  yesNo,
  type Decision,
  type DesiredOutcomeAsked,
  type EnquiryOutcome,
  type OutcomesMet,
  type Vocabulary,
} from './vocabulary.js';

/** A concern as loaded: canonical codes and ISO dates; the person only through `SgIdentifiers`. */
export interface SafeguardingConcern {
  rowNumber: number;
  laCode: string;
  concernReference: string;
  concernReceived: string;
  decisionDate: string | null;
  decision: Decision | null;
  enquiryStart: string | null;
  enquiryEnd: string | null;
  enquiryOutcome: EnquiryOutcome | null;
  desiredOutcomeAsked: DesiredOutcomeAsked | null;
  desiredOutcomeExpressed: boolean | null;
  outcomesMet: OutcomesMet | null;
}

/** Held only until pseudonymised; never stored, logged or shown. At least one is present. */
export interface SgIdentifiers {
  /** Ten digits with a valid check digit. */
  nhsNumber: string | null;
  laPersonId: string | null;
}

export interface SgFieldState {
  applicable: boolean;
  state: 'blank' | 'valid' | 'invalid';
  /** The submitted text of an invalid code or date (never of an identifier). */
  invalidValue?: string;
}

export type SgFieldStates = Readonly<Record<SgFieldKey, SgFieldState>>;

export type SgParseResult =
  | {
      ok: true;
      rowNumber: number;
      concern: SafeguardingConcern;
      identifiers: SgIdentifiers;
      problems: SgProblem[];
      fields: SgFieldStates;
    }
  | { ok: false; rowNumber: number; problems: SgProblem[]; fields: SgFieldStates };

export interface SgRowContext {
  /** The submission's council; rows of any other are rejected. */
  laCode: string;
  /** ISO date: nothing can have happened after the period the submission covers. */
  periodEnd: string;
  columns: SgHeaderMapping;
  /** Cells in the header row; a row with more non-blank cells than that is misaligned. */
  headerLength: number;
}

const DATE_FIELDS = ['concernReceived', 'decisionDate', 'enquiryStart', 'enquiryEnd'] as const;
type DateField = (typeof DATE_FIELDS)[number];

export function parseSafeguardingRow(
  cells: readonly string[],
  rowNumber: number,
  context: SgRowContext,
): SgParseResult {
  const problems: SgProblem[] = [];
  const states = new Map<SgFieldKey, SgFieldState>();
  const reject = (field: SgFieldKey | null, rule: SgRule, message: string) =>
    problems.push(sgProblem(field, rule, 'reject', message));
  const cell = (key: SgFieldKey): string => {
    const index = context.columns.columnOf.get(key);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const mark = (key: SgFieldKey, state: SgFieldState['state'], raw?: string) =>
    states.set(key, {
      applicable: false,
      state,
      ...(state === 'invalid' && sgField(key).showInvalid ? { invalidValue: raw } : {}),
    });
  const required = (key: SgFieldKey): string => {
    const value = cell(key);
    mark(key, value ? 'valid' : 'blank');
    if (!value) reject(key, 'missing-required', `'${sgField(key).header}' is blank.`);
    return value;
  };

  if (cells.slice(context.headerLength).some((c) => c.trim() !== '')) {
    reject(null, 'extra-cells', 'The row has more cells than the header row; its columns cannot be trusted.');
  }
  const laCode = required('laCode');
  if (laCode && laCode.toUpperCase() !== context.laCode.trim().toUpperCase()) {
    reject('laCode', 'other-la', `The row belongs to council '${laCode}', not ${context.laCode}.`);
  }
  const concernReference = required('concernReference');
  const dates = readDates(cell, mark, reject);
  if (!cell('concernReceived'))
    reject('concernReceived', 'missing-required', "'Date Concern Received' is blank.");
  const decision = readCode('decision', decisionVocabulary, cell, mark, reject);
  const identifiers = readIdentifiers(cell, mark, problems);
  const answers = readAnswers(cell, mark, problems);

  checkDecision(dates, decision, reject);
  checkOrder(dates, reject);
  checkPeriodEnd(dates, context.periodEnd, reject);

  const fields = fieldStates(states, {
    decision: decision ?? null,
    hasEnquiryEnd: dates.enquiryEnd !== null,
    asked: answers.desiredOutcomeAsked,
    expressed: answers.desiredOutcomeExpressed,
  });
  if (problems.some((p) => p.severity === 'reject') || !dates.concernReceived) {
    return { ok: false, rowNumber, problems, fields };
  }
  const concern: SafeguardingConcern = {
    rowNumber,
    laCode: context.laCode,
    concernReference,
    concernReceived: dates.concernReceived,
    decisionDate: dates.decisionDate,
    decision: decision ?? null,
    enquiryStart: dates.enquiryStart,
    enquiryEnd: dates.enquiryEnd,
    ...answers,
  };
  return { ok: true, rowNumber, concern, identifiers, problems, fields };
}

type Cell = (key: SgFieldKey) => string;
type Mark = (key: SgFieldKey, state: SgFieldState['state'], raw?: string) => void;
type Reject = (field: SgFieldKey | null, rule: SgRule, message: string) => void;
type Dates = Record<DateField, string | null>;

/** Every date must be readable: a blank is allowed here (requirements are checked separately). */
function readDates(cell: Cell, mark: Mark, reject: Reject): Dates {
  const out = {} as Dates;
  for (const key of DATE_FIELDS) {
    const raw = cell(key);
    const iso = raw ? parseCldDate(raw) : undefined;
    out[key] = iso ?? null;
    mark(key, !raw ? 'blank' : iso ? 'valid' : 'invalid', raw);
    if (raw && !iso) {
      reject(
        key,
        'invalid-date',
        `'${raw}' in '${sgField(key).header}' is not a date (YYYY-MM-DD or DD/MM/YYYY).`,
      );
    }
  }
  return out;
}

/** A coded value; undefined when it cannot be read (the caller decides whether that rejects). */
function readCode<C extends string>(
  key: SgFieldKey,
  vocabulary: Vocabulary<C>,
  cell: Cell,
  mark: Mark,
  reject: Reject | null,
  flags?: SgProblem[],
): C | null | undefined {
  const raw = cell(key);
  if (!raw) {
    mark(key, 'blank');
    return null;
  }
  const code = vocabulary.match(raw);
  mark(key, code ? 'valid' : 'invalid', raw);
  if (code) return code;
  const message = `'${raw}' is not a recognised ${vocabulary.name} (expected one of ${vocabulary.codes.join(', ')}).`;
  if (reject) reject(key, 'invalid-code', message);
  else flags?.push(sgProblem(key, 'invalid-code', 'flag', `${message} It loads as blank.`));
  return undefined;
}

function readIdentifiers(cell: Cell, mark: Mark, problems: SgProblem[]): SgIdentifiers {
  const laPersonId = cell('laPersonId') || null;
  mark('laPersonId', laPersonId ? 'valid' : 'blank');
  const rawNhs = cell('nhsNumber');
  const digits = rawNhs.replace(/[\s-]/g, '');
  const nhsNumber = rawNhs && isValidNhsNumber(digits) ? digits : null;
  mark('nhsNumber', !rawNhs ? 'blank' : nhsNumber ? 'valid' : 'invalid');
  if (rawNhs && !nhsNumber) {
    problems.push(
      sgProblem(
        'nhsNumber',
        'invalid-identifier',
        'flag',
        'The NHS number is not valid (ten digits with a check digit).',
      ),
    );
  }
  if (!laPersonId && !nhsNumber) {
    problems.push(
      sgProblem(
        null,
        'no-person-identifier',
        'reject',
        'The row has neither an LA person id nor a valid NHS number.',
      ),
    );
  }
  return { nhsNumber, laPersonId };
}

type Answers = Pick<
  SafeguardingConcern,
  'enquiryOutcome' | 'desiredOutcomeAsked' | 'desiredOutcomeExpressed' | 'outcomesMet'
>;

/** Optional answers: an unreadable one is flagged and loads as blank. */
function readAnswers(cell: Cell, mark: Mark, flags: SgProblem[]): Answers {
  const expressed = readCode('desiredOutcomeExpressed', yesNo, cell, mark, null, flags);
  return {
    enquiryOutcome: readCode('enquiryOutcome', enquiryOutcome, cell, mark, null, flags) ?? null,
    desiredOutcomeAsked:
      readCode('desiredOutcomeAsked', desiredOutcomeAsked, cell, mark, null, flags) ?? null,
    desiredOutcomeExpressed: expressed ? expressed === 'yes' : null,
    outcomesMet: readCode('outcomesMet', outcomesMet, cell, mark, null, flags) ?? null,
  };
}

/** A decision needs its date and the date its decision; an enquiry needs a start, and only an enquiry has one. */
function checkDecision(dates: Dates, decision: Decision | null | undefined, reject: Reject): void {
  if (decision === undefined) return; // unreadable: already rejected
  if (decision && !dates.decisionDate)
    reject('decisionDate', 'missing-required', 'A decision is recorded without its date.');
  if (!decision && dates.decisionDate) {
    // The missing decision is the fault; whether enquiry dates fit it cannot be told.
    reject('decision', 'missing-required', 'A decision date is recorded without the decision.');
    return;
  }
  if (isEnquiry(decision)) {
    if (!dates.enquiryStart)
      reject(
        'enquiryStart',
        'missing-required',
        'The decision opens an enquiry but the enquiry start date is blank.',
      );
  } else if (dates.enquiryStart || dates.enquiryEnd) {
    reject(
      null,
      'enquiry-without-enquiry-decision',
      'Enquiry dates are recorded on a concern whose decision opened no enquiry.',
    );
  }
}

function checkOrder(d: Dates, reject: Reject): void {
  if (d.concernReceived && d.decisionDate && d.decisionDate < d.concernReceived) {
    reject(
      'decisionDate',
      'decision-before-concern',
      'The decision is dated before the concern was received.',
    );
  }
  if (d.concernReceived && d.enquiryStart && d.enquiryStart < d.concernReceived) {
    reject('enquiryStart', 'enquiry-before-concern', 'The enquiry starts before the concern was received.');
  }
  if (d.enquiryStart && d.enquiryEnd && d.enquiryEnd < d.enquiryStart) {
    reject('enquiryEnd', 'end-before-start', 'The enquiry ends before it starts.');
  }
}

function checkPeriodEnd(d: Dates, periodEnd: string, reject: Reject): void {
  for (const key of DATE_FIELDS) {
    const date = d[key];
    if (date && date > periodEnd) {
      reject(
        key,
        'date-after-period-end',
        `'${sgField(key).header}' is after the period end (${periodEnd}).`,
      );
    }
  }
}

function fieldStates(states: Map<SgFieldKey, SgFieldState>, facts: RowFacts): SgFieldStates {
  const out = {} as Record<SgFieldKey, SgFieldState>;
  for (const f of SG_FIELDS) {
    out[f.key] = { ...(states.get(f.key) ?? { state: 'blank' }), applicable: f.appliesTo(facts) };
  }
  return out;
}
