import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { qualityLines } from '../cld/import/summary.js';
import { cliActor, withServices } from './context.js';

const releaseOption = (value: string | undefined): 1 | 2 | 'auto' =>
  value === '1' ? 1 : value === '2' ? 2 : 'auto';

/** `ascent cld …`: import extracts, derive figures, read quality reports and drill into figures. */
export function cldCommands(cli: Command, out: (line: string) => void): void {
  const cld = cli.command('cld').description('Client Level Data: import, derive, quality, drill-down');
  cld
    .command('import <file>')
    .description('Import a CLD extract (CSV, release 1 or 2) as one immutable submission')
    .option('--la <code>', 'the council, when the file holds rows of more than one')
    .option('--release <n>', 'flag values spelt as the other release (1 or 2); default: accept either')
    .option(
      '--exact-case',
      'match coded values case-sensitively (the default ignores case, as the national SQL)',
    )
    .option('--rejections <n>', 'how many rejected rows to list', '20')
    .option('--as <email>', 'record the import as this user')
    .action(
      (
        file: string,
        o: { la?: string; release?: string; exactCase?: boolean; rejections: string; as?: string },
      ) =>
        withServices('cld import', async (s) => {
          const started = performance.now();
          const outcome = await s.cld.importExtract(await cliActor(s, o.as), {
            file: path.resolve(file),
            fileName: path.basename(file),
            release: releaseOption(o.release),
            caseInsensitive: !o.exactCase,
            ...(o.la ? { laCode: o.la } : {}),
          });
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          if (outcome.status === 'rejected') {
            out(`Not imported: ${outcome.reason}`);
            process.exitCode = 1;
          } else if (outcome.status === 'unchanged') {
            out(`Already imported as submission ${outcome.submission.id}; nothing changed.`);
          } else {
            out(`Imported submission ${outcome.submission.id} in ${seconds} s.`);
          }
          for (const line of qualityLines(outcome.report, Number(o.rejections))) out(line);
        }),
    );
  cld
    .command('derive')
    .description(
      'Derive SALT, ASCOF and activity figures for a council and period from its latest covering submission',
    )
    .requiredOption('--la <code>', 'the council')
    .requiredOption('--period <label>', "'2024-25', 'Q1 2024-25', '2024-06' or '12 months to 2024-06'")
    .option('--as <email>', 'record the derivation as this user')
    .action((o: { la: string; period: string; as?: string }) =>
      withServices('cld derive', async (s) => {
        const started = performance.now();
        const result = await s.cld.derive(await cliActor(s, o.as), { laCode: o.la, period: o.period });
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        out(
          result.status === 'unchanged'
            ? `Same inputs and figures as release ${result.releaseId}; nothing changed.`
            : `Release ${result.releaseId}: ${result.added} figures added, ${result.superseded} restated, ${result.unchanged} unchanged (${seconds} s).`,
        );
        for (const f of result.figures.filter((x) => x.disaggregation === 'Total')) {
          const ratio = f.denominator !== null ? ` (${f.numerator ?? '–'} / ${f.denominator})` : '';
          out(`  ${f.measureId}: ${f.value ?? '–'}${ratio}`);
        }
      }),
    );
  cld
    .command('submissions')
    .description('List CLD submissions')
    .option('--la <code>', 'only this council')
    .action((o: { la?: string }) =>
      withServices('cld submissions', async (s) => {
        for (const x of await s.cld.submissions(o.la)) {
          out(
            `${x.id}\t${x.laCode}\t${x.periodStart}..${x.periodEnd}\t${x.rowsLoaded}/${x.rowsRead} loaded\t${x.fileName}`,
          );
        }
      }),
    );
  cld
    .command('quality <submission>')
    .description("Print a submission's data-quality report")
    .option('--rejections <n>', 'how many rejected rows to list', '50')
    .action((id: string, o: { rejections: string }) =>
      withServices('cld quality', async (s) => {
        for (const line of qualityLines((await s.cld.submission(id)).quality, Number(o.rejections)))
          out(line);
      }),
    );
  cld
    .command('drill')
    .description(
      'List the pseudonymised people and events behind a derived figure (analysts and admins; logged)',
    )
    .requiredOption('--la <code>', 'the council')
    .requiredOption('--period <label>', 'the period of the figure')
    .requiredOption('--measure <id>', 'the measure id, e.g. cld-LTS001b or ascof23-2E')
    .option('--breakdown <text>', "the breakdown, e.g. 'age_band=65+'", 'Total')
    .option('--part <part>', 'numerator or denominator', 'denominator')
    .option('--as <email>', 'the user asking (needs the analyst or admin role)')
    .action(
      (o: { la: string; period: string; measure: string; breakdown: string; part: string; as?: string }) =>
        withServices('cld drill', async (s) => {
          const result = await s.cld.drill(await cliActor(s, o.as), {
            laCode: o.la,
            period: o.period,
            measureId: o.measure,
            disaggregation: o.breakdown,
            part: o.part === 'numerator' ? 'numerator' : 'denominator',
          });
          out(`${result.total} in the ${o.part}; this view is recorded in the audit log.`);
          for (const r of result.rows) {
            out(
              `${r.personId}\t${r.unitId}\t${r.submissionId}:${r.rowNumber}\t${r.eventType ?? ''}\t${r.serviceType ?? ''}\t${r.eventStart ?? ''}\t${r.eventEnd ?? ''}`,
            );
          }
        }),
    );

  const sg = cli
    .command('safeguarding')
    .description('Safeguarding extract: import and derive the local measures');
  sg.command('import <file>')
    .description('Import a safeguarding extract (one row per concern) as one submission')
    .requiredOption('--la <code>', 'the council')
    .requiredOption('--from <date>', 'first day the extract covers (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day the extract covers (YYYY-MM-DD)')
    .option('--as <email>', 'record the import as this user')
    .action((file: string, o: { la: string; from: string; to: string; as?: string }) =>
      withServices('safeguarding import', async (s) => {
        const result = await s.safeguarding.importExtract(await cliActor(s, o.as), {
          fileName: path.basename(file),
          bytes: await fs.readFile(file),
          laCode: o.la,
          periodStart: o.from,
          periodEnd: o.to,
        });
        const r = result.report;
        out(
          result.status === 'loaded'
            ? `Imported submission ${result.submissionId}.`
            : result.status === 'unchanged'
              ? `Already imported as submission ${result.submissionId}; nothing changed.`
              : `Not imported: ${result.reason ?? ''}`,
        );
        if (r) out(`Rows read ${r.read}: loaded ${r.loaded}, rejected ${r.rejected}.`);
        for (const x of r?.rejections.slice(0, 20) ?? [])
          out(`  row ${x.rowNumber}: ${x.reasons.map((p) => p.message).join(' ')}`);
        if (result.status === 'rejected') process.exitCode = 1;
      }),
    );
  sg.command('derive')
    .description('Derive the safeguarding measures for a council and period')
    .requiredOption('--la <code>', 'the council')
    .requiredOption('--period <label>', "'2024-25', 'Q1 2024-25', '2024-06' or '12 months to 2024-06'")
    .option('--as <email>', 'record the derivation as this user')
    .action((o: { la: string; period: string; as?: string }) =>
      withServices('safeguarding derive', async (s) => {
        const result = await s.safeguarding.derive(await cliActor(s, o.as), {
          laCode: o.la,
          period: o.period,
        });
        out(
          result.status === 'unchanged'
            ? `Unchanged (release ${result.releaseId}).`
            : `Release ${result.releaseId} written.`,
        );
        for (const f of result.figures)
          out(`  ${f.measureId}: ${f.value ?? '–'} (${f.numerator ?? '–'} / ${f.denominator ?? '–'})`);
      }),
    );
}
