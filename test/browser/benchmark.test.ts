import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { systemActor } from '../../src/services/actor.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { requireChromium } from '../support/env.js';
import { passwordFor } from '../support/http.js';
import { startTestServer } from '../support/server.js';

const national = fs.readFileSync(
  new URL('../../demo/ascof-council-outcomes-2017-18-to-2021-22.csv', import.meta.url),
);

test('a council page switches comparator group, an editor writes the narrative, and the pages pass the accessibility check', async (t) => {
  if (!requireChromium(t)) return;
  const server = await startTestServer(t);
  if (!server) return;
  const { services, baseUrl } = server;
  await services.imports.importAscof(systemActor('test'), 'national.csv', national);
  const members = (codes: string[]) => codes.map((orgCode) => ({ orgCode, validFrom: '2017-04-01' }));
  await services.comparators.create(systemActor('test'), {
    name: 'Greater Manchester',
    members: members([
      'E08000001',
      'E08000002',
      'E08000003',
      'E08000004',
      'E08000005',
      'E08000006',
      'E08000007',
      'E08000008',
      'E08000010',
    ]),
  });
  await services.comparators.create(systemActor('test'), {
    name: 'Outer London',
    members: members(['E09000003', 'E09000004', 'E09000005', 'E09000006', 'E09000008']),
  });

  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill('editor@example.org');
  await page.getByLabel('Password').fill(passwordFor('editor'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/`);

  await page.goto(`${baseUrl}/organisations/E08000009/benchmark?year=2021-22`);
  assert.equal(await page.locator('#m-ascof14-1E td[data-col="rank"]').innerText(), '9 of 151');
  assert.equal(await page.locator('#m-ascof14-1E [data-col="comparator"]').count(), 0);
  assert.match(
    await page.locator('#highlights').innerText(),
    /Best in the North West \(out of 23\) and ranked 9th nationally \(out of 151\)/,
  );
  await checkAccessibility(page, 'council benchmarks');

  await page.getByLabel('Comparator group').selectOption({ label: 'Greater Manchester (version 1)' });
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.waitForURL(/group=/);
  assert.match(await page.locator('#benchmark-table caption').innerText(), /Greater Manchester/);
  assert.match(await page.locator('#m-ascof14-1E [data-col="comparator-rank"]').innerText(), /^\d+ of 10$/);
  await checkAccessibility(page, 'council benchmarks with a comparator group');

  await page.getByLabel('Measure to chart').selectOption({ label: '2A2 Care home admissions 65+' });
  await page.getByRole('button', { name: 'Show trend' }).click();
  assert.match(await page.locator('#trend').innerText(), /2A2/);
  assert.equal(await page.locator('figure svg[role="img"]').count(), 1);
  await checkAccessibility(page, 'trend chart');

  await page.goto(`${baseUrl}/organisations/E08000009/narrative?year=2021-22`);
  await page.getByLabel('Narrative').fill('We have focused on reviews.\n\nWaiting lists fell.');
  await page.getByLabel('Signed by').fill('A. Director');
  await page.getByRole('button', { name: 'Save narrative' }).click();
  await page.waitForURL(/\/profile\?year=2021-22/);
  assert.match(await page.locator('.app-report').innerText(), /Waiting lists fell\./);
  await checkAccessibility(page, 'profile');
});
