/**
 * The case store holds person-level rows (pseudonymised CLD events, safeguarding episodes). By default
 * it is an in-process DuckDB file beside the embedded store; on the multi-council path it is the
 * PostgreSQL database itself. Derivations speak the SQL both engines share (see `sql/`), so the same
 * text runs on either; only bulk loading is engine-specific.
 */
export type CaseStoreKind = 'duckdb' | 'postgres';

export interface CaseQueryable {
  /** Rows as plain objects: DATE as 'YYYY-MM-DD', integers as numbers, DECIMAL as strings. */
  all<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  run(sql: string, params?: readonly unknown[]): Promise<void>;
}

export interface CaseStore extends CaseQueryable {
  readonly kind: CaseStoreKind;
  readonly description: string;
  /** All of fn lands or none of it does. */
  transaction<T>(fn: (tx: CaseQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class CaseStoreError extends Error {
  override readonly name = 'CaseStoreError';
}
