/**
 * A seeded synthetic safeguarding extract for one council and one financial year, for tests and the demo.
 * The same options give the same bytes on every machine.
 *
 * Shape, after what councils report: about a third of concerns proceed to a section 42 enquiry and a few
 * to another enquiry; most concerns are decided within a few days and nearly nine in ten within seven;
 * three in four enquiries opened in the year conclude within 28 days, with a long tail (about two in
 * three of all concluded, counting those carried over); enquiries still open at the
 * year end stay open in the extract, and enquiries opened late in the previous year appear too. Some
 * people have several concerns. A counted number of rows is deliberately dirty, one fault each, so a
 * loader's rejections can be checked against `dirtyByRule`; a few clean rows carry faults that only flag.
 */
import type { SgRule } from '../../domain/safeguarding/problem.js';
import type {
  Decision,
  DesiredOutcomeAsked,
  EnquiryOutcome,
  OutcomesMet,
} from '../../domain/safeguarding/vocabulary.js';
import { dayOf, isoDate, partsOf, weekday, type Day } from '../synthetic/dates.js';
import { SG_HEADERS } from '../../domain/safeguarding/fields.js';
import { syntheticNhsNumber } from '../synthetic/nhs-number.js';
import { mixSeed, Rng, weighted } from '../synthetic/random.js';

export interface SyntheticSafeguardingOptions {
  laCode: string;
  /** The financial year by its first calendar year: 2024 is 1 April 2024 to 31 March 2025. */
  year: number;
  seed: number;
  /** Concerns received in the year; 1,500 unless given. */
  concerns?: number;
  /** Dirty rows added, as a share of the concerns; 0.01 unless given. */
  dirtyRate?: number;
}

export interface SyntheticSafeguarding {
  csv: string;
  periodStart: string;
  periodEnd: string;
  /** Data rows written (header not counted): clean rows and dirty ones. */
  rows: number;
  /** Rows that should load; `carriedOver` of them were received in the year before. */
  clean: number;
  carriedOver: number;
  /** Rows that should be rejected, by the one rule each breaks. */
  dirty: number;
  dirtyByRule: Partial<Record<SgRule, number>>;
  /** Clean rows that should load with a flag, by rule. */
  flaggedByRule: Partial<Record<SgRule, number>>;
}

/** The generator writes the domain's own header row. */
export const SYNTHETIC_SAFEGUARDING_HEADER = SG_HEADERS;

interface Person {
  laId: string;
  nhs: string | null;
}

/** One concern before it is written: days and codes. */
interface Concern {
  person: Person;
  reference: string;
  received: Day;
  decided: Day | null;
  decision: Decision | null;
  start: Day | null;
  end: Day | null;
  outcome: EnquiryOutcome | null;
  asked: DesiredOutcomeAsked | null;
  expressed: boolean | null;
  met: OutcomesMet | null;
}

interface Scope {
  rng: Rng;
  laCode: string;
  first: Day;
  last: Day;
  people: Person[];
  /** Keeps NHS numbers of different councils apart, so a multi-council demo does not share people. */
  nhsOffset: number;
}

const DECISION = weighted<Decision>([
  ['s42-enquiry', 35],
  ['other-enquiry', 6],
  ['no-further-action', 59],
]);
const OUTCOME = weighted<EnquiryOutcome>([
  ['risk-removed', 20],
  ['risk-reduced', 62],
  ['risk-remains', 8],
  ['not-applicable', 10],
]);
const ASKED = weighted<DesiredOutcomeAsked>([
  ['yes', 72],
  ['lacked-capacity', 16],
  ['no', 7],
  ['dont-know', 5],
]);
const MET = weighted<OutcomesMet>([
  ['fully', 66],
  ['partially', 28],
  ['not-met', 6],
]);

export function generateSafeguardingCsv(options: SyntheticSafeguardingOptions): SyntheticSafeguarding {
  const count = options.concerns ?? 1500;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`Not a number of concerns: ${count}`);
  if (!Number.isInteger(options.year)) throw new RangeError(`Not a year: ${options.year}`);
  const scope: Scope = {
    rng: new Rng(mixSeed(options.seed, options.year, ...codePoints(options.laCode))),
    laCode: options.laCode,
    first: dayOf(`${options.year}-04-01`),
    last: dayOf(`${options.year + 1}-03-31`),
    people: [],
    nhsOffset: (mixSeed(...codePoints(options.laCode)) % 1000) * 50_000,
  };
  const carried = Math.round(count * 0.04);
  const concerns = numbered([
    ...Array.from({ length: carried }, () => carriedOver(scope)),
    ...Array.from({ length: count }, () => inYear(scope)),
  ]);
  const flaggedByRule: Partial<Record<SgRule, number>> = {};
  const clean = concerns.map((c) => renderClean(scope, c, flaggedByRule));
  const dirty = dirtyRows(scope, concerns, Math.round(count * (options.dirtyRate ?? 0.01)));
  const body = interleave(clean, dirty);
  return {
    csv: [SYNTHETIC_SAFEGUARDING_HEADER.join(','), ...body].join('\r\n') + '\r\n',
    periodStart: isoDate(scope.first),
    periodEnd: isoDate(scope.last),
    rows: body.length,
    clean: clean.length,
    carriedOver: carried,
    dirty: dirty.length,
    dirtyByRule: tally(dirty.map((d) => d.rule)),
    flaggedByRule,
  };
}

const codePoints = (text: string): number[] => [...text].map((c) => c.codePointAt(0) ?? 0);

// ------------------------------------------------------------------------------------------- concerns

/** About one concern in five is about someone the council has had a concern about before. */
function personFor(scope: Scope): Person {
  const { rng, people } = scope;
  if (people.length > 0 && rng.chance(0.2)) return rng.pick(people);
  const ordinal = people.length;
  const person = {
    laId: String(200_000 + ordinal * 7),
    nhs: rng.chance(0.87) ? syntheticNhsNumber(scope.nhsOffset + ordinal) : null,
  };
  people.push(person);
  return person;
}

/** Fewer concerns arrive at weekends. */
function receivedDay(scope: Scope, first: Day, last: Day): Day {
  for (;;) {
    const day = scope.rng.int(first, last);
    if (weekday(day) < 5 || scope.rng.chance(0.3)) return day;
  }
}

/** Days from receipt to decision: mostly under four, nearly nine in ten within seven, a long tail. */
function decisionDelay(rng: Rng): number {
  const r = rng.float();
  if (r < 0.68) return rng.int(0, 3);
  if (r < 0.89) return rng.int(4, 7);
  return 8 + rng.days(10, 80);
}

function undecided(person: Person, received: Day): Concern {
  return {
    person,
    reference: '',
    received,
    decided: null,
    decision: null,
    start: null,
    end: null,
    outcome: null,
    asked: null,
    expressed: null,
    met: null,
  };
}

function inYear(scope: Scope): Concern {
  const { rng } = scope;
  const concern = undecided(personFor(scope), receivedDay(scope, scope.first, scope.last));
  const decided = concern.received + decisionDelay(rng);
  if (decided > scope.last) return concern; // still awaiting a decision when the extract was taken
  const decision = rng.weighted(DECISION);
  if (decision === 'no-further-action') return { ...concern, decided, decision };
  let start = decided + (rng.chance(0.85) ? 0 : rng.int(1, 5));
  if (start > scope.last) start = decided;
  // Three in four conclude within 28 days; the rest take a month or two, a few much longer.
  const end = start + (rng.chance(0.75) ? rng.int(2, 28) : 29 + rng.days(40, 400));
  return withEnquiry(scope, { ...concern, decided, decision, start }, end);
}

/** A section 42 enquiry from late in the previous year, concluding in this one or still open. */
function carriedOver(scope: Scope): Concern {
  const { rng } = scope;
  const received = receivedDay(scope, scope.first - 180, scope.first - 10);
  const decided = received + rng.int(0, 3);
  const concern = { ...undecided(personFor(scope), received), decided, decision: 's42-enquiry' as const };
  return withEnquiry(scope, { ...concern, start: decided }, scope.first + rng.days(45, 500));
}

/** Outcome and Making Safeguarding Personal answers; an end after the year end means still open. */
function withEnquiry(scope: Scope, concern: Concern, end: Day): Concern {
  const { rng } = scope;
  const asked = rng.weighted(ASKED);
  const expressed = asked === 'yes' ? rng.chance(0.88) : null;
  if (end > scope.last) return { ...concern, asked, expressed };
  return {
    ...concern,
    end,
    outcome: rng.weighted(OUTCOME),
    asked,
    expressed,
    met: expressed ? rng.weighted(MET) : null,
  };
}

/** In order of receipt, as a case system lists them, with references numbered in that order. */
function numbered(concerns: Concern[]): Concern[] {
  return concerns
    .sort((a, b) => a.received - b.received)
    .map((c, i) => ({ ...c, reference: `SG${partsOf(c.received)[0]}-${String(i + 1).padStart(6, '0')}` }));
}

// ------------------------------------------------------------------------------------------- writing

const SPELLINGS: Record<string, readonly string[]> = {
  's42-enquiry': ['Section 42 enquiry', 'S42', 'Section 42'],
  'other-enquiry': ['Other enquiry', 'Non-statutory enquiry'],
  'no-further-action': ['No further action', 'NFA'],
  'risk-removed': ['Risk removed', 'Removed'],
  'risk-reduced': ['Risk reduced', 'Reduced'],
  'risk-remains': ['Risk remains', 'Remains'],
  'not-applicable': ['Not applicable', 'N/A'],
  yes: ['Yes', 'Y'],
  no: ['No', 'N'],
  'lacked-capacity': ['Not asked - lacked capacity', 'Lacked capacity'],
  'dont-know': ["Don't know", 'Not known'],
  fully: ['Fully met', 'Fully achieved'],
  partially: ['Partially met', 'Partially achieved'],
  'not-met': ['Not met', 'Not achieved'],
};

/** The usual spelling nine times in ten, another accepted one otherwise. */
function spell(rng: Rng, code: string | null): string {
  if (code === null) return '';
  const spellings = SPELLINGS[code] ?? [code];
  return rng.chance(0.9) ? (spellings[0] ?? code) : rng.pick(spellings);
}

/** ISO mostly; day-first as a spreadsheet would write it sometimes. */
function date(rng: Rng, day: Day | null): string {
  if (day === null) return '';
  if (rng.chance(0.85)) return isoDate(day);
  const [y, m, d] = partsOf(day);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

/** Cells written as given instead of from the concern: how dirty and flagged rows are made. */
type Overrides = Partial<Record<'laCode' | 'nhs' | 'received' | 'decision' | 'met', string>>;

function cells(scope: Scope, c: Concern, overrides: Overrides = {}): string {
  const { rng } = scope;
  const expressed = c.expressed === null ? null : c.expressed ? 'yes' : 'no';
  return [
    overrides.laCode ?? scope.laCode,
    c.person.laId,
    overrides.nhs ?? c.person.nhs ?? '',
    c.reference,
    overrides.received ?? date(rng, c.received),
    date(rng, c.decided),
    overrides.decision ?? spell(rng, c.decision),
    date(rng, c.start),
    date(rng, c.end),
    spell(rng, c.outcome),
    spell(rng, c.asked),
    spell(rng, expressed),
    overrides.met ?? spell(rng, c.met),
  ]
    .map(csvCell)
    .join(',');
}

const csvCell = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** A clean row; now and then a mistyped NHS number or an unreadable answer, which load with a flag. */
function renderClean(scope: Scope, c: Concern, flagged: Partial<Record<SgRule, number>>): string {
  const { rng } = scope;
  const overrides: Overrides = {};
  if (c.person.nhs && rng.chance(0.01)) {
    overrides.nhs = c.person.nhs.slice(0, 9) + String((Number(c.person.nhs[9]) + 1) % 10);
    flagged['invalid-identifier'] = (flagged['invalid-identifier'] ?? 0) + 1;
  }
  if (c.met && rng.chance(0.01)) {
    overrides.met = 'Mostly';
    flagged['invalid-code'] = (flagged['invalid-code'] ?? 0) + 1;
  }
  return cells(scope, c, overrides);
}

// ------------------------------------------------------------------------------------------- dirty rows

interface DirtyRow {
  rule: SgRule;
  line: string;
  /** Index of the clean row this one follows. */
  after: number;
}

const DIRTY_RULES: readonly SgRule[] = [
  'other-la',
  'missing-required',
  'invalid-date',
  'decision-before-concern',
  'end-before-start',
  'date-after-period-end',
  'duplicate-reference',
  'no-person-identifier',
  'invalid-code',
];

/** `count` rows breaking one rule each, taking the rules in turn so that every one appears. */
function dirtyRows(scope: Scope, clean: readonly Concern[], count: number): DirtyRow[] {
  return Array.from({ length: count }, (_, i) => {
    const rule = DIRTY_RULES[i % DIRTY_RULES.length] as SgRule;
    return dirtyRow(scope, clean, rule, i);
  });
}

function dirtyRow(scope: Scope, clean: readonly Concern[], rule: SgRule, i: number): DirtyRow {
  const { rng } = scope;
  const received = rng.int(scope.first + 3, scope.last - 3);
  const base: Concern = {
    ...undecided(personFor(scope), received),
    reference: `SGX-${i + 1}`,
    decided: received + 1,
    decision: 'no-further-action',
  };
  const after = rng.int(0, clean.length - 1);
  const row = (c: Concern, overrides: Overrides = {}, at = after): DirtyRow => ({
    rule,
    line: cells(scope, c, overrides),
    after: at,
  });
  switch (rule) {
    case 'other-la':
      return row(base, { laCode: scope.laCode === 'E99999999' ? 'E99999998' : 'E99999999' });
    case 'missing-required':
      return row({ ...base, reference: '' });
    case 'invalid-date':
      return row(base, { received: `31/02/${partsOf(received)[0]}` });
    case 'decision-before-concern':
      return row({ ...base, decided: received - 2 });
    case 'end-before-start':
      return row({ ...base, decision: 's42-enquiry', start: received + 1, end: received });
    case 'date-after-period-end':
      return row({ ...base, received: scope.last - 1, decided: scope.last + 2 });
    case 'duplicate-reference': {
      const original = rng.int(0, clean.length - 1);
      const reference = clean[original]?.reference ?? '';
      return row(
        { ...base, reference: rng.chance(0.5) ? reference.toLowerCase() : reference },
        {},
        rng.int(original, clean.length - 1),
      );
    }
    case 'no-person-identifier':
      return row({ ...base, person: { laId: '', nhs: null } });
    default: // 'invalid-code'
      return row(base, { decision: 'Escalated to manager' });
  }
}

function interleave(clean: readonly string[], dirty: readonly DirtyRow[]): string[] {
  const following = new Map<number, string[]>();
  for (const d of dirty) following.set(d.after, [...(following.get(d.after) ?? []), d.line]);
  return clean.flatMap((line, i) => [line, ...(following.get(i) ?? [])]);
}

function tally(rules: readonly SgRule[]): Partial<Record<SgRule, number>> {
  const out: Partial<Record<SgRule, number>> = {};
  for (const rule of rules) out[rule] = (out[rule] ?? 0) + 1;
  return out;
}
