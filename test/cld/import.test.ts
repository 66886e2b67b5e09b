/**
 * Bad input through `services.cld.importExtract`, on both application stores and both case stores:
 * files that cannot be read are rejected with a reason naming what is wrong and leave nothing behind;
 * rows that cannot be placed are rejected with their line and rule while the rest load; flags load.
 * The same file twice changes nothing, and a crash between the case store and the application store
 * leaves no orphan rows.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { loadValidOrganisations } from '../../src/catalogue/organisations.js';
import { openDuckCaseStore } from '../../src/cld/engine/duckdb.js';
import { inspectFile, stageFile, writeSubmission } from '../../src/cld/import/load.js';
import { createPseudonymiser, loadPseudonymKey } from '../../src/cld/pseudonymise.js';
import { CLD_COLUMNS, type CldColumn } from '../../src/cld/synthetic/columns.js';
import { systemActor, type Actor } from '../../src/services/actor.js';
import { cldService, type CldImportOutcome, type CldService } from '../../src/services/cld.js';
import { openTestServices, storeKinds, type StoreKind } from '../support/services.js';
import { WHOLE_YEAR, row, type EventSpec, type Person } from './support.js';

// The services read the key from the environment: a fixed one, so runs are repeatable.
process.env.ASCENT_PSEUDONYM_KEY = '7a'.repeat(32);

const actor = systemActor('import test');

interface Combo {
  store: StoreKind;
  cases: 'duckdb' | 'postgres';
}

const COMBOS: Combo[] = [
  ...storeKinds.map((store): Combo => ({ store, cases: 'duckdb' })),
  { store: 'postgres', cases: 'postgres' },
];

interface Ctx {
  cld: CldService;
  dir: string;
  write: (name: string, text: string) => Promise<string>;
  caseRows: () => Promise<{ events: number; loads: number }>;
  expectNothingStored: () => Promise<void>;
}

async function open(t: TestContext, combo: Combo): Promise<Ctx | undefined> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ascent-cld-import-'));
  const services = await openTestServices(t, combo.store, { dataDir: dir });
  // Registered after the services' own close, so the DuckDB case store is closed before its folder goes.
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  if (!services) return undefined;
  let cld = services.cld;
  if (combo.cases === 'postgres') {
    const register = await loadValidOrganisations();
    cld = cldService({
      db: services.db,
      config: { ...services.config, caseEngine: 'postgres' },
      isCouncil: (code) => register.byCode.get(code)?.kind === 'council',
    });
    t.after(() => cld.close());
  }
  const caseRows = async () => {
    const store = await cld.caseStore();
    const [events] = await store.all<{ n: number | string }>('SELECT count(*) AS n FROM cld_events');
    const [loads] = await store.all<{ n: number | string }>('SELECT count(*) AS n FROM cld_loads');
    return { events: Number(events?.n ?? 0), loads: Number(loads?.n ?? 0) };
  };
  return {
    cld,
    dir,
    write: async (name, text) => {
      const file = path.join(dir, name);
      await fs.writeFile(file, text);
      return file;
    },
    caseRows,
    expectNothingStored: async () => {
      assert.deepEqual(await cld.submissions(), []);
      assert.deepEqual(await caseRows(), { events: 0, loads: 0 });
    },
  };
}

const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const HEADER = CLD_COLUMNS.join(',');
const line = (r: Record<CldColumn, string>) => CLD_COLUMNS.map((c) => cell(r[c])).join(',');
const csv = (rows: Record<CldColumn, string>[], header = HEADER) =>
  `${[header, ...rows.map(line)].join('\n')}\n`;

const community: EventSpec = {
  type: 'Service',
  start: '2023-05-01',
  service: 'Long Term Support: Community',
  mechanism: 'CASSR Commissioned Support',
};
const assessment = (start: string, end: string): EventSpec => ({
  type: 'Assessment',
  start,
  end,
  outcome: 'NFA - Information & Advice / Signposting only',
});
const person = (n: number, extra: Partial<Person> = {}): Person => ({ nhs: n, la: `P${n}`, ...extra });

const importFile = (ctx: Ctx, file: string, as: Actor = actor) =>
  ctx.cld.importExtract(as, { file, fileName: path.basename(file) });

function expectRejected(outcome: CldImportOutcome, reason: RegExp) {
  assert.equal(outcome.status, 'rejected');
  if (outcome.status !== 'rejected') return;
  assert.match(outcome.reason, reason);
  const r = outcome.report;
  assert.equal(r.read, r.loaded + r.rejected);
}

const rules = (outcome: CldImportOutcome) =>
  new Map(
    outcome.report.rejections.map((r) => [r.rowNumber, r.reasons.map((p) => `${p.rule}:${p.field ?? ''}`)]),
  );

for (const combo of COMBOS) {
  describe(`CLD import of bad input (application store ${combo.store}, case store ${combo.cases})`, () => {
    test('files that cannot be read are rejected, naming what is wrong, and store nothing', async (t) => {
      const ctx = await open(t, combo);
      if (!ctx) return;
      const good = [row(person(1), community, WHOLE_YEAR)];

      // Required columns missing or misspelt: the reason names them.
      const renamed = HEADER.replace('Event_Type', 'Evnt_Type').replace(',Client_Type', '');
      const rows = good.map((r) =>
        CLD_COLUMNS.filter((c) => c !== 'Client_Type')
          .map((c) => cell(r[c]))
          .join(','),
      );
      const wrongHeaders = await importFile(
        ctx,
        await ctx.write('headers.csv', `${renamed}\n${rows.join('\n')}\n`),
      );
      expectRejected(wrongHeaders, /lacks required columns: .*clientType.*eventType/);
      const missing = wrongHeaders.report.fileProblems.filter((p) => p.rule === 'missing-column');
      assert.deepEqual(
        missing.filter((p) => p.severity === 'reject').map((p) => p.field),
        ['clientType', 'eventType'],
      );
      assert.ok(missing.some((p) => p.message.includes("'Client Type'")));
      assert.ok(
        wrongHeaders.report.fileProblems.some(
          (p) => p.rule === 'unknown-column' && p.message.includes('Evnt_Type'),
        ),
      );

      // Not a CLD file at all.
      const other = await importFile(ctx, await ctx.write('other.csv', 'a,b,c\n1,2,3\n'));
      expectRejected(other, /lacks required columns: laCode, reportingPeriodStart/);

      // Empty, blank and header-only files.
      expectRejected(await importFile(ctx, await ctx.write('empty.csv', '')), /empty/);
      expectRejected(await importFile(ctx, await ctx.write('blank.csv', '\n\n')), /empty/);
      expectRejected(await importFile(ctx, await ctx.write('header.csv', `${HEADER}\n`)), /no data rows/);
      expectRejected(await importFile(ctx, await ctx.write('header-only.csv', HEADER)), /no data rows/);

      // Every row rejected: nothing to store.
      const allBad = [row(person(1), assessment('2023-06-10', '2023-06-01'), WHOLE_YEAR)];
      const noneLoad = await importFile(ctx, await ctx.write('none.csv', csv(allBad)));
      expectRejected(noneLoad, /No row could be loaded/);
      assert.deepEqual([...rules(noneLoad)], [[2, ['end-before-start:eventEndDate']]]);

      // A council that is not in the register (the rows are its own, so they would load).
      const stranger = good.map((r) => ({ ...r, LA_Code: 'E99999999' }));
      const notCouncil = await importFile(ctx, await ctx.write('stranger.csv', csv(stranger)));
      expectRejected(notCouncil, /E99999999 is not a council in the register/);
      assert.equal(notCouncil.report.loaded, 1);

      await ctx.expectNothingStored();
    });

    test('rows that cannot be placed are rejected on their own lines; flagged rows load', async (t) => {
      const ctx = await open(t, combo);
      if (!ctx) return;
      const first = row(person(1), community, WHOLE_YEAR);
      // Each entry is one record; a blank line and a record over two lines move the later ones down.
      const records: { text: string; expect: string[] | 'loads' }[] = [
        { text: line(first), expect: 'loads' },
        {
          text: line(row(person(2), { ...community, start: '2023-13-45' }, WHOLE_YEAR)),
          expect: ['invalid-date:eventStartDate'],
        },
        // An unreadable date of birth is flagged, and the row loads.
        { text: line(row(person(3, { birth: '31/02/1950' }), community, WHOLE_YEAR)), expect: 'loads' },
        { text: '', expect: 'loads' },
        {
          text: line(row(person(4), assessment('2023-06-10', '2023-06-01'), WHOLE_YEAR)),
          expect: ['end-before-start:eventEndDate'],
        },
        {
          text: line(
            row(person(5, { dod: '2023-05-01' }), { ...community, start: '2023-06-01' }, WHOLE_YEAR),
          ),
          expect: ['event-after-death:eventStartDate'],
        },
        // Ending after death is a flag.
        {
          text: line(
            row(person(6, { dod: '2023-08-01' }), assessment('2023-07-01', '2023-08-15'), WHOLE_YEAR),
          ),
          expect: 'loads',
        },
        {
          text: line({
            ...row(person(7), assessment('2024-04-10', '2024-04-12'), WHOLE_YEAR),
            Event_Description: 'a note\nover two lines',
          }),
          expect: ['date-after-period-end:eventEndDate', 'date-after-period-end:eventStartDate'],
        },
        // An unknown code is a flag.
        { text: line(row(person(8, { gender: 'Purple' }), community, WHOLE_YEAR)), expect: 'loads' },
        { text: line(first), expect: ['duplicate-row:'] },
        {
          text: line({ ...row(person(9), community, WHOLE_YEAR), LA_Code: 'E08000010' }),
          expect: ['other-la:laCode'],
        },
        // Cut off part way: the last line of a file whose export stopped early.
        {
          text: line(row(person(10), community, WHOLE_YEAR))
            .split(',')
            .slice(0, 12)
            .join(','),
          expect: ['malformed-line:'],
        },
      ];
      let lineNumber = 2;
      const expected = new Map<number, string[]>();
      const loadedLines: number[] = [];
      let dataRows = 0;
      for (const r of records) {
        if (r.text !== '') {
          dataRows += 1;
          if (r.expect === 'loads') loadedLines.push(lineNumber);
          else expected.set(lineNumber, r.expect);
        }
        lineNumber += r.text.split('\n').length;
      }
      const file = await ctx.write('rows.csv', [HEADER, ...records.map((r) => r.text)].join('\n'));
      const outcome = await importFile(ctx, file);
      assert.equal(outcome.status, 'loaded');
      if (outcome.status !== 'loaded') return;
      const report = outcome.report;
      const got = new Map([...rules(outcome)].map(([n, reasons]) => [n, [...reasons].sort()]));
      assert.deepEqual(got, expected);
      assert.equal(report.read, dataRows);
      assert.equal(report.rejected, expected.size);
      assert.equal(report.read, report.loaded + report.rejected);
      assert.equal(report.flagsByRule['invalid-code'], 1);
      assert.equal(report.flagsByRule['invalid-date'], 1);
      assert.equal(report.flagsByRule['end-after-death'], 1);
      assert.match(
        report.rejections.find((r) => r.reasons[0]?.rule === 'malformed-line')?.reasons[0]?.message ?? '',
        /not a well-formed CSV record/,
      );
      assert.equal(outcome.submission.rowsLoaded, report.loaded);
      assert.deepEqual(await ctx.caseRows(), { events: report.loaded, loads: 1 });
      const store = await ctx.cld.caseStore();
      const stored = await store.all<{ row_number: number }>(
        'SELECT row_number FROM cld_events ORDER BY row_number',
      );
      // Stored under the lines they start on, whatever blank lines and quoted line breaks came before.
      assert.deepEqual(
        stored.map((r) => Number(r.row_number)),
        loadedLines,
      );
    });

    test('a file mixing release 1 and 2 spellings loads, with a file problem', async (t) => {
      const ctx = await open(t, combo);
      if (!ctx) return;
      const rows = [
        row(person(1, { client: 'Carer', psr: '' }), assessment('2023-05-01', '2023-05-10'), WHOLE_YEAR),
        row(
          person(2, { client: 'Unpaid carer', psr: '' }),
          assessment('2023-05-01', '2023-05-10'),
          WHOLE_YEAR,
        ),
        row(person(3), community, WHOLE_YEAR),
      ];
      const outcome = await importFile(ctx, await ctx.write('mixed.csv', csv(rows)));
      assert.equal(outcome.status, 'loaded');
      if (outcome.status !== 'loaded') return;
      assert.equal(outcome.report.release, 'mixed');
      assert.ok(outcome.report.fileProblems.some((p) => p.rule === 'mixed-release' && p.severity === 'flag'));
      assert.equal(outcome.submission.release, null);
      assert.deepEqual([outcome.report.loaded, outcome.report.rejected], [3, 0]);
    });

    test('a repeated column and an unclosed quote are reported, not fatal', async (t) => {
      const ctx = await open(t, combo);
      if (!ctx) return;
      // A second 'GENDER' column (the first is read) and a column that is no CLD field.
      const header = `${HEADER},GENDER,Notes`;
      const withExtra = (r: Record<CldColumn, string>, extra: string) => `${line(r)},Purple,${extra}`;
      const text = [
        header,
        withExtra(row(person(1), community, WHOLE_YEAR), 'fine'),
        withExtra(row(person(2), community, WHOLE_YEAR), '"never closed'),
        withExtra(row(person(3), community, WHOLE_YEAR), 'swallowed'),
      ].join('\n');
      const outcome = await importFile(ctx, await ctx.write('structure.csv', `${text}\n`));
      assert.equal(outcome.status, 'loaded');
      const report = outcome.report;
      const problems = report.fileProblems.map((p) => p.rule);
      assert.ok(problems.includes('duplicate-column') && problems.includes('unknown-column'));
      // The first Gender column is the one read: no invalid code from the second.
      assert.equal(report.flagsByRule['invalid-code'], undefined);
      assert.deepEqual([report.read, report.loaded, report.rejected], [2, 1, 1]);
      const [rejection] = report.rejections;
      assert.equal(rejection?.rowNumber, 3);
      assert.match(rejection?.reasons[0]?.message ?? '', /runs on to line 4/);
    });

    test('the same file twice is unchanged', async (t) => {
      const ctx = await open(t, combo);
      if (!ctx) return;
      const file = await ctx.write('once.csv', csv([row(person(1), community, WHOLE_YEAR)]));
      const first = await importFile(ctx, file);
      assert.equal(first.status, 'loaded');
      const again = await importFile(ctx, file);
      assert.equal(again.status, 'unchanged');
      assert.ok(first.status === 'loaded' && again.status === 'unchanged');
      assert.equal(again.submission.id, first.submission.id);
      assert.equal((await ctx.cld.submissions()).length, 1);
      assert.deepEqual(await ctx.caseRows(), { events: 1, loads: 1 });
    });

    test('a crash between the case store and the application store leaves no orphan rows', async (t) => {
      const ctx = await open(t, combo);
      if (!ctx) return;
      // The application store refuses the registration (no such user): the case rows are removed.
      const file = await ctx.write('refused.csv', csv([row(person(1), community, WHOLE_YEAR)]));
      await assert.rejects(importFile(ctx, file, { userId: 987_654, label: 'ghost', role: 'admin' }));
      await ctx.expectNothingStored();

      // A process that died after writing the case rows: the next import removes them.
      const store = await ctx.cld.caseStore();
      const orphanFile = await ctx.write('orphan.csv', csv([row(person(2), community, WHOLE_YEAR)]));
      const staging = store.kind === 'duckdb' ? store : await openDuckCaseStore(':memory:');
      try {
        const staged = await stageFile(staging, orphanFile, await inspectFile(orphanFile));
        await writeSubmission(staging, store, staged, 'orphan', createPseudonymiser(loadPseudonymKey()));
      } finally {
        if (staging !== store) await staging.close();
      }
      assert.deepEqual(await ctx.caseRows(), { events: 1, loads: 1 });
      const outcome = await importFile(ctx, file);
      assert.equal(outcome.status, 'loaded');
      const left = await store.all<{ submission_id: string }>(
        'SELECT DISTINCT submission_id FROM cld_events',
      );
      assert.deepEqual(
        left.map((r) => r.submission_id),
        outcome.status === 'loaded' ? [outcome.submission.id] : [],
      );
      assert.deepEqual(await ctx.caseRows(), { events: 1, loads: 1 });
    });
  });
}
