import { PGlite, types } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.js';
import { lockDirectory } from './lock.js';

const parsers = {
  [types.DATE]: (v: string) => v,
  [types.NUMERIC]: (v: string) => v,
  [types.INT8]: (v: string) => Number(v),
};

/** Embedded PostgreSQL (WASM). `dir` undefined means in memory (tests). */
export async function openPglite(dir: string | undefined, command = 'ascent'): Promise<Db> {
  const lock = dir ? lockDirectory(dir, command) : undefined;
  let pg: PGlite;
  try {
    pg = await PGlite.create(dir ? `file://${dir}` : undefined, { parsers });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const wrap = (q: { query: PGlite['query'] }): Queryable => ({
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      const res = await q.query<T>(sql, params as unknown[]);
      return res.rows;
    },
  });
  return {
    kind: 'pglite',
    description: dir ? `embedded store in ${dir}` : 'in-memory embedded store',
    ...wrap(pg),
    async exec(sql) {
      await pg.exec(sql);
    },
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async close() {
      await pg.close();
      lock?.release();
    },
  };
}
