import { loadConfig, type Config } from '../config.js';
import { createServices, type Services } from '../services/index.js';
import { systemActor, type Actor } from '../services/actor.js';
import { configuredClock } from '../services/clock.js';
import { openStore } from '../store/open.js';

/** Opens the store, builds the services, runs fn, and always closes the store (releasing the lock). */
export async function withServices<T>(
  command: string,
  fn: (s: Services, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const db = await openStore(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir },
    `ascent ${command}`,
  );
  const services = await createServices(db, config, configuredClock()).catch(async (err: unknown) => {
    await db.close();
    throw err;
  });
  try {
    await services.syncReferenceData();
    return await fn(services, config);
  } finally {
    await services.close();
    await db.close();
  }
}

/** The actor for a CLI command: a named user when --as is given, else the operating-system account. */
export async function cliActor(services: Services, as: string | undefined): Promise<Actor> {
  if (!as) return systemActor(`cli:${process.env.USER ?? 'unknown'}`);
  const user = await services.users.findByEmail(as);
  if (!user) throw new Error(`There is no user ${as} (given with --as).`);
  return { userId: user.id, label: `${user.email} (cli)`, role: user.role };
}
