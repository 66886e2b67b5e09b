import type { Db, Queryable } from '../store/db.js';
import type { Actor } from './actor.js';

export interface AuditEntry {
  id: number;
  at: Date;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  entityType?: string | undefined;
  limit?: number;
  offset?: number;
}

/** Appends to the audit log inside the caller's transaction, so the change and its record land together. */
export async function recordAudit(
  q: Queryable,
  actor: Actor,
  action: string,
  entity: { type: string; id: string | number },
  before: unknown,
  after: unknown,
): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (actor_id, actor_label, action, entity_type, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      actor.userId,
      actor.label,
      action,
      entity.type,
      String(entity.id),
      before === undefined ? null : JSON.stringify(before),
      after === undefined ? null : JSON.stringify(after),
    ],
  );
}

export function auditService(db: Db) {
  return {
    async list(filter: AuditFilter = {}): Promise<{ entries: AuditEntry[]; total: number }> {
      const where = filter.entityType ? 'WHERE entity_type = $1' : '';
      const params: unknown[] = filter.entityType ? [filter.entityType] : [];
      const [count] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log ${where}`,
        params,
      );
      const rows = await db.query<{
        id: number;
        at: Date;
        actor_label: string;
        action: string;
        entity_type: string;
        entity_id: string;
        before: unknown;
        after: unknown;
      }>(
        `SELECT id, at, actor_label, action, entity_type, entity_id, before, after FROM audit_log ${where}
         ORDER BY id DESC LIMIT ${Math.min(filter.limit ?? 50, 500)} OFFSET ${Math.max(filter.offset ?? 0, 0)}`,
        params,
      );
      return {
        total: count?.n ?? 0,
        entries: rows.map((r) => ({
          id: r.id,
          at: r.at,
          actorLabel: r.actor_label,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          before: r.before,
          after: r.after,
        })),
      };
    },
  };
}
export type AuditService = ReturnType<typeof auditService>;
