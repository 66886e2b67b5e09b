/**
 * End-to-end harness: a headless Debian Chromium driven by playwright-core, and an axe-core
 * accessibility check against WCAG 2.0, 2.1 and 2.2 levels A and AA.
 *
 * Guard browser tests with `requireChromium(t)` or `chromiumSuiteOptions()` from ./env.js so that
 * they skip (or fail, in CI) cleanly when there is no Chromium.
 */
import { AssertionError } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromiumArgs } from '../../src/reports/render/pdf.js';
import { chromium, type Browser, type LaunchOptions, type Page } from 'playwright-core';
import { defaultChromiumPath } from './env.js';

/**
 * Flags every launch needs on these machines. The network is closed: without the background-networking
 * flags Chromium keeps trying to reach Google services (updates, sync, QUIC probes) and floods it.
 */
export { chromiumArgs };

/** Launches headless Chromium (CHROMIUM_PATH, else /usr/bin/chromium). Close it in `after`/`t.after`. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    headless: true,
    timeout: 60_000,
    ...options,
    executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? defaultChromiumPath,
    args: [...chromiumArgs, ...(options.args ?? [])],
  });
}

/** The WCAG levels checked: 2.0, 2.1 and 2.2, A and AA. */
export const wcagTags: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let axeSource: string | undefined;
function axeScript(): string {
  if (axeSource === undefined) {
    const require = createRequire(import.meta.url);
    axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  }
  return axeSource;
}

const axePresent = (page: Page): Promise<boolean> =>
  page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');

/** Loads axe-core into the page (once per document). */
async function injectAxe(page: Page): Promise<void> {
  if (await axePresent(page)) return;
  try {
    await page.addScriptTag({ content: axeScript() });
  } catch (err) {
    // A page whose Content-Security-Policy forbids inline scripts (as the app's should) refuses the tag;
    // evaluating through the DevTools protocol is not subject to CSP.
    if (!/Content Security Policy/i.test((err as Error).message)) throw err;
  }
  if (!(await axePresent(page))) await page.evaluate(axeScript());
  if (!(await axePresent(page))) throw new Error('axe-core could not be loaded into the page');
}

/** The parts of an axe result this harness reports. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core on the page as it is now and returns the WCAG A/AA violations (empty when none). */
export async function findAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await injectAxe(page);
  return page.evaluate(
    async (tags: string[]) => {
      const axe = (
        globalThis as unknown as {
          axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> };
        }
      ).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
          target: n.target,
          ...(n.failureSummary ? { failureSummary: n.failureSummary } : {}),
        })),
      }));
    },
    [...wcagTags],
  );
}

/** One line per violation: id, impact, help text and the selectors of the failing elements. */
export function formatViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => {
      // A target is a list of selectors: one per frame or shadow root on the way to the element.
      const targets = v.nodes.map((n) => n.target.flat().map(String).join(' >>> ')).join(', ');
      return `  - ${v.id} [${v.impact ?? 'unknown impact'}] ${v.help} (${v.helpUrl})\n      at ${targets}`;
    })
    .join('\n');
}

/**
 * Checks the page against WCAG 2.0/2.1/2.2 A and AA with axe-core; throws an AssertionError naming
 * every violation (id, impact, help, target selectors) when there is any. `label` says which page.
 */
export async function checkAccessibility(page: Page, label: string): Promise<void> {
  const violations = await findAccessibilityViolations(page);
  if (violations.length === 0) return;
  const message =
    `${label}: ${violations.length} accessibility violation(s) (WCAG 2.x A/AA) at ${page.url()}\n` +
    formatViolations(violations);
  throw new AssertionError({ message, actual: violations.map((v) => v.id), expected: [], operator: 'axe' });
}
