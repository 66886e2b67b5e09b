import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBResultReader } from '@duckdb/node-api';
import type { CaseQueryable, CaseStore } from './case-store.js';
import { applyCaseSchema } from './schema.js';

const INTEGER_TYPES = new Set(['BIGINT', 'HUGEINT', 'UBIGINT', 'INTEGER', 'SMALLINT', 'TINYINT', 'UINTEGER']);

/** JSON-shaped rows with 64-bit integers turned into numbers (counts never approach 2^53). */
function rowsOf<T>(result: DuckDBResultReader): T[] {
  const names = result.columnNames();
  const integer = result.columnTypes().map((t) => INTEGER_TYPES.has(t.toString()));
  return result.getRowObjectsJson().map((row) => {
    const out: Record<string, unknown> = { ...row };
    names.forEach((name, i) => {
      const v = out[name];
      if (integer[i] && typeof v === 'string') out[name] = Number(v);
    });
    return out as T;
  });
}

function queryable(connection: DuckDBConnection): CaseQueryable {
  return {
    async all<T extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await connection.runAndReadAll(sql, params.length ? (params as never) : undefined);
      return rowsOf<T>(result);
    },
    async run(sql: string, params: readonly unknown[] = []) {
      await connection.run(sql, params.length ? (params as never) : undefined);
    },
  };
}

export interface DuckOptions {
  /** Memory ceiling for DuckDB, e.g. '1GB'; it spills to disk beyond it. */
  memoryLimit?: string;
  threads?: number;
}

/** Opens (creating if needed) a DuckDB case store; ':memory:' for a throwaway one. */
export async function openDuckCaseStore(file: string, options: DuckOptions = {}): Promise<CaseStore> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const instance = await DuckDBInstance.create(file, {
    // Sized so that importing and deriving a council's year of a million events stays under 2 GiB in
    // all (measured in bench:cld); beyond it DuckDB spills to disk, a little slower.
    memory_limit: options.memoryLimit ?? '900MB',
    ...(options.threads ? { threads: String(options.threads) } : {}),
  });
  const connection = await instance.connect();
  const q = queryable(connection);
  let queue: Promise<unknown> = Promise.resolve();
  // One connection, one transaction at a time: later callers wait their turn.
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };
  const store: CaseStore = {
    kind: 'duckdb',
    description: file === ':memory:' ? 'DuckDB (in memory)' : `DuckDB at ${file}`,
    all: (sql, params) => serial(() => q.all(sql, params)),
    run: (sql, params) => serial(() => q.run(sql, params)),
    transaction: (fn) =>
      serial(async () => {
        await q.run('BEGIN TRANSACTION');
        try {
          const result = await fn(q);
          await q.run('COMMIT');
          return result;
        } catch (err) {
          await q.run('ROLLBACK').catch(() => undefined);
          throw err;
        }
      }),
    close: async () => {
      await queue;
      connection.closeSync();
      instance.closeSync();
    },
  };
  await applyCaseSchema(store);
  return store;
}
