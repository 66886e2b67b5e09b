/**
 * Hand-built CLD extracts for golden tests: each row names only what matters to the rule under test;
 * everything else gets a valid default. The same fixture loads into DuckDB and PostgreSQL case stores.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { CaseStore, CaseStoreKind } from '../../src/cld/engine/case-store.js';
import { openDuckCaseStore } from '../../src/cld/engine/duckdb.js';
import { postgresCaseStore } from '../../src/cld/engine/postgres.js';
import { inspectFile, stageFile, writeSubmission, type CldLoadReport } from '../../src/cld/import/load.js';
import { createPseudonymiser } from '../../src/cld/pseudonymise.js';
import { CLD_COLUMNS, type CldColumn } from '../../src/cld/synthetic/columns.js';
import { syntheticNhsNumber } from '../../src/cld/synthetic/nhs-number.js';
import { openTestStore } from '../support/services.js';

export const LA = 'E08000009';
export const pseudonymiser = createPseudonymiser(Buffer.alloc(32, 7));
export const caseStoreKinds: CaseStoreKind[] = ['duckdb', 'postgres'];

export async function openCaseStore(t: TestContext, kind: CaseStoreKind): Promise<CaseStore | undefined> {
  if (kind === 'duckdb') {
    const store = await openDuckCaseStore(':memory:');
    t.after(() => store.close());
    return store;
  }
  const db = await openTestStore(t, 'postgres');
  return db ? postgresCaseStore(db) : undefined;
}

/** A person in a fixture: a letter and the identifiers the row carries. */
export interface Person {
  nhs?: number | null;
  la?: string | null;
  birth?: string;
  psr?: string;
  dod?: string;
  gender?: string;
  accommodation?: string;
  employment?: string;
  client?: string;
}

export interface EventSpec {
  type: 'Request' | 'Assessment' | 'Service' | 'Review';
  start: string;
  end?: string;
  outcome?: string;
  service?: string;
  component?: string;
  mechanism?: string;
  route?: string;
  cost?: string;
  frequency?: string;
  units?: string;
  reviewReason?: string;
  ref?: string;
}

export interface SubmissionSpec {
  start: string;
  end: string;
}

let refs = 0;

export function row(person: Person, event: EventSpec, submission: SubmissionSpec): Record<CldColumn, string> {
  const cells = Object.fromEntries(CLD_COLUMNS.map((c) => [c, ''])) as Record<CldColumn, string>;
  Object.assign(cells, {
    LA_Code: LA,
    Reporting_Period_Start_Date: submission.start,
    Reporting_Period_End_Date: submission.end,
    NHS_Number: person.nhs === null || person.nhs === undefined ? '' : syntheticNhsNumber(person.nhs),
    LA_Person_Unique_Identifier: person.la ?? '',
    Gender: person.gender ?? 'Female',
    Ethnicity: 'White: English / Welsh / Scottish / Northern Irish / British',
    Date_of_Birth: person.birth ?? '1940-06-15',
    Date_of_Death: person.dod ?? '',
    Client_Type: person.client ?? 'Service User',
    Primary_Support_Reason: person.psr ?? 'Physical Support: Personal Care Support',
    Accommodation_Status: person.accommodation ?? 'Owner occupier or shared ownership scheme',
    Employment_Status: person.employment ?? '',
    Has_Unpaid_Carer: 'No',
    Event_Type: event.type,
    Event_Reference: event.ref ?? String(++refs),
    Event_Start_Date: event.start,
    Event_End_Date: event.end ?? '',
    Event_Outcome: event.outcome ?? '',
    Request_Route_of_Access: event.type === 'Request' ? (event.route ?? 'Community / Other route') : '',
    Service_Type: event.service ?? '',
    Service_Component: event.component ?? '',
    Delivery_Mechanism: event.mechanism ?? '',
    Review_Reason: event.reviewReason ?? '',
    Unit_Cost: event.cost ?? '',
    Cost_Frequency_Unit_Type: event.frequency ?? '',
    Planned_Units_Per_Week: event.units ?? '',
  });
  return cells;
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export async function writeCsv(t: TestContext, rows: readonly Record<CldColumn, string>[]): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ascent-cld-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'extract.csv');
  const lines = [CLD_COLUMNS.join(','), ...rows.map((r) => CLD_COLUMNS.map((c) => csvCell(r[c])).join(','))];
  await fs.writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

/** Loads rows as one submission into the store (staged in DuckDB either way); returns its report. */
export async function loadRows(
  t: TestContext,
  store: CaseStore,
  id: string,
  rows: readonly Record<CldColumn, string>[],
): Promise<CldLoadReport> {
  const file = await writeCsv(t, rows);
  const facts = await inspectFile(file);
  const staging = store.kind === 'duckdb' ? store : await openDuckCaseStore(':memory:');
  try {
    const staged = await stageFile(staging, file, facts);
    return await writeSubmission(staging, store, staged, id, pseudonymiser);
  } finally {
    if (staging !== store) await staging.close();
  }
}

export const YEAR = { label: '2023-24', start: '2023-04-01', end: '2024-03-31' };
export const WHOLE_YEAR: SubmissionSpec = { start: YEAR.start, end: YEAR.end };
