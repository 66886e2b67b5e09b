import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatOrDash } from '../../src/domain/benchmark/labels.js';
import { travelPhrase } from '../../src/domain/performance/travel.js';
import { systemActor } from '../../src/services/actor.js';
import { CLD_COUNCIL, loadQuarters, openCldTestApp } from '../support/cld.js';
import { requireChromium, requirePdftotext, requireSoffice } from '../support/env.js';
import { signIn } from '../support/http.js';
import { docxToText, pdfToText } from '../support/office.js';

const QUARTER = 'Q4 2024-25';

test('the quarterly overview for the demo council shows the same numbers as a page, in PDF, in Word and as CSV', async (t) => {
  if (!requireChromium(t)) return;
  const soffice = requireSoffice(t);
  const pdftotext = requirePdftotext(t);
  if (!soffice || !pdftotext) return;
  const ctx = await openCldTestApp(t);
  if (!ctx) return;
  await loadQuarters(ctx.services, ctx.dataDir);
  const inputs = await ctx.services.performance.overviewInputs(systemActor('test'), CLD_COUNCIL, QUARTER);
  assert.deepEqual(inputs.quarters, ['Q1 2024-25', 'Q2 2024-25', 'Q3 2024-25', QUARTER]);
  assert.equal(inputs.rows.length, 10);
  const expected = inputs.rows.map((r) => ({
    label: r.label,
    figures: r.values.map((v) => formatOrDash(r.measure, v)),
    travel: travelPhrase(r.travel, r.measure),
  }));
  // Every figure is there: the activity measures from CLD and the safeguarding ones from the extract.
  assert.ok(
    expected.every((e) => e.figures.every((f) => f !== '–')),
    JSON.stringify(expected),
  );
  const reviews = inputs.rows.find((r) => r.measure.id === 'cld-REVIEWS')!;
  assert.equal(reviews.travel.change, reviews.values[3]! - reviews.values[2]!);

  const { cookie } = await signIn(ctx.app, 'viewer');
  const get = async (format?: string) => {
    const q = `quarter=${encodeURIComponent(QUARTER)}${format ? `&format=${format}` : ''}`;
    const res = await ctx.app.request(`/organisations/${CLD_COUNCIL}/overview?${q}`, { headers: { cookie } });
    assert.equal(res.status, 200, `${format ?? 'page'}: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };

  const page = (await get()).toString('utf8');
  const rows = [...page.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
      c[1]!
        .replace(/<svg[\s\S]*?<\/svg>/g, '')
        .replace(/<[^>]+>/g, '')
        .trim(),
    ),
  );
  const csv = (await get('csv')).toString('utf8');
  const csvRows = csv
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) =>
        m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'),
      ),
    );
  const pdf = pdfToText(pdftotext, await get('pdf')).replace(/[ \t]+/g, ' ');
  const word = docxToText(soffice, await get('docx'))
    .split(/\r?\n/)
    .map((l) => l.trim());

  for (const e of expected) {
    const onPage = rows.find((r) => r[0] === e.label);
    assert.deepEqual(onPage?.slice(1, 6), [...e.figures, e.travel], `page row ${e.label}`);
    const inCsv = csvRows.find((r) => r[0] === e.label);
    assert.deepEqual(inCsv?.slice(1, 6), [...e.figures, e.travel], `CSV row ${e.label}`);
    // pdftotext keeps a row's cells on one line (the label wraps below them).
    assert.ok(pdf.includes(e.figures.join(' ')), `PDF row ${e.label}: ${e.figures.join(' ')}`);
    const at = word.indexOf(e.label);
    assert.ok(at >= 0, `Word row ${e.label}`);
    assert.deepEqual(word.slice(at + 1, at + 6), [...e.figures, e.travel], `Word row ${e.label}`);
  }
  assert.match(pdf, /ASC quarterly overview: Trafford/);
  assert.match(csv, /About this document\r\n"?Data release \d+: CLD derivation, E08000009, Q1 2024-25/);
});
