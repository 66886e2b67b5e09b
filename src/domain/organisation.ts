/**
 * The organisation register: England, its regions, the council types national files group councils
 * by, and the councils with adult social services responsibilities (CASSRs), with validity dates and
 * successors so that a series never silently joins two different bodies. Pure: no I/O.
 */
import { z } from 'zod';

export const organisationKinds = ['country', 'region', 'council_type', 'council'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

const COUNTRY_CODE = /^E92\d{6}$/;
const REGION_CODE = /^E12\d{6}$/;
const COUNCIL_CODE = /^E(06|08|09|10)\d{6}$/;
const COUNCIL_TYPE_CODE = /^CT-[A-Z]+(-[A-Z]+)*$/;

/** Whether a code has the shape of an upper-tier council's ONS code (E06, E08, E09 or E10). */
export const isCouncilCode = (code: string): boolean => COUNCIL_CODE.test(code);

const isoDate = z.iso.date({ error: 'expected an ISO date such as 2019-04-01' });

const nameSchema = z.string().trim().min(1).describe('Current official name, as ONS spells it.');
const aliasesSchema = z
  .array(z.string().trim().min(1))
  .default([])
  .describe('Other spellings national files have used; matched case-insensitively, ignoring punctuation.');
const validFromSchema = isoDate
  .optional()
  .describe('First day the organisation existed; omitted when it predates the data.');
const validToSchema = isoDate
  .optional()
  .describe('Last day the organisation existed (inclusive); omitted while it exists.');
const notesSchema = z
  .string()
  .trim()
  .min(1)
  .optional()
  .describe('Why an entry is as it is: reorganisations, odd spellings, judgement calls.');

export const successorSchema = z
  .strictObject({
    code: z
      .string()
      .describe('Code of an organisation of the same kind that took over all or part of this one.'),
    effective: isoDate.describe(
      'First day the successor was responsible: the day after the predecessor’s validTo.',
    ),
  })
  .describe('A body that took over all or part of this one.');
export type Successor = z.infer<typeof successorSchema>;

const successorsSchema = z
  .array(successorSchema)
  .default([])
  .describe('Bodies that replaced this one; empty while it exists.');

interface Dated {
  validFrom?: string | undefined;
  validTo?: string | undefined;
}
const datesInOrder = (e: Dated) => !e.validFrom || !e.validTo || e.validFrom <= e.validTo;
const datesInOrderError = { error: 'validFrom must not be after validTo', path: ['validTo'] };

function entrySchema(code: RegExp, codeHint: string, description: string) {
  return z
    .strictObject({
      code: z
        .string()
        .regex(code, { error: `expected ${codeHint}` })
        .describe(`Identifier: ${codeHint}.`),
      name: nameSchema,
      aliases: aliasesSchema,
      validFrom: validFromSchema,
      validTo: validToSchema,
      notes: notesSchema,
    })
    .refine(datesInOrder, datesInOrderError)
    .describe(description);
}

export const countryEntrySchema = entrySchema(
  COUNTRY_CODE,
  'an ONS country code such as E92000001',
  'A country (England).',
);
export const regionEntrySchema = entrySchema(
  REGION_CODE,
  'an ONS region code such as E12000002',
  'One of the nine English regions.',
);
export const councilTypeEntrySchema = entrySchema(
  COUNCIL_TYPE_CODE,
  'a council type code such as CT-SHIRE',
  'A council type national files aggregate by (shire county, unitary, metropolitan district, London).',
);

export const councilEntrySchema = z
  .strictObject({
    code: z
      .string()
      .regex(COUNCIL_CODE, { error: 'expected an ONS council code such as E08000003' })
      .describe(
        'ONS code of the upper-tier council (E06 unitary, E08 metropolitan district, E09 London borough, E10 county).',
      ),
    name: nameSchema,
    aliases: aliasesSchema,
    region: z
      .string()
      .regex(REGION_CODE, { error: 'expected an ONS region code such as E12000002' })
      .describe('Code of the region the council is in.'),
    type: z
      .string()
      .regex(COUNCIL_TYPE_CODE, { error: 'expected a council type code such as CT-SHIRE' })
      .describe('Code of the council type.'),
    validFrom: validFromSchema,
    validTo: validToSchema,
    successors: successorsSchema,
    notes: notesSchema,
  })
  .refine(datesInOrder, datesInOrderError)
  .refine((e) => e.successors.length === 0 || e.validTo !== undefined, {
    error: 'a council with successors needs a validTo',
    path: ['validTo'],
  })
  .describe('A council with adult social services responsibilities (CASSR).');

/** One YAML file of the register. Every section is optional; a file usually holds one or two. */
export const organisationFileSchema = z
  .strictObject({
    version: z.literal(1).describe('File format version.'),
    countries: z.array(countryEntrySchema).optional().describe('Countries (England).'),
    regions: z.array(regionEntrySchema).optional().describe('Regions.'),
    councilTypes: z.array(councilTypeEntrySchema).optional().describe('Council types.'),
    councils: z.array(councilEntrySchema).optional().describe('Councils (CASSRs).'),
  })
  .describe('A file of the organisation register.');
export type OrganisationFile = z.input<typeof organisationFileSchema>;

type Section = Exclude<keyof typeof organisationFileSchema.shape, 'version'>;
const sectionKinds: Record<Section, OrganisationKind> = {
  countries: 'country',
  regions: 'region',
  councilTypes: 'council_type',
  councils: 'council',
};
const sections = Object.keys(sectionKinds) as Section[];

/** An organisation as the rest of the product sees it, whatever file it came from. */
export const organisationSchema = z
  .strictObject({
    kind: z.enum(organisationKinds).describe('What the organisation is.'),
    code: z.string().describe('ONS code, or a CT- code for council types.'),
    name: nameSchema,
    aliases: z.array(z.string()).describe('Other spellings.'),
    regionCode: z.string().optional().describe('Councils: code of their region.'),
    councilTypeCode: z.string().optional().describe('Councils: code of their council type.'),
    validFrom: validFromSchema,
    validTo: validToSchema,
    successors: z.array(successorSchema).describe('Bodies that replaced this one.'),
    notes: notesSchema,
  })
  .describe('An organisation in the register.');
export type Organisation = z.infer<typeof organisationSchema>;

export type ProblemPath = (string | number)[];

export interface RegisterProblem {
  file: string;
  /** Where in the file, e.g. ['councils', 12, 'region']; empty for the whole file. */
  path: ProblemPath;
  message: string;
  /** 1-based line, when the loader knows it. */
  line?: number;
}

export interface OrganisationRegister {
  readonly organisations: readonly Organisation[];
  readonly byCode: ReadonlyMap<string, Organisation>;
  /** Per kind, normalised name or alias → organisations (several only when their validity does not overlap). */
  readonly byName: ReadonlyMap<OrganisationKind, ReadonlyMap<string, readonly Organisation[]>>;
}

export interface RegisterBuild {
  register: OrganisationRegister;
  problems: RegisterProblem[];
}

/** A parsed file: content is whatever the YAML held, unvalidated. */
export interface OrganisationSource {
  file: string;
  content: unknown;
}

// ---------------------------------------------------------------------------------------------
// Names, dates

/** Case-, whitespace- and punctuation-insensitive form of a name: 'St. Helens' = 'st helens'. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’‘`]/g, '') // King's = Kings
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function isActive(org: Dated, isoDate: string): boolean {
  return (!org.validFrom || org.validFrom <= isoDate) && (!org.validTo || isoDate <= org.validTo);
}

function overlaps(a: Dated, b: Dated): boolean {
  return (
    (!a.validFrom || !b.validTo || a.validFrom <= b.validTo) &&
    (!b.validFrom || !a.validTo || b.validFrom <= a.validTo)
  );
}

function dayAfter(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function namesOf(org: Organisation): Set<string> {
  return new Set([org.name, ...org.aliases].map(normaliseName));
}

// ---------------------------------------------------------------------------------------------
// Building the register

interface Located {
  org: Organisation;
  file: string;
  path: ProblemPath;
}

type CouncilEntry = z.infer<typeof councilEntrySchema>;
type AnyEntry = z.infer<typeof countryEntrySchema> &
  Partial<Pick<CouncilEntry, 'region' | 'type' | 'successors'>>;

function toOrganisation(kind: OrganisationKind, e: AnyEntry): Organisation {
  const org: Organisation = {
    kind,
    code: e.code,
    name: e.name,
    aliases: e.aliases,
    successors: e.successors ?? [],
  };
  if (e.region !== undefined) org.regionCode = e.region;
  if (e.type !== undefined) org.councilTypeCode = e.type;
  if (e.validFrom !== undefined) org.validFrom = e.validFrom;
  if (e.validTo !== undefined) org.validTo = e.validTo;
  if (e.notes !== undefined) org.notes = e.notes;
  return org;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const toPath = (p: readonly PropertyKey[]): ProblemPath =>
  p.map((k) => (typeof k === 'number' ? k : String(k)));

/** Validates one file entry by entry, so one bad entry does not hide the rest. */
function readFile({ file, content }: OrganisationSource, problems: RegisterProblem[]): Located[] {
  const problem = (path: ProblemPath, message: string) => problems.push({ file, path, message });
  if (!isRecord(content)) {
    problem(
      [],
      'expected a mapping with version: 1 and lists of countries, regions, councilTypes or councils',
    );
    return [];
  }
  if (!organisationFileSchema.shape.version.safeParse(content.version).success) {
    problem(['version'], `unsupported version ${JSON.stringify(content.version)}; expected version: 1`);
    return [];
  }
  for (const key of Object.keys(content)) {
    if (key !== 'version' && !(sections as string[]).includes(key)) {
      problem([key], `unknown section '${key}'; expected one of ${sections.join(', ')}`);
    }
  }
  const located: Located[] = [];
  for (const section of sections) {
    const entries = content[section];
    if (entries === undefined || entries === null) continue;
    if (!Array.isArray(entries)) {
      problem([section], 'expected a list');
      continue;
    }
    const schema = organisationFileSchema.shape[section].unwrap().element;
    entries.forEach((raw: unknown, index) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) {
        located.push({
          org: toOrganisation(sectionKinds[section], parsed.data),
          file,
          path: [section, index],
        });
      } else {
        for (const issue of parsed.error.issues)
          problem([section, index, ...toPath(issue.path)], issue.message);
      }
    });
  }
  return located;
}

const where = (l: Located) => `${l.file} ${formatPath(l.path)}`;

function dropDuplicateCodes(all: Located[], problems: RegisterProblem[]): Located[] {
  const seen = new Map<string, Located>();
  return all.filter((l) => {
    const first = seen.get(l.org.code);
    if (first) {
      problems.push({
        file: l.file,
        path: [...l.path, 'code'],
        message: `duplicate code ${l.org.code}, already defined at ${where(first)}`,
      });
      return false;
    }
    seen.set(l.org.code, l);
    return true;
  });
}

/** Two bodies of a kind may share a name only if they never existed at the same time (Dorset county and Dorset unitary). */
function dropClashingNames(all: Located[], problems: RegisterProblem[]): Located[] {
  const kept: Located[] = [];
  for (const l of all) {
    const names = namesOf(l.org);
    const clash = kept.find(
      (k) =>
        k.org.kind === l.org.kind && overlaps(k.org, l.org) && [...namesOf(k.org)].some((n) => names.has(n)),
    );
    if (clash) {
      const shared = [...namesOf(clash.org)].filter((n) => names.has(n)).join("', '");
      problems.push({
        file: l.file,
        path: l.path,
        message: `${l.org.code} shares the name '${shared}' with ${clash.org.code} (${where(clash)}) while both are active`,
      });
    } else {
      kept.push(l);
    }
  }
  return kept;
}

function referenceProblems(l: Located, byCode: ReadonlyMap<string, Organisation>): RegisterProblem[] {
  const out: RegisterProblem[] = [];
  const problem = (path: ProblemPath, message: string) =>
    out.push({ file: l.file, path: [...l.path, ...path], message });
  const { org } = l;
  const expectKind = (code: string | undefined, kind: OrganisationKind, label: string, path: ProblemPath) => {
    if (code === undefined) return;
    const target = byCode.get(code);
    if (!target) problem(path, `unknown ${label} code ${code}`);
    else if (target.kind !== kind)
      problem(path, `${code} is a ${target.kind.replace('_', ' ')}, not a ${label}`);
  };
  if (org.kind === 'council') {
    if (org.regionCode === undefined) problem(['region'], 'a council needs a region');
    if (org.councilTypeCode === undefined) problem(['type'], 'a council needs a type');
  }
  expectKind(org.regionCode, 'region', 'region', ['region']);
  expectKind(org.councilTypeCode, 'council_type', 'council type', ['type']);
  org.successors.forEach((s, i) => {
    const path = ['successors', i];
    const successor = byCode.get(s.code);
    if (!successor) problem([...path, 'code'], `unknown successor code ${s.code}`);
    else if (successor.code === org.code) problem([...path, 'code'], 'an organisation cannot succeed itself');
    else if (successor.kind !== org.kind)
      problem(
        [...path, 'code'],
        `successor ${s.code} is a ${successor.kind.replace('_', ' ')}, not a ${org.kind.replace('_', ' ')}`,
      );
    else if (!isActive(successor, s.effective))
      problem([...path, 'effective'], `successor ${s.code} is not active on ${s.effective}`);
    if (org.validTo !== undefined && s.effective !== dayAfter(org.validTo)) {
      problem(
        [...path, 'effective'],
        `effective ${s.effective} should be the day after validTo ${org.validTo}`,
      );
    }
  });
  return out;
}

/** Drops entries whose references fail, repeating because a dropped entry may be another's target. */
function dropBrokenReferences(all: Located[], problems: RegisterProblem[]): Located[] {
  let kept = all;
  for (;;) {
    const byCode = new Map(kept.map((l) => [l.org.code, l.org]));
    const next = kept.filter((l) => {
      const found = referenceProblems(l, byCode);
      problems.push(...found);
      return found.length === 0;
    });
    if (next.length === kept.length) return kept;
    kept = next;
  }
}

function indexRegister(organisations: Organisation[]): OrganisationRegister {
  const byCode = new Map(organisations.map((o) => [o.code, o]));
  const byName = new Map<OrganisationKind, Map<string, Organisation[]>>(
    organisationKinds.map((k) => [k, new Map()]),
  );
  for (const org of organisations) {
    const names = byName.get(org.kind);
    for (const n of namesOf(org)) names?.set(n, [...(names.get(n) ?? []), org]);
  }
  return { organisations, byCode, byName };
}

/**
 * Validates the files together (each entry, then cross-references: region and type codes exist,
 * successors exist, no duplicate codes, no name shared by two bodies at once). A bad entry is
 * reported with its file and path and left out; the rest load.
 */
export function buildRegister(files: readonly OrganisationSource[]): RegisterBuild {
  const problems: RegisterProblem[] = [];
  const entries = files.flatMap((f) => readFile(f, problems));
  const kept = dropBrokenReferences(
    dropClashingNames(dropDuplicateCodes(entries, problems), problems),
    problems,
  );
  return { register: indexRegister(kept.map((l) => l.org)), problems };
}

export function formatPath(path: ProblemPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function formatProblem(p: RegisterProblem): string {
  const at = [p.line === undefined ? p.file : `${p.file}:${p.line}`, formatPath(p.path)]
    .filter(Boolean)
    .join(' ');
  return `${at}: ${p.message}`;
}

// ---------------------------------------------------------------------------------------------
// Looking things up

const levelKinds: Record<string, OrganisationKind> = {
  council: 'council',
  region: 'region',
  'council type': 'council_type',
  england: 'country',
  country: 'country',
};

/** The kind of organisation a national file's 'Geographical Level' names ('Council type' and 'Council Type' alike). */
export function kindOfLevel(level: string): OrganisationKind | undefined {
  return levelKinds[level.trim().replace(/\s+/g, ' ').toLowerCase()];
}

export interface ResolveQuery {
  /** ONS code; blank for council-type rows. When given it decides: a name never overrides it. */
  code?: string | undefined;
  name?: string | undefined;
  /** 'Council', 'Region', 'Council Type', 'Council type' or 'England'. */
  level: string;
  /** An ISO date within the row's period: rejects bodies not active then and picks between same-named ones. */
  on?: string | undefined;
}

export type ResolveResult =
  { ok: true; organisation: Organisation; matchedBy: 'code' | 'name' } | { ok: false; reason: string };

/** Maps a national-file row to an organisation, by code when it has one, else by name. */
export function resolveByNameOrCode(register: OrganisationRegister, query: ResolveQuery): ResolveResult {
  const kind = kindOfLevel(query.level);
  if (!kind) return { ok: false, reason: `unknown geographical level '${query.level}'` };
  const code = query.code?.trim();
  if (code) return resolveByCode(register, kind, code, query.on);
  const name = query.name?.trim();
  if (!name) return { ok: false, reason: 'neither a code nor a name given' };
  return resolveByName(register, kind, name, query.on);
}

function resolveByCode(
  register: OrganisationRegister,
  kind: OrganisationKind,
  code: string,
  on?: string,
): ResolveResult {
  const org = register.byCode.get(code);
  if (!org || org.kind !== kind)
    return { ok: false, reason: `no ${kind.replace('_', ' ')} with code ${code}` };
  if (on && !isActive(org, on)) return { ok: false, reason: `${code} ${org.name} is not active on ${on}` };
  return { ok: true, organisation: org, matchedBy: 'code' };
}

function resolveByName(
  register: OrganisationRegister,
  kind: OrganisationKind,
  name: string,
  on?: string,
): ResolveResult {
  const all = register.byName.get(kind)?.get(normaliseName(name)) ?? [];
  const candidates = on ? all.filter((o) => isActive(o, on)) : all;
  const [only, ...rest] = candidates;
  if (only && rest.length === 0) return { ok: true, organisation: only, matchedBy: 'name' };
  const label = kind.replace('_', ' ');
  if (!only) {
    return {
      ok: false,
      reason: all.length ? `no ${label} named '${name}' is active on ${on}` : `no ${label} named '${name}'`,
    };
  }
  const codes = candidates.map((o) => o.code).join(', ');
  return { ok: false, reason: `'${name}' names several ${label}s (${codes}); give a code or a date` };
}

/** The bodies that directly replaced an organisation (Northamptonshire → North and West Northamptonshire). */
export function successorsOf(register: OrganisationRegister, code: string): Organisation[] {
  const org = register.byCode.get(code);
  return (org?.successors ?? []).flatMap((s) => register.byCode.get(s.code) ?? []);
}

/** The bodies an organisation directly replaced. */
export function predecessorsOf(register: OrganisationRegister, code: string): Organisation[] {
  return register.organisations.filter((o) => o.successors.some((s) => s.code === code));
}

export interface CouncilFilter {
  regionCode?: string;
  councilTypeCode?: string;
}

/** Councils that existed on a date, optionally in one region or of one type. */
export function councilsActiveOn(
  register: OrganisationRegister,
  isoDate: string,
  filter: CouncilFilter = {},
): Organisation[] {
  return register.organisations.filter(
    (o) =>
      o.kind === 'council' &&
      isActive(o, isoDate) &&
      (filter.regionCode === undefined || o.regionCode === filter.regionCode) &&
      (filter.councilTypeCode === undefined || o.councilTypeCode === filter.councilTypeCode),
  );
}
