import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openTestApp, signIn } from '../support/http.js';

const register = fs.readFileSync(new URL('../fixtures/risk-register-seed-2019.csv', import.meta.url));
const exemptText = 'Commercially sensitive position of a named provider';

test('programme and register over HTTP: forms with error summaries, imports, the API, and exempt risks kept from viewers', async (t) => {
  const ctx = await openTestApp(t);
  if (!ctx) return;
  const { app } = ctx;
  const editor = await signIn(app, 'editor');
  const viewer = await signIn(app, 'viewer');
  const form = (session: typeof editor, fields: Record<string, string>) => ({
    method: 'POST',
    body: new URLSearchParams({ _csrf: session.csrf, ...fields }),
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
  const api = (session: typeof editor, method: string, body?: unknown) => ({
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

  const invalid = await app.request(
    '/organisations/E08000009/programmes',
    form(editor, { name: '', startedOn: '2026-02-30' }),
  );
  assert.equal(invalid.status, 400);
  const invalidHtml = await invalid.text();
  assert.match(invalidHtml, /There is a problem/);
  assert.match(invalidHtml, /href="#name">Enter a name for the programme/);
  assert.match(invalidHtml, /href="#startedOn">Enter a real date/);
  const created = await app.request(
    '/organisations/E08000009/programmes',
    form(editor, { name: 'Improvement programme', startedOn: '2026-04-01' }),
  );
  assert.equal(created.status, 303);
  const programmeId = Number(created.headers.get('location')?.split('/').pop());

  const ws = await app.request(
    `/api/v1/programmes/${programmeId}/workstreams`,
    api(editor, 'POST', { title: 'Front door', lead: 'Head of Access' }),
  );
  assert.equal(ws.status, 201);
  const wsId = ((await ws.json()) as { id: number }).id;
  const action = await app.request(
    `/api/v1/workstreams/${wsId}/actions`,
    api(editor, 'POST', {
      reference: 'F1',
      title: 'Triage at the front door',
      dueOn: '2027-01-31',
      measureIds: ['ascof14-2A2'],
    }),
  );
  assert.equal(action.status, 201);
  const actionId = ((await action.json()) as { id: number }).id;
  const badUpdate = await app.request(
    `/api/v1/actions/${actionId}/updates`,
    api(editor, 'POST', { progress: 'no date' }),
  );
  assert.equal(badUpdate.status, 400);
  assert.equal(
    ((await badUpdate.json()) as { fieldErrors: { field: string }[] }).fieldErrors[0]?.field,
    'updateOn',
  );
  assert.equal(
    (
      await app.request(
        `/api/v1/actions/${actionId}/updates`,
        api(editor, 'POST', { updateOn: '2026-11-20', progress: 'Started' }),
      )
    ).status,
    201,
  );
  assert.equal(
    (
      await app.request(
        `/api/v1/actions/${actionId}/updates`,
        api(viewer, 'POST', { updateOn: '2026-11-20', progress: 'x' }),
      )
    ).status,
    403,
  );

  const upload = new FormData();
  upload.append('_csrf', editor.csrf);
  upload.append('file', new File([register], 'register.csv', { type: 'text/csv' }));
  const imported = await app.request('/organisations/E08000009/risks/import', {
    method: 'POST',
    body: upload,
    headers: { cookie: editor.cookie },
  });
  assert.equal(imported.status, 200);
  assert.match(await imported.text(), /16 of 16 rows loaded/);

  const exempt = await app.request(
    '/api/v1/organisations/E08000009/risks',
    api(editor, 'POST', { reference: 'X1', description: exemptText, impact: 3, likelihood: 3, exempt: true }),
  );
  assert.equal(exempt.status, 201);
  const exemptId = ((await exempt.json()) as { id: number }).id;

  const asViewer = await (
    await app.request('/organisations/E08000009/risks', { headers: { cookie: viewer.cookie } })
  ).text();
  assert.match(asViewer, /Long term funding uncertainty for Adult Social Care/);
  assert.doesNotMatch(asViewer, new RegExp(exemptText));
  assert.equal((await app.request(`/risks/${exemptId}`, { headers: { cookie: viewer.cookie } })).status, 404);
  const viewerApi = (await (
    await app.request('/api/v1/organisations/E08000009/risks', api(viewer, 'GET'))
  ).json()) as {
    risks: { reference: string }[];
  };
  assert.equal(viewerApi.risks.length, 16);
  const editorApi = (await (
    await app.request('/api/v1/organisations/E08000009/risks', api(editor, 'GET'))
  ).json()) as {
    risks: { reference: string }[];
  };
  assert.equal(editorApi.risks.length, 17);
  const report = await (
    await app.request('/organisations/E08000009/risks/report?audience=internal&format=html', {
      headers: { cookie: viewer.cookie },
    })
  ).text();
  assert.match(report, /This version is for publication/);
  assert.doesNotMatch(report, new RegExp(exemptText));
  assert.equal(
    (
      await app.request(
        `/api/v1/risks/${exemptId}/reviews`,
        api(viewer, 'POST', { reviewedOn: '2026-11-20', impact: 1, likelihood: 1 }),
      )
    ).status,
    403,
  );

  const openapi = (await (await app.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  for (const path of [
    '/api/v1/programmes/{id}',
    '/api/v1/organisations/{code}/risks',
    '/api/v1/risks/{id}/reviews',
    '/api/v1/programmes/{id}/progress',
  ])
    assert.ok(openapi.paths[path], `${path} is in the OpenAPI document`);
});
