import { chromium, type Browser } from 'playwright-core';

/** Flags Chromium needs here: no sandbox as root, and no background traffic on a closed network. */
const chromiumArgs = [
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
  const open = () => (browser ??= chromium.launch({ executablePath, args: chromiumArgs }));

  return {
    /** A tagged PDF with an outline from the headings, and page numbers in the footer. */
    async pdf(html: string, title: string): Promise<Buffer> {
      const page = await (await open()).newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({
          format: 'A4',
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
      const page = await (await open()).newPage({ viewport: { width, height }, deviceScaleFactor: 2 });
      try {
        await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${svg}</body></html>`);
        return await page.locator('svg').screenshot({ type: 'png' });
      } finally {
        await page.close();
      }
    },

    async close(): Promise<void> {
      if (browser) await (await browser).close();
      browser = undefined;
    },
  };
}
export type Printer = ReturnType<typeof createPrinter>;
