import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openTestApp, signIn } from '../support/http.js';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  body: new URLSearchParams(fields),
  headers: { 'content-type': 'application/x-www-form-urlencoded' } as Record<string, string>,
});
const small = fs.readFileSync(new URL('../fixtures/ascof-small.csv', import.meta.url));

test('sign-in: wrong password, empty fields, throttling and an expired session each get a clear message', async (t) => {
  const ctx = await openTestApp(t);
  if (!ctx) return;
  const { app, services } = ctx;
  const { cookie } = await signIn(app, 'analyst');
  const empty = await app.request('/sign-in', form({ email: '', password: '' }));
  assert.equal(empty.status, 400);
  const emptyHtml = await empty.text();
  assert.match(emptyHtml, /There is a problem/);
  assert.match(emptyHtml, /Enter your email address/);

  for (let i = 0; i < 5; i++) {
    const wrong = await app.request(
      '/sign-in',
      form({ email: 'viewer@example.org', password: 'not the password' }),
    );
    assert.equal(wrong.status, 401);
    assert.match(await wrong.text(), /email address or password is not correct/);
  }
  const throttled = await app.request(
    '/sign-in',
    form({ email: 'viewer@example.org', password: 'viewer-test-password' }),
  );
  assert.equal(throttled.status, 429);
  assert.match(await throttled.text(), /Too many failed attempts/);

  services.clock.advance(9 * 3600_000);
  const expired = await app.request('/measures', { headers: { cookie } });
  assert.equal(expired.status, 303);
  assert.match(expired.headers.get('location') ?? '', /expired=1/);
  const notice = await app.request(expired.headers.get('location') ?? '/sign-in');
  assert.match(await notice.text(), /Your session has expired/);
});

test('forms without the session CSRF token are refused and change nothing', async (t) => {
  const ctx = await openTestApp(t);
  if (!ctx) return;
  const { app, services } = ctx;
  const { cookie, csrf } = await signIn(app, 'admin');
  const fields = {
    email: 'new@example.org',
    displayName: 'New',
    role: 'viewer',
    password: 'a long enough password',
  };
  const noToken = form(fields);
  noToken.headers.cookie = cookie;
  assert.equal((await app.request('/admin/users', noToken)).status, 403);
  const crossSite = form({ ...fields, _csrf: csrf });
  Object.assign(crossSite.headers, { cookie, origin: 'https://evil.example' });
  assert.equal((await app.request('/admin/users', crossSite)).status, 403);
  assert.equal(await services.users.findByEmail('new@example.org'), undefined);

  const ok = form({ ...fields, _csrf: csrf });
  ok.headers.cookie = cookie;
  assert.equal((await app.request('/admin/users', ok)).status, 303);
  assert.ok(await services.users.findByEmail('new@example.org'));
});

test('an invalid form shows a GOV.UK error summary linked to each field', async (t) => {
  const ctx = await openTestApp(t);
  if (!ctx) return;
  const { app } = ctx;
  const { cookie, csrf } = await signIn(app, 'analyst');
  const req = form({
    _csrf: csrf,
    id: 'bad id',
    code: '',
    title: '',
    unit: '',
    decimals: 'x',
    polarity: '',
    frequency: 'annual',
    validFrom: '2024-26',
  });
  req.headers.cookie = cookie;
  const res = await app.request('/measures', req);
  assert.equal(res.status, 400);
  const html = await res.text();
  assert.match(html, /govuk-error-summary/);
  for (const field of ['id', 'code', 'title', 'unit', 'polarity', 'validFrom'])
    assert.match(html, new RegExp(`href="#${field}"`), field);
});

test('the API: tokens, local measures with the same validation, imports, audit, and the OpenAPI document', async (t) => {
  const ctx = await openTestApp(t);
  if (!ctx) return;
  const { app, services } = ctx;
  const admin = await services.users.findByEmail('admin@example.org');
  const analyst = await services.users.findByEmail('analyst@example.org');
  const viewer = await services.users.findByEmail('viewer@example.org');
  const actor = { userId: admin!.id, label: 'admin', role: 'admin' as const };
  const analystToken = (await services.sessions.createApiToken(actor, analyst!.id, 'ci')).token;
  const viewerToken = (await services.sessions.createApiToken(actor, viewer!.id, 'read')).token;
  const bearer = (token: string, extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${token}`,
    ...extra,
  });

  assert.equal((await app.request('/api/v1/me', { headers: bearer('asc_wrong') })).status, 401);
  const me = (await (await app.request('/api/v1/me', { headers: bearer(viewerToken) })).json()) as {
    role: string;
  };
  assert.equal(me.role, 'viewer');

  const upload = await app.request('/api/v1/imports/ascof?fileName=small.csv', {
    method: 'POST',
    body: small,
    headers: bearer(analystToken, { 'content-type': 'text/csv' }),
  });
  assert.equal(upload.status, 201);
  assert.equal(((await upload.json()) as { rowsLoaded: number }).rowsLoaded, 9);
  assert.equal(
    (
      await app.request('/api/v1/imports/ascof', {
        method: 'POST',
        body: small,
        headers: bearer(viewerToken),
      })
    ).status,
    403,
  );

  const obs = (await (
    await app.request('/api/v1/observations?org=E08000009&period=2017-18', { headers: bearer(viewerToken) })
  ).json()) as { measureId: string; value: string }[];
  assert.deepEqual(
    obs.map((o) => [o.measureId, o.value]),
    [
      ['ascof14-1E', '13.1'],
      ['ascof14-2B1', '86.5'],
    ],
  );

  const definition = {
    id: 'local-homecare-hours',
    code: 'L01',
    title: 'Weekly homecare hours delivered',
    shortTitle: 'Homecare hours',
    description: 'Hours of homecare delivered in a typical week.',
    unit: 'hours',
    multiplier: 1,
    decimals: 0,
    polarity: 'neutral',
    source: 'Local',
    frequency: 'monthly',
    validFrom: '2024-25',
  };
  const bad = await app.request('/api/v1/measures', {
    method: 'POST',
    body: JSON.stringify({ ...definition, decimals: -1 }),
    headers: bearer(analystToken, { 'content-type': 'application/json' }),
  });
  assert.equal(bad.status, 400);
  assert.ok(
    ((await bad.json()) as { fieldErrors: { field: string }[] }).fieldErrors.some(
      (e) => e.field === 'decimals',
    ),
  );
  const created = await app.request('/api/v1/measures', {
    method: 'POST',
    body: JSON.stringify(definition),
    headers: bearer(analystToken, { 'content-type': 'application/json' }),
  });
  assert.equal(created.status, 201);
  const dup = await app.request('/api/v1/measures', {
    method: 'POST',
    body: JSON.stringify(definition),
    headers: bearer(analystToken, { 'content-type': 'application/json' }),
  });
  assert.equal(dup.status, 400);

  const audit = (await services.audit.list({ limit: 500 })).entries;
  const actions = audit.map((e) => `${e.action} ${e.actorLabel}`);
  assert.ok(actions.includes('measure.create analyst@example.org (API token)'));
  assert.ok(actions.includes('release.import analyst@example.org (API token)'));
  assert.ok(actions.includes('token.create admin'));
  assert.ok(
    audit.some(
      (e) => e.action === 'user.create' && (e.after as { email: string }).email === 'viewer@example.org',
    ),
  );

  const doc = (await (await app.request('/api/openapi.json')).json()) as {
    openapi: string;
    paths: Record<string, unknown>;
    components: { schemas: Record<string, unknown> };
  };
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(doc.paths['/api/v1/observations'] && doc.paths['/api/v1/measures/{id}']);
  assert.ok(doc.components.schemas.MeasureDefinition);
});

test('the organisation page shows a council beside its region and England', async (t) => {
  const ctx = await openTestApp(t);
  if (!ctx) return;
  const { app, services } = ctx;
  await services.imports.importAscof({ userId: null, label: 'test', role: 'admin' }, 'small.csv', small);
  const { cookie } = await signIn(app, 'viewer');
  const html = await (
    await app.request('/organisations/E08000009?year=2017-18', { headers: { cookie } })
  ).text();
  const row = /<tr[^>]*data-measure="1E"[\s\S]*?<\/tr>/.exec(html)?.[0] ?? '';
  assert.match(row, /data-org="council">13.1%/);
  assert.match(row, /data-org="region">4.3%/);
  assert.match(row, /data-org="england">6.0%/);
  assert.match(html, /North West/);
  const bury = await (await app.request('/organisations/E08000002', { headers: { cookie } })).text();
  assert.match(
    bury,
    /\[c\]<\/span><span class="govuk-visually-hidden"> \(suppressed to protect confidentiality/,
  );
});

test('the API gives a council benchmarks and profile statements', async (t) => {
  const ctx = await openTestApp(t);
  if (!ctx) return;
  const { app, services } = ctx;
  await services.imports.importAscof({ userId: null, label: 'test', role: 'admin' }, 'small.csv', small);
  const { cookie } = await signIn(app, 'viewer');
  const res = await app.request('/api/v1/organisations/E08000009/benchmarks?year=2017-18', {
    headers: { cookie },
  });
  assert.equal(res.status, 200);
  const body = (await res.json()) as {
    benchmarks: { code: string; value: number; england: { aggregate: { value: number; method: string } } }[];
  };
  const e1 = body.benchmarks.find((b) => b.code === '1E');
  assert.deepEqual(
    [e1?.value, e1?.england.aggregate.value, e1?.england.aggregate.method],
    [13.1, 6.0, 'published'],
  );
  const bad = await app.request('/api/v1/organisations/E08000009/benchmarks?year=1999-00', {
    headers: { cookie },
  });
  assert.equal(bad.status, 400);
  const profile = (await (
    await app.request('/api/v1/organisations/E08000009/profile?year=2017-18', { headers: { cookie } })
  ).json()) as { statements: { text: string }[] };
  assert.ok(profile.statements.length > 0);
});
