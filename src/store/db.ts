/**
 * The one interface every store module speaks. Both engines run the same PostgreSQL-dialect SQL;
 * results are normalised so that DATE is 'YYYY-MM-DD', NUMERIC is a decimal string (never a float),
 * BIGINT is a number and TIMESTAMPTZ is a Date, whichever engine answered.
 */
export interface Queryable {
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** A human description for logs and errors, never containing a password. */
  readonly description: string;
  /** Runs several statements with no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs fn inside one transaction: all of it lands, or none of it does. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class StoreError extends Error {
  override readonly name = 'StoreError';
}

/** Type OIDs whose parsing both engines override the same way. */
export const typeOids = { int8: 20, date: 1082, numeric: 1700 } as const;
