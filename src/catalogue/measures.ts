import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import {
  formatProblem,
  validateCatalogue,
  type CatalogueFileInput,
  type CatalogueMeasure,
  type CatalogueProblem,
  type CatalogueValidation,
  type PathSegment,
} from '../domain/measure.js';
import { paths, projectRoot } from '../paths.js';

export const defaultMeasureDirectory = path.join(paths.catalogue, 'measures');

const CATALOGUE_FILE = /\.ya?ml$/i;

interface ParsedFile {
  input: CatalogueFileInput;
  document: Document;
  lines: LineCounter;
}

/**
 * Reads every YAML file in `directory` (sorted by name, so duplicate handling is deterministic) and validates
 * them as one catalogue. Never throws for bad content: unreadable or invalid files come back as problems.
 */
export async function loadMeasureCatalogue(
  directory = defaultMeasureDirectory,
): Promise<CatalogueValidation> {
  const listing = await listCatalogueFiles(directory);
  if ('problem' in listing) return { measures: [], problems: [listing.problem] };

  const problems: CatalogueProblem[] = [];
  const parsed: ParsedFile[] = [];
  for (const file of listing.files) {
    const result = await parseCatalogueFile(file);
    if ('problems' in result) problems.push(...result.problems);
    else parsed.push(result);
  }

  const validation = validateCatalogue(parsed.map((file) => file.input));
  const byFile = new Map(parsed.map((file) => [file.input.file, file]));
  const located = validation.problems.map((problem) => withLine(problem, byFile.get(problem.file)));
  return { measures: validation.measures, problems: [...problems, ...located] };
}

/** Loads the catalogue, or throws one error listing every problem found. */
export async function loadMeasureCatalogueOrThrow(
  directory = defaultMeasureDirectory,
): Promise<CatalogueMeasure[]> {
  const { measures, problems } = await loadMeasureCatalogue(directory);
  if (problems.length > 0) {
    const heading = `Measure catalogue in ${displayPath(directory)} has ${problems.length} problem(s):`;
    throw new Error([heading, ...problems.map((problem) => `  - ${formatProblem(problem)}`)].join('\n'));
  }
  return measures;
}

async function listCatalogueFiles(
  directory: string,
): Promise<{ files: string[] } | { problem: CatalogueProblem }> {
  try {
    const names = await readdir(directory);
    const files = names
      .filter((name) => CATALOGUE_FILE.test(name))
      .sort()
      .map((name) => path.join(directory, name));
    return { files };
  } catch (error) {
    return { problem: fileProblem(directory, `cannot read the catalogue directory: ${errorMessage(error)}`) };
  }
}

async function parseCatalogueFile(file: string): Promise<ParsedFile | { problems: CatalogueProblem[] }> {
  const shown = displayPath(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { problems: [fileProblem(shown, `cannot read the file: ${errorMessage(error)}`)] };
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => {
      const line = error.linePos?.[0].line;
      const base = fileProblem(shown, `invalid YAML: ${error.message.split('\n')[0] ?? error.code}`);
      return line === undefined ? base : { ...base, line };
    });
    return { problems };
  }
  return { input: { file: shown, content: document.toJS() }, document, lines };
}

/** Adds the source line of the deepest node on the problem's path that exists in the file. */
function withLine(problem: CatalogueProblem, parsed: ParsedFile | undefined): CatalogueProblem {
  if (!parsed) return problem;
  const line = lineOf(parsed, problem.segments);
  return line === undefined ? problem : { ...problem, line };
}

function lineOf({ document, lines }: ParsedFile, segments: readonly PathSegment[]): number | undefined {
  for (let depth = segments.length; depth >= 0; depth -= 1) {
    const node: unknown = document.getIn(segments.slice(0, depth), true);
    const offset = rangeStart(node);
    if (offset !== undefined) return lines.linePos(offset).line;
  }
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range: unknown = node.range;
  return Array.isArray(range) && typeof range[0] === 'number' ? range[0] : undefined;
}

function fileProblem(file: string, message: string): CatalogueProblem {
  return { file, path: '', segments: [], message };
}

/** Paths inside the project are shown relative to its root, so messages read the same on every machine. */
function displayPath(file: string): string {
  const relative = path.relative(projectRoot, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
