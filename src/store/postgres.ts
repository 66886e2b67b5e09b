import pg from 'pg';
import type { Db, Queryable } from './db.js';
import { StoreError, typeOids } from './db.js';

const typeParsers = {
  getTypeParser(oid: number, format?: string) {
    if (oid === typeOids.date) return (v: string) => v;
    if (oid === typeOids.int8) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'PostgreSQL (unparseable DATABASE_URL)';
  }
}

/** PostgreSQL server: the production store and the multi-council path. */
export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, types: typeParsers, max: 10 });
  const where = redact(url);
  // An idle connection the server drops (restart, failover) must not bring the process down;
  // the pool replaces it on next use.
  pool.on('error', (err) => console.error(`PostgreSQL connection lost (${where}): ${err.message}`));
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new StoreError(`Cannot reach PostgreSQL at ${where}: ${(err as Error).message}`);
  }
  const run = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      const res = await c.query(sql, params as unknown[]);
      return res.rows as T[];
    },
  });
  return {
    kind: 'postgres',
    description: `PostgreSQL at ${where}`,
    ...run(pool),
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(run(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
