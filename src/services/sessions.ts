import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store/db.js';
import { NotFoundError, type Actor } from './actor.js';
import { recordAudit } from './audit.js';
import type { Clock } from './clock.js';
import { toUser, type User, type UserRow } from './users.js';

export interface Session {
  user: User;
  csrfToken: string;
  expiresAt: Date;
}

export interface SignInLimits {
  /** Failed attempts allowed per email and per address within the window. */
  maxFailures: number;
  windowMinutes: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const token = (bytes = 32) => randomBytes(bytes).toString('base64url');

/**
 * Server-side sessions and API tokens. Only hashes of secrets are stored, so a copy of the
 * database cannot be used to sign in. Sessions slide: each use extends them up to the idle limit.
 */
export function sessionService(db: Db, clock: Clock, opts: { idleHours: number; limits: SignInLimits }) {
  const idleMs = opts.idleHours * 3600_000;

  return {
    async create(userId: number): Promise<{ id: string; csrfToken: string; expiresAt: Date }> {
      const id = token();
      const csrfToken = token();
      const expiresAt = new Date(clock.now().getTime() + idleMs);
      await db.query(
        'INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)',
        [sha256(id), userId, csrfToken, expiresAt],
      );
      return { id, csrfToken, expiresAt };
    },

    /** The session for a cookie value, or undefined when unknown, expired or its user disabled. */
    async resolve(id: string): Promise<Session | 'expired' | undefined> {
      const [row] = await db.query<
        Record<string, unknown> & { csrf_token: string; expires_at: Date; user_id: number }
      >(
        `SELECT s.csrf_token, s.expires_at, s.user_id, u.* FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id_hash = $1`,
        [sha256(id)],
      );
      if (!row) return undefined;
      const now = clock.now();
      if (row.expires_at.getTime() <= now.getTime()) {
        await db.query('DELETE FROM sessions WHERE id_hash = $1', [sha256(id)]);
        return 'expired';
      }
      const user = toUser({ ...(row as unknown as UserRow), id: row.user_id });
      if (user.disabled) return undefined;
      const expiresAt = new Date(now.getTime() + idleMs);
      await db.query('UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id_hash = $1', [
        sha256(id),
        now,
        expiresAt,
      ]);
      return { user, csrfToken: row.csrf_token, expiresAt };
    },

    async destroy(id: string): Promise<void> {
      await db.query('DELETE FROM sessions WHERE id_hash = $1', [sha256(id)]);
    },

    /** True when too many recent failures for this email or address; sign-in is refused without checking. */
    async isThrottled(keys: string[]): Promise<boolean> {
      const since = new Date(clock.now().getTime() - opts.limits.windowMinutes * 60_000);
      const rows = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM sign_in_attempts
         WHERE attempt_key = ANY($1) AND NOT succeeded AND attempted_at > $2 GROUP BY attempt_key`,
        [keys, since],
      );
      return rows.some((r) => r.n >= opts.limits.maxFailures);
    },

    async recordAttempt(keys: string[], succeeded: boolean): Promise<void> {
      for (const key of keys) {
        await db.query(
          'INSERT INTO sign_in_attempts (attempt_key, succeeded, attempted_at) VALUES ($1, $2, $3)',
          [key, succeeded, clock.now()],
        );
      }
      if (succeeded)
        await db.query('DELETE FROM sign_in_attempts WHERE attempt_key = ANY($1) AND NOT succeeded', [keys]);
    },

    /** A new bearer token; only its hash is stored, so the secret is shown this once. */
    async createApiToken(actor: Actor, userId: number, name: string): Promise<{ id: number; token: string }> {
      const secret = `asc_${token()}`;
      return db.transaction(async (tx) => {
        const [owner] = await tx.query('SELECT id FROM users WHERE id = $1', [userId]);
        if (!owner) throw new NotFoundError(`There is no user ${userId}`);
        const [row] = await tx.query<{ id: number }>(
          'INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id',
          [userId, name, sha256(secret)],
        );
        await recordAudit(tx, actor, 'token.create', { type: 'api-token', id: row!.id }, null, {
          userId,
          name,
        });
        return { id: row!.id, token: secret };
      });
    },

    async resolveApiToken(secret: string): Promise<User | undefined> {
      const [row] = await db.query<Record<string, unknown> & { user_id: number; token_id: number }>(
        `SELECT t.id AS token_id, t.user_id, u.* FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
        [sha256(secret)],
      );
      if (!row) return undefined;
      await db.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [row.token_id, clock.now()]);
      const user = toUser({ ...(row as unknown as UserRow), id: row.user_id });
      return user.disabled ? undefined : user;
    },

    async listApiTokens(userId?: number) {
      return db.query<{
        id: number;
        user_id: number;
        name: string;
        created_at: Date;
        last_used_at: Date | null;
        revoked_at: Date | null;
      }>(
        `SELECT id, user_id, name, created_at, last_used_at, revoked_at FROM api_tokens
         ${userId === undefined ? '' : 'WHERE user_id = $1'} ORDER BY id`,
        userId === undefined ? [] : [userId],
      );
    },

    async revokeApiToken(actor: Actor, id: number): Promise<boolean> {
      return db.transaction(async (tx) => {
        const rows = await tx.query(
          'UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
          [id],
        );
        if (rows.length > 0)
          await recordAudit(
            tx,
            actor,
            'token.revoke',
            { type: 'api-token', id },
            { revoked: false },
            { revoked: true },
          );
        return rows.length > 0;
      });
    },
  };
}
export type SessionService = ReturnType<typeof sessionService>;
