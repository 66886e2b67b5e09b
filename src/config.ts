import path from 'node:path';

/** Everything configurable, read once from the environment (see README "Configuration"). */
export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  /** Set when served over HTTPS (behind a proxy): cookies get the Secure flag. */
  secureCookies: boolean;
  sessionIdleHours: number;
  signInMaxFailures: number;
  signInWindowMinutes: number;
  /** Upload limit for imports, in megabytes. */
  maxUploadMb: number;
  /** Where person-level case data lives: in-process DuckDB (default) or the PostgreSQL store. */
  caseEngine: 'duckdb' | 'postgres';
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive whole number, not "${value}"`);
  return n;
}

function caseEngine(value: string | undefined, databaseUrl: string | undefined): Config['caseEngine'] {
  if (value === undefined || value === '' || value === 'duckdb') return 'duckdb';
  if (value === 'postgres' && databaseUrl) return 'postgres';
  throw new Error(`ASCENT_CASE_ENGINE must be duckdb, or postgres with DATABASE_URL set, not "${value}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.ASCENT_DATA_DIR || './data'),
    host: env.HOST || '127.0.0.1',
    port: int(env.PORT, 3000, 'PORT'),
    secureCookies: env.ASCENT_SECURE_COOKIES === 'true',
    sessionIdleHours: int(env.ASCENT_SESSION_HOURS, 8, 'ASCENT_SESSION_HOURS'),
    signInMaxFailures: int(env.ASCENT_SIGNIN_MAX_FAILURES, 5, 'ASCENT_SIGNIN_MAX_FAILURES'),
    signInWindowMinutes: int(env.ASCENT_SIGNIN_WINDOW_MINUTES, 15, 'ASCENT_SIGNIN_WINDOW_MINUTES'),
    maxUploadMb: int(env.ASCENT_MAX_UPLOAD_MB, 50, 'ASCENT_MAX_UPLOAD_MB'),
    caseEngine: caseEngine(env.ASCENT_CASE_ENGINE, env.DATABASE_URL),
  };
}
