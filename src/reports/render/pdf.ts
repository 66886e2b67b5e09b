import { chromium, type Browser, type Page } from 'playwright-core';

/** Flags Chromium needs here: no sandbox as root, and no background traffic on a closed network. */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * One headless Chromium kept warm for PDF printing and SVG rasterising. The executable comes from
 * CHROMIUM_PATH or Debian's /usr/bin/chromium; no browser is downloaded.
 */
export function createPrinter(executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') {
  let browser: Promise<Browser> | undefined;
  let rasterPage: Promise<Page> | undefined;
  const open = () => (browser ??= chromium.launch({ executablePath, args: [...chromiumArgs] }));
  // Charts are rasterised one after another on one page: opening a page per chart costs more than drawing it.
  let rasterQueue: Promise<unknown> = Promise.resolve();

  return {
    /** A tagged PDF with an outline from the headings, and page numbers in the footer. */
    async pdf(html: string, title: string): Promise<Buffer> {
      const page = await (await open()).newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({
          format: 'A4',
          // A report that asks for landscape pages does so with @page in its own styles.
          preferCSSPageSize: true,
          tagged: true,
          outline: true,
          printBackground: true,
          margin: { top: '18mm', bottom: '20mm', left: '16mm', right: '16mm' },
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;font-family:Arial">${title.replace(/[<>&]/g, '')} · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
        });
      } finally {
        await page.close();
      }
    },

    async rasterise(svg: string, width: number, height: number): Promise<Uint8Array> {
      const job = rasterQueue.then(async () => {
        rasterPage ??= open().then((b) => b.newPage({ deviceScaleFactor: 2 }));
        const page = await rasterPage;
        await page.setViewportSize({ width, height });
        await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${svg}</body></html>`);
        return page.locator('svg').screenshot({ type: 'png' });
      });
      rasterQueue = job.catch(() => undefined);
      return job;
    },

    async close(): Promise<void> {
      if (browser) await (await browser).close();
      browser = undefined;
      rasterPage = undefined;
    },
  };
}
export type Printer = ReturnType<typeof createPrinter>;
