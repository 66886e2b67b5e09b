import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import type { Role } from '../../src/domain/access.js';
import { systemActor } from '../../src/services/actor.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { requireChromium } from '../support/env.js';
import { passwordFor } from '../support/http.js';
import { addLocalMeasures, COUNCIL, reablement, waitingList } from '../support/performance.js';
import { startTestServer } from '../support/server.js';

async function signedIn(browser: Browser, baseUrl: string, role: Role) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(`${role}@example.org`);
  await page.getByLabel('Password').fill(passwordFor(role));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/`);
  return page;
}

/** The analyst's workbook, laid out as the template: a header row, then one value per row. */
async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Values');
  sheet.addRow(['Measure', 'Title', 'Period', 'Value', 'Numerator', 'Denominator', 'Note']);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('an analyst uploads local values from Excel, fixes a bad row and submits; a manager approves; the scorecard shows them with RAG as text; the pages pass the accessibility check', async (t) => {
  if (!requireChromium(t)) return;
  const server = await startTestServer(t);
  if (!server) return;
  const { services, baseUrl } = server;
  await addLocalMeasures(services);
  const manager = systemActor('test');
  await services.targets.set(manager, COUNCIL, reablement.id, '2026-27', {
    kind: 'value',
    value: 55,
    tolerance: 2,
  });
  await services.targets.set(manager, COUNCIL, waitingList.id, '2026-27', { kind: 'value', value: 800 });

  const browser = await launchBrowser();
  t.after(() => browser.close());
  const analyst = await signedIn(browser, baseUrl, 'analyst');
  await analyst.goto(`${baseUrl}/organisations/${COUNCIL}`);
  await analyst.getByRole('link', { name: /^Local values/ }).click();
  await analyst.waitForURL(`${baseUrl}/organisations/${COUNCIL}/values`);
  await checkAccessibility(analyst, 'local values');

  const rows = [
    [reablement.id, '', '2026-09', 54.2],
    [waitingList.id, '', '2026-09', 'n/a'],
    [reablement.id, '', '2026-10', 56],
    [waitingList.id, '', '2026-10', 845],
  ];
  await analyst
    .locator('#file')
    .setInputFiles({ name: 'october.xlsx', mimeType: xlsx, buffer: await workbook(rows) });
  await analyst.getByRole('button', { name: 'Upload values' }).click();
  await analyst.waitForURL(`${baseUrl}/organisations/${COUNCIL}/values/upload`);
  assert.match(
    await analyst.locator('.govuk-error-summary').innerText(),
    /Row 3: the value "n\/a" is not a number/,
  );
  assert.match(await analyst.locator('#nothing-stored').innerText(), /Nothing was stored/);
  await checkAccessibility(analyst, 'refused upload');
  assert.equal((await services.values.list({ orgCode: COUNCIL })).length, 0, 'nothing stored');

  rows[1]![3] = 861;
  await analyst.goto(`${baseUrl}/organisations/${COUNCIL}/values`);
  await analyst
    .locator('#file')
    .setInputFiles({ name: 'october.xlsx', mimeType: xlsx, buffer: await workbook(rows) });
  await analyst.getByRole('button', { name: 'Upload values' }).click();
  assert.match(
    await analyst.locator('.govuk-panel').innerText(),
    /Values saved as a draft\s+4 of 4 rows loaded/,
  );
  await analyst.getByRole('link', { name: /^batch \d+$/ }).click();
  await analyst.getByRole('button', { name: 'Submit for approval' }).click();
  assert.equal(await analyst.locator('#batch-status').innerText(), 'Submitted for approval');
  assert.equal(await analyst.getByRole('button', { name: 'Approve and publish' }).count(), 0);
  await checkAccessibility(analyst, 'submitted batch');

  const boss = await signedIn(browser, baseUrl, 'manager');
  await boss.getByRole('link', { name: 'Approvals' }).click();
  await boss.locator('#waiting a').first().click();
  await boss.getByRole('button', { name: 'Approve and publish' }).click();
  assert.equal(await boss.locator('#batch-status').innerText(), 'Approved and published');

  await boss.goto(`${baseUrl}/organisations/${COUNCIL}`);
  await boss.getByRole('link', { name: /^Director's scorecard/ }).click();
  await boss.waitForURL(`${baseUrl}/organisations/${COUNCIL}/scorecard`);
  const row = (code: string) => boss.locator('table tbody tr', { hasText: code });
  assert.match(
    await row('L01').innerText(),
    /56\.0% \(2026-10\)[\s\S]*55\.0% or more[\s\S]*Green: on target/,
  );
  assert.match(await row('L02').innerText(), /845 \(2026-10\)[\s\S]*800 or less[\s\S]*Red: off target/);
  await checkAccessibility(boss, 'scorecard');
  await boss.getByRole('link', { name: /measures off target/ }).click();
  assert.equal(await boss.locator('table tbody tr').count(), 1);
  await boss.locator('table tbody tr a', { hasText: 'L02' }).click();
  await boss.waitForURL(/\/performance\/local-waiting-list$/);
  assert.match(await boss.locator('#status').innerText(), /Red: off target/);
  await checkAccessibility(boss, 'measure performance');
});
