import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { requireChromium } from '../support/env.js';
import { passwordFor } from '../support/http.js';
import { startTestServer } from '../support/server.js';

const fixture = fileURLToPath(new URL('../fixtures/ascof-small.csv', import.meta.url));
const broken = fileURLToPath(new URL('../fixtures/not-ascof.csv', import.meta.url));

async function signInThroughForm(page: Page, baseUrl: string, role: 'admin' | 'analyst') {
  await page.getByLabel('Email address').fill(`${role}@example.org`);
  await page.getByLabel('Password').fill(passwordFor(role));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/`);
}

test('an analyst signs in, imports a file through the web page, and every page passes the accessibility check', async (t) => {
  if (!requireChromium(t)) return;
  const server = await startTestServer(t);
  if (!server) return;
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage();
  const go = (path: string) => page.goto(`${server.baseUrl}${path}`);

  await go('/');
  assert.match(page.url(), /\/sign-in\?next=%2F$/);
  await checkAccessibility(page, 'sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.equal(await page.locator('.govuk-error-summary').isVisible(), true);
  await checkAccessibility(page, 'sign-in with errors');

  await signInThroughForm(page, server.baseUrl, 'analyst');
  await checkAccessibility(page, 'home');

  await go('/imports/new');
  await page.getByRole('button', { name: 'Import file' }).click();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Select a CSV file to import/);
  await checkAccessibility(page, 'import form with errors');

  await page.getByLabel('ASCOF CSV file').setInputFiles(broken);
  await page.getByRole('button', { name: 'Import file' }).click();
  assert.match(await page.locator('h1').first().innerText(), /not imported/);
  await checkAccessibility(page, 'failed import report');

  await go('/imports/new');
  await page.getByLabel('ASCOF CSV file').setInputFiles(fixture);
  await page.getByRole('button', { name: 'Import file' }).click();
  assert.match(await page.locator('.govuk-panel').innerText(), /9 of 9 rows loaded/);
  await checkAccessibility(page, 'import report');

  await go('/organisations/E08000009?year=2017-18');
  assert.equal(await page.locator('tr[data-measure="1E"] td[data-org="council"]').innerText(), '13.1%');
  assert.equal(await page.locator('tr[data-measure="1E"] td[data-org="england"]').innerText(), '6.0%');
  await checkAccessibility(page, 'organisation page');

  for (const path of [
    '/measures',
    '/measures/ascof14-2A2',
    '/measures/new',
    '/organisations',
    '/imports',
    '/comparator-groups',
    '/comparator-groups/new',
  ]) {
    await go(path);
    await checkAccessibility(page, path);
  }
  await go('/admin/users');
  assert.match(await page.locator('h1').innerText(), /do not have access/);
});

test('an admin adds a user through the form and reads the change in the audit log', async (t) => {
  if (!requireChromium(t)) return;
  const server = await startTestServer(t);
  if (!server) return;
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${server.baseUrl}/sign-in`);
  await signInThroughForm(page, server.baseUrl, 'admin');

  await page.goto(`${server.baseUrl}/admin/users/new`);
  await page.getByLabel('Email address').fill('not-an-email');
  await page.getByRole('button', { name: 'Add user' }).click();
  const summary = await page.locator('.govuk-error-summary').innerText();
  assert.match(summary, /Enter an email address in the correct format/);
  assert.match(summary, /Enter a name/);
  await checkAccessibility(page, 'add user with errors');

  await page.getByLabel('Email address').fill('councillor@example.org');
  await page.getByLabel('Name').fill('Cllr Example');
  await page.getByLabel('viewer').check();
  await page.getByLabel('Initial password').fill('a long enough password');
  await page.getByRole('button', { name: 'Add user' }).click();
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /councillor@example.org added/);
  await checkAccessibility(page, 'users');

  await page.goto(`${server.baseUrl}/admin/audit?type=user`);
  assert.match(await page.locator('table').innerText(), /user\.create/);
  await checkAccessibility(page, 'audit log');

  await page.getByRole('button', { name: 'Sign out' }).click();
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /signed out/);
});
