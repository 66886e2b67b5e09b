import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import type { withServices } from '../../src/cli/context.js';
import { registerPopulationCommands } from '../../src/cli/population.js';
import { openTestServices, storeKinds, testConfig } from '../support/services.js';

const demoFile = fileURLToPath(new URL('../../demo/population-mid-2024.csv', import.meta.url));

/** The program as main.ts builds it (an `import` group first), running commands against a test store. */
function cli(services: Parameters<Parameters<typeof withServices>[1]>[0], lines: string[]): Command {
  const run = ((_command, fn) => fn(services, testConfig())) as typeof withServices;
  const program = new Command('ascent')
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} });
  program.command('import').description('Import data');
  registerPopulationCommands(program, run, (line) => lines.push(line));
  return program;
}

for (const kind of storeKinds) {
  test(`${kind}: ascent import population loads a file once and reports a second run as already imported`, async (t) => {
    const s = await openTestServices(t, kind);
    if (!s) return;
    const lines: string[] = [];
    const args = ['import', 'population', demoFile, '--year', '2024'];
    await cli(s, lines).parseAsync(args, { from: 'user' });
    assert.match(lines[0]!, /population-mid-2024\.csv: 163 rows read, 153 loaded, 0 rejected, 10 skipped/);
    assert.match(lines.join('\n'), /Release 1: 459 figures added, 0 superseded, 0 unchanged/);

    lines.length = 0;
    await cli(s, lines).parseAsync(args, { from: 'user' });
    assert.match(lines.join('\n'), /already imported as release 1; nothing changed/);
  });
}

test('import population needs a four-digit --year and fails with exit code 1 on an unreadable file', async (t) => {
  const s = await openTestServices(t, 'pglite');
  if (!s) return;
  const lines: string[] = [];
  await assert.rejects(
    cli(s, lines).parseAsync(['import', 'population', demoFile], { from: 'user' }),
    /--year/,
  );
  await assert.rejects(
    cli(s, lines).parseAsync(['import', 'population', demoFile, '--year', '2024-25'], { from: 'user' }),
    /--year must be a mid-year such as 2023, not "2024-25"/,
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ascent-population-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const bad = path.join(dir, 'bad.csv');
  fs.writeFileSync(bad, 'Area,Value\nTrafford,1\n');
  const exitCode = process.exitCode;
  t.after(() => {
    process.exitCode = exitCode;
  });
  await cli(s, lines).parseAsync(['import', 'population', bad, '--year', '2024'], { from: 'user' });
  assert.equal(process.exitCode, 1);
  process.exitCode = exitCode;
  assert.match(lines.join('\n'), /File error: No header of a known layout/);
});

test('the command registers its own import group when the program has none', () => {
  const program = new Command('ascent');
  registerPopulationCommands(program, (() => Promise.resolve()) as unknown as typeof withServices);
  const group = program.commands.find((c) => c.name() === 'import');
  assert.ok(group?.commands.some((c) => c.name() === 'population'));
});
