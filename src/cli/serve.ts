import { serve as listen } from '@hono/node-server';
import { loadConfig } from '../config.js';
import { createApp } from '../http/app.js';
import { createServices } from '../services/index.js';
import { openStore } from '../store/open.js';
import { demoAccounts, loadDemo } from './demo.js';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Runs the web app until SIGINT/SIGTERM, then closes the store so the embedded lock is released. */
export async function serve(opts: { demo: boolean; port?: string | undefined }): Promise<void> {
  const config = loadConfig(opts.port ? { ...process.env, PORT: opts.port } : process.env);
  const db = await openStore(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir },
    opts.demo ? 'ascent demo' : 'ascent serve',
  );
  const services = await createServices(db, config);
  await services.syncReferenceData();
  if (opts.demo) await loadDemo(services, log);
  if ((await services.users.count()) === 0) {
    log(
      'No users yet: create the first admin with `ascent user create --role admin --email … --name …` (password from ASCENT_PASSWORD).',
    );
  }
  const app = createApp(services, config);
  const server = listen({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log(
      `Ascent is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}/ on ${db.description}.`,
    );
    if (opts.demo) {
      log('Demo accounts (for trying the product only):');
      for (const a of demoAccounts) log(`  ${a.role.padEnd(8)} ${a.email}  password: ${a.password}`);
    }
  });
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    server.close();
    void services
      .close()
      .then(() => db.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
