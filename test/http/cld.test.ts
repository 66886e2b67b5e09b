import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatValue } from '../../src/domain/measure.js';
import { CLD_COUNCIL, CLD_PERIOD, loadSyntheticCld, openCldTestApp } from '../support/cld.js';
import { signIn } from '../support/http.js';

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');
const text = (html: string) =>
  decode(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
/** The inner HTML of the element with this id (enough for the flat markup of these pages). */
function byId(html: string, id: string, tag: string): string {
  const start = html.indexOf(`id="${id}"`);
  assert.ok(start >= 0, `no element #${id}`);
  const open = html.indexOf('>', start) + 1;
  return html.slice(open, html.indexOf(`</${tag}>`, open));
}

test('CLD pages: figures with drill-down links, a quality report that reconciles, audited drill-down, and the API', async (t) => {
  const ctx = await openCldTestApp(t);
  if (!ctx) return;
  const { app, services, dataDir } = ctx;
  const { submission, derived } = await loadSyntheticCld(services, dataDir);
  const figure = (measureId: string, disaggregation = 'Total') => {
    const f = derived.figures.find((x) => x.measureId === measureId && x.disaggregation === disaggregation);
    assert.ok(f, `${measureId} ${disaggregation} was derived`);
    return f;
  };
  const analyst = await signIn(app, 'analyst');
  const viewer = await signIn(app, 'viewer');
  const get = (path: string, session: { cookie: string }) =>
    app.request(path, { headers: { cookie: session.cookie } });

  // The council page links to the CLD page.
  const councilPage = await (await get(`/organisations/${CLD_COUNCIL}`, viewer)).text();
  assert.match(councilPage, new RegExp(`href="/organisations/${CLD_COUNCIL}/cld"`));

  // The CLD page, as an analyst: submissions, the period, LTS001b's total and ASCOF 2E, each linked.
  const page = await get(`/organisations/${CLD_COUNCIL}/cld`, analyst);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(byId(html, 'submissions', 'table'), new RegExp(`/cld/submissions/${submission.id}`));
  assert.match(html, /<option value="2024-25" selected>/);
  const lts001b = figure('cld-LTS001b');
  const total = byId(html, 'cld-lts001b-total', 'p');
  assert.match(
    text(total),
    new RegExp(`^Total: ${new Intl.NumberFormat('en-GB').format(lts001b.value ?? -1)}\\b`),
  );
  const drillHref = decode(/href="([^"]*\/cld\/drill\?[^"]*)"/.exec(total)?.[1] ?? '');
  assert.match(drillHref, /measure=cld-LTS001b&breakdown=Total&part=denominator/);
  const ascof2E = figure('ascof23-2E');
  const measure2E = await services.measures.get('ascof23-2E');
  const row2E = /<tr[^>]*data-breakdown="Total"[^>]*>\s*<th[^>]*>2E [^<]*<\/th>([\s\S]*?)<\/tr>/.exec(
    byId(html, 'ascof', 'table'),
  );
  assert.ok(row2E, 'ASCOF 2E has a row');
  const cells2E = text(row2E[1] ?? '');
  assert.ok(cells2E.startsWith(formatValue(measure2E, ascof2E.value ?? NaN)), cells2E);
  assert.match(cells2E, new RegExp(`${ascof2E.numerator} ?: list the numerator of 2E`));
  assert.match(cells2E, new RegExp(`${ascof2E.denominator} ?: list the denominator of 2E`));
  // Every SALT table is there, and a two-way breakdown is a table of its own.
  for (const id of ['sts001', 'sts002a', 'sts002b', 'lts001a', 'lts001b', 'lts001c', 'lts003', 'lts004'])
    assert.match(html, new RegExp(`id="cld-${id}"`), id);
  assert.match(byId(html, 'cld-lts001a-by-age-band-psr', 'table'), /Age band 65\+/);
  assert.match(html, /id="activity"/);

  // A viewer sees the figures but no drill-down link and no submissions.
  const viewerHtml = await (await get(`/organisations/${CLD_COUNCIL}/cld`, viewer)).text();
  assert.match(viewerHtml, /id="cld-lts001b-total"/);
  assert.doesNotMatch(viewerHtml, /\/cld\/drill/);
  assert.doesNotMatch(viewerHtml, /id="submissions"/);
  assert.equal((await get(`/organisations/${CLD_COUNCIL}/cld?period=1999-00`, viewer)).status, 400);

  // The quality page: totals that reconcile, fields, rules and rejected rows.
  const quality = await get(`/cld/submissions/${submission.id}`, analyst);
  assert.equal(quality.status, 200);
  const qualityHtml = await quality.text();
  const q = submission.quality;
  assert.equal(q.read, q.loaded + q.rejected);
  const n = (x: number) => new Intl.NumberFormat('en-GB').format(x);
  assert.match(
    text(byId(qualityHtml, 'reconciliation', 'div')),
    new RegExp(
      `Rows read \\(${n(q.read)}\\) = rows loaded \\(${n(q.loaded)}\\) \\+ rows rejected \\(${n(q.rejected)}\\): the totals reconcile`,
    ),
  );
  assert.match(qualityHtml, /data-field="eventType"/);
  const rejected = byId(qualityHtml, 'rejections', 'table');
  for (const r of q.rejections) assert.match(rejected, new RegExp(`>${r.rowNumber}<`));
  assert.equal((await get(`/cld/submissions/${submission.id}`, viewer)).status, 403);
  assert.equal((await get('/cld/submissions/not-a-submission', analyst)).status, 404);

  // Drill-down: the analyst sees the rows and the view is audited; a viewer is refused and nothing is recorded.
  const drill = await get(drillHref, analyst);
  assert.equal(drill.status, 200);
  const drillHtml = await drill.text();
  assert.match(text(byId(drillHtml, 'audit-notice', 'div')), /recorded in the audit log/);
  const people = byId(drillHtml, 'people', 'table');
  const rows = people.split('<tr class="govuk-table__row">').length - 2; // less the head row
  assert.equal(rows, Math.min(500, lts001b.value ?? 0));
  const shown = (lts001b.value ?? 0) > 500 ? ', the first 500 shown' : '';
  assert.match(text(people), new RegExp(`The people counted: ${n(lts001b.value ?? 0)}${shown}`));
  const audited = async () =>
    (await services.audit.list({ entityType: 'observation', limit: 500 })).entries.filter(
      (e) => e.action === 'persons.view',
    );
  const entries = await audited();
  assert.equal(entries.length, 1);
  assert.equal(entries[0]?.actorLabel, 'analyst@example.org');
  assert.equal(entries[0]?.entityId, `${CLD_COUNCIL}/cld-LTS001b`);

  const refused = await get(drillHref, viewer);
  assert.equal(refused.status, 403);
  assert.match(await refused.text(), /You do not have access to this page/);
  assert.equal((await audited()).length, 1);
  const bad = await get(
    `/organisations/${CLD_COUNCIL}/cld/drill?period=2024-25&measure=ascof23-2B&part=denominator`,
    analyst,
  );
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /population estimate/);
  const missing = await get(
    `/organisations/${CLD_COUNCIL}/cld/drill?period=2024-25&measure=cld-LTS001b&breakdown=age_band%3D90%2B&part=denominator`,
    analyst,
  );
  assert.equal(missing.status, 404);

  // The API: submissions, the quality report, drill-down (audited), each in the OpenAPI document.
  const list = (await (
    await get(`/api/v1/organisations/${CLD_COUNCIL}/cld/submissions`, analyst)
  ).json()) as {
    id: string;
    quality?: unknown;
  }[];
  assert.deepEqual(
    list.map((s) => s.id),
    [submission.id],
  );
  assert.equal(list[0]?.quality, undefined);
  const one = (await (await get(`/api/v1/cld/submissions/${submission.id}`, analyst)).json()) as {
    quality: { read: number; loaded: number; rejected: number };
  };
  assert.deepEqual(
    [one.quality.read, one.quality.loaded, one.quality.rejected],
    [q.read, q.loaded, q.rejected],
  );
  const ratio = figure('ascof23-2E', 'age_band=65+');
  const apiDrill = await get(
    `/api/v1/organisations/${CLD_COUNCIL}/cld/drill?period=${CLD_PERIOD}&measure=ascof23-2E&breakdown=${encodeURIComponent('age_band=65+')}&part=numerator&limit=10`,
    analyst,
  );
  assert.equal(apiDrill.status, 200);
  const drilled = (await apiDrill.json()) as { total: number; rows: { personId: string }[] };
  assert.equal(drilled.total, ratio.numerator);
  assert.equal(drilled.rows.length, Math.min(10, ratio.numerator ?? 0));
  assert.equal((await audited()).length, 2);
  assert.equal(
    (
      await get(
        `/api/v1/organisations/${CLD_COUNCIL}/cld/drill?period=${CLD_PERIOD}&measure=ascof23-2E&part=numerator`,
        viewer,
      )
    ).status,
    403,
  );
  const openapi = (await (await app.request('/api/openapi.json')).json()) as {
    paths: Record<string, unknown>;
  };
  for (const p of [
    '/api/v1/organisations/{code}/cld/submissions',
    '/api/v1/cld/submissions/{id}',
    '/api/v1/organisations/{code}/cld/drill',
  ])
    assert.ok(openapi.paths[p], p);
});
