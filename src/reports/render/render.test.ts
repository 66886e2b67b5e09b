import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { requireChromium, requireSoffice } from '../../../test/support/env.js';
import { docxToText } from '../../../test/support/office.js';
import { trendChart } from '../charts/trend-chart.js';
import type { ReportDocument } from '../document.js';
import { reportCss } from './css.js';
import { renderDocx } from './docx.js';
import { renderHtml } from './html.js';
import { createPrinter } from './pdf.js';

const doc: ReportDocument = {
  title: 'Council Improvement Profile: Trafford',
  subtitle: '2017-18',
  blocks: [
    { kind: 'contents' },
    { kind: 'heading', level: 2, text: 'Highlights' },
    {
      kind: 'list',
      items: [
        'Best in the North West (out of 23) for 1E.',
        [{ text: '13.1%', strong: true, href: '/organisations/E08000009' }],
      ],
    },
    { kind: 'heading', level: 2, text: 'Measures' },
    {
      kind: 'table',
      caption: 'ASCOF 2017-18',
      head: ['Measure', 'Trafford', 'England'],
      rows: [['1E', '13.1%', '6.0%']],
      numeric: [false, true, true],
      rowHeaders: true,
    },
    {
      kind: 'chart',
      caption: '1E over time',
      chart: trendChart({
        title: '1E',
        format: (v) => `${v.toFixed(1)}%`,
        series: [
          {
            name: 'Trafford',
            points: [
              { period: '2017-18', value: 13.1 },
              { period: '2018-19', value: 12 },
            ],
          },
        ],
      }),
    },
  ],
  provenance: {
    releases: [
      { id: 1, fileName: 'ascof.csv', fileSha256: 'ab'.repeat(32), importedAt: '2026-11-22T09:00:00Z' },
    ],
    comparatorGroup: { id: 3, name: 'Neighbours', version: 2 },
    generatedAt: '2026-11-22T09:00:00Z',
    generatedBy: 'analyst@example.org',
  },
};

/** Reads one file out of a zip (the docx container) without a zip library: stored or deflated entries. */
function unzipEntry(zip: Buffer, name: string): string | undefined {
  for (let i = 0; i + 30 < zip.length; i++) {
    if (zip.readUInt32LE(i) !== 0x04034b50) continue;
    const method = zip.readUInt16LE(i + 8);
    const size = zip.readUInt32LE(i + 18);
    const nameLength = zip.readUInt16LE(i + 26);
    const extra = zip.readUInt16LE(i + 28);
    const entry = zip.toString('utf8', i + 30, i + 30 + nameLength);
    const start = i + 30 + nameLength + extra;
    if (entry === name) {
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
  }
  return undefined;
}

test('one report definition renders to accessible HTML with contents, tables, chart and provenance', () => {
  const html = renderHtml(doc, reportCss());
  assert.match(html, /<html lang="en">/);
  assert.match(html, /<h1 class="govuk-heading-xl">Council Improvement Profile: Trafford<\/h1>/);
  assert.match(html, /<a class="govuk-link" href="#highlights">Highlights<\/a>/);
  assert.match(html, /<th scope="row" class="govuk-table__header">1E<\/th>/);
  assert.match(html, /<svg [^>]*role="img"/);
  assert.match(html, /Comparator group: Neighbours, version 2/);
  assert.match(html, /Data release 1: ascof.csv, imported 2026-11-22T09:00:00Z, SHA-256 abababababababab/);
});

test('PDF is tagged with an outline; Word has real headings, repeating header rows and alt text', async (t) => {
  if (!requireChromium(t)) return;
  const printer = createPrinter();
  t.after(() => printer.close());
  const pdf = (await printer.pdf(renderHtml(doc, reportCss()), doc.title)).toString('latin1');
  assert.match(pdf, /^%PDF-/);
  assert.match(pdf, /\/StructTreeRoot/);
  assert.match(pdf, /\/Outlines/);

  const docx = await renderDocx(doc, (svg, w, h) => printer.rasterise(svg, w, h));
  const xml = unzipEntry(docx, 'word/document.xml') ?? '';
  assert.match(xml, /<w:pStyle w:val="Heading2"\/>/);
  assert.match(xml, /<w:tblHeader\/>/);
  assert.match(xml, /descr="1E, 2017-18 to 2018-19\. Trafford: 13\.1% in 2017-18 and 12\.0% in 2018-19\."/);
  assert.match(xml, /Comparator group: Neighbours, version 2/);
});

test('LibreOffice opens the Word file with its headings and tables intact', async (t) => {
  if (!requireChromium(t)) return;
  const soffice = requireSoffice(t);
  if (!soffice) return;
  const printer = createPrinter();
  t.after(() => printer.close());
  const text = docxToText(soffice, await renderDocx(doc, (svg, w, h) => printer.rasterise(svg, w, h)));
  for (const line of [
    'Council Improvement Profile: Trafford',
    'Highlights',
    'Measures',
    'ASCOF 2017-18',
    'About this document',
  ]) {
    assert.ok(text.includes(line), `${line} missing from LibreOffice's text`);
  }
});
