import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreError } from './db.js';

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export interface DirectoryLock {
  readonly file: string;
  release(): void;
}

const LOCK_NAME = 'ascent.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

/**
 * PGlite has no cross-process locking, so two processes on one directory would corrupt it.
 * We take an exclusive lock file (O_EXCL create) naming the holder; a lock left by a dead
 * process on this host is taken over, anything else is refused with the holder's details.
 */
export function lockDirectory(dir: string, command: string): DirectoryLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_NAME);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
      return {
        file,
        release: () => {
          const holder = readHolder(file);
          if (holder?.pid === me.pid && holder.host === me.host) fs.rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      const stale = holder !== undefined && holder.host === me.host && !isAlive(holder.pid);
      if (!stale) {
        const who = holder
          ? `process ${holder.pid} on ${holder.host} ("${holder.command}", since ${holder.since})`
          : 'another process (its lock file is unreadable)';
        throw new StoreError(
          `The embedded store in ${dir} is in use by ${who}. ` +
            `Only one process may open it: stop that process, or run against PostgreSQL with DATABASE_URL. ` +
            `If you are sure nothing holds it, delete ${file}.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new StoreError(`Could not take the lock ${file}.`);
}
