import { z } from 'zod';

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

export const measureUnits = [
  'percent',
  'rate-per-100k',
  'score',
  'count',
  'currency',
  'days',
  'weeks',
  'ratio',
  'hours',
] as const;

export const polarities = ['higher-is-better', 'lower-is-better', 'neutral'] as const;

export const measureSources = [
  'ASCS',
  'SACE',
  'SALT',
  'CLD',
  'MHSDS',
  'DToC',
  'HES',
  'ONS population',
  'ASC-FR',
  'Local',
] as const;

export const frequencies = ['annual', 'biennial', 'quarterly', 'monthly'] as const;

const MEASURE_ID = /^[a-z][a-z0-9]*-[A-Za-z0-9-]+$/;
const FINANCIAL_YEAR = /^(\d{4})-(\d{2})$/;

/** The calendar year a financial-year label such as '2014-15' starts in, or undefined if the label is malformed. */
export function financialYearStart(label: string): number | undefined {
  const match = FINANCIAL_YEAR.exec(label);
  if (!match) return undefined;
  const start = Number(match[1]);
  return Number(match[2]) === (start + 1) % 100 ? start : undefined;
}

/** The multiplier a unit implies: the published value is numerator / denominator × multiplier. */
export function multiplierForUnit(unit: MeasureUnit): number {
  if (unit === 'percent') return 100;
  if (unit === 'rate-per-100k') return 100_000;
  return 1;
}

// ---------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------

export const measureIdSchema = z
  .string()
  .regex(MEASURE_ID, "expected '<prefix>-<code>', e.g. 'ascof14-2A2', 'ascof23-2C' or 'local-waiting-list'")
  .describe(
    "Catalogue-wide unique slug: 'ascof14-<code>' for the national edition in force up to 2022-23, " +
      "'ascof23-<code>' for the refreshed edition from 2023-24, 'local-<kebab-name>' for a council's own measures.",
  );

export const financialYearSchema = z
  .string()
  .regex(/^\d{4}-\d{2}$/, "expected a financial year label such as '2014-15'")
  .refine((label) => financialYearStart(label) !== undefined, {
    message: "the two years of a financial year label must be consecutive, e.g. '2019-20'",
  })
  .describe("Financial year (1 April to 31 March) written 'YYYY-YY', e.g. '2023-24'.");

const ratioPartSchema = z.strictObject({
  definition: z
    .string()
    .min(1)
    .describe(
      'Plain-language statement of who or what is counted, including age bands, cohort and reference date.',
    ),
  source: z
    .enum(measureSources)
    .optional()
    .describe(
      'Where this part comes from, when that differs from the measure as a whole (e.g. ONS population).',
    ),
});

const seriesLinkSchema = z
  .strictObject({
    continues: measureIdSchema.describe(
      'Id of the measure in the previous edition that this measure carries on.',
    ),
    comparable: z
      .boolean()
      .describe(
        'True when values either side of the link can be read as one trend; false when the definition changed at the link, so a trend must show a break.',
      ),
    from: financialYearSchema.describe(
      'First financial year reported under this measure rather than its predecessor.',
    ),
    note: z.string().min(1).describe('Why the two measures form one series, or what changed at the link.'),
  })
  .describe('Links a measure to its predecessor across a change of codes, so trends can span editions.');

const definitionBreakSchema = z
  .strictObject({
    from: financialYearSchema.describe('First financial year calculated on the new basis.'),
    reason: z.string().min(1).describe('What changed in the definition, data source or method.'),
  })
  .describe(
    'A change of definition under the same code: values before and after are not directly comparable.',
  );

const scaleSchema = z
  .strictObject({
    min: z.number().describe('Lowest possible value.'),
    max: z.number().describe('Highest possible value.'),
  })
  .refine((scale) => scale.min < scale.max, { message: 'scale.min must be below scale.max' })
  .describe('Fixed range of a bounded score, e.g. 0 to 24 for the quality of life score.');

const measureDefinitionShape = z.strictObject({
  id: measureIdSchema,
  code: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, 'expected a short code such as 2A1 or LOCAL-01')
    .describe(
      'Code as published within its family and edition, e.g. 2A2; unique within that family and edition.',
    ),
  title: z.string().min(1).describe('Full title of the measure.'),
  shortTitle: z.string().min(1).max(80).describe('Short label for tables and charts.'),
  description: z
    .string()
    .min(1)
    .describe('What the measure tells a reader and why it matters, in plain language.'),
  unit: z.enum(measureUnits).describe('Unit of the published value.'),
  multiplier: z
    .number()
    .positive()
    .describe(
      'Factor applied to numerator / denominator: 100 for percentages, 100000 for rates per 100,000, 1 otherwise.',
    ),
  decimals: z.number().int().min(0).max(6).describe('Decimal places the published value is rounded to.'),
  polarity: z
    .enum(polarities)
    .describe(
      'Whether a higher value is better, worse or neither; drives ranks, quartiles and direction of travel.',
    ),
  scale: scaleSchema.optional(),
  source: z.enum(measureSources).describe('Main data collection the measure is calculated from.'),
  frequency: z.enum(frequencies).describe('How often a new value is published.'),
  numerator: ratioPartSchema
    .optional()
    .describe(
      'What is counted on top of the fraction; required for percentages and rates, optional for survey scores.',
    ),
  denominator: ratioPartSchema
    .optional()
    .describe(
      'The population the numerator is a share of; required for percentages and rates, optional for survey scores.',
    ),
  validFrom: financialYearSchema.describe(
    'First financial year the measure is reported under this definition and code.',
  ),
  validTo: financialYearSchema
    .optional()
    .describe('Last financial year reported under this code; omit while the measure is current.'),
  series: seriesLinkSchema.optional(),
  breaks: z
    .array(definitionBreakSchema)
    .optional()
    .describe('Changes of definition under this code, oldest first.'),
  notes: z
    .array(z.string().min(1))
    .default([])
    .describe('Points a reader or analyst should know when using the measure.'),
  limitations: z
    .array(z.string().min(1))
    .default([])
    .describe('Known weaknesses of the data or method that limit comparison or interpretation.'),
  disaggregations: z
    .array(z.string().min(1))
    .optional()
    .describe('Breakdowns published or derivable beyond the total, e.g. age band, primary support reason.'),
  tags: z
    .array(z.string().min(1))
    .optional()
    .describe('Free labels for grouping and search, e.g. domain or theme.'),
});

type MeasureShape = z.infer<typeof measureDefinitionShape>;

export const measureDefinitionSchema = measureDefinitionShape
  .superRefine(checkMeasureConsistency)
  .describe('One measure: what it counts, how it is published and how its trend links across editions.');

export const measureFileSchema = z
  .strictObject({
    version: z.literal(1).describe('Version of this file format.'),
    family: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, 'expected a lower-case slug such as ascof or local')
      .describe(
        "Measure family, e.g. 'ascof' for the national framework or 'local' for a council's own measures.",
      ),
    edition: z.string().min(1).describe("Edition of the family the file describes, e.g. '2014' or '2023'."),
    title: z.string().min(1).describe('Human title of the family edition.'),
    description: z
      .string()
      .min(1)
      .optional()
      .describe('What the file covers and where its definitions come from.'),
    measures: z.array(measureDefinitionSchema).describe('The measures of this family edition.'),
  })
  .describe('A measure catalogue file: one family edition and its measure definitions.');

export type MeasureUnit = (typeof measureUnits)[number];
export type Polarity = (typeof polarities)[number];
export type MeasureSource = (typeof measureSources)[number];
export type Frequency = (typeof frequencies)[number];
export type MeasureDefinition = z.infer<typeof measureDefinitionSchema>;
export type MeasureDefinitionInput = z.input<typeof measureDefinitionSchema>;
export type MeasureFile = z.infer<typeof measureFileSchema>;
export type MeasureFileInput = z.input<typeof measureFileSchema>;
export type SeriesLink = z.infer<typeof seriesLinkSchema>;
export type DefinitionBreak = z.infer<typeof definitionBreakSchema>;

function checkMeasureConsistency(measure: MeasureShape, ctx: z.RefinementCtx): void {
  const report = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });

  const expected = multiplierForUnit(measure.unit);
  if (measure.multiplier !== expected) {
    report(
      ['multiplier'],
      `unit '${measure.unit}' implies multiplier ${expected}, not ${measure.multiplier}`,
    );
  }
  if (measure.unit === 'percent' || measure.unit === 'rate-per-100k') {
    for (const part of ['numerator', 'denominator'] as const) {
      if (!measure[part]) report([part], `a ${measure.unit} measure needs a ${part} definition`);
    }
  }

  const start = yearOf(measure.validFrom);
  const end = measure.validTo === undefined ? Infinity : yearOf(measure.validTo);
  if (end < start) report(['validTo'], `validTo ${measure.validTo} is before validFrom ${measure.validFrom}`);

  if (measure.series && !withinValidity(yearOf(measure.series.from), start, end)) {
    report(['series', 'from'], `series.from ${measure.series.from} is outside the measure's validity`);
  }
  measure.breaks?.forEach((change, index) => {
    const year = yearOf(change.from);
    // A break in the first year would have nothing before it under this code: that is a series link instead.
    if (year <= start || year > end) {
      report(
        ['breaks', index, 'from'],
        `break ${change.from} must fall after validFrom and within the validity`,
      );
    }
  });
}

function yearOf(label: string): number {
  return financialYearStart(label) ?? Number.NaN;
}

function withinValidity(year: number, start: number, end: number): boolean {
  return year >= start && year <= end;
}

// ---------------------------------------------------------------------------
// Catalogue validation
// ---------------------------------------------------------------------------

/** A measure as loaded into the catalogue: its definition plus the family edition it belongs to. */
export type CatalogueMeasure = MeasureDefinition & { family: string; edition: string };

/** One catalogue file as parsed from YAML, before validation. */
export interface CatalogueFileInput {
  file: string;
  content: unknown;
}

export type PathSegment = string | number;

export interface CatalogueProblem {
  file: string;
  /** Readable location inside the file, e.g. 'measures[3].numerator.definition'; '' for the whole file. */
  path: string;
  segments: readonly PathSegment[];
  measureId?: string;
  /** Line in the source file, when the loader could locate it. */
  line?: number;
  message: string;
}

export interface CatalogueValidation {
  measures: CatalogueMeasure[];
  problems: CatalogueProblem[];
}

interface Located {
  measure: CatalogueMeasure;
  file: string;
  index: number;
}

// The envelope is checked first so that one bad measure costs only itself, not the whole file.
const measureFileEnvelopeSchema = measureFileSchema.extend({ measures: z.array(z.unknown()) });

const parseOptions = {
  error: (issue: { code?: string; input?: unknown }) =>
    issue.code === 'invalid_type' && issue.input === undefined ? 'required' : undefined,
};

/**
 * Validates parsed catalogue files: each measure on its own, then ids, codes and series links across files.
 * Measures with problems are left out; everything else loads.
 */
export function validateCatalogue(files: readonly CatalogueFileInput[]): CatalogueValidation {
  const problems: CatalogueProblem[] = [];
  const declaredIds = new Set<string>();
  const candidates = files.flatMap((input) => validateFile(input, problems, declaredIds));
  const unique = dropDuplicates(candidates, problems);
  const acyclic = dropCycles(unique, problems);
  const linked = dropBrokenLinks(acyclic, declaredIds, problems);
  return { measures: linked.map((entry) => entry.measure), problems };
}

/** Validates one file's measures one by one; `declaredIds` collects every id written, valid or not. */
function validateFile(
  { file, content }: CatalogueFileInput,
  problems: CatalogueProblem[],
  declaredIds: Set<string>,
): Located[] {
  const envelope = measureFileEnvelopeSchema.safeParse(content, parseOptions);
  if (!envelope.success) {
    problems.push(...envelope.error.issues.map((issue) => problemFromIssue(file, [], issue)));
    return [];
  }
  const { family, edition, measures } = envelope.data;
  return measures.flatMap((raw, index) => {
    const measureId = rawId(raw);
    if (measureId !== undefined) declaredIds.add(measureId);
    const parsed = measureDefinitionSchema.safeParse(raw, parseOptions);
    if (parsed.success) return [{ measure: { ...parsed.data, family, edition }, file, index }];
    problems.push(
      ...parsed.error.issues.map((issue) => problemFromIssue(file, ['measures', index], issue, measureId)),
    );
    return [];
  });
}

function problemFromIssue(
  file: string,
  prefix: PathSegment[],
  issue: z.core.$ZodIssue,
  measureId?: string,
): CatalogueProblem {
  const segments = [...prefix, ...issue.path.map((key) => (typeof key === 'number' ? key : String(key)))];
  return problem(file, segments, issue.message, measureId);
}

function problem(
  file: string,
  segments: PathSegment[],
  message: string,
  measureId?: string,
): CatalogueProblem {
  const base = { file, path: formatPath(segments), segments, message };
  return measureId === undefined ? base : { ...base, measureId };
}

function problemAt(entry: Located, field: PathSegment[], message: string): CatalogueProblem {
  return problem(entry.file, ['measures', entry.index, ...field], message, entry.measure.id);
}

function rawId(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return undefined;
  return typeof raw.id === 'string' ? raw.id : undefined;
}

/** 'measures[3].numerator.definition' from ['measures', 3, 'numerator', 'definition']. */
export function formatPath(segments: readonly PathSegment[]): string {
  return segments
    .map((segment, position) => {
      if (typeof segment === 'number') return `[${segment}]`;
      return position === 0 ? segment : `.${segment}`;
    })
    .join('');
}

function where(entry: Located): string {
  return `${entry.file} ${formatPath(['measures', entry.index])}`;
}

/** Keeps the first definition of each id (and of each code within a family edition) and reports the rest. */
function dropDuplicates(candidates: Located[], problems: CatalogueProblem[]): Located[] {
  const byId = new Map<string, Located>();
  const byCode = new Map<string, Located>();
  return candidates.filter((entry) => {
    const { id, family, edition, code } = entry.measure;
    const sameId = byId.get(id);
    if (sameId) {
      problems.push(
        problemAt(entry, ['id'], `duplicate id '${id}', first defined at ${where(sameId)}; ignored`),
      );
      return false;
    }
    const codeKey = `${family}\u0000${edition}\u0000${code.toUpperCase()}`;
    const sameCode = byCode.get(codeKey);
    if (sameCode) {
      problems.push(
        problemAt(
          entry,
          ['code'],
          `duplicate code '${code}' in ${family} edition ${edition}, first used by '${sameCode.measure.id}'; ignored`,
        ),
      );
      return false;
    }
    byId.set(id, entry);
    byCode.set(codeKey, entry);
    return true;
  });
}

/** Reports and removes every measure that sits on a loop of series links. */
function dropCycles(entries: Located[], problems: CatalogueProblem[]): Located[] {
  const byId = new Map(entries.map((entry) => [entry.measure.id, entry]));
  const inCycle = new Map<string, string[]>();
  for (const entry of entries) {
    const cycle = cycleThrough(entry.measure.id, byId);
    if (cycle) inCycle.set(entry.measure.id, cycle);
  }
  return entries.filter((entry) => {
    const cycle = inCycle.get(entry.measure.id);
    if (!cycle) return true;
    const loop = [...cycle, cycle[0]].join(' → ');
    problems.push(problemAt(entry, ['series', 'continues'], `series links form a cycle: ${loop}`));
    return false;
  });
}

/** The loop of ids starting at `id`, if following `continues` from it comes back to it. */
function cycleThrough(id: string, byId: ReadonlyMap<string, Located>): string[] | undefined {
  const path: string[] = [];
  const seen = new Set<string>();
  let current: string | undefined = id;
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    path.push(current);
    current = byId.get(current)?.measure.series?.continues;
  }
  return current === id ? path : undefined;
}

/**
 * Removes measures whose predecessor is not in the catalogue, repeating until stable so that
 * every loaded `series.continues` resolves to a loaded measure.
 */
function dropBrokenLinks(
  entries: Located[],
  declaredIds: ReadonlySet<string>,
  problems: CatalogueProblem[],
): Located[] {
  let kept = entries;
  for (;;) {
    const loaded = new Set(kept.map((entry) => entry.measure.id));
    const next = kept.filter((entry) => {
      const predecessor = entry.measure.series?.continues;
      if (predecessor === undefined || loaded.has(predecessor)) return true;
      const message = declaredIds.has(predecessor)
        ? `series.continues '${predecessor}' was not loaded because of its own problems`
        : `series.continues refers to unknown measure '${predecessor}'`;
      problems.push(problemAt(entry, ['series', 'continues'], message));
      return false;
    });
    if (next.length === kept.length) return next;
    kept = next;
  }
}

/** One line per problem, e.g. "catalogue/measures/ascof-2014.yaml:12 measures[0].unit (ascof14-1A): …". */
export function formatProblem(problem: CatalogueProblem): string {
  const location = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const path = problem.path === '' ? '' : ` ${problem.path}`;
  const id = problem.measureId === undefined ? '' : ` (${problem.measureId})`;
  return `${location}${path}${id}: ${problem.message}`;
}

// ---------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------

/** A point in a trend series where values before and after are not directly comparable. */
export interface SeriesBreak {
  from: string;
  measureId: string;
  reason: string;
  kind: 'code-change' | 'definition-change';
}

export interface SeriesChain {
  /** Measure ids the trend follows, oldest first. */
  ids: string[];
  /** Breaks along the chain, oldest first. */
  breaks: SeriesBreak[];
}

type ChainMeasure = Pick<MeasureDefinition, 'id' | 'series' | 'breaks'>;

/**
 * The measures a trend for `id` follows, back through its predecessors, with the points where
 * the definition changed. Undefined when `id` is not in `measures`.
 */
export function seriesChain(measures: readonly ChainMeasure[], id: string): SeriesChain | undefined {
  const byId = new Map(measures.map((measure) => [measure.id, measure]));
  const newestFirst: ChainMeasure[] = [];
  let current = byId.get(id);
  while (current && !newestFirst.includes(current)) {
    newestFirst.push(current);
    const predecessor = current.series?.continues;
    current = predecessor === undefined ? undefined : byId.get(predecessor);
  }
  if (newestFirst.length === 0) return undefined;
  const chain = newestFirst.reverse();
  return { ids: chain.map((measure) => measure.id), breaks: breaksAlong(chain) };
}

function breaksAlong(chain: readonly ChainMeasure[]): SeriesBreak[] {
  const breaks = chain.flatMap((measure): SeriesBreak[] => {
    const atLink: SeriesBreak[] =
      measure.series && !measure.series.comparable && measure !== chain[0]
        ? [
            {
              from: measure.series.from,
              measureId: measure.id,
              reason: measure.series.note,
              kind: 'code-change',
            },
          ]
        : [];
    const within = (measure.breaks ?? []).map((change): SeriesBreak => ({
      ...change,
      measureId: measure.id,
      kind: 'definition-change',
    }));
    return [...atLink, ...within];
  });
  return breaks.sort((a, b) => yearOf(a.from) - yearOf(b.from));
}

/** Finds a measure by its published code within a family edition, e.g. ('ascof', '2014', '2A2'). */
export function findByCode(
  measures: readonly CatalogueMeasure[],
  family: string,
  edition: string,
  code: string,
): CatalogueMeasure | undefined {
  const wanted = code.trim().toUpperCase();
  return measures.find(
    (measure) =>
      measure.family === family && measure.edition === edition && measure.code.toUpperCase() === wanted,
  );
}

/**
 * A value as published: rounded half away from zero to the measure's decimals, grouped in thousands,
 * with its unit ('63.2%', '604.1 per 100,000', '£1,250.00', '19.1').
 */
export function formatValue(measure: Pick<MeasureDefinition, 'unit' | 'decimals'>, value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot format a non-finite value (${value})`);
  const formatted = new Intl.NumberFormat('en-GB', {
    minimumFractionDigits: measure.decimals,
    maximumFractionDigits: measure.decimals,
  }).format(value);
  // A small negative value rounds to "-0.0"; published tables show it unsigned.
  const number = /^-0(\.0*)?$/.test(formatted) ? formatted.slice(1) : formatted;
  switch (measure.unit) {
    case 'percent':
      return `${number}%`;
    case 'rate-per-100k':
      return `${number} per 100,000`;
    case 'currency':
      return number.startsWith('-') ? `-£${number.slice(1)}` : `£${number}`;
    case 'days':
    case 'weeks':
    case 'hours':
      return `${number} ${number === '1' ? measure.unit.slice(0, -1) : measure.unit}`;
    case 'score':
    case 'count':
    case 'ratio':
      return number;
  }
}
