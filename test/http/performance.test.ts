import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { systemActor } from '../../src/services/actor.js';
import { openTestApp, signIn, type TestApp } from '../support/http.js';
import { addLocalMeasures, COUNCIL, reablement, waitingList } from '../support/performance.js';

type Session = { cookie: string; csrf: string };

/** assert.match without echoing a whole page on failure (a diff of a page takes the reporter minutes). */
function has(text: string, re: RegExp): void {
  if (!re.test(text)) assert.fail(`expected ${re} in: ${text.replace(/\s+/g, ' ').slice(0, 800)}…`);
}

const form = (app: TestApp['app'], s: Session, path: string, fields: Record<string, string>) =>
  app.request(path, {
    method: 'POST',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, _csrf: s.csrf }),
  });
const page = async (app: TestApp['app'], s: Session, path: string) => {
  const res = await app.request(path, { headers: { cookie: s.cookie } });
  return { status: res.status, text: await res.text(), res };
};
const api = (
  app: TestApp['app'],
  s: Session,
  method: string,
  path: string,
  body?: unknown,
  type = 'application/json',
) =>
  app.request(path, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': type },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

test('data entry, approval, targets, commentary and the plan through the pages; the scorecard, its filters and exports; the API', async (t) => {
  const ctx = await openTestApp(t);
  if (!ctx) return;
  const { app, services } = ctx;
  await addLocalMeasures(services);
  const analyst = await signIn(app, 'analyst');
  const manager = await signIn(app, 'manager');
  const editor = await signIn(app, 'editor');
  const viewer = await signIn(app, 'viewer');

  // A refused form entry shows a GOV.UK error summary linked to the field.
  let res = await form(app, analyst, `/organisations/${COUNCIL}/values`, {
    measureId: reablement.id,
    period: '2026-10',
    value: '130',
  });
  assert.equal(res.status, 400);
  const refused = await res.text();
  has(refused, /govuk-error-summary/);
  has(
    refused,
    /href="#value">local-reablement-no-ongoing 2026-10: 130\.0% is not a percentage between 0% and 100%/,
  );

  // Twelve months uploaded through the API as CSV, submitted by the analyst, approved by the manager.
  const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
  const csv = ['Measure,Period,Value', ...months.map((m, i) => `L01,${m},${(50 + i * 0.5).toFixed(1)}`)].join(
    '\n',
  );
  res = await api(
    app,
    analyst,
    'POST',
    `/api/v1/organisations/${COUNCIL}/value-batches?fileName=year.csv`,
    csv,
    'text/csv',
  );
  assert.equal(res.status, 201);
  const batchId = ((await res.json()) as { batchId: number }).batchId;
  res = await form(app, analyst, `/values/batches/${batchId}/submit`, {});
  assert.equal(res.status, 303);
  res = await form(app, analyst, `/values/batches/${batchId}/approve`, {});
  assert.equal(res.status, 403, 'an analyst cannot approve');
  const batchPage = await page(app, manager, `/values/batches/${batchId}`);
  has(batchPage.text, /Approve and publish/);
  has((await page(app, manager, '/values')).text, new RegExp(`Batch ${batchId}`));
  res = await form(app, manager, `/values/batches/${batchId}/return`, { note: '' });
  assert.equal(res.status, 400);
  res = await form(app, manager, `/values/batches/${batchId}/approve`, { note: 'Checked' });
  assert.equal(res.status, 303);
  has((await page(app, analyst, `/values/batches/${batchId}`)).text, /Approved and published/);

  // A correction entered by form and returned by the manager stays out of published pages.
  res = await form(app, analyst, `/organisations/${COUNCIL}/values`, {
    measureId: reablement.id,
    period: '2025-12',
    value: '57.5',
  });
  assert.equal(res.status, 303);
  const correction = Number(res.headers.get('location')!.split('/').pop());
  await form(app, analyst, `/values/batches/${correction}/submit`, {});
  res = await form(app, manager, `/values/batches/${correction}/return`, { note: 'Not validated yet' });
  assert.equal(res.status, 303);

  // Targets and commentary from the measure page, by an editor.
  const measurePath = `/organisations/${COUNCIL}/performance/${reablement.id}`;
  res = await form(app, editor, `${measurePath}/target`, {
    targetPeriod: '2025-26',
    kind: 'range',
    low: '60',
    high: '50',
  });
  assert.equal(res.status, 400);
  has(await res.text(), /The bottom of the range must not be above its top/);
  res = await form(app, editor, `${measurePath}/target`, {
    targetPeriod: '2025-26',
    kind: 'value',
    value: '56',
    tolerance: '1',
  });
  assert.equal(res.status, 303);
  res = await form(app, editor, `${measurePath}/commentary`, {
    period: '2025-12',
    happening: 'Rising steadily.',
    why: 'New model.',
    action: 'Keep going.',
  });
  assert.equal(res.status, 303);
  const measure = await page(app, viewer, measurePath);
  assert.equal(measure.status, 200);
  has(measure.text, /55\.5% \(2025-12\)/);
  has(measure.text, /Amber: near target/);
  has(
    measure.text,
    /55\.5% misses the target \(56\.0% or more\) by 0\.5 percentage points, within the tolerance/,
  );
  has(measure.text, /Rising steadily\./);
  assert.ok(!measure.text.includes('57.5'), 'a councillor sees only approved values');
  has((await page(app, analyst, measurePath)).text, /57\.5<\/td>[\s\S]*: returned/);
  const measureCsv = (await page(app, viewer, `${measurePath}?format=csv`)).text;
  has(measureCsv, /\r\n2025-12,55\.5%,56\.0% or more,Amber: near target\r\n/);
  has(measureCsv, /Data release \d+: batch \d+: year\.csv/);

  // The plan editor builds the plan; the plan page lays it out as in Manchester's appendix.
  const edits: Record<string, string>[] = [
    { op: 'set-years', years: '2025-26, 2026-27' },
    { op: 'add-priority', title: 'Independence' },
    { op: 'add-objective', priorityId: 'p-1', title: 'Reablement first' },
    { op: 'add-indicator', objectiveId: 'o-1', measureId: reablement.id, baselinePeriod: '2025-01' },
    { op: 'add-indicator', objectiveId: 'o-1', measureId: waitingList.id, label: 'Reduce the waiting list' },
  ];
  for (const fields of edits) {
    res = await form(app, editor, `/organisations/${COUNCIL}/plan`, fields);
    assert.equal(res.status, 303, JSON.stringify(fields));
  }
  res = await form(app, editor, `/organisations/${COUNCIL}/plan`, {
    op: 'add-objective',
    priorityId: '',
    title: 'x',
  });
  assert.equal(res.status, 400);
  const plan = await page(app, viewer, `/organisations/${COUNCIL}/plan`);
  has(plan.text, /<th scope="col" class="govuk-table__header">2025-26 target<\/th>/);
  has(
    plan.text,
    /Independence<\/td><td class="govuk-table__cell">Reablement first<\/td><td class="govuk-table__cell">People leaving reablement with no ongoing care<\/td><td class="govuk-table__cell">50\.0% \(2025-01\)<\/td><td class="govuk-table__cell">56\.0%<\/td>/,
  );

  // The scorecard: the framework's measures with RAG as text, filters, CSV and Excel with the same figures.
  const scorecard = await page(app, viewer, `/organisations/${COUNCIL}/scorecard`);
  has(scorecard.text, /all measures \(2 of 2\)/);
  has(scorecard.text, /govuk-tag--yellow app-tag">Amber: near target</);
  const off = await page(app, viewer, `/organisations/${COUNCIL}/scorecard?filter=off-target`);
  has(off.text, /off target .*\(1 of 2\)/);
  const worse = await page(app, viewer, `/organisations/${COUNCIL}/scorecard?filter=worse`);
  has(worse.text, /No measure is among the measures getting worse/);
  const scorecardCsv = (await page(app, viewer, `/organisations/${COUNCIL}/scorecard?format=csv`)).text;
  has(scorecardCsv, /L01 Reablement: no ongoing care,55\.5% \(2025-12\),56\.0% or more,Amber: near target,/);
  const xlsx = await app.request(`/organisations/${COUNCIL}/scorecard?format=xlsx`, {
    headers: { cookie: viewer.cookie },
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('Scorecard')!;
  assert.equal(sheet.getRow(3).getCell(4).value, 'Amber: near target');
  has(
    String(wb.getWorksheet('About')!.getRow(4).getCell(1).value),
    /^Data release \d+: batch \d+: year\.csv/,
  );

  // A saved scorecard re-renders from its snapshot.
  res = await form(app, editor, '/reports', { kind: 'scorecard', subject: COUNCIL, year: 'all' });
  assert.equal(res.status, 303);
  has(
    (await page(app, viewer, res.headers.get('location')!)).text,
    /Director&#39;s scorecard: Trafford[\s\S]*This is saved report \d+/,
  );

  // JSON API: the same scorecard; a target through the API is audited; the OpenAPI document lists the operations.
  const json = (await (
    await api(app, viewer, 'GET', `/api/v1/organisations/${COUNCIL}/scorecard`)
  ).json()) as {
    rows: { measure: { id: string }; rag: { status: string } | null }[];
  };
  assert.equal(json.rows.find((r) => r.measure.id === reablement.id)?.rag?.status, 'amber');
  res = await api(app, manager, 'POST', `/api/v1/organisations/${COUNCIL}/targets`, {
    measureId: waitingList.id,
    period: '2026-27',
    target: { kind: 'direction', direction: 'increase', baseline: { value: 900, period: '2025-26' } },
  });
  assert.equal(res.status, 400);
  has(JSON.stringify(await res.json()), /conflicts with the measure, where lower is better/);
  const openapi = (await (await app.request('/api/openapi.json')).json()) as {
    paths: Record<string, unknown>;
  };
  for (const p of [
    '/api/v1/organisations/{code}/scorecard',
    '/api/v1/organisations/{code}/overview',
    '/api/v1/organisations/{code}/plan',
    '/api/v1/organisations/{code}/value-batches',
    '/api/v1/value-batches/{id}/approve',
  ])
    assert.ok(openapi.paths[p], `${p} in the OpenAPI document`);
  const audit = (await services.audit.list({ limit: 200 })).entries.map((e) => e.action);
  for (const a of ['values.approve', 'target.set', 'commentary.save', 'plan.save'])
    assert.ok(audit.includes(a), `${a} audited`);
  void systemActor;
});
