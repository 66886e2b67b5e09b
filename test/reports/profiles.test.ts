import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { systemActor } from '../../src/services/actor.js';
import { reportBody } from '../../src/reports/render/html.js';
import { statementText } from '../../src/domain/statements/statements.js';
import { profileStatements } from '../../src/reports/profiles/profile.js';
import { checkGolden } from '../support/golden.js';
import { openTestServices } from '../support/services.js';

const national = fs.readFileSync(
  new URL('../../demo/ascof-council-outcomes-2017-18-to-2021-22.csv', import.meta.url),
);
const actor = systemActor('test');

const text = (html: string) =>
  html
    .replace(/<svg[\s\S]*?<\/svg>/g, '[chart]')
    .replace(/<\/(p|li|h\d|tr|caption|figcaption|summary)>/g, '\n')
    .replace(/<\/t[hd]>/g, ' | ')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();

test('Trafford 2021-22: generated statements on the real national data, and the profile against its golden file', async (t) => {
  const s = await openTestServices(t);
  if (!s) return;
  await s.imports.importAscof(actor, 'national.csv', national);
  await s.narratives.save(actor, 'E08000009', '2021-22', {
    narrative: 'First paragraph of the director.\n\nSecond paragraph.',
    extraHighlights: ['All care homes inspected this year.'],
    signatoryName: 'A. Director',
    signatoryTitle: 'Director of Adult Social Services',
  });
  const inputs = await s.reports.profileInputs(actor, 'E08000009', '2021-22');
  const statements = profileStatements(inputs).map(statementText);
  assert.ok(
    statements.includes(
      'Best in the North West (out of 23) and ranked 9th nationally (out of 151) for proportion of adults with a learning disability in paid employment (1E): 11.2% against 4.1% in the North West (published figure) and 4.8% in England (published figure).',
    ),
    statements.join('\n'),
  );
  const body = text(reportBody(s.reports.documentOf(inputs)));
  assert.match(body, /A\. Director, Director of Adult Social Services/);
  checkGolden('profile-E08000009-2021-22.txt', body);
});

test('a saved report renders the same after newer data is imported; a fresh one shows the new figure', async (t) => {
  const s = await openTestServices(t);
  if (!s) return;
  await s.imports.importAscof(actor, 'national.csv', national);
  const inputs = await s.reports.profileInputs(actor, 'E08000009', '2021-22');
  const snapshot = await s.reports.saveSnapshot(actor, inputs);
  const before = (await s.reports.render(await s.reports.snapshotInputs(snapshot.id), 'html')).body;

  const line =
    '2021-22,Trafford,E08000009,1E,Proportion of adults with learning disabilities in paid employment,';
  const restated = national.toString('utf8').replace(`${line}11.2,`, `${line}12.6,`);
  assert.notEqual(restated, national.toString('utf8'), 'the fixture line to restate exists');
  const report = await s.imports.importAscof(actor, 'restated.csv', Buffer.from(restated));
  assert.equal(report.observationsSuperseded, 1);

  const after = (await s.reports.render(await s.reports.snapshotInputs(snapshot.id), 'html')).body;
  assert.equal(after, before);
  assert.match(String(after), /from saved snapshot/);
  const fresh = await s.reports.profileInputs(actor, 'E08000009', '2021-22');
  const freshHtml = String((await s.reports.render(fresh, 'html')).body);
  assert.match(freshHtml, /12\.6%/);
  assert.doesNotMatch(String(before), /12\.6%/);
});
