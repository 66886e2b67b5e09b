import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTestServices, storeKinds } from '../../test/support/services.js';
import { systemActor } from './actor.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const small = fs.readFileSync(path.join(here, '../../test/fixtures/ascof-small.csv'));
const actor = systemActor('test');

for (const kind of storeKinds) {
  test(`${kind}: an import keeps outcome, numerator and denominator together, with markers not values`, async (t) => {
    const s = await openTestServices(t, kind);
    if (!s) return;
    const report = await s.imports.importAscof(actor, 'small.csv', small);
    assert.equal(report.outcome, 'loaded');
    assert.deepEqual([report.rowsRead, report.rowsLoaded, report.rowsRejected], [9, 9, 0]);
    const obs = await s.observations.find({
      orgCodes: ['E08000009', 'E08000002', 'E08000001', 'CT-SHIRE'],
      measureIds: ['ascof14-1E'],
    });
    const trafford = obs.find((o) => o.orgCode === 'E08000009');
    assert.deepEqual([trafford?.value, trafford?.numerator, trafford?.denominator], ['13.1', '95', '725']);
    assert.deepEqual(obs.find((o) => o.orgCode === 'E08000002')?.suppression, '[c]');
    assert.deepEqual(obs.find((o) => o.orgCode === 'E08000001')?.value, null);
    assert.equal(obs.find((o) => o.orgCode === 'CT-SHIRE')?.value, '5.1');
  });

  test(`${kind}: the same file twice adds nothing; a restated file supersedes and keeps history`, async (t) => {
    const s = await openTestServices(t, kind);
    if (!s) return;
    const first = await s.imports.importAscof(actor, 'small.csv', small);
    const again = await s.imports.importAscof(actor, 'small-copy.csv', small);
    assert.equal(again.outcome, 'duplicate');
    assert.equal(again.previousReleaseId, first.releaseId);
    assert.equal((await s.imports.listReleases()).length, 1);

    const restated = Buffer.from(small.toString('utf8').replace(',86.5,', ',87.0,'));
    const r = await s.imports.importAscof(actor, 'restated.csv', restated);
    assert.deepEqual([r.observationsAdded, r.observationsSuperseded, r.observationsUnchanged], [1, 1, 6]);
    const current = await s.observations.find({ orgCodes: ['E08000009'], measureIds: ['ascof14-2B1'] });
    assert.deepEqual(
      current.map((o) => o.value),
      ['87.0'],
    );
    const history = await s.observations.find({
      orgCodes: ['E08000009'],
      measureIds: ['ascof14-2B1'],
      history: true,
    });
    assert.deepEqual(
      history.map((o) => o.value),
      ['86.5', '87.0'],
    );
  });

  test(`${kind}: unknown codes are reported with row numbers, and a refused file changes nothing`, async (t) => {
    const s = await openTestServices(t, kind);
    if (!s) return;
    const text = small.toString('utf8');
    const bad = `${text}2017-18,Nowhere,E99999999,1E,,1.0,Council,Total,Outcome\n2017-18,Trafford,E08000009,9Z,,1.0,Council,Total,Outcome\n2022-23,Northamptonshire,E10000021,1E,,1.0,Council,Total,Outcome\n2017-18,Trafford,E08000009,1E,,13.2,Council,Total,Outcome\n`;
    const report = await s.imports.importAscof(actor, 'bad.csv', Buffer.from(bad));
    assert.equal(report.rowsRead, 13);
    assert.equal(report.rowsLoaded, 9);
    assert.deepEqual(
      report.rejections.map((r) => r.row),
      [11, 12, 13, 14],
    );
    assert.match(report.rejections[0]!.reason, /unknown organisation "E99999999 Nowhere"/);
    assert.match(report.rejections[1]!.reason, /unknown measure code "9Z"/);
    assert.match(report.rejections[2]!.reason, /not active on 2023-03-31/);
    assert.match(report.rejections[3]!.reason, /repeats row 2/);

    const before = await s.imports.listReleases();
    const broken = await s.imports.importAscof(actor, 'broken.csv', Buffer.from('Year,Foo\n2017-18,1\n'));
    assert.equal(broken.outcome, 'failed');
    assert.match(broken.fileErrors[0]!, /missing the column/);
    assert.deepEqual(await s.imports.listReleases(), before);
  });
}
