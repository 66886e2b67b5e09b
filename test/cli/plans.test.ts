import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import type { withServices } from '../../src/cli/context.js';
import { registerPlanCommands } from '../../src/cli/plans.js';
import { systemActor } from '../../src/services/actor.js';
import { openTestServices, testConfig } from '../support/services.js';

const register = fileURLToPath(new URL('../fixtures/risk-register-seed-2019.csv', import.meta.url));

/** The program with the plan commands, running against a test store in this process. */
function cli(services: Parameters<Parameters<typeof withServices>[1]>[0], lines: string[]): Command {
  const run = ((_command, fn) => fn(services, testConfig())) as typeof withServices;
  const program = new Command('ascent')
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerPlanCommands(program, run, (line) => lines.push(line));
  return program;
}

test('ascent import risks and actions report every row; ascent report programme and risks write the reports', async (t) => {
  const s = await openTestServices(t);
  if (!s) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-plans-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const lines: string[] = [];
  const run = (...args: string[]) => cli(s, lines).parseAsync(args, { from: 'user' });

  await run('import', 'risks', register, '--la', 'E08000009');
  assert.match(lines[0]!, /risk-register-seed-2019\.csv: 16 rows read, 16 loaded, 0 rejected/);
  assert.match(lines.join('\n'), /Import 1: 16 risks added, 0 changed, 0 unchanged\./);
  lines.length = 0;
  await run('import', 'risks', register, '--la', 'E08000009');
  assert.match(lines.join('\n'), /already imported \(import 1\); nothing changed/);

  const bad = path.join(dir, 'bad.csv');
  fs.writeFileSync(
    bad,
    `${fs.readFileSync(register, 'utf8').split('\n')[0]}\n19,Finance,Reserves run down,Head of Finance,Monthly monitoring,7,Plan\n`,
  );
  lines.length = 0;
  await run('import', 'risks', bad, '--la', 'E08000009');
  assert.match(lines.join('\n'), /row 2: Risk 19: Current score: 7 is not a possible score/);
  process.exitCode = undefined;

  await s.programmes.create(systemActor('test'), 'E08000009', {
    name: 'Improvement programme',
    startedOn: '2026-04-01',
  });
  const plan = path.join(dir, 'plan.csv');
  fs.writeFileSync(
    plan,
    'Ref,Workstream,Action,Owner,Due date,Status,RAG,% complete,Risks,Measures\nA1,Assessment,Reduce waits,Head of Assessment,31/03/2027,In progress,Green,20,2,2A2\n',
  );
  lines.length = 0;
  await run('import', 'actions', plan, '--la', 'E08000009');
  assert.match(lines.join('\n'), /1 rows read, 1 loaded, 0 rejected[\s\S]*1 actions added/);

  lines.length = 0;
  await run('report', 'risks', '--la', 'E08000009', '--out', dir);
  await run('report', 'programme', '--la', 'E08000009', '--period', 'Q3 2026-27', '--out', dir);
  assert.match(lines.join('\n'), /Wrote .*risk-register-trafford-2026-11-22\.html/);
  assert.match(lines.join('\n'), /Wrote .*programme-update-trafford-q3-2026-27\.html/);
  const html = fs.readFileSync(path.join(dir, 'programme-update-trafford-q3-2026-27.html'), 'utf8');
  assert.match(html, /Areas for Key Actions and Deadlines/);
  assert.match(html, /A1 Reduce waits/);
  await assert.rejects(
    run('report', 'risks', '--la', 'E08000009', '--audience', 'secret'),
    /--audience must be published or internal/,
  );
});
