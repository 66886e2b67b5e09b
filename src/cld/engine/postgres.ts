import type { Db } from '../../store/db.js';
import type { CaseQueryable, CaseStore } from './case-store.js';
import { applyCaseSchema } from './schema.js';

const over = (q: { query: Db['query'] }): CaseQueryable => ({
  all: (sql, params) => q.query(sql, params),
  run: async (sql, params) => {
    await q.query(sql, params);
  },
});

/**
 * The case store inside the application's PostgreSQL database (the multi-council path). The caller
 * owns the connection; closing the case store leaves it open.
 */
export async function postgresCaseStore(db: Db): Promise<CaseStore> {
  const store: CaseStore = {
    kind: 'postgres',
    description: `case tables in ${db.description}`,
    ...over(db),
    transaction: (fn) => db.transaction((tx) => fn(over(tx))),
    close: async () => undefined,
  };
  await applyCaseSchema(store);
  return store;
}
