import { z } from 'zod';
import type { Db } from '../store/db.js';
import { ValidationError, type Actor } from './actor.js';
import { recordAudit } from './audit.js';
import type { OrganisationService } from './organisations.js';
import { fieldErrorsOf } from './users.js';

export const narrativeSchema = z.object({
  narrative: z.string().trim().max(20_000, 'The narrative must be 20,000 characters or fewer'),
  extraHighlights: z
    .array(z.string().trim().min(1).max(500))
    .max(20, 'Add no more than 20 extra highlights')
    .default([]),
  signatoryName: z.string().trim().max(120).default(''),
  signatoryTitle: z.string().trim().max(120).default(''),
});
export type NarrativeInput = z.input<typeof narrativeSchema>;

export interface Narrative {
  orgCode: string;
  period: string;
  narrative: string;
  extraHighlights: string[];
  signatoryName: string;
  signatoryTitle: string;
  version: number;
  updatedBy: string;
  updatedAt: Date;
}

interface Row {
  org_code: string;
  period: string;
  narrative: string;
  extra_highlights: string[];
  signatory_name: string;
  signatory_title: string;
  version: number;
  updated_by_label: string;
  updated_at: Date;
}

const toNarrative = (r: Row): Narrative => ({
  orgCode: r.org_code,
  period: r.period,
  narrative: r.narrative,
  extraHighlights: r.extra_highlights,
  signatoryName: r.signatory_name,
  signatoryTitle: r.signatory_title,
  version: r.version,
  updatedBy: r.updated_by_label,
  updatedAt: r.updated_at,
});

/** The director's narrative for a council and year; each save is a new version and the old ones stay. */
export function narrativeService(db: Db, organisations: OrganisationService) {
  return {
    async current(orgCode: string, period: string): Promise<Narrative | undefined> {
      const [row] = await db.query<Row>(
        'SELECT * FROM profile_narratives WHERE org_code = $1 AND period = $2 AND superseded_at IS NULL',
        [orgCode, period],
      );
      return row ? toNarrative(row) : undefined;
    },

    async currentForPeriod(period: string): Promise<Narrative[]> {
      return (
        await db.query<Row>('SELECT * FROM profile_narratives WHERE period = $1 AND superseded_at IS NULL', [
          period,
        ])
      ).map(toNarrative);
    },

    async history(orgCode: string, period: string): Promise<Narrative[]> {
      return (
        await db.query<Row>(
          'SELECT * FROM profile_narratives WHERE org_code = $1 AND period = $2 ORDER BY version DESC',
          [orgCode, period],
        )
      ).map(toNarrative);
    },

    async save(actor: Actor, orgCode: string, period: string, input: NarrativeInput): Promise<Narrative> {
      organisations.get(orgCode);
      const parsed = narrativeSchema.safeParse(input);
      if (!parsed.success)
        throw new ValidationError('The narrative is not valid', fieldErrorsOf(parsed.error));
      const d = parsed.data;
      return db.transaction(async (tx) => {
        const [before] = await tx.query<Row>(
          'SELECT * FROM profile_narratives WHERE org_code = $1 AND period = $2 AND superseded_at IS NULL FOR UPDATE',
          [orgCode, period],
        );
        if (before)
          await tx.query(
            'UPDATE profile_narratives SET superseded_at = now() WHERE org_code = $1 AND period = $2 AND superseded_at IS NULL',
            [orgCode, period],
          );
        const [row] = await tx.query<Row>(
          `INSERT INTO profile_narratives (org_code, period, narrative, extra_highlights, signatory_name, signatory_title, version, updated_by, updated_by_label)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
          [
            orgCode,
            period,
            d.narrative,
            d.extraHighlights,
            d.signatoryName,
            d.signatoryTitle,
            (before?.version ?? 0) + 1,
            actor.userId,
            actor.label,
          ],
        );
        const after = toNarrative(row!);
        await recordAudit(
          tx,
          actor,
          'narrative.save',
          { type: 'narrative', id: `${orgCode}/${period}` },
          before ? toNarrative(before) : null,
          after,
        );
        return after;
      });
    },
  };
}
export type NarrativeService = ReturnType<typeof narrativeService>;
