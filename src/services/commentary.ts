/**
 * Commentary per measure and period, in the three parts committee papers use: what is happening, why, and
 * what we are doing about it. Each save is a new version; the old ones stay and every change is audited.
 */
import { z } from 'zod';
import { parsePeriod } from '../domain/period.js';
import type { Db } from '../store/db.js';
import { ValidationError, type Actor } from './actor.js';
import { recordAudit } from './audit.js';
import type { MeasureService } from './measures.js';
import type { OrganisationService } from './organisations.js';
import { fieldErrorsOf } from './users.js';

const part = (label: string) =>
  z.string().trim().max(5000, `${label} must be 5,000 characters or fewer`).default('');

export const commentarySchema = z
  .object({
    happening: part('What is happening'),
    why: part('Why'),
    action: part('What we are doing'),
  })
  .refine((c) => c.happening || c.why || c.action, {
    message: 'Write at least what is happening',
    path: ['happening'],
  });
export type CommentaryInput = z.input<typeof commentarySchema>;

export interface Commentary {
  orgCode: string;
  measureId: string;
  period: string;
  happening: string;
  why: string;
  action: string;
  version: number;
  updatedBy: string;
  updatedAt: Date;
}

interface Row {
  org_code: string;
  measure_id: string;
  period: string;
  happening: string;
  why: string;
  action: string;
  version: number;
  updated_by_label: string;
  updated_at: Date;
}

const toCommentary = (r: Row): Commentary => ({
  orgCode: r.org_code,
  measureId: r.measure_id,
  period: r.period,
  happening: r.happening,
  why: r.why,
  action: r.action,
  version: r.version,
  updatedBy: r.updated_by_label,
  updatedAt: r.updated_at,
});

export function commentaryService(db: Db, measures: MeasureService, organisations: OrganisationService) {
  return {
    async current(orgCode: string, measureId: string, period: string): Promise<Commentary | undefined> {
      const [row] = await db.query<Row>(
        'SELECT * FROM commentaries WHERE org_code = $1 AND measure_id = $2 AND period = $3 AND superseded_at IS NULL',
        [orgCode, measureId, period],
      );
      return row ? toCommentary(row) : undefined;
    },

    /** Every current commentary of a council, keyed 'measureId|period'. */
    async forOrg(orgCode: string): Promise<Map<string, Commentary>> {
      const rows = await db.query<Row>(
        'SELECT * FROM commentaries WHERE org_code = $1 AND superseded_at IS NULL',
        [orgCode],
      );
      return new Map(rows.map((r) => [`${r.measure_id}|${r.period}`, toCommentary(r)]));
    },

    async history(orgCode: string, measureId: string, period: string): Promise<Commentary[]> {
      return (
        await db.query<Row>(
          'SELECT * FROM commentaries WHERE org_code = $1 AND measure_id = $2 AND period = $3 ORDER BY version DESC',
          [orgCode, measureId, period],
        )
      ).map(toCommentary);
    },

    async save(
      actor: Actor,
      orgCode: string,
      measureId: string,
      period: string,
      input: CommentaryInput,
    ): Promise<Commentary> {
      organisations.get(orgCode);
      await measures.get(measureId);
      const p = parsePeriod(period);
      if (!p)
        throw new ValidationError('The period is not valid', [
          { field: 'period', message: `"${period}" is not a financial year, quarter or month` },
        ]);
      const parsed = commentarySchema.safeParse(input);
      if (!parsed.success)
        throw new ValidationError('The commentary is not valid', fieldErrorsOf(parsed.error));
      const d = parsed.data;
      return db.transaction(async (tx) => {
        const [before] = await tx.query<Row>(
          `SELECT * FROM commentaries WHERE org_code = $1 AND measure_id = $2 AND period = $3 AND superseded_at IS NULL
           FOR UPDATE`,
          [orgCode, measureId, p.label],
        );
        if (before)
          await tx.query(
            'UPDATE commentaries SET superseded_at = now() WHERE org_code = $1 AND measure_id = $2 AND period = $3 AND superseded_at IS NULL',
            [orgCode, measureId, p.label],
          );
        const [row] = await tx.query<Row>(
          `INSERT INTO commentaries (org_code, measure_id, period, happening, why, action, version, updated_by, updated_by_label)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
          [
            orgCode,
            measureId,
            p.label,
            d.happening,
            d.why,
            d.action,
            (before?.version ?? 0) + 1,
            actor.userId,
            actor.label,
          ],
        );
        const after = toCommentary(row!);
        await recordAudit(
          tx,
          actor,
          'commentary.save',
          { type: 'commentary', id: `${orgCode}/${measureId}/${p.label}` },
          before ? toCommentary(before) : null,
          after,
        );
        return after;
      });
    },
  };
}
export type CommentaryService = ReturnType<typeof commentaryService>;
