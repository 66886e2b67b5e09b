import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { Role } from '../../src/domain/access.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { CLD_COUNCIL, loadSyntheticCld, startCldTestServer } from '../support/cld.js';
import { requireChromium } from '../support/env.js';
import { passwordFor } from '../support/http.js';

async function signedIn(browser: Browser, baseUrl: string, role: Role) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(`${role}@example.org`);
  await page.getByLabel('Password').fill(passwordFor(role));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/`);
  return page;
}

test('an analyst follows a CLD figure to the people behind it; a viewer sees the figures without links; the pages pass the accessibility check', async (t) => {
  if (!requireChromium(t)) return;
  const server = await startCldTestServer(t);
  if (!server) return;
  const { services, dataDir, baseUrl } = server;
  const { submission, derived } = await loadSyntheticCld(services, dataDir);
  const lts001b = derived.figures.find((f) => f.measureId === 'cld-LTS001b' && f.disaggregation === 'Total');
  assert.ok(lts001b?.value);
  const totalText = new RegExp(`^Total: ${new Intl.NumberFormat('en-GB').format(lts001b.value)}\\b`);

  const browser = await launchBrowser();
  t.after(() => browser.close());

  const page = await signedIn(browser, baseUrl, 'analyst');
  await page.goto(`${baseUrl}/organisations/${CLD_COUNCIL}`);
  await page.getByRole('link', { name: /^Client Level Data/ }).click();
  await page.waitForURL(`${baseUrl}/organisations/${CLD_COUNCIL}/cld`);
  assert.match(await page.locator('#cld-lts001b-total').innerText(), totalText);
  assert.ok((await page.locator('a[href*="/cld/drill?"]').count()) > 100);
  await checkAccessibility(page, 'CLD figures (analyst)');

  await page.locator('#cld-lts001b-total a').click();
  await page.waitForURL(/\/cld\/drill\?/);
  assert.match(await page.locator('h1').innerText(), /People behind LTS001b/);
  assert.match(await page.locator('#audit-notice').innerText(), /recorded in the audit log/);
  assert.equal(await page.locator('#people tbody tr').count(), Math.min(500, lts001b.value));
  await checkAccessibility(page, 'CLD drill-down');

  await page.goto(`${baseUrl}/cld/submissions/${submission.id}`);
  assert.match(await page.locator('#reconciliation').innerText(), /the totals reconcile/);
  await checkAccessibility(page, 'CLD data quality');

  const viewer = await signedIn(browser, baseUrl, 'viewer');
  await viewer.goto(`${baseUrl}/organisations/${CLD_COUNCIL}/cld`);
  assert.match(await viewer.locator('#cld-lts001b-total').innerText(), totalText);
  assert.equal(await viewer.locator('a[href*="/cld/drill"]').count(), 0);
  await checkAccessibility(viewer, 'CLD figures (viewer)');
});
