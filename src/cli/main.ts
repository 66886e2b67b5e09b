import fs from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Command, Option } from 'commander';
import YAML from 'yaml';
import { roles, type Role } from '../domain/access.js';
import { summariseReport } from '../importers/report.js';
import { ValidationError } from '../services/actor.js';
import { createBackup, restoreBackup, type Backup } from '../store/backup.js';
import { StoreError } from '../store/db.js';
import { cldCommands } from './cld.js';
import { performanceCommands } from './performance.js';
import { registerPopulationCommands } from './population.js';
import { registerPlanCommands } from './plans.js';
import { cliActor, withServices } from './context.js';
import { demoAccounts, loadDemo } from './demo.js';
import { progressBar } from './progress.js';
import { reportCommands } from './reports.js';
import { serve } from './serve.js';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function program(): Command {
  const cli = new Command('ascent')
    .description('Ascent: adult social care improvement and performance')
    .showHelpAfterError();

  cli
    .command('migrate')
    .description('Create or upgrade the database schema')
    .action(() => withServices('migrate', async (s) => out(`Schema up to date on ${s.db.description}.`)));

  cli
    .command('serve')
    .description('Start the web app and API')
    .option('--port <port>', 'port to listen on (default PORT or 3000)')
    .action((o: { port?: string }) => serve({ demo: false, port: o.port }));

  cli
    .command('demo')
    .description('Load the demo data (national ASCOF outcomes and demo accounts) and start the web app')
    .option('--no-serve', 'load the demo and exit')
    .option('--port <port>', 'port to listen on')
    .action(async (o: { serve: boolean; port?: string }) => {
      if (o.serve) return serve({ demo: true, port: o.port });
      await withServices('demo', (s) => loadDemo(s, out));
    });

  const user = cli.command('user').description('Manage users');
  user
    .command('create')
    .description('Create a user (the first admin is created this way)')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>').choices(roles as unknown as string[]).makeOptionMandatory())
    .option('--password <password>', 'initial password (default: read from ASCENT_PASSWORD)')
    .action((o: { email: string; name: string; role: Role; password?: string }) =>
      withServices('user create', async (s) => {
        const password = o.password ?? process.env.ASCENT_PASSWORD ?? '';
        const created = await s.users.create(await cliActor(s, undefined), {
          email: o.email,
          displayName: o.name,
          role: o.role,
          password,
        });
        out(`Created ${created.role} ${created.email} (id ${created.id}).`);
      }),
    );
  user
    .command('list')
    .description('List users')
    .action(() =>
      withServices('user list', async (s) => {
        for (const u of await s.users.list())
          out(`${u.id}\t${u.email}\t${u.role}\t${u.disabled ? 'disabled' : 'active'}\t${u.displayName}`);
      }),
    );
  user
    .command('set-password')
    .requiredOption('--email <email>')
    .option('--password <password>', 'new password (default: ASCENT_PASSWORD)')
    .action((o: { email: string; password?: string }) =>
      withServices('user set-password', async (s) => {
        const u = await s.users.findByEmail(o.email);
        if (!u) throw new Error(`There is no user ${o.email}.`);
        await s.users.setPassword(
          await cliActor(s, undefined),
          u.id,
          o.password ?? process.env.ASCENT_PASSWORD ?? '',
        );
        out(`Password changed for ${u.email}; their sessions were ended.`);
      }),
    );

  const token = cli.command('token').description('Manage API tokens');
  token
    .command('create')
    .requiredOption('--email <email>', 'the user the token acts as')
    .option('--name <name>', 'what the token is for', 'api')
    .action((o: { email: string; name: string }) =>
      withServices('token create', async (s) => {
        const u = await s.users.findByEmail(o.email);
        if (!u) throw new Error(`There is no user ${o.email}.`);
        const t = await s.sessions.createApiToken(await cliActor(s, undefined), u.id, o.name);
        out(`Token ${t.id} for ${u.email} (shown once, store it safely):\n${t.token}`);
      }),
    );
  token.command('list').action(() =>
    withServices('token list', async (s) => {
      for (const t of await s.sessions.listApiTokens())
        out(`${t.id}\tuser ${t.user_id}\t${t.name}\t${t.revoked_at ? 'revoked' : 'active'}`);
    }),
  );
  token
    .command('revoke <id>')
    .action((id: string) =>
      withServices('token revoke', async (s) =>
        out(
          (await s.sessions.revokeApiToken(await cliActor(s, undefined), Number(id)))
            ? `Token ${id} revoked.`
            : `No active token ${id}.`,
        ),
      ),
    );

  const imp = cli.command('import').description('Import data');
  imp
    .command('ascof <files...>')
    .description('Import national ASCOF CSV files, each as one atomic release')
    .option('--as <email>', 'record the import as this user')
    .option('--show-rejections <n>', 'how many rejected rows to list', '50')
    .action((files: string[], o: { as?: string; showRejections: string }) =>
      withServices('import ascof', async (s) => {
        const actor = await cliActor(s, o.as);
        let failed = false;
        for (const file of files) {
          const bar = progressBar(file);
          const report = await s.imports.importAscof(
            actor,
            file.split('/').pop() ?? file,
            await fs.readFile(file),
            { onProgress: bar.update },
          );
          bar.stop();
          out(summariseReport(report));
          const limit = Number(o.showRejections);
          for (const r of report.rejections.slice(0, limit)) out(`  row ${r.row}: ${r.reason}`);
          if (report.rejections.length > limit)
            out(`  … and ${report.rejections.length - limit} more (see the import page).`);
          failed ||= report.outcome === 'failed';
        }
        if (failed) process.exitCode = 1;
      }),
    );

  registerPopulationCommands(cli, withServices);

  const measure = cli.command('measure').description('The measure catalogue');
  measure.command('list').action(() =>
    withServices('measure list', async (s) => {
      for (const m of await s.measures.all()) out(`${m.id}\t${m.code}\t${m.title}`);
    }),
  );
  measure
    .command('add <file>')
    .description('Add a local measure from a YAML or JSON definition (same schema as the catalogue)')
    .option('--as <email>', 'record the change as this user')
    .action((file: string, o: { as?: string }) =>
      withServices('measure add', async (s) => {
        const definition: unknown = YAML.parse(await fs.readFile(file, 'utf8'));
        const m = await s.measures.createLocal(await cliActor(s, o.as), definition);
        out(`Added local measure ${m.id} (${m.title}).`);
      }),
    );

  reportCommands(cli, out);
  registerPlanCommands(cli, withServices, out);
  cldCommands(cli, out);
  performanceCommands(cli, out);

  cli
    .command('backup <file>')
    .description('Write a compressed logical backup of the whole store')
    .action((file: string) =>
      withServices('backup', async (s) => {
        const backup = await createBackup(s.db, s.clock.now());
        await fs.writeFile(file, gzipSync(JSON.stringify(backup)));
        const rows = Object.values(backup.tables).reduce((n, t) => n + t.length, 0);
        out(`Backed up ${rows} rows from ${s.db.description} to ${file}.`);
      }),
    );
  cli
    .command('restore <file>')
    .description('Replace the whole store with a backup (atomic: on error nothing changes)')
    .option('--yes', 'confirm that current data will be replaced')
    .action((file: string, o: { yes?: boolean }) =>
      withServices('restore', async (s) => {
        if (!o.yes) throw new Error('Restore replaces all current data: run again with --yes to confirm.');
        const backup = JSON.parse(gunzipSync(await fs.readFile(file)).toString('utf8')) as Backup;
        const counts = await restoreBackup(s.db, backup);
        out(
          `Restored ${Object.entries(counts)
            .map(([t, n]) => `${t} ${n}`)
            .join(', ')}.`,
        );
      }),
    );
  return cli;
}

export { demoAccounts };

export async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (err) {
    if (err instanceof ValidationError) {
      process.stderr.write(
        `${err.message}:\n${err.fieldErrors.map((e) => `  ${e.field}: ${e.message}`).join('\n')}\n`,
      );
    } else if (err instanceof StoreError || err instanceof Error) {
      process.stderr.write(`Error: ${err.message}\n`);
      if (process.env.ASCENT_DEBUG) process.stderr.write(`${err.stack}\n`);
    } else {
      process.stderr.write(`Error: ${String(err)}\n`);
    }
    process.exitCode = 1;
  }
}
