/** Workforce capacity for a programme: posts planned and recruited by area and type, audited. */
import { capacitySummary, postProblems, type PostLine } from '../../domain/programme/workforce.js';
import type { Db } from '../../store/db.js';
import { NotFoundError, type Actor } from '../actor.js';
import { recordAudit } from '../audit.js';
import { postSchema, type PostInput } from './schemas.js';
import { failIf, parseInput } from './validate.js';

export interface PostRecord extends PostLine {
  id: number;
  programmeId: number;
  asAt: string;
  note: string;
}

const toPost = (r: Record<string, unknown>): PostRecord => ({
  id: Number(r.id),
  programmeId: Number(r.programme_id),
  area: String(r.area),
  employment: r.employment as PostLine['employment'],
  planned: Number(r.planned),
  inPost: Number(r.in_post),
  appointed: Number(r.appointed),
  interviewing: Number(r.interviewing),
  asAt: String(r.as_at),
  note: String(r.note),
});

export function workforceService(db: Db) {
  const service = {
    async posts(programmeId: number): Promise<PostRecord[]> {
      return (
        await db.query('SELECT * FROM workforce_posts WHERE programme_id = $1 ORDER BY employment, area', [
          programmeId,
        ])
      ).map(toPost);
    },

    async summary(programmeId: number) {
      const posts = await service.posts(programmeId);
      return {
        posts,
        summary: capacitySummary(posts),
        asAt:
          posts
            .map((p) => p.asAt)
            .sort()
            .at(-1) ?? null,
      };
    },

    /** Adds or replaces the line for an area and type of employment. */
    async save(actor: Actor, programmeId: number, input: PostInput): Promise<PostRecord> {
      const d = parseInput(postSchema, input, 'The posts are not valid');
      failIf(postProblems(d), 'The posts are not valid');
      return db.transaction(async (tx) => {
        const [prog] = await tx.query('SELECT id FROM programmes WHERE id = $1', [programmeId]);
        if (!prog) throw new NotFoundError(`There is no programme ${programmeId}`);
        const [before] = await tx.query(
          'SELECT * FROM workforce_posts WHERE programme_id = $1 AND area = $2 AND employment = $3',
          [programmeId, d.area, d.employment],
        );
        const [row] = await tx.query(
          `INSERT INTO workforce_posts (programme_id, area, employment, planned, in_post, appointed, interviewing, as_at, note)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (programme_id, area, employment) DO UPDATE SET planned = EXCLUDED.planned, in_post = EXCLUDED.in_post,
             appointed = EXCLUDED.appointed, interviewing = EXCLUDED.interviewing, as_at = EXCLUDED.as_at, note = EXCLUDED.note,
             updated_at = now()
           RETURNING *`,
          [
            programmeId,
            d.area,
            d.employment,
            d.planned,
            d.inPost,
            d.appointed,
            d.interviewing,
            d.asAt,
            d.note,
          ],
        );
        const after = toPost(row!);
        await recordAudit(
          tx,
          actor,
          before ? 'workforce.update' : 'workforce.create',
          { type: 'workforce-posts', id: after.id },
          before ? toPost(before) : null,
          after,
        );
        return after;
      });
    },
  };
  return service;
}
export type WorkforceService = ReturnType<typeof workforceService>;
