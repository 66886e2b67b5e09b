import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireChromium, requireSoffice } from '../support/env.js';
import { convertDocx } from '../support/office.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const northWest2021 = [
  'Blackburn with Darwen',
  'Blackpool',
  'Bolton',
  'Bury',
  'Cheshire East',
  'Cheshire West and Chester',
  'Cumbria',
  'Halton',
  'Knowsley',
  'Lancashire',
  'Liverpool',
  'Manchester',
  'Oldham',
  'Rochdale',
  'Salford',
  'Sefton',
  'St. Helens',
  'Stockport',
  'Tameside',
  'Trafford',
  'Warrington',
  'Wigan',
  'Wirral',
];

function ascent(dataDir: string, ...args: string[]) {
  const env = { ...process.env, ASCENT_DATA_DIR: dataDir, DATABASE_URL: '' };
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/bin.ts'), ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 300_000,
  });
  assert.equal(r.status, 0, `ascent ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

test('the North West pack for 2021-22 comes out of the CLI as HTML, tagged PDF with an outline, and Word that LibreOffice opens', async (t) => {
  if (!requireChromium(t)) return;
  const soffice = requireSoffice(t);
  if (!soffice) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-pack-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  ascent(
    path.join(dir, 'data'),
    'import',
    'ascof',
    path.join(root, 'demo/ascof-council-outcomes-2017-18-to-2021-22.csv'),
  );
  const out = ascent(
    path.join(dir, 'data'),
    'report',
    'pack',
    '--region',
    'E12000002',
    '--year',
    '2021-22',
    '--format',
    'html,pdf,docx',
    '--out',
    path.join(dir, 'out'),
  );
  assert.match(out, /Wrote .*profiles-north-west-2021-22\.pdf/);

  const html = fs.readFileSync(path.join(dir, 'out', 'profiles-north-west-2021-22.html'), 'utf8');
  const contents = /<nav aria-labelledby="contents-title"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  for (const name of northWest2021)
    assert.ok(contents.includes(`>${name}</a>`), `${name} missing from the contents`);

  const pdf = fs.readFileSync(path.join(dir, 'out', 'profiles-north-west-2021-22.pdf')).toString('latin1');
  assert.match(pdf, /\/StructTreeRoot/, 'the PDF is tagged');
  assert.match(pdf, /\/Outlines/, 'the PDF has an outline');
  assert.match(pdf, /\/MarkInfo <<\/Type \/MarkInfo/);

  const converted = convertDocx(
    soffice,
    fs.readFileSync(path.join(dir, 'out', 'profiles-north-west-2021-22.docx')),
    'html',
  );
  const headings = [...converted.matchAll(/<h2[^>]*>([\s\S]*?)<\/h2>/g)].map((m) =>
    m[1]!.replace(/<[^>]+>/g, '').trim(),
  );
  for (const name of northWest2021)
    assert.ok(headings.includes(name), `${name} is not a level-2 heading in the Word file`);
});
