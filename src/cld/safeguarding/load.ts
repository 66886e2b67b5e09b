/**
 * Loads one safeguarding extract into the case store: decode, split into cells, parse and check every row
 * (src/domain/safeguarding), pseudonymise the person, and write the loaded concerns of the submission in
 * one transaction. A file that cannot load as a whole (empty, unreadable, columns missing) writes nothing.
 */
import { parse } from 'csv-parse/sync';
import { parseSafeguardingFile } from '../../domain/safeguarding/file.js';
import { sgProblem } from '../../domain/safeguarding/problem.js';
import { summariseSafeguardingQuality, type SafeguardingQuality } from '../../domain/safeguarding/quality.js';
import type { SafeguardingConcern, SgIdentifiers } from '../../domain/safeguarding/row.js';
import { decodeText } from '../../importers/decode.js';
import type { CaseQueryable, CaseStore } from '../engine/case-store.js';
import type { Pseudonymiser } from '../pseudonymise.js';

export interface SafeguardingLoadInput {
  /** The submission registered in case_submissions (kind 'safeguarding'). */
  submissionId: string;
  laCode: string;
  /** ISO dates of the period the extract covers. */
  periodStart: string;
  periodEnd: string;
  fileName: string;
  bytes: Buffer;
}

export interface SafeguardingLoadReport extends SafeguardingQuality {
  submissionId: string;
  fileName: string;
  /** False when the file was refused whole: nothing was written (see `fileProblems`). */
  accepted: boolean;
}

export type PersonPseudonymiser = Pick<Pseudonymiser, 'nhsNumber' | 'laPersonId'>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function loadSafeguarding(
  store: CaseStore,
  input: SafeguardingLoadInput,
  pseudonymiser: PersonPseudonymiser,
): Promise<SafeguardingLoadReport> {
  checkInput(input);
  const records = readCells(input.bytes);
  if (!Array.isArray(records)) return report(input, false, records);
  const file = parseSafeguardingFile(records, { laCode: input.laCode, periodEnd: input.periodEnd });
  if (!file.accepted) return report(input, false, file.quality);
  const rows = file.results.flatMap((r) =>
    r.ok ? [storedRow(input, r.concern, r.identifiers, pseudonymiser)] : [],
  );
  await store.transaction(async (tx) => {
    // A submission's rows are replaced whole, so loading the same submission twice cannot double it.
    await tx.run('DELETE FROM sg_concerns WHERE submission_id = $1', [input.submissionId]);
    await insertRows(tx, rows);
  });
  return report(input, true, file.quality);
}

function checkInput(input: SafeguardingLoadInput): void {
  if (!input.submissionId.trim()) throw new RangeError('A safeguarding load needs a submission id.');
  if (!input.laCode.trim()) throw new RangeError('A safeguarding load needs the council code.');
  if (
    !ISO_DATE.test(input.periodStart) ||
    !ISO_DATE.test(input.periodEnd) ||
    input.periodEnd < input.periodStart
  ) {
    throw new RangeError(`Not a reporting period: ${input.periodStart} to ${input.periodEnd}.`);
  }
}

/** The file's cells, or the quality report of a file that cannot be read as CSV at all. */
function readCells(bytes: Buffer): string[][] | SafeguardingQuality {
  const { text } = decodeText(bytes);
  try {
    // Ragged rows are kept: the row parser treats missing trailing cells as blank and rejects extra ones.
    return parse(text, { relax_column_count: true }) as string[][];
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return summariseSafeguardingQuality(
      [],
      [sgProblem(null, 'unreadable-csv', 'reject', `The file cannot be read as CSV: ${reason}`)],
    );
  }
}

function report(
  input: SafeguardingLoadInput,
  accepted: boolean,
  quality: SafeguardingQuality,
): SafeguardingLoadReport {
  return { submissionId: input.submissionId, fileName: input.fileName, accepted, ...quality };
}

// ------------------------------------------------------------------------------------------------ writing

const COLUMNS = [
  'submission_id',
  'row_number',
  'la_code',
  'person_pseudonym',
  'concern_reference',
  'concern_received',
  'decision_date',
  'decision',
  'enquiry_start',
  'enquiry_end',
  'enquiry_outcome',
  'desired_outcome_asked',
  'desired_outcome_expressed',
  'outcomes_met',
] as const;

type StoredRow = readonly unknown[];

/** The NHS number is the better key across councils and systems; the council's own id is the fallback. */
function storedRow(
  input: SafeguardingLoadInput,
  c: SafeguardingConcern,
  ids: SgIdentifiers,
  pseudonymiser: PersonPseudonymiser,
): StoredRow {
  const person = ids.nhsNumber
    ? pseudonymiser.nhsNumber(ids.nhsNumber)
    : pseudonymiser.laPersonId(input.laCode, ids.laPersonId ?? '');
  return [
    input.submissionId,
    c.rowNumber,
    c.laCode,
    person,
    c.concernReference,
    c.concernReceived,
    c.decisionDate,
    c.decision,
    c.enquiryStart,
    c.enquiryEnd,
    c.enquiryOutcome,
    c.desiredOutcomeAsked,
    c.desiredOutcomeExpressed,
    c.outcomesMet,
  ];
}

// 500 rows of 14 values stays far below PostgreSQL's 65,535 parameters per statement.
const BATCH_ROWS = 500;

async function insertRows(tx: CaseQueryable, rows: readonly StoredRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    await tx.run(insertSql(batch.length), batch.flat());
  }
}

/** A plain multi-row INSERT … VALUES ($1, …): the one bulk form DuckDB and PostgreSQL both accept. */
function insertSql(rowCount: number): string {
  const width = COLUMNS.length;
  const tuples = Array.from({ length: rowCount }, (_, r) => {
    const params = Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`);
    return `(${params.join(', ')})`;
  });
  return `INSERT INTO sg_concerns (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`;
}
