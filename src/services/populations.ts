import { createHash } from 'node:crypto';
import { councilsActiveOn, type OrganisationRegister } from '../domain/organisation.js';
import { ageBands, midYearDate, type AgeBand } from '../domain/population.js';
import { decodeText } from '../importers/decode.js';
import {
  assignAreas,
  decideArea,
  parsePopulationCsv,
  type AssignedAreas,
  type CouncilPopulation,
  type ParsedPopulation,
  type PopulationLayout,
} from '../importers/ons/population.js';
import type { ImportReport } from '../importers/report.js';
import type { Db } from '../store/db.js';
import {
  comparePopulations,
  findPopulations,
  upsertPopulations,
  type PopulationChanges,
  type PopulationInput,
  type PopulationRow,
  type ReplacedPopulation,
} from '../store/populations.js';
import { findReleaseByHash, insertRelease, type ReleaseInput } from '../store/releases.js';
import { ValidationError, type Actor } from './actor.js';
import { recordAudit } from './audit.js';
import type { OrganisationService } from './organisations.js';

/** One source per mid-year: a multi-year MYEB file is then imported once for each year it holds. */
export const populationSource = (year: number): string => `ons-population-mid-${year}`;

const FIRST_YEAR = 1961;
const LAST_YEAR = 2200;

export interface PopulationImportInput {
  fileName: string;
  bytes: Uint8Array;
  /** The mid-year the file is imported as (2023 for mid-2023). */
  year: number;
}

export interface PopulationImportReport extends ImportReport {
  year: number;
  layout?: PopulationLayout;
  rowsSkipped: number;
  /** Councils whose figures the file gave. */
  councils: number;
  /** Stored figures this file changed, with the values they had. */
  replaced: ReplacedPopulation[];
}

export interface PopulationFigure {
  orgCode: string;
  year: number;
  ageBand: AgeBand;
  population: number;
  releaseId: number;
}

const toFigure = (r: PopulationRow): PopulationFigure => ({
  orgCode: r.org_code,
  year: r.year,
  ageBand: r.age_band as AgeBand,
  population: r.population,
  releaseId: r.release_id,
});

function checkYear(year: number): number {
  if (Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR) return year;
  const message = `the mid-year must be a year such as 2023 (from ${FIRST_YEAR})`;
  throw new ValidationError('The population import cannot start', [{ field: 'year', message }]);
}

function emptyReport(input: PopulationImportInput, sha: string): PopulationImportReport {
  return {
    source: populationSource(input.year),
    fileName: input.fileName,
    fileSha256: sha,
    year: input.year,
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    rowsSkipped: 0,
    rejections: [],
    fileErrors: [],
    observationsAdded: 0,
    observationsUnchanged: 0,
    observationsSuperseded: 0,
    councils: 0,
    replaced: [],
    outcome: 'failed',
    notes: [],
  };
}

function decodeInto(report: PopulationImportReport, bytes: Uint8Array): string {
  const decoded = decodeText(bytes);
  report.encoding = decoded.encoding;
  if (decoded.encoding !== 'utf-8')
    report.notes.push('The file was read as Windows-1252 (it is not valid UTF-8).');
  if (decoded.repairedCharacters > 0)
    report.notes.push(`${decoded.repairedCharacters} mis-encoded Windows-1252 characters were repaired.`);
  return decoded.text;
}

/** Every row read is loaded, rejected (with its reason) or skipped (not a council). */
function countRows(report: PopulationImportReport, parsed: ParsedPopulation, assigned: AssignedAreas): void {
  report.rejections = [...parsed.rejections, ...assigned.rejections].sort((a, b) => a.row - b.row);
  report.rowsRejected = report.rejections.length;
  report.rowsSkipped = [...assigned.skipped.values()].reduce((n, t) => n + t.rows, 0);
  report.rowsLoaded = report.rowsRead - report.rowsRejected - report.rowsSkipped;
  report.councils = assigned.councils.length;
}

function skippedNote(skipped: AssignedAreas['skipped']): string | undefined {
  if (skipped.size === 0) return undefined;
  const tallies = [...skipped.values()];
  const rows = tallies.reduce((n, t) => n + t.rows, 0);
  const areas = tallies.reduce((n, t) => n + t.areas, 0);
  const kinds = [...skipped].map(([kind, t]) => `${kind} ${t.areas}`).join(', ');
  return `${rows} row(s) for ${areas} area(s) that are not councils with social services responsibilities were skipped (${kinds}).`;
}

function missingNote(
  register: OrganisationRegister,
  year: number,
  loaded: CouncilPopulation[],
  layout: PopulationLayout | undefined,
): string | undefined {
  const have = new Set(loaded.map((c) => c.orgCode));
  const missing = councilsActiveOn(register, midYearDate(year)).filter((c) => !have.has(c.code));
  if (missing.length === 0) return undefined;
  const names = missing.slice(0, 8).map((c) => c.name);
  const more = missing.length > names.length ? ` and ${missing.length - names.length} more` : '';
  // MYEB is published for districts only, so county councils have no rows of their own in it.
  const counties = layout === 'MYEB' && missing.some((c) => c.code.startsWith('E10'));
  const why = counties ? ' This layout gives districts, not county councils.' : '';
  return `No figures for ${missing.length} council(s) that existed on ${midYearDate(year)}: ${names.join(', ')}${more}.${why}`;
}

const toInputs = (councils: CouncilPopulation[]): PopulationInput[] =>
  councils.flatMap((c) =>
    ageBands.map((ageBand) => ({ orgCode: c.orgCode, ageBand, population: c.bands[ageBand] })),
  );

const changedInputs = (changes: PopulationChanges): PopulationInput[] => [
  ...changes.added,
  ...changes.replaced.map((r) => ({ orgCode: r.orgCode, ageBand: r.ageBand, population: r.after })),
];

const releaseOf = (actor: Actor, report: PopulationImportReport): ReleaseInput => ({
  source: report.source,
  fileName: report.fileName,
  fileSha256: report.fileSha256,
  importedBy: actor.userId,
  importedByLabel: actor.label,
  rowsRead: report.rowsRead,
  rowsLoaded: report.rowsLoaded,
  rowsRejected: report.rowsRejected,
  report,
});

function loadedReport(
  report: PopulationImportReport,
  releaseId: number,
  changes: PopulationChanges,
): PopulationImportReport {
  const replacedNote = `${changes.replaced.length} figure(s) replaced; the values they replaced are kept in this release's report.`;
  return {
    ...report,
    outcome: 'loaded',
    releaseId,
    observationsAdded: changes.added.length,
    observationsUnchanged: changes.unchanged,
    observationsSuperseded: changes.replaced.length,
    replaced: changes.replaced,
    notes: changes.replaced.length > 0 ? [...report.notes, replacedNote] : report.notes,
  };
}

/**
 * ONS mid-year population estimates per council and ASCOF age band: the denominators of rates per
 * 100,000 such as 2B and 2C. Imports follow the ASCOF import's rules (one atomic, audited release;
 * the same bytes twice change nothing), except that a restated figure overwrites the stored one and the
 * new release's report keeps the value it replaced.
 */
export function populationService(db: Db, organisations: OrganisationService) {
  const register = organisations.register;

  async function store(actor: Actor, report: PopulationImportReport, councils: CouncilPopulation[]) {
    return db.transaction(async (tx) => {
      const changes = await comparePopulations(tx, report.year, toInputs(councils));
      const counts = {
        added: changes.added.length,
        unchanged: changes.unchanged,
        superseded: changes.replaced.length,
      };
      const releaseId = await insertRelease(tx, releaseOf(actor, report), counts);
      await upsertPopulations(tx, report.year, releaseId, changedInputs(changes));
      const loaded = loadedReport(report, releaseId, changes);
      await tx.query('UPDATE releases SET report = $2 WHERE id = $1', [releaseId, JSON.stringify(loaded)]);
      await recordAudit(tx, actor, 'release.import', { type: 'release', id: releaseId }, null, {
        source: report.source,
        fileName: report.fileName,
        fileSha256: report.fileSha256,
        year: report.year,
        rowsRead: report.rowsRead,
        rowsLoaded: report.rowsLoaded,
        rowsRejected: report.rowsRejected,
        rowsSkipped: report.rowsSkipped,
        figuresAdded: counts.added,
        figuresUnchanged: counts.unchanged,
        replaced: changes.replaced,
      });
      return loaded;
    });
  }

  return {
    /**
     * Imports one mid-year from an ONS file (MYE2 or MYEB layout) as one release, atomically. Councils in
     * the register are loaded, other geographies skipped, and everything else rejected with its row.
     */
    async importPopulation(actor: Actor, input: PopulationImportInput): Promise<PopulationImportReport> {
      const year = checkYear(input.year);
      const sha = createHash('sha256').update(input.bytes).digest('hex');
      const report = emptyReport(input, sha);
      if (input.bytes.length === 0) {
        report.fileErrors.push('The file is empty.');
        return report;
      }
      const parsed = parsePopulationCsv(decodeInto(report, input.bytes), year);
      if (parsed.layout) report.layout = parsed.layout;
      report.rowsRead = parsed.rowsRead;
      report.notes.push(...parsed.notes);
      report.fileErrors.push(...parsed.fileErrors);
      if (report.fileErrors.length > 0) {
        report.rowsRejected = report.rowsRead;
        return report;
      }
      const assigned = assignAreas(parsed.areas, (area) => decideArea(register, area, midYearDate(year)));
      countRows(report, parsed, assigned);
      for (const note of [
        skippedNote(assigned.skipped),
        missingNote(register, year, assigned.councils, parsed.layout),
      ])
        if (note) report.notes.push(note);

      const previous = await findReleaseByHash(db, report.source, sha);
      if (previous) {
        report.outcome = 'duplicate';
        report.previousReleaseId = previous.id;
        return report;
      }
      if (assigned.councils.length === 0) {
        report.fileErrors.push('No council figures could be loaded, so nothing was stored.');
        return report;
      }
      return store(actor, report, assigned.councils);
    },

    /** A council's population in an age band for a mid-year; undefined until an estimate is imported. */
    async populationOf(orgCode: string, year: number, band: AgeBand): Promise<number | undefined> {
      const [row] = await findPopulations(db, { year, orgCode, ageBand: band });
      return row?.population;
    },

    /** Every council's figures for a mid-year, by council code then band. */
    async populationsFor(year: number): Promise<PopulationFigure[]> {
      return (await findPopulations(db, { year })).map(toFigure);
    },
  };
}
export type PopulationService = ReturnType<typeof populationService>;
