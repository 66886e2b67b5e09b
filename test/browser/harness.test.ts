import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { chromiumSuiteOptions } from '../support/env.js';

const accessiblePage = `<!DOCTYPE html>
<html lang="en">
  <head><meta charset="utf-8"><title>Harness check</title></head>
  <body>
    <header><p>Ascent</p></header>
    <main>
      <h1>Harness check</h1>
      <p>A small page that meets WCAG 2.2 AA.</p>
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="A blank pixel">
      <form>
        <label for="council">Council name</label>
        <input id="council" name="council" type="text">
        <button type="submit">Search</button>
      </form>
    </main>
  </body>
</html>`;

const inaccessiblePage = `<!DOCTYPE html>
<html lang="en">
  <head><meta charset="utf-8"><title>Broken page</title></head>
  <body>
    <main>
      <h1>Broken page</h1>
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
      <input id="nameless" type="text">
    </main>
  </body>
</html>`;

// The app's pages forbid inline scripts; the check must still be able to load axe-core into them.
const strictPolicy = "default-src 'self'; script-src 'self'; style-src 'self'";

function listen(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const body =
      req.url === '/broken'
        ? inaccessiblePage
        : req.url?.startsWith('/?') || req.url === '/'
          ? accessiblePage
          : undefined;
    res.writeHead(body ? 200 : 404, {
      'content-type': 'text/html; charset=utf-8',
      ...(req.url === '/?csp' ? { 'content-security-policy': strictPolicy } : {}),
    });
    res.end(body ?? 'Not found');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, base: `http://127.0.0.1:${port}` });
    });
  });
}

describe('browser harness', chromiumSuiteOptions(), () => {
  let browser: Browser;
  let server: Server;
  let base: string;

  before(async () => {
    ({ server, base } = await listen());
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  test('an accessible page passes the WCAG A/AA check', async () => {
    const page = await browser.newPage();
    try {
      const res = await page.goto(`${base}/`);
      assert.equal(res?.status(), 200);
      assert.equal(await page.title(), 'Harness check');
      await checkAccessibility(page, 'harness page');
    } finally {
      await page.close();
    }
  });

  test('the check also runs on a page whose Content-Security-Policy forbids inline scripts', async () => {
    const page = await browser.newPage();
    try {
      const res = await page.goto(`${base}/?csp`);
      assert.equal(res?.headers()['content-security-policy'], strictPolicy);
      await checkAccessibility(page, 'harness page with CSP');
    } finally {
      await page.close();
    }
  });

  test('an inaccessible page fails, naming each violation', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/broken`);
      await assert.rejects(checkAccessibility(page, 'broken page'), (err: Error) => {
        assert.equal(err.name, 'AssertionError');
        assert.match(err.message, /^broken page: \d+ accessibility violation/);
        assert.match(err.message, /^ {2}- image-alt \[critical\] .*\n {6}at img$/m);
        assert.match(err.message, /^ {2}- label \[critical\] .*\n {6}at #nameless$/m);
        return true;
      });
    } finally {
      await page.close();
    }
  });
});
