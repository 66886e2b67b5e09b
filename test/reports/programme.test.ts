import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { loadDemoProgramme } from '../../src/cli/demo-programme.js';
import { plainText, type Block } from '../../src/reports/document.js';
import { systemActor, NotAllowedError } from '../../src/services/actor.js';
import { requireChromium, requirePdftotext, requireSoffice } from '../support/env.js';
import { docxToText } from '../support/office.js';
import { openTestServices } from '../support/services.js';

const actor = systemActor('test');
const exemptRisk = 'A named home care provider serving 400 people';
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
const htmlText = (html: string) =>
  flat(
    html
      .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>'),
  );

/** Text every rendering must carry: headings, paragraphs, list items and table captions. */
function expectedText(blocks: Block[]): string[] {
  return blocks.flatMap((b) => {
    if (b.kind === 'heading') return [b.text];
    if (b.kind === 'paragraph') return [plainText(b.content)];
    if (b.kind === 'list') return b.items.map(plainText);
    if (b.kind === 'table') return [b.caption];
    if (b.kind === 'chart') return [b.caption];
    return [];
  });
}

test('the demo programme report renders to HTML, PDF and Word with the same content, and its published version leaves exempt risks out', async (t) => {
  if (!requireChromium(t)) return;
  const soffice = requireSoffice(t);
  const pdftotext = requirePdftotext(t);
  if (!soffice || !pdftotext) return;
  const s = await openTestServices(t);
  if (!s) return;
  const id = await loadDemoProgramme(s, () => undefined);
  const inputs = await s.planReports.programmeInputs(actor, id, {
    committee: 'Health Scrutiny Committee',
    meetingDate: '2026-12-08',
  });
  const doc = s.reports.documentOf(inputs);
  const html = htmlText(String((await s.reports.render(inputs, 'html')).body));
  const pdfBytes = (await s.reports.render(inputs, 'pdf')).body as Buffer;
  const pdf = flat(
    execFileSync(pdftotext, ['-enc', 'UTF-8', '-', '-'], { input: pdfBytes }).toString('utf8'),
  );
  const word = flat(docxToText(soffice, (await s.reports.render(inputs, 'docx')).body as Buffer));

  const expected = expectedText(doc.blocks).map(flat);
  assert.ok(expected.length > 60, `the report has its sections (${expected.length} pieces of text)`);
  // pdftotext joins a word hyphenated at a line end ('strengths-' + 'based'), so PDF text is compared without hyphens.
  const unhyphen = (x: string) => x.replace(/-/g, '');
  for (const [name, text, same] of [
    ['HTML', html, (x: string) => x],
    ['PDF', unhyphen(pdf), unhyphen],
    ['Word', word, (x: string) => x],
  ] as const) {
    const missing = expected.filter((e) => !text.includes(same(e)));
    assert.deepEqual(missing, [], `${name} lacks text the document holds`);
    assert.ok(!text.includes(exemptRisk), `${name} must not show the exempt risk`);
  }
  for (const section of [
    '1.0 Introduction',
    '3.0 Governance and monitoring',
    '4.0 Resourcing: workforce capacity',
    '5.0 Progress to date: Q3 2026-27',
    '6.0 Overdue and slipping actions',
    '7.0 Upcoming priorities',
    'Appendix 1: Strategic risk assessment and register',
  ])
    assert.ok(expected.includes(section), section);
  assert.match(
    html,
    /In total, 63% of permanent roles and 86% of time-limited roles have been recruited to\./,
  );
  assert.match(
    html,
    /S1 Clear the Deprivation of Liberty Safeguards screening backlog \| Safeguarding and quality assurance|S1 Clear the Deprivation of Liberty Safeguards screening backlog/,
  );
  assert.match(html, /Report to: Health Scrutiny Committee – 8 December 2026/);

  const internal = await s.planReports.programmeInputs(actor, id, { audience: 'internal' });
  const internalHtml = htmlText(String((await s.reports.render(internal, 'html')).body));
  assert.ok(internalHtml.includes(exemptRisk), 'the internal paper keeps the exempt risk');
  assert.match(internalHtml, /Not for publication\. This internal version includes 1 exempt risk/);
  await assert.rejects(
    s.planReports.programmeInputs({ userId: null, label: 'councillor', role: 'viewer' }, id, {
      audience: 'internal',
    }),
    NotAllowedError,
  );
});

test('the register appendix has the seven columns of a published register, the heat map with its text alternative, and no exempt risk', async (t) => {
  const s = await openTestServices(t);
  if (!s) return;
  await loadDemoProgramme(s, () => undefined);
  const inputs = await s.planReports.riskRegisterInputs(actor, 'E08000009', 'published');
  const doc = s.reports.documentOf(inputs);
  const table = doc.blocks.find((b) => b.kind === 'table');
  assert.ok(table && table.kind === 'table');
  assert.deepEqual(table.head, [
    'ID',
    'Theme',
    'Risk Description',
    'Risk Owner',
    'Existing Key Controls and Sources of Assurance',
    'Risk Score (current) impact x likelihood',
    'Areas for Key Actions and Deadlines',
  ]);
  assert.deepEqual(
    table.rows.map((r) => r[0]),
    ['1', '2', '4', '9', '10', '13', '17'],
  );
  assert.equal(table.rows[2]![5], '20 (4 × 5) Red; → Unchanged at 20; above appetite of 9');
  const chart = doc.blocks.find((b) => b.kind === 'chart');
  assert.ok(chart && chart.kind === 'chart');
  assert.match(chart.chart.svg, /^<svg [^>]*role="img" aria-labelledby="hm-t hm-d"/);
  assert.match(chart.chart.altText, /7 risks placed by impact/);
  assert.match(chart.chart.altText, /Red: 4 at impact 4, likelihood 5 \(score 20\)/);
  const html = String((await s.reports.render(inputs, 'html')).body);
  assert.ok(!html.includes(exemptRisk));
  assert.doesNotMatch(html, /\b18 \(exempt\)/);
});
