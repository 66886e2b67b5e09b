/** Loads the organisation register from the catalogue's YAML files. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { paths } from '../paths.js';
import { buildRegister, formatProblem } from '../domain/organisation.js';
import type {
  OrganisationRegister,
  OrganisationSource,
  ProblemPath,
  RegisterBuild,
  RegisterProblem,
} from '../domain/organisation.js';

export const organisationsDirectory = path.join(paths.catalogue, 'organisations');

export class OrganisationRegisterError extends Error {
  readonly problems: readonly RegisterProblem[];

  constructor(problems: readonly RegisterProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(
      `The organisation register has ${count}:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    );
    this.name = 'OrganisationRegisterError';
    this.problems = problems;
  }
}

interface ParsedFile {
  source?: OrganisationSource;
  doc: Document;
  lines: LineCounter;
  problems: RegisterProblem[];
}

function parseFile(file: string, text: string): ParsedFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({
      file,
      path: [],
      message: (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, ''),
      ...(e.linePos ? { line: e.linePos[0].line } : {}),
    }));
    return { doc, lines, problems };
  }
  return { source: { file, content: doc.toJS() }, doc, lines, problems: [] };
}

/** The line of the deepest node on the path that exists (a missing key is reported at its entry). */
function lineOf(parsed: ParsedFile, problemPath: ProblemPath): number | undefined {
  for (let n = problemPath.length; n >= 0; n--) {
    const node: unknown = parsed.doc.getIn(problemPath.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return parsed.lines.linePos(range[0]).line;
  }
  return undefined;
}

async function yamlFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((n) => n.endsWith('.yaml')).sort();
}

/** Reads every *.yaml in the directory; bad entries come back as problems and the rest load. */
export async function loadOrganisations(dir: string = organisationsDirectory): Promise<RegisterBuild> {
  const parsed = new Map<string, ParsedFile>();
  for (const name of await yamlFiles(dir)) {
    const file = path.join(dir, name);
    parsed.set(file, parseFile(file, await readFile(file, 'utf8')));
  }
  const files = [...parsed.values()];
  const { register, problems } = buildRegister(files.flatMap((f) => (f.source ? [f.source] : [])));
  const located = problems.map((p) => {
    const file = parsed.get(p.file);
    const line = file ? lineOf(file, p.path) : undefined;
    return line === undefined ? p : { ...p, line };
  });
  return { register, problems: [...files.flatMap((f) => f.problems), ...located] };
}

/** For callers that need the whole register: throws one error listing every problem. */
export async function loadValidOrganisations(
  dir: string = organisationsDirectory,
): Promise<OrganisationRegister> {
  const { register, problems } = await loadOrganisations(dir);
  if (problems.length > 0) throw new OrganisationRegisterError(problems);
  return register;
}
