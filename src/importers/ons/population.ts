/**
 * ONS mid-year population estimates by area and single year of age, in the two layouts councils download:
 *
 * - MYE2 (the "MYE2 - Persons" sheet saved as CSV): one row per area, `Code, Name, Geography, All ages,
 *   0, 1, … 89, 90+` (older files: `Geography1` and a last column `90`), usually below a few title lines;
 * - MYEB (the detailed time series): one row per area, sex and age, `ladcode23, laname23, country, sex,
 *   age, population_2011 … population_2023`, with sex 1/2 or M/F and age 90 meaning 90 and over.
 *
 * Every data row is loaded or rejected with its line number and reason. Figures come out per area code in
 * the ASCOF age bands; deciding which codes are councils is `decideArea`'s job. Pure: no I/O.
 */
import { parse } from 'csv-parse/sync';
import { isActive, isCouncilCode, type OrganisationRegister } from '../../domain/organisation.js';
import { bandTotals, type AgeBand } from '../../domain/population.js';
import type { Rejection } from '../report.js';

export type PopulationLayout = 'MYE2' | 'MYEB';
type Sex = 'persons' | 'male' | 'female';

/** One area's figures for the mid-year, from every row of the file that gave them. */
export interface AreaPopulation {
  code: string;
  name: string;
  bands: Record<AgeBand, number>;
  rows: number[];
}

export interface ParsedPopulation {
  layout?: PopulationLayout;
  areas: AreaPopulation[];
  rowsRead: number;
  rejections: Rejection[];
  fileErrors: string[];
  notes: string[];
}

interface Line {
  line: number;
  cells: string[];
}

interface AgeLabel {
  age: number;
  open: boolean;
}

interface Columns {
  code: number;
  name: number;
  /** -1 when the file has no sex column: every row is persons. */
  sex: number;
  /** Fields a row needs to reach every column read. */
  width: number;
}
interface Mye2Layout extends Columns {
  kind: 'MYE2';
  ages: (AgeLabel & { index: number })[];
  allAges: number;
}
interface MyebLayout extends Columns {
  kind: 'MYEB';
  age: number;
  count: number;
}
type Layout = Mye2Layout | MyebLayout;

interface CountRow {
  row: number;
  code: string;
  name: string;
  sex: Sex;
  counts: Map<number, number>;
}

// Title lines above the header: the MYE2 sheet has about seven.
const HEADER_SEARCH_LINES = 20;
const OLDEST_SINGLE_AGE = 90;

const headerNames = {
  code: [/^(area |ons |gss |geography )?code$/, /^lad(code)?(\d{2})?(cd)?$/],
  name: [/^(area |geography )?name$/, /^la ?name(\d{2})?$/, /^lad(\d{2})?nm$/],
  sex: [/^(sex|gender)$/],
  age: [/^age$/],
  allAges: [/^all (ages|persons)$/, /^total$/],
};
const AGE_HEADER = /^(?:age |aged )?(\d{1,3})(\+| and over| plus)?$/;
const YEAR_COUNT_HEADER = /^population (\d{4})$/;
const SINGLE_COUNT_HEADER = /^(population|count|obs value)$/;
const COUNT = /^(\d+|\d{1,3}(,\d{3})+)$/;
const TITLE_YEAR = /\bmid[- ]?(\d{4})\b/i;

const sexes: Record<string, Sex> = {
  persons: 'persons',
  'all persons': 'persons',
  all: 'persons',
  total: 'persons',
  p: 'persons',
  '0': 'persons',
  male: 'male',
  males: 'male',
  m: 'male',
  '1': 'male',
  female: 'female',
  females: 'female',
  f: 'female',
  '2': 'female',
};

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');

const listOf = (ns: number[]) => (ns.length > 6 ? `${ns.slice(0, 6).join(', ')} …` : ns.join(', '));

const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Reads the file for one mid-year into per-area band totals, or says why it cannot. */
export function parsePopulationCsv(text: string, year: number): ParsedPopulation {
  const lines = readLines(text);
  if (typeof lines === 'string') return refused(0, lines);
  if (lines.length === 0) return refused(0, 'The file is empty: it has no header row.');
  const found = findHeader(lines, year);
  if ('error' in found) return refused(lines.length, found.error);
  const { layout, at } = found;
  const titleYear = yearInTitles(lines.slice(0, at));
  if (titleYear !== undefined && titleYear !== year) {
    return refused(
      lines.length - at - 1,
      `The file's title says mid-${titleYear}, but it is being imported as mid-${year}.`,
    );
  }
  const body = lines.slice(at + 1);
  if (body.length === 0) return refused(0, 'The file has a header but no data rows.');
  const required = requiredAges(layout, body);
  if (typeof required === 'string') return refused(body.length, required);

  const rows: CountRow[] = [];
  const rejections: Rejection[] = [];
  for (const line of body) {
    const result = readRow(line, layout);
    if (typeof result === 'string') rejections.push({ row: line.line, reason: result });
    else rows.push(result);
  }
  const combined = combineRows(rows, required);
  rejections.push(...combined.rejections);
  rejections.sort((a, b) => a.row - b.row);
  const notes = [describeLayout(layout, year)];
  if (at > 0) notes.push(`${at} line(s) above the header were taken as titles and not read.`);
  return {
    layout: layout.kind,
    areas: combined.areas,
    rowsRead: body.length,
    rejections,
    fileErrors: [],
    notes,
  };
}

function refused(rowsRead: number, error: string): ParsedPopulation {
  return { areas: [], rowsRead, rejections: [], fileErrors: [error], notes: [] };
}

/** Records with their line numbers; lines with nothing in them are not rows. */
function readLines(text: string): Line[] | string {
  try {
    // With `info`, csv-parse returns each record with the line it ends on (its types do not say so).
    const records = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return records
      .filter((r) => r.record.some((c) => c.trim() !== ''))
      .map((r) => ({ line: r.info.lines, cells: r.record }));
  } catch (err) {
    return `The file is not valid CSV: ${(err as Error).message}`;
  }
}

function findHeader(lines: Line[], year: number): { layout: Layout; at: number } | { error: string } {
  for (const [at, line] of lines.slice(0, HEADER_SEARCH_LINES).entries()) {
    const layout = detectLayout(line.cells, year);
    if (layout === undefined) continue;
    if ('error' in layout) return { error: `The header on line ${line.line} ${layout.error}.` };
    return { layout, at };
  }
  return {
    error:
      `No header of a known layout in the first ${HEADER_SEARCH_LINES} lines. Expected the ONS MYE2 layout ` +
      '(Code, Name, Geography, All ages, 0, 1, … 90+) or the MYEB layout (ladcode, laname, sex, age, population_YYYY).',
  };
}

function detectLayout(header: string[], year: number): Layout | { error: string } | undefined {
  const at = header.map(norm);
  const find = (patterns: RegExp[]) => at.findIndex((h) => patterns.some((p) => p.test(h)));
  const code = find(headerNames.code);
  if (code < 0) return undefined;
  const columns = { code, name: find(headerNames.name), sex: find(headerNames.sex) };
  const ages = at.flatMap((h, index) => {
    const label = ageLabel(h);
    return label ? [{ ...label, index }] : [];
  });
  if (ages.length > 0) {
    const problem = checkAges(ages);
    if (problem) return { error: problem };
    const allAges = find(headerNames.allAges);
    const width = Math.max(code, columns.name, columns.sex, allAges, ...ages.map((a) => a.index)) + 1;
    return { kind: 'MYE2', ...columns, ages, allAges, width };
  }
  const age = find(headerNames.age);
  if (age < 0) return undefined;
  const count = countColumn(at, year);
  if (typeof count === 'string') return { error: count };
  return {
    kind: 'MYEB',
    ...columns,
    age,
    count,
    width: Math.max(code, columns.name, columns.sex, age, count) + 1,
  };
}

/** The column holding the year's counts: `population_YYYY`, or one unlabelled count column. */
function countColumn(header: string[], year: number): number | string {
  const years = header.flatMap((h, i) => {
    const m = YEAR_COUNT_HEADER.exec(h);
    return m ? [{ year: Number(m[1]), index: i }] : [];
  });
  const exact = years.find((y) => y.year === year);
  if (exact) return exact.index;
  if (years.length > 0) {
    const all = years.map((y) => y.year).sort((a, b) => a - b);
    return `has population columns for ${all[0]} to ${all.at(-1)} but none for mid-${year}`;
  }
  const single = header.findIndex((h) => SINGLE_COUNT_HEADER.test(h));
  return single >= 0 ? single : 'has an age column but no population column (population_YYYY)';
}

function ageLabel(text: string): AgeLabel | undefined {
  const m = AGE_HEADER.exec(norm(text));
  return m ? { age: Number(m[1]), open: m[2] !== undefined } : undefined;
}

/** Single years from 18 up, with an oldest age that stands for everyone older (ONS: 90 and over). */
function checkAges(ages: AgeLabel[]): string | undefined {
  const seen = new Set<number>();
  for (const { age } of ages) {
    if (seen.has(age)) return `has age ${age} twice`;
    seen.add(age);
  }
  const oldest = Math.max(...seen);
  const missing = range(18, Math.max(18, oldest)).filter((a) => !seen.has(a));
  if (missing.length > 0) return `has no figures for age(s) ${listOf(missing)}`;
  const open = ages.some((a) => a.age === oldest && a.open);
  if (oldest < 65 || (oldest < OLDEST_SINGLE_AGE && !open))
    return `stops at age ${oldest}; expected ${OLDEST_SINGLE_AGE} or ${OLDEST_SINGLE_AGE}+ (ages ${OLDEST_SINGLE_AGE} and over)`;
  return undefined;
}

/** The ages every area must have: from the header (MYE2) or from the ages the rows use (MYEB). */
function requiredAges(layout: Layout, body: Line[]): number[] | string {
  if (layout.kind === 'MYE2') return layout.ages.map((a) => a.age).filter((a) => a >= 18);
  const labels = new Map<number, AgeLabel>();
  for (const line of body) {
    const label = ageLabel(line.cells[layout.age] ?? '');
    if (label && !labels.get(label.age)?.open) labels.set(label.age, label);
  }
  if (labels.size === 0) return 'No row has an age such as 0, 45 or 90+.';
  const problem = checkAges([...labels.values()]);
  return problem ? `The age column ${problem}.` : range(18, Math.max(...labels.keys()));
}

function yearInTitles(titles: Line[]): number | undefined {
  for (const t of titles) {
    const m = TITLE_YEAR.exec(t.cells.join(' '));
    if (m) return Number(m[1]);
  }
  return undefined;
}

function describeLayout(layout: Layout, year: number): string {
  const sex = layout.sex >= 0 ? ', by sex' : '';
  return layout.kind === 'MYE2'
    ? `Read as the ONS MYE2 layout (one row per area${sex}, single years of age), for mid-${year}.`
    : `Read as the ONS MYEB layout (one row per area${sex} and age), using the mid-${year} column.`;
}

function readRow(line: Line, layout: Layout): CountRow | string {
  const { cells } = line;
  if (cells.length < layout.width) return `has ${cells.length} fields where the header needs ${layout.width}`;
  const cell = (i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');
  const code = cell(layout.code).toUpperCase();
  if (!code) return 'the area code is blank';
  const sex = layout.sex >= 0 ? sexes[norm(cell(layout.sex))] : 'persons';
  if (!sex) return `sex "${cell(layout.sex)}" is not persons, male (1, M) or female (2, F)`;
  const counts = layout.kind === 'MYE2' ? wideCounts(cell, layout) : longCount(cell, layout);
  if (typeof counts === 'string') return counts;
  return { row: line.line, code, name: cell(layout.name), sex, counts };
}

function parseCount(raw: string): number | string {
  if (raw === '') return 'is blank';
  if (!COUNT.test(raw)) return `"${raw}" is not a whole number`;
  const n = Number(raw.replace(/,/g, ''));
  return Number.isSafeInteger(n) ? n : `"${raw}" is too large`;
}

function wideCounts(cell: (i: number) => string, layout: Mye2Layout): Map<number, number> | string {
  const counts = new Map<number, number>();
  for (const { age, index } of layout.ages) {
    const n = parseCount(cell(index));
    if (typeof n === 'string') return `the count for age ${age} ${n}`;
    counts.set(age, n);
  }
  // The single years add up to All ages exactly in ONS files; a mismatch means shifted columns.
  const hasEveryAge = layout.ages.length === Math.max(...counts.keys()) + 1;
  if (layout.allAges >= 0 && hasEveryAge) {
    const all = parseCount(cell(layout.allAges));
    if (typeof all === 'string') return `All ages ${all}`;
    const sum = [...counts.values()].reduce((a, b) => a + b, 0);
    if (sum !== all) return `the single years of age add up to ${sum}, not the All ages figure ${all}`;
  }
  return counts;
}

function longCount(cell: (i: number) => string, layout: MyebLayout): Map<number, number> | string {
  const label = ageLabel(cell(layout.age));
  if (!label) return `age "${cell(layout.age)}" is not a whole number of years`;
  const n = parseCount(cell(layout.count));
  if (typeof n === 'string') return `the count ${n}`;
  return new Map([[label.age, n]]);
}

interface AreaRows {
  code: string;
  name: string;
  rows: CountRow[];
}

/** Groups rows by area, rejecting repeats; an area whose figures are incomplete is rejected whole. */
function combineRows(
  rows: CountRow[],
  required: number[],
): { areas: AreaPopulation[]; rejections: Rejection[] } {
  const rejections: Rejection[] = [];
  const byCode = new Map<string, AreaRows>();
  const givenIn = new Map<string, number>();
  for (const r of rows) {
    const keys = [...r.counts.keys()].map((age) => `${r.code}|${r.sex}|${age}`);
    const earlier = keys.map((k) => givenIn.get(k)).find((row) => row !== undefined);
    if (earlier !== undefined) {
      const age = r.counts.size === 1 ? ` age ${[...r.counts.keys()][0]}` : '';
      rejections.push({ row: r.row, reason: `${r.code} ${r.sex}${age} was already given in row ${earlier}` });
      continue;
    }
    for (const k of keys) givenIn.set(k, r.row);
    const area = byCode.get(r.code) ?? { code: r.code, name: r.name, rows: [] };
    area.name ||= r.name;
    area.rows.push(r);
    byCode.set(r.code, area);
  }
  const areas: AreaPopulation[] = [];
  for (const area of byCode.values()) {
    const counts = personsCounts(area, required);
    if (typeof counts === 'string')
      rejections.push(...area.rows.map((r) => ({ row: r.row, reason: counts })));
    else
      areas.push({
        code: area.code,
        name: area.name,
        bands: bandTotals(counts),
        rows: area.rows.map((r) => r.row),
      });
  }
  return { areas, rejections };
}

/** Persons by age: the persons rows when given, else males and females added together. */
function personsCounts(area: AreaRows, required: number[]): Map<number, number> | string {
  const bySex = new Map<Sex, Map<number, number>>();
  for (const r of area.rows) {
    const counts = bySex.get(r.sex) ?? new Map<number, number>();
    for (const [age, n] of r.counts) counts.set(age, n);
    bySex.set(r.sex, counts);
  }
  const used: Sex[] = bySex.has('persons') ? ['persons'] : ['male', 'female'];
  const absent = used.find((s) => !bySex.has(s));
  if (absent) return `${area.code} has ${[...bySex.keys()].join(' and ')} figures but none for ${absent}s`;
  const total = new Map<number, number>();
  for (const sex of used) {
    const counts = bySex.get(sex)!;
    const missing = required.filter((a) => !counts.has(a));
    if (missing.length > 0) return `${area.code} has no ${sex} figure for age(s) ${listOf(missing)}`;
    for (const [age, n] of counts) total.set(age, (total.get(age) ?? 0) + n);
  }
  return total;
}

export type AreaDecision = { council: string } | { skip: string } | { reject: string };

/** ONS code prefixes of areas that are not English councils with social services responsibilities. */
const otherAreas: [RegExp, string][] = [
  [/^K0\d{7}$/, 'UK, Great Britain or England and Wales'],
  [/^E92\d{6}$/, 'country'],
  [/^E12\d{6}$/, 'region'],
  [/^E11\d{6}$/, 'metropolitan county'],
  [/^E13\d{6}$/, 'Inner or Outer London'],
  [/^E07\d{6}$/, 'non-metropolitan district'],
  [/^W\d{8}$/, 'Wales'],
  [/^S\d{8}$/, 'Scotland'],
  [/^N\d{8}$/, 'Northern Ireland'],
];

/**
 * Whether an area's figures belong to a council in the register that existed on the estimate's date.
 * Shaped like a council code but unknown or not existing then: rejected. Other geographies: skipped.
 */
export function decideArea(
  register: OrganisationRegister,
  area: { code: string; name: string },
  onDate: string,
): AreaDecision {
  const org = register.byCode.get(area.code);
  if (org?.kind === 'council') {
    if (isActive(org, onDate)) return { council: org.code };
    const when = org.validFrom && org.validFrom > onDate ? `from ${org.validFrom}` : `until ${org.validTo}`;
    return {
      reject: `${org.code} ${org.name} was not a council on ${onDate} (it existed ${when}); the file may use other boundaries`,
    };
  }
  if (org) return { skip: org.kind.replace('_', ' ') };
  if (isCouncilCode(area.code)) {
    const who = [area.code, area.name].filter(Boolean).join(' ');
    return { reject: `unknown council "${who}": the code is not in the organisation register` };
  }
  const other = otherAreas.find(([pattern]) => pattern.test(area.code));
  if (other) return { skip: other[1] };
  return { reject: `"${area.code}" is not an ONS area code` };
}

export interface CouncilPopulation {
  orgCode: string;
  bands: Record<AgeBand, number>;
  rows: number[];
}

export interface AssignedAreas {
  councils: CouncilPopulation[];
  rejections: Rejection[];
  /** Per kind of geography: how many areas and rows were left out. */
  skipped: Map<string, { areas: number; rows: number }>;
}

/** Sorts parsed areas into council figures, rejected rows and skipped geographies. */
export function assignAreas(
  areas: AreaPopulation[],
  decide: (area: AreaPopulation) => AreaDecision,
): AssignedAreas {
  const result: AssignedAreas = { councils: [], rejections: [], skipped: new Map() };
  for (const area of areas) {
    const decision = decide(area);
    if ('council' in decision) {
      result.councils.push({ orgCode: decision.council, bands: area.bands, rows: area.rows });
    } else if ('reject' in decision) {
      result.rejections.push(...area.rows.map((row) => ({ row, reason: decision.reject })));
    } else {
      const tally = result.skipped.get(decision.skip) ?? { areas: 0, rows: 0 };
      result.skipped.set(decision.skip, { areas: tally.areas + 1, rows: tally.rows + area.rows.length });
    }
  }
  return result;
}
