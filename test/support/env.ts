/**
 * Guards for tests that need something outside Node: a PostgreSQL server or a Chromium binary.
 *
 * `bash scripts/test.sh` (what `npm test` and CI run) always provides both, through TEST_DATABASE_URL
 * and CHROMIUM_PATH. A developer running a subset by hand may not have them: those tests are then
 * skipped with a message saying what to set. In CI (CI=true) a missing one is a failure, never a skip,
 * so a broken test setup cannot pass quietly.
 *
 * Usage inside a test:
 *
 *   test('round-trips through PostgreSQL', async (t) => {
 *     const url = await createPostgresTestDatabase(t);
 *     if (!url) return; // skipped
 *     ...
 *   });
 *
 * or for a whole suite: `describe('PostgreSQL store', postgresSuiteOptions(), () => { ... })`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { TestContext } from 'node:test';
import pg from 'pg';

/** The Chromium used when CHROMIUM_PATH is not set (Debian's `chromium` package). */
export const defaultChromiumPath = '/usr/bin/chromium';

/** True when running under CI, where a missing test dependency must fail rather than skip. */
export function isCI(): boolean {
  const ci = (process.env.CI ?? '').trim().toLowerCase();
  return ci !== '' && ci !== '0' && ci !== 'false';
}

export class MissingTestDependencyError extends Error {
  override readonly name = 'MissingTestDependencyError';
}

const postgresHint =
  'TEST_DATABASE_URL is not set: PostgreSQL tests need a server (run `npm test`, which starts a throwaway one, ' +
  'or set TEST_DATABASE_URL=postgres://user@host:port/db)';

function chromiumHint(): string {
  return (
    `CHROMIUM_PATH is not set and ${defaultChromiumPath} does not exist: browser tests need Chromium ` +
    '(run `npm test`, which installs it, or set CHROMIUM_PATH)'
  );
}

/** The PostgreSQL URL the tests may use, or a reason it is missing. */
function postgresStatus(): { url: string } | { missing: string } {
  const url = process.env.TEST_DATABASE_URL?.trim();
  return url ? { url } : { missing: postgresHint };
}

/** The Chromium executable the tests may use, or a reason it is missing. */
export function chromiumStatus(): { path: string } | { missing: string } {
  const fromEnv = process.env.CHROMIUM_PATH?.trim();
  if (fromEnv) {
    // Set but wrong is always an error, even outside CI: the developer asked for that binary.
    if (!existsSync(fromEnv)) throw new MissingTestDependencyError(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return { path: fromEnv };
  }
  if (existsSync(defaultChromiumPath)) return { path: defaultChromiumPath };
  return { missing: chromiumHint() };
}

function skipOrFail(t: TestContext, reason: string): undefined {
  if (isCI()) throw new MissingTestDependencyError(`${reason} [CI=true: this is a failure, not a skip]`);
  t.skip(reason);
  return undefined;
}

function suiteSkip(reason: string): { skip: string } {
  if (isCI()) throw new MissingTestDependencyError(`${reason} [CI=true: this is a failure, not a skip]`);
  return { skip: reason };
}

/**
 * The PostgreSQL server URL (TEST_DATABASE_URL). When it is missing: in CI, throws (the test fails);
 * otherwise marks the test skipped and returns undefined, and the test should return at once.
 */
export function requirePostgresUrl(t: TestContext): string | undefined {
  const s = postgresStatus();
  return 'url' in s ? s.url : skipOrFail(t, s.missing);
}

/**
 * The Chromium executable (CHROMIUM_PATH, else /usr/bin/chromium when present). When there is none:
 * in CI, throws (the test fails); otherwise marks the test skipped and returns undefined.
 */
export function requireChromium(t: TestContext): string | undefined {
  const s = chromiumStatus();
  return 'path' in s ? s.path : skipOrFail(t, s.missing);
}

/** Options for `describe(name, postgresSuiteOptions(), fn)`: skips the suite (or fails, in CI) without PostgreSQL. */
export function postgresSuiteOptions(): { skip?: string } {
  const s = postgresStatus();
  return 'url' in s ? {} : suiteSkip(s.missing);
}

/** Options for `describe(name, chromiumSuiteOptions(), fn)`: skips the suite (or fails, in CI) without Chromium. */
export function chromiumSuiteOptions(): { skip?: string } {
  const s = chromiumStatus();
  return 'path' in s ? {} : suiteSkip(s.missing);
}

/**
 * A fresh, empty database on the TEST_DATABASE_URL server, dropped again when the test ends. Test files
 * run in parallel, so tests that migrate or write should use their own database rather than share
 * TEST_DATABASE_URL's. Close every connection to it before the test ends: it is dropped WITH (FORCE), and a
 * pg client still connected then errors. Returns undefined when the test was skipped (no server, outside CI).
 */
export async function createPostgresTestDatabase(t: TestContext): Promise<string | undefined> {
  const base = requirePostgresUrl(t);
  if (!base) return undefined;
  const name = `ascent_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  t.after(async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      // FORCE ends connections a test left open (PostgreSQL 13+).
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await c.end();
    }
  });
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * LibreOffice's `soffice`, used to prove generated Word files open. Missing: a failure in CI,
 * a skip otherwise (scripts/test.sh installs libreoffice-writer-nogui).
 */
export function requireSoffice(t: TestContext): string | undefined {
  const found = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
  return found ?? skipOrFail(t, 'LibreOffice (soffice) is not installed: run `npm test`, which installs it');
}

/** Poppler's `pdftotext`, to read generated PDFs back as text. Missing: a failure in CI, a skip otherwise. */
export function requirePdftotext(t: TestContext): string | undefined {
  const found = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));
  return found ?? skipOrFail(t, 'pdftotext is not installed: run `npm test`, which installs poppler-utils');
}
