import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openTestServices, storeKinds } from '../../test/support/services.js';
import { createBackup, restoreBackup } from '../store/backup.js';
import type { Db } from '../store/db.js';
import { systemActor, ValidationError } from './actor.js';
import { populationService, type PopulationImportReport } from './populations.js';

const demo = fs.readFileSync(new URL('../../demo/population-mid-2024.csv', import.meta.url), 'utf8');
const actor = systemActor('test');
const bytes = (text: string) => Buffer.from(text, 'utf8');

/** The demo file's row for a code, as numbers: [All ages, age 0, …, age 90+]. */
function demoCounts(code: string): number[] {
  const line = demo.split('\n').find((l) => l.startsWith(`${code},`));
  return line!.split(',').slice(3).map(Number);
}
const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);

/** The demo file with one council's count at an age raised by `by` (All ages too, so the row stays valid). */
function restate(code: string, age: number, by: number): string {
  return demo
    .split('\n')
    .map((line) => {
      if (!line.startsWith(`${code},`)) return line;
      const cells = line.split(',');
      cells[3] = String(Number(cells[3]) + by);
      cells[4 + age] = String(Number(cells[4 + age]) + by);
      return cells.join(',');
    })
    .join('\n');
}

for (const kind of storeKinds) {
  test(`${kind}: an MYE2 file loads every council, skips England and the regions, and survives a backup`, async (t) => {
    const s = await openTestServices(t, kind);
    if (!s) return;
    const populations = populationService(s.db, s.organisations);
    const report = await populations.importPopulation(actor, {
      fileName: 'population-mid-2024.csv',
      bytes: bytes(demo),
      year: 2024,
    });
    assert.equal(report.outcome, 'loaded');
    assert.equal(report.layout, 'MYE2');
    assert.deepEqual(
      [report.rowsRead, report.rowsLoaded, report.rowsRejected, report.rowsSkipped, report.councils],
      [163, 153, 0, 10, 153],
    );
    assert.equal(report.observationsAdded, 153 * 3);
    assert.match(report.notes.join('\n'), /10 row\(s\) for 10 area\(s\) .* skipped \(country 1, region 9\)/);
    assert.doesNotMatch(report.notes.join('\n'), /No figures for/);

    const trafford = demoCounts('E08000009').slice(1);
    assert.equal(await populations.populationOf('E08000009', 2024, '18-64'), sum(trafford.slice(18, 65)));
    assert.equal(await populations.populationOf('E08000009', 2024, '65+'), sum(trafford.slice(65)));
    assert.equal(await populations.populationOf('E08000009', 2024, '18+'), sum(trafford.slice(18)));
    assert.equal(await populations.populationOf('E08000009', 2023, '65+'), undefined);
    const all = await populations.populationsFor(2024);
    assert.equal(all.length, 153 * 3);
    assert.deepEqual(
      all.slice(0, 3).map((f) => [f.orgCode, f.ageBand, f.releaseId]),
      [
        ['E06000001', '18-64', report.releaseId],
        ['E06000001', '65+', report.releaseId],
        ['E06000001', '18+', report.releaseId],
      ],
    );

    const release = await s.imports.getRelease(report.releaseId!);
    assert.deepEqual(
      [release.source, release.importedBy, release.rowsLoaded],
      ['ons-population-mid-2024', 'test', 153],
    );
    const audit = await s.audit.list({ entityType: 'release' });
    assert.equal(audit.entries[0]?.action, 'release.import');
    assert.equal((audit.entries[0]?.after as { year: number }).year, 2024);

    const backup = await createBackup(s.db, s.clock.now());
    const counts = await restoreBackup(s.db, JSON.parse(JSON.stringify(backup)));
    assert.equal(counts.populations, 153 * 3);
  });

  test(`${kind}: the same file again changes nothing; a restated file replaces figures and keeps the old values`, async (t) => {
    const s = await openTestServices(t, kind);
    if (!s) return;
    const populations = populationService(s.db, s.organisations);
    const first = await populations.importPopulation(actor, {
      fileName: 'a.csv',
      bytes: bytes(demo),
      year: 2024,
    });
    const again = await populations.importPopulation(actor, {
      fileName: 'b.csv',
      bytes: bytes(demo),
      year: 2024,
    });
    assert.equal(again.outcome, 'duplicate');
    assert.equal(again.previousReleaseId, first.releaseId);
    assert.equal((await s.imports.listReleases()).length, 1);

    const before = (await populations.populationOf('E08000009', 2024, '65+'))!;
    const restated = await populations.importPopulation(actor, {
      fileName: 'restated.csv',
      bytes: bytes(restate('E08000009', 70, 5)),
      year: 2024,
    });
    assert.equal(restated.outcome, 'loaded');
    assert.deepEqual(
      [restated.observationsAdded, restated.observationsSuperseded, restated.observationsUnchanged],
      [0, 2, 153 * 3 - 2],
    );
    assert.deepEqual(restated.replaced[0], {
      orgCode: 'E08000009',
      ageBand: '65+',
      before,
      after: before + 5,
      previousReleaseId: first.releaseId,
    });
    const trafford = (await populations.populationsFor(2024)).filter((f) => f.orgCode === 'E08000009');
    assert.deepEqual(
      trafford.map((f) => [f.ageBand, f.releaseId]),
      [
        ['18-64', first.releaseId],
        ['65+', restated.releaseId],
        ['18+', restated.releaseId],
      ],
    );
    const stored = await s.imports.getRelease(restated.releaseId!);
    assert.equal((stored.report as PopulationImportReport).replaced.length, 2);
  });

  test(`${kind}: unknown and former councils are rejected by row; a refused file or a failed write stores nothing`, async (t) => {
    const s = await openTestServices(t, kind);
    if (!s) return;
    const populations = populationService(s.db, s.organisations);
    const trafford = demo.split('\n').find((l) => l.startsWith('E08000009,'))!;
    const extra = [
      'E06000099,Nowhere',
      'E10000021,Northamptonshire',
      'XYZ,Somewhere',
      'E07000117,Burnley',
    ].map((who) => trafford.replace('E08000009,Trafford', who));
    const report = await populations.importPopulation(actor, {
      fileName: 'extra.csv',
      bytes: bytes(`${demo}${extra.join('\n')}\n`),
      year: 2024,
    });
    assert.equal(report.outcome, 'loaded');
    assert.deepEqual(
      [report.rowsRead, report.rowsLoaded, report.rowsRejected, report.rowsSkipped],
      [167, 153, 3, 11],
    );
    assert.deepEqual(
      report.rejections.map((r) => r.row),
      [168, 169, 170],
    );
    assert.match(report.rejections[0]!.reason, /unknown council "E06000099 Nowhere"/);
    assert.match(report.rejections[1]!.reason, /E10000021 Northamptonshire was not a council on 2024-06-30/);
    assert.match(report.rejections[2]!.reason, /"XYZ" is not an ONS area code/);

    const refused = await populations.importPopulation(actor, {
      fileName: 'wrong.csv',
      bytes: bytes('Area,Value\nTrafford,1\n'),
      year: 2024,
    });
    assert.equal(refused.outcome, 'failed');
    assert.deepEqual([refused.rowsRead, refused.rowsRejected], [2, 2]);
    const regionsOnly = demo
      .split('\n')
      .filter((l) => !/^E(06|08|09|10)/.test(l))
      .join('\n');
    const nothing = await populations.importPopulation(actor, {
      fileName: 'regions.csv',
      bytes: bytes(regionsOnly),
      year: 2024,
    });
    assert.match(nothing.fileErrors[0]!, /No council figures could be loaded/);
    assert.match(nothing.notes.join(' '), /No figures for 153 council\(s\)/);
    assert.equal((await s.imports.listReleases()).length, 1);

    // MYEB is by district: a county council has no rows, which the report points out.
    const ages = Array.from({ length: 91 }, (_, age) => age);
    const myeb = [
      'ladcode23,laname23,country,sex,age,population_2022,population_2023',
      ...['1', '2'].flatMap((sex) => ages.map((age) => `E08000009,Trafford,E,${sex},${age},90,100`)),
      ...['M', 'F'].flatMap((sex) => ages.map((age) => `E07000117,Burnley,E,${sex},${age},1,1`)),
    ].join('\n');
    const byDistrict = await populations.importPopulation(actor, {
      fileName: 'myeb.csv',
      bytes: bytes(myeb),
      year: 2023,
    });
    assert.deepEqual(
      [byDistrict.outcome, byDistrict.rowsLoaded, byDistrict.rowsSkipped],
      ['loaded', 182, 182],
    );
    assert.match(
      byDistrict.notes.join(' '),
      /No figures for 152 council\(s\).*districts, not county councils/,
    );
    assert.equal(await populations.populationOf('E08000009', 2023, '18-64'), 47 * 200);
    assert.equal(await populations.populationOf('E08000009', 2023, '65+'), 26 * 200);
    const releases = await s.imports.listReleases();

    await assert.rejects(
      populations.importPopulation(actor, { fileName: 'x.csv', bytes: bytes(demo), year: 24 }),
      ValidationError,
    );

    // A failure inside the transaction (here, writing the audit entry) leaves no release and no figures.
    const failing: Db = {
      ...s.db,
      transaction: (fn) =>
        s.db.transaction((tx) =>
          fn({
            query: (sql, params) =>
              sql.includes('audit_log') ? Promise.reject(new Error('disk full')) : tx.query(sql, params),
          }),
        ),
    };
    await assert.rejects(
      populationService(failing, s.organisations).importPopulation(actor, {
        fileName: 'mid-2022.csv',
        bytes: bytes(demo.replace('mid-2024', 'mid-2022')),
        year: 2022,
      }),
      /disk full/,
    );
    assert.deepEqual(await populations.populationsFor(2022), []);
    assert.deepEqual(await s.imports.listReleases(), releases);
  });
}
