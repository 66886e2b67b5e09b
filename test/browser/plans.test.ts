import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/services/actor.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { requireChromium } from '../support/env.js';
import { passwordFor } from '../support/http.js';
import { startTestServer } from '../support/server.js';

const actor = systemActor('test');
const ascof = fs.readFileSync(new URL('../fixtures/ascof-small.csv', import.meta.url));

async function signedIn(browser: Browser, baseUrl: string, role: 'editor' | 'viewer'): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(`${role}@example.org`);
  await page.getByLabel('Password').fill(passwordFor(role));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/`);
  return page;
}

test('an editor builds a workstream and an action linked to a measure and a risk, records an update and reviews the risk; a viewer sees the published register without exempt risks', async (t) => {
  if (!requireChromium(t)) return;
  const server = await startTestServer(t);
  if (!server) return;
  const s = server.services;
  await s.imports.importAscof(actor, 'ascof-small.csv', ascof);
  await s.programmes.create(actor, 'E08000009', {
    name: 'Adult Social Care Improvement Programme',
    startedOn: '2026-04-01',
  });
  const risk = await s.risks.create(actor, 'E08000009', {
    reference: '2',
    description: 'Assessments and reviews are not timely',
    themes: 'Safeguarding',
    owners: 'Assistant Director',
    impact: 4,
    likelihood: 4,
    assessedOn: '2026-09-01',
  });
  await s.risks.create(actor, 'E08000009', {
    reference: '18',
    description: 'A named provider is in financial difficulty',
    themes: 'Finance',
    impact: 4,
    likelihood: 3,
    exempt: true,
  });
  const browser = await launchBrowser();
  t.after(() => browser.close());

  const page = await signedIn(browser, server.baseUrl, 'editor');
  await page.goto(`${server.baseUrl}/organisations/E08000009`);
  await page.getByRole('link', { name: /Improvement programme: workstreams/ }).click();
  await page.getByRole('link', { name: 'Adult Social Care Improvement Programme' }).click();
  await checkAccessibility(page, 'programme');
  await page.getByRole('link', { name: 'Add a workstream' }).click();
  await page.getByRole('button', { name: 'Save workstream' }).click();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter a title/);
  await checkAccessibility(page, 'workstream form with errors');
  await page.getByLabel('Title').fill('Assessment function');
  await page.getByLabel('Lead').fill('Assistant Director, Adult Social Care');
  await page.getByRole('button', { name: 'Save workstream' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Assessment function');

  await page.getByRole('link', { name: 'Add an action or milestone' }).click();
  await page.getByLabel('Action', { exact: true }).fill('Reduce the waiting list for assessments');
  await page.getByLabel('Owner').fill('Head of Assessment');
  await page.getByLabel('Start date (optional)').fill('2026-09-01');
  await page.getByLabel('Due date').fill('2027-03-31');
  await page.getByLabel('Status').selectOption('in-progress');
  await page.getByLabel('Measure it should move (optional)').selectOption('ascof14-1E');
  await page.getByLabel('Risk it mitigates (optional)').selectOption(String(risk.id));
  await checkAccessibility(page, 'action form');
  await page.getByRole('button', { name: 'Save action' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Reduce the waiting list for assessments');
  assert.match(await page.locator('tr[data-measure="ascof14-1E"]').innerText(), /13\.1%/);
  assert.match(
    await page.locator('#risk-list').innerText(),
    /Risk 2: Assessments and reviews are not timely/,
  );

  await page
    .getByLabel('Progress made')
    .fill('Weekly allocation panels started; waiting list down by a fifth');
  await page.getByLabel('Percentage complete (optional)').fill('30');
  await page.getByRole('button', { name: 'Record update' }).click();
  assert.match(await page.locator('#update-table').innerText(), /Weekly allocation panels started/);
  assert.match(await page.locator('#update-table').innerText(), /30% complete/);
  await checkAccessibility(page, 'action with update');

  await page.goto(`${server.baseUrl}/risks/${risk.id}`);
  await page.getByRole('button', { name: 'Review this risk' }).click();
  await page.getByRole('button', { name: 'Record review' }).click();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Choose the impact, 1 to 5/);
  await checkAccessibility(page, 'review form with errors');
  await page.getByRole('group', { name: 'Impact' }).getByLabel('3').check();
  await page.getByRole('group', { name: 'Likelihood' }).getByLabel('4').check();
  await page.getByLabel('Notes (optional)').fill('Backlog falling with new staff');
  await page.getByRole('button', { name: 'Record review' }).click();
  assert.match(await page.locator('#reviews').innerText(), /12 Amber/);
  assert.match(await page.locator('.govuk-summary-list').innerText(), /↓ Down from 16 to 12/);
  await checkAccessibility(page, 'risk');
  await page.goto(`${server.baseUrl}/organisations/E08000009/risks`);
  assert.match(await page.locator('#risks').innerText(), /A named provider is in financial difficulty/);

  const viewer = await signedIn(browser, server.baseUrl, 'viewer');
  await viewer.goto(`${server.baseUrl}/organisations/E08000009/risks`);
  const table = await viewer.locator('#risks').innerText();
  assert.match(table, /Assessments and reviews are not timely/);
  assert.doesNotMatch(table, /financial difficulty/);
  assert.equal(await viewer.locator('#heat-map svg[role="img"]').count(), 1);
  assert.doesNotMatch(await viewer.locator('#heat-map').innerText(), /\b18\b/);
  await checkAccessibility(viewer, 'published register');
});
