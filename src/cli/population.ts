import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { summariseReport } from '../importers/report.js';
import { populationService } from '../services/populations.js';
import { cliActor, type withServices } from './context.js';

const write = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** The `import` command group, whether or not the main program has created it yet. */
function importGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('Import data')
  );
}

function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new Error(`--year must be a mid-year such as 2023, not "${text}".`);
  return Number(text);
}

/** `ascent import population <file> --year <yyyy>`: one ONS mid-year estimates file as one release. */
export function registerPopulationCommands(
  program: Command,
  run: typeof withServices,
  out: (line: string) => void = write,
): void {
  importGroup(program)
    .command('population <file>')
    .description('Import ONS mid-year population estimates (MYE2 or MYEB layout) for one mid-year')
    .requiredOption('--year <yyyy>', 'the mid-year the file holds (2023 for mid-2023; 2023-24 uses mid-2023)')
    .option('--as <email>', 'record the import as this user')
    .option('--show-rejections <n>', 'how many rejected rows to list', '50')
    .action((file: string, o: { year: string; as?: string; showRejections: string }) => {
      const year = parseYear(o.year);
      return run('import population', async (s) => {
        const report = await populationService(s.db, s.organisations).importPopulation(
          await cliActor(s, o.as),
          {
            fileName: file.split('/').pop() ?? file,
            bytes: await fs.readFile(file),
            year,
          },
        );
        out(summariseReport(report));
        const limit = Number(o.showRejections);
        for (const r of report.rejections.slice(0, limit)) out(`  row ${r.row}: ${r.reason}`);
        if (report.rejections.length > limit)
          out(`  … and ${report.rejections.length - limit} more (see the import page).`);
        if (report.outcome === 'failed') process.exitCode = 1;
      });
    });
}
