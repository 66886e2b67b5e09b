import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { openTestServices, storeKinds } from '../../test/support/services.js';
import {
  addLocalMeasures,
  COUNCIL,
  csv,
  person,
  reablement,
  waitingList,
} from '../../test/support/performance.js';
import { NotAllowedError, ValidationError } from './actor.js';

const head = ['Measure', 'Period', 'Value', 'Numerator', 'Denominator', 'Note'];

for (const kind of storeKinds) {
  test(`${kind}: local values go draft → submitted → approved; a bad row stores nothing; corrections keep history; Excel uploads and templates`, async (t) => {
    const s = await openTestServices(t, kind);
    if (!s) return;
    await addLocalMeasures(s);
    const analyst = await person(s, 'analyst');
    const manager = await person(s, 'manager');
    await s.values.setRules(analyst, waitingList.id, { min: 0, max: 2000, maxChangePercent: 25 });

    const bad = csv([
      head,
      [reablement.id, '2026-09', '52.5', '', '', ''],
      ['L02', '2026-09', '3400', '', '', 'a typo'],
      [reablement.id, '2026-12', '50', '', '', ''],
    ]);
    const refused = await s.values.upload(analyst, COUNCIL, { fileName: 'values.csv', bytes: bad });
    assert.equal(refused.outcome, 'failed');
    assert.deepEqual(
      refused.rejections.map((r) => r.row),
      [3, 4],
    );
    assert.match(
      refused.rejections[0]!.reason,
      /local-waiting-list 2026-09: 3,400 is above the maximum of 2,000/,
    );
    assert.match(refused.rejections[1]!.reason, /2026-12 has not ended yet \(today is 2026-11-22\)/);
    assert.equal((await s.values.list({ orgCode: COUNCIL })).length, 0, 'nothing stored');

    const good = csv([
      head,
      [reablement.id, '2026-09', '', '105', '200', ''],
      [reablement.id, '2026-10', '55.0', '', '', 'new service model'],
      ['L02', '2026-09', '800', '', '', ''],
      ['L02', '2026-10', '1100', '', '', ''],
      [reablement.id, '2026-08', '', '', '', ''],
    ]);
    const drafted = await s.values.upload(analyst, COUNCIL, { fileName: 'values.csv', bytes: good });
    assert.equal(drafted.outcome, 'drafted', JSON.stringify(drafted));
    assert.deepEqual(
      [drafted.rowsRead, drafted.rowsLoaded, drafted.rowsRejected, drafted.rowsSkipped],
      [5, 4, 0, 1],
    );
    assert.match(
      drafted.warnings[0]?.message ?? '',
      /1,100 moved by 37\.5% from 800 in 2026-09 \(this file\)/,
    );
    const again = await s.values.upload(analyst, COUNCIL, { fileName: 'same.csv', bytes: good });
    assert.equal(again.outcome, 'duplicate');
    const id = drafted.batchId!;
    const batch = await s.values.get(id);
    assert.equal(
      batch.entries.find((e) => e.period === '2026-09' && e.measureId === reablement.id)?.value,
      '52.5',
    );

    const published = () =>
      s.observations.find({ orgCodes: [COUNCIL], measureIds: [reablement.id, waitingList.id] });
    await assert.rejects(s.values.approve(manager, id), /is draft, so it cannot be approved/);
    await s.values.submit(analyst, id);
    assert.equal((await published()).length, 0, 'submitted values are not published');
    const self = { ...analyst, role: 'admin' as const };
    await assert.rejects(s.values.approve(self, id), NotAllowedError);
    const approved = await s.values.approve(manager, id, 'Checked against the service report');
    assert.equal(approved.status, 'approved');
    assert.ok(approved.releaseId);
    assert.deepEqual(
      (await published()).map((o) => [o.measureId, o.period, o.value]),
      [
        [waitingList.id, '2026-09', '800'],
        [waitingList.id, '2026-10', '1100'],
        [reablement.id, '2026-09', '52.5'],
        [reablement.id, '2026-10', '55'],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );

    // A correction through the form: returned once, then approved; the old figure stays as history.
    await assert.rejects(
      s.values.enter(analyst, COUNCIL, { measureId: 'L01', period: 'Q2 2026-27', value: '50' }),
      (e: unknown) => e instanceof ValidationError && e.fieldErrors[0]?.field === 'period',
    );
    const first = await s.values.enter(analyst, COUNCIL, {
      measureId: 'L01',
      period: '2026-10',
      value: '54.1',
    });
    await s.values.submit(analyst, first.batchId!);
    await assert.rejects(s.values.returnBatch(manager, first.batchId!, ' '), /Say why/);
    await s.values.returnBatch(manager, first.batchId!, 'Use the validated figure');
    const second = await s.values.enter(analyst, COUNCIL, {
      measureId: 'L01',
      period: '2026-10',
      value: '54.3',
    });
    assert.equal((await s.values.get(second.batchId!)).entries[0]?.replaces, '55');
    await s.values.submit(analyst, second.batchId!);
    await s.values.approve(manager, second.batchId!);
    const all = await s.observations.find({
      orgCodes: [COUNCIL],
      measureIds: [reablement.id],
      periods: ['2026-10'],
      history: true,
    });
    assert.deepEqual(
      all.map((o) => o.value),
      ['55', '54.3'],
    );
    const history = await s.values.history(COUNCIL, reablement.id);
    assert.deepEqual(
      history.filter((h) => h.period === '2026-10').map((h) => [h.value, h.status]),
      [
        ['54.3', 'approved'],
        ['54.1', 'returned'],
        ['55', 'approved'],
      ],
    );
    const audit = (await s.audit.list({ entityType: 'value-batch', limit: 100 })).entries.map(
      (e) => e.action,
    );
    for (const action of ['values.draft', 'values.submit', 'values.approve', 'values.return'])
      assert.ok(audit.includes(action), `${action} audited`);

    // Excel: percent-formatted cells, dates as months, a bad row named; then the CSV template.
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Values');
    sheet.addRow(['Measure', 'Title', 'Period', 'Value']);
    sheet.addRow([reablement.id, 'ignored', '2026-08', 0.525]).getCell(4).numFmt = '0.0%';
    sheet.addRow([waitingList.id, 'ignored', new Date(Date.UTC(2026, 7, 1)), 'lots']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const report = await s.values.upload(analyst, COUNCIL, { fileName: 'values.xlsx', bytes });
    assert.deepEqual(report.rejections, [
      { row: 3, reason: 'the value "lots" is not a number (write it as 73.8 or 1234)' },
    ]);
    sheet.getRow(3).getCell(4).value = 640;
    const fixed = await s.values.upload(analyst, COUNCIL, {
      fileName: 'values.xlsx',
      bytes: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    assert.equal(fixed.outcome, 'drafted');
    const entries = (await s.values.get(fixed.batchId!)).entries;
    assert.deepEqual(
      entries.map((e) => [e.measureId, e.period, e.value]),
      [
        [reablement.id, '2026-08', '52.5'],
        [waitingList.id, '2026-08', '640'],
      ],
    );
    const template = await s.values.template('local', 'csv');
    assert.equal(
      String(template.body),
      'Measure,Title,Period,Value,Numerator,Denominator,Note\r\n' +
        'local-reablement-no-ongoing,People leaving reablement with no ongoing care,2026-10,,,,\r\n' +
        'local-waiting-list,People waiting for a Care Act assessment at month end,2026-10,,,,\r\n',
    );
  });
}
