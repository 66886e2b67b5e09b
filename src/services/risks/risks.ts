import type { RiskRow } from '../../importers/plans/risks.js';
/**
 * The risk register: risks, their reviews (every score with the bands it was scored under), key
 * actions linked to programme actions, and each council's bands and appetite by period. Exempt risks
 * are returned only to an internal audience; every change is audited in its own transaction.
 */
import { isoDateIn } from '../../domain/programme/dates.js';
import { financialYearOf } from '../../domain/period.js';
import {
  aboveAppetite,
  appetiteFor,
  appetiteProblems,
  bandFor,
  bandProblems,
  DEFAULT_APPETITE,
  DEFAULT_BANDS,
  frozenReason,
  schemeOn,
  schemeStart,
  type Rag,
} from '../../domain/risk/bands.js';
import { forAudience, type Audience } from '../../domain/risk/exempt.js';
import { heatGrid, type HeatGrid } from '../../domain/risk/heat.js';
import {
  directionSinceLastReview,
  nextReviewAfter,
  reviewState,
  type ReviewState,
  type ScoreDirection,
} from '../../domain/risk/review.js';
import { assess, factorsMissing, type Assessment } from '../../domain/risk/score.js';
import { parseThemes } from '../../domain/risk/themes.js';
import type { Db, Queryable } from '../../store/db.js';
import { NotFoundError, ValidationError, type Actor } from '../actor.js';
import { recordAudit } from '../audit.js';
import type { Clock } from '../clock.js';
import type { OrganisationService } from '../organisations.js';
import { failIf, parseInput } from '../programme/validate.js';
import {
  KEY_ACTION_SELECT,
  toKeyAction,
  toReview,
  toRisk,
  toScheme,
  type KeyAction,
  type RiskRecord,
  type RiskReview,
  type SchemeRecord,
} from './rows.js';
import {
  keyActionSchema,
  newRiskSchema,
  reviewSchema,
  riskSchema,
  schemeSchema,
  type KeyActionInput,
  type NewRiskInput,
  type ReviewInput,
  type RiskInput,
  type SchemeInput,
} from './schemas.js';

export interface RiskView extends RiskRecord {
  current: (Assessment & { rag: Rag; reviewedOn: string }) | null;
  /** Newest first. */
  reviews: RiskReview[];
  direction: { direction: ScoreDirection; current: number | null; previous: number | null };
  reviewState: ReviewState;
  appetite: number;
  aboveAppetite: boolean;
  /** The current score came from an import without its impact and likelihood: the next review records them. */
  factorsMissing: boolean;
  keyActions: KeyAction[];
}

export interface RegisterView {
  orgCode: string;
  audience: Audience;
  asAt: string;
  scheme: Omit<SchemeRecord, 'id' | 'createdBy'> & { id: number | null };
  risks: RiskView[];
  grid: HeatGrid;
  aboveAppetite: RiskView[];
  overdue: RiskView[];
  /** Exempt risks left out for this audience (reported as a count only to those who may see them). */
  exemptHidden: number;
}

/** What an importer writes for one row; the score may come without its factors. */
export type ImportedRisk = Omit<RiskRow, 'row'>;

type Parsed<T extends { parse: (v: unknown) => unknown }> = ReturnType<T['parse']>;

function riskValues(d: Parsed<typeof riskSchema>) {
  const pair = (i: number | null, l: number | null, what: string, field: string) => {
    if (i === null && l === null) return null;
    const r = assess({ impact: i, likelihood: l });
    if ('error' in r)
      throw new ValidationError(`The ${what} score is not valid`, [{ field, message: r.error }]);
    return r.ok;
  };
  return {
    inherent: pair(d.inherentImpact, d.inherentLikelihood, 'inherent', 'inherentImpact'),
    target: pair(d.targetImpact, d.targetLikelihood, 'target', 'targetImpact'),
    themes: parseThemes(d.themes.join(',')),
  };
}

/** The values a new or edited risk writes, reference to review frequency, in the tables' column order. */
function describedBy(d: Parsed<typeof riskSchema>, v: ReturnType<typeof riskValues>) {
  return [
    d.reference,
    d.title,
    d.description,
    v.themes,
    d.owners,
    d.controls,
    d.assurance,
    v.inherent?.impact ?? null,
    v.inherent?.likelihood ?? null,
    v.inherent?.score ?? null,
    v.target?.impact ?? null,
    v.target?.likelihood ?? null,
    v.target?.score ?? null,
    d.reviewFrequency,
  ];
}

export function riskService(db: Db, clock: Clock, organisations: OrganisationService) {
  const today = () => isoDateIn(clock.now());

  async function schemesOn(q: Queryable, orgCode: string): Promise<SchemeRecord[]> {
    return (
      await q.query('SELECT * FROM risk_schemes WHERE org_code = $1 ORDER BY from_date', [orgCode])
    ).map(toScheme);
  }

  /** The scheme a review on this date is scored under; the default bands for its year when the council has none. */
  async function ensureScheme(
    tx: Queryable,
    actor: Actor,
    orgCode: string,
    date: string,
  ): Promise<SchemeRecord> {
    const found = schemeOn(await schemesOn(tx, orgCode), date);
    if (found) return found;
    const year = financialYearOf(date);
    const [row] = await tx.query(
      `INSERT INTO risk_schemes (org_code, from_period, from_date, bands, appetite, created_by_label)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [
        orgCode,
        year.label,
        year.start,
        JSON.stringify(DEFAULT_BANDS),
        JSON.stringify(DEFAULT_APPETITE),
        actor.label,
      ],
    );
    const scheme = toScheme(row!);
    await recordAudit(tx, actor, 'risk-scheme.default', { type: 'risk-scheme', id: scheme.id }, null, scheme);
    return scheme;
  }

  async function riskOn(q: Queryable, id: number): Promise<RiskRecord> {
    const [row] = await q.query('SELECT * FROM risks WHERE id = $1', [id]);
    if (!row) throw new NotFoundError(`There is no risk ${id}`);
    return toRisk(row);
  }

  async function insertReview(
    tx: Queryable,
    actor: Actor,
    risk: Pick<RiskRecord, 'id' | 'orgCode'>,
    a: Assessment,
    reviewedOn: string,
    source: 'review' | 'import',
    notes: string,
  ): Promise<RiskReview> {
    const scheme = await ensureScheme(tx, actor, risk.orgCode, reviewedOn);
    const [row] = await tx.query(
      `INSERT INTO risk_reviews (risk_id, reviewed_on, impact, likelihood, score, scheme_id, rag, source, notes, reviewed_by, reviewed_by_label)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [
        risk.id,
        reviewedOn,
        a.impact,
        a.likelihood,
        a.score,
        scheme.id,
        bandFor(a.score, scheme.bands).rag,
        source,
        notes,
        actor.userId,
        actor.label,
      ],
    );
    return toReview(row!);
  }

  /** Views of risks with their reviews and key actions, loaded together. */
  async function viewsOf(q: Queryable, risks: RiskRecord[], asAt: string): Promise<RiskView[]> {
    if (risks.length === 0) return [];
    const ids = risks.map((r) => r.id);
    const reviews = (
      await q.query('SELECT * FROM risk_reviews WHERE risk_id = ANY($1) ORDER BY reviewed_on DESC, id DESC', [
        ids,
      ])
    ).map(toReview);
    const keyActions = (
      await q.query(`${KEY_ACTION_SELECT} WHERE k.risk_id = ANY($1) ORDER BY k.position, k.id`, [ids])
    ).map(toKeyAction);
    const schemes = await schemesOn(q, risks[0]!.orgCode);
    const appetiteScheme = schemeOn(schemes, asAt);
    return risks.map((risk) => {
      const own = reviews.filter((r) => r.riskId === risk.id);
      const latest = own[0];
      const appetite = appetiteFor(risk.themes, appetiteScheme?.appetite ?? DEFAULT_APPETITE);
      return {
        ...risk,
        current: latest
          ? {
              impact: latest.impact,
              likelihood: latest.likelihood,
              score: latest.score,
              rag: latest.rag,
              reviewedOn: latest.reviewedOn,
            }
          : null,
        reviews: own,
        direction: directionSinceLastReview(
          own.map((r) => ({ reviewedOn: r.reviewedOn, score: r.score, sequence: r.id })),
        ),
        reviewState: reviewState(risk.nextReviewOn, asAt),
        appetite,
        aboveAppetite: latest
          ? aboveAppetite(latest.score, risk.themes, { overall: appetite, themes: {} })
          : false,
        factorsMissing: latest ? factorsMissing(latest) : false,
        keyActions: keyActions.filter((k) => k.riskId === risk.id),
      };
    });
  }

  /** Risk ids sort as numbers where they are numbers: 2 before 10. */
  const byReference = (a: RiskRecord, b: RiskRecord) =>
    a.reference.localeCompare(b.reference, 'en', { numeric: true });

  const service = {
    async schemes(orgCode: string): Promise<SchemeRecord[]> {
      return schemesOn(db, orgCode);
    },

    /** The bands and appetite in force on a date (the default ones when the council has set none). */
    async schemeInForce(orgCode: string, date = today()): Promise<RegisterView['scheme']> {
      const s = schemeOn(await schemesOn(db, orgCode), date);
      if (s) return s;
      const year = financialYearOf(date);
      return {
        id: null,
        orgCode,
        fromPeriod: year.label,
        fromDate: year.start,
        bands: [...DEFAULT_BANDS],
        appetite: DEFAULT_APPETITE,
      };
    },

    /** Sets a council's bands and appetite from a financial year; refused once that period has scored reviews. */
    async setScheme(actor: Actor, orgCode: string, input: SchemeInput): Promise<SchemeRecord> {
      organisations.get(orgCode);
      const d = parseInput(schemeSchema, input, 'The bands are not valid');
      const from = schemeStart(d.fromPeriod);
      if (!from)
        throw new ValidationError('The bands are not valid', [
          { field: 'fromPeriod', message: 'Enter a financial year such as 2026-27' },
        ]);
      failIf(
        [
          ...bandProblems(d.bands).map((message) => ({ field: 'bands', message })),
          ...appetiteProblems(d.appetite).map((message) => ({ field: 'appetite', message })),
        ],
        'The bands are not valid',
      );
      return db.transaction(async (tx) => {
        const schemes = await schemesOn(tx, orgCode);
        const existing = schemes.find((s) => s.fromPeriod === d.fromPeriod);
        // Reviews already scored in the period these bands would cover (up to the next scheme's start).
        const nextStart = schemes.map((s) => s.fromDate).find((start) => start > from) ?? '9999-12-31';
        const [used] = await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM risk_reviews v JOIN risks r ON r.id = v.risk_id
           WHERE r.org_code = $1 AND (v.scheme_id = $2 OR (v.reviewed_on >= $3 AND v.reviewed_on < $4))`,
          [orgCode, existing?.id ?? 0, from, nextStart],
        );
        const frozen = frozenReason({ fromPeriod: d.fromPeriod }, used?.n ?? 0);
        if (frozen)
          throw new ValidationError('The bands are frozen', [{ field: 'fromPeriod', message: frozen }]);
        const [row] = await tx.query(
          `INSERT INTO risk_schemes (org_code, from_period, from_date, bands, appetite, created_by_label)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (org_code, from_period) DO UPDATE SET bands = EXCLUDED.bands, appetite = EXCLUDED.appetite,
             created_by_label = EXCLUDED.created_by_label, created_at = now()
           RETURNING *`,
          [orgCode, d.fromPeriod, from, JSON.stringify(d.bands), JSON.stringify(d.appetite), actor.label],
        );
        const scheme = toScheme(row!);
        await recordAudit(
          tx,
          actor,
          'risk-scheme.set',
          { type: 'risk-scheme', id: scheme.id },
          existing ?? null,
          scheme,
        );
        return scheme;
      });
    },

    /** The register as an audience may see it, with the heat map, risks above appetite and overdue reviews. */
    async register(orgCode: string, audience: Audience): Promise<RegisterView> {
      organisations.get(orgCode);
      const asAt = today();
      const all = (await db.query("SELECT * FROM risks WHERE org_code = $1 AND status = 'open'", [orgCode]))
        .map(toRisk)
        .sort(byReference);
      const visible = forAudience(all, audience);
      const risks = await viewsOf(db, visible, asAt);
      const scheme = await service.schemeInForce(orgCode, asAt);
      return {
        orgCode,
        audience,
        asAt,
        scheme,
        risks,
        grid: heatGrid(
          risks.flatMap((r) => (r.current ? [{ reference: r.reference, ...r.current }] : [])),
          scheme.bands,
        ),
        aboveAppetite: risks.filter((r) => r.aboveAppetite),
        overdue: risks.filter((r) => r.reviewState === 'overdue'),
        exemptHidden: all.length - visible.length,
      };
    },

    /** One risk; an exempt risk is not found for a published audience. */
    async get(id: number, audience: Audience): Promise<RiskView> {
      const risk = await riskOn(db, id);
      if (risk.exempt && audience !== 'internal') throw new NotFoundError(`There is no risk ${id}`);
      return (await viewsOf(db, [risk], today()))[0]!;
    },

    async create(actor: Actor, orgCode: string, input: NewRiskInput): Promise<RiskView> {
      const org = organisations.get(orgCode);
      if (org.kind !== 'council') throw new ValidationError(`${org.name} is not a council`);
      const d = parseInput(newRiskSchema, input, 'The risk is not valid');
      const current = assess({ impact: d.impact, likelihood: d.likelihood });
      if ('error' in current || d.impact === null || d.likelihood === null)
        throw new ValidationError('The risk is not valid', [
          ...(d.impact === null ? [{ field: 'impact', message: 'Choose the impact, 1 to 5' }] : []),
          ...(d.likelihood === null
            ? [{ field: 'likelihood', message: 'Choose the likelihood, 1 to 5' }]
            : []),
        ]);
      const v = riskValues(d);
      const assessedOn = d.assessedOn ?? today();
      const id = await db.transaction(async (tx) => {
        const [clash] = await tx.query('SELECT id FROM risks WHERE org_code = $1 AND reference = $2', [
          orgCode,
          d.reference,
        ]);
        if (clash)
          throw new ValidationError('The risk ID is taken', [
            { field: 'reference', message: `The register already has a risk ${d.reference}` },
          ]);
        const [row] = await tx.query(
          `INSERT INTO risks (org_code, reference, title, description, themes, owners, controls, assurance,
             inherent_impact, inherent_likelihood, inherent_score, target_impact, target_likelihood, target_score,
             review_frequency, next_review_on, exempt, exempt_reason, programme_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING *`,
          [
            orgCode,
            ...describedBy(d, v),
            d.nextReviewOn ?? nextReviewAfter(assessedOn, d.reviewFrequency),
            d.exempt,
            d.exemptReason,
            d.programmeId,
          ],
        );
        const risk = toRisk(row!);
        const review = await insertReview(
          tx,
          actor,
          risk,
          current.ok,
          assessedOn,
          'review',
          'Risk added to the register',
        );
        await recordAudit(tx, actor, 'risk.create', { type: 'risk', id: risk.id }, null, { risk, review });
        return risk.id;
      });
      return service.get(id, 'internal');
    },

    async update(actor: Actor, id: number, input: RiskInput): Promise<RiskView> {
      const d = parseInput(riskSchema, input, 'The risk is not valid');
      const v = riskValues(d);
      await db.transaction(async (tx) => {
        const before = await riskOn(tx, id);
        const [clash] = await tx.query(
          'SELECT id FROM risks WHERE org_code = $1 AND reference = $2 AND id <> $3',
          [before.orgCode, d.reference, id],
        );
        if (clash)
          throw new ValidationError('The risk ID is taken', [
            { field: 'reference', message: `The register already has a risk ${d.reference}` },
          ]);
        const [row] = await tx.query(
          `UPDATE risks SET reference = $2, title = $3, description = $4, themes = $5, owners = $6, controls = $7, assurance = $8,
             inherent_impact = $9, inherent_likelihood = $10, inherent_score = $11, target_impact = $12, target_likelihood = $13,
             target_score = $14, review_frequency = $15, next_review_on = COALESCE($16, next_review_on), exempt = $17,
             exempt_reason = $18, programme_id = $19, updated_at = now()
           WHERE id = $1 RETURNING *`,
          [id, ...describedBy(d, v), d.nextReviewOn, d.exempt, d.exemptReason, d.programmeId],
        );
        await recordAudit(tx, actor, 'risk.update', { type: 'risk', id }, before, toRisk(row!));
      });
      return service.get(id, 'internal');
    },

    /** Records a review: both factors always (an imported score's missing factors are recorded here). */
    async review(actor: Actor, id: number, input: ReviewInput): Promise<RiskView> {
      const d = parseInput(reviewSchema, input, 'The review is not valid');
      const missing = [
        ...(d.impact === null ? [{ field: 'impact', message: 'Choose the impact, 1 to 5' }] : []),
        ...(d.likelihood === null ? [{ field: 'likelihood', message: 'Choose the likelihood, 1 to 5' }] : []),
      ];
      failIf(missing, 'The review is not valid');
      const a = assess({ impact: d.impact, likelihood: d.likelihood });
      if ('error' in a)
        throw new ValidationError('The review is not valid', [{ field: 'impact', message: a.error }]);
      await db.transaction(async (tx) => {
        const risk = await riskOn(tx, id);
        const review = await insertReview(tx, actor, risk, a.ok, d.reviewedOn, 'review', d.notes);
        const next = d.nextReviewOn ?? nextReviewAfter(d.reviewedOn, risk.reviewFrequency);
        await tx.query('UPDATE risks SET next_review_on = $2, updated_at = now() WHERE id = $1', [id, next]);
        await recordAudit(
          tx,
          actor,
          'risk.review',
          { type: 'risk', id },
          { nextReviewOn: risk.nextReviewOn },
          {
            review,
            nextReviewOn: next,
          },
        );
      });
      return service.get(id, 'internal');
    },

    async addKeyAction(actor: Actor, riskId: number, input: KeyActionInput): Promise<KeyAction> {
      const d = parseInput(keyActionSchema, input, 'The key action is not valid');
      return db.transaction(async (tx) => {
        await riskOn(tx, riskId);
        if (d.actionId !== null) {
          const [a] = await tx.query('SELECT id FROM actions WHERE id = $1', [d.actionId]);
          if (!a) throw new NotFoundError(`There is no action ${d.actionId}`);
        }
        const [row] = await tx.query(
          `INSERT INTO risk_key_actions (risk_id, text, deadline, action_id, position)
           VALUES ($1, $2, $3, $4, (SELECT COALESCE(max(position), 0) + 1 FROM risk_key_actions WHERE risk_id = $1)) RETURNING id`,
          [riskId, d.text, d.deadline, d.actionId],
        );
        const [full] = await tx.query(`${KEY_ACTION_SELECT} WHERE k.id = $1`, [row!.id]);
        const added = toKeyAction(full!);
        await recordAudit(tx, actor, 'risk.key-action', { type: 'risk', id: riskId }, null, added);
        return added;
      });
    },

    /** Links a programme action to a risk it mitigates, as one of the risk's key actions. */
    async linkAction(actor: Actor, riskId: number, actionId: number): Promise<KeyAction> {
      const [a] = await db.query<{ title: string }>('SELECT title FROM actions WHERE id = $1', [actionId]);
      if (!a) throw new NotFoundError(`There is no action ${actionId}`);
      const [existing] = await db.query(`${KEY_ACTION_SELECT} WHERE k.risk_id = $1 AND k.action_id = $2`, [
        riskId,
        actionId,
      ]);
      if (existing) return toKeyAction(existing);
      return service.addKeyAction(actor, riskId, { text: a.title, actionId });
    },

    /** The risks an action mitigates, as an audience may see them. */
    async risksForAction(actionId: number, audience: Audience): Promise<RiskView[]> {
      const risks = (
        await db.query(
          'SELECT r.* FROM risks r WHERE r.id IN (SELECT risk_id FROM risk_key_actions WHERE action_id = $1)',
          [actionId],
        )
      )
        .map(toRisk)
        .sort(byReference);
      return viewsOf(db, forAudience(risks, audience), today());
    },

    /** Open risks of a council as choices for a form (reference and description), for an audience. */
    async choices(
      orgCode: string,
      audience: Audience,
    ): Promise<{ id: number; reference: string; description: string }[]> {
      const all = (await db.query("SELECT * FROM risks WHERE org_code = $1 AND status = 'open'", [orgCode]))
        .map(toRisk)
        .sort(byReference);
      return forAudience(all, audience).map((r) => ({
        id: r.id,
        reference: r.reference,
        description: r.description,
      }));
    },

    /**
     * Writes one imported row inside the importer's transaction: a new risk with its score as a first
     * review, or changes to an existing one (a changed score becomes a new review). Returns what happened.
     */
    async writeImported(
      tx: Queryable,
      actor: Actor,
      orgCode: string,
      row: ImportedRisk,
    ): Promise<'added' | 'changed' | 'unchanged'> {
      const reviewedOn = row.reviewedOn ?? today();
      const [existingRow] = await tx.query('SELECT * FROM risks WHERE org_code = $1 AND reference = $2', [
        orgCode,
        row.reference,
      ]);
      const fields = [
        row.description,
        row.themes,
        row.owners,
        row.controls,
        row.assurance,
        row.inherent?.impact ?? null,
        row.inherent?.likelihood ?? null,
        row.inherent?.score ?? null,
        row.target?.impact ?? null,
        row.target?.likelihood ?? null,
        row.target?.score ?? null,
      ];
      if (!existingRow) {
        const [inserted] = await tx.query(
          `INSERT INTO risks (org_code, reference, description, themes, owners, controls, assurance, inherent_impact,
             inherent_likelihood, inherent_score, target_impact, target_likelihood, target_score, next_review_on, exempt)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
          [
            orgCode,
            row.reference,
            ...fields,
            row.nextReviewOn ?? nextReviewAfter(reviewedOn, 'quarterly'),
            row.exempt ?? false,
          ],
        );
        const risk = toRisk(inserted!);
        const review = await insertReview(
          tx,
          actor,
          risk,
          row.current,
          reviewedOn,
          'import',
          'Imported from the register',
        );
        for (const [i, k] of row.keyActions.entries())
          await tx.query(
            'INSERT INTO risk_key_actions (risk_id, text, deadline, position) VALUES ($1, $2, $3, $4)',
            [risk.id, k.text, k.deadline, i + 1],
          );
        await recordAudit(tx, actor, 'risk.import', { type: 'risk', id: risk.id }, null, {
          risk,
          review,
          keyActions: row.keyActions,
        });
        return 'added';
      }
      const before = toRisk(existingRow);
      const [latest] = await tx.query(
        'SELECT * FROM risk_reviews WHERE risk_id = $1 ORDER BY reviewed_on DESC, id DESC LIMIT 1',
        [before.id],
      );
      const scoreChanged = !latest || Number(latest.score) !== row.current.score;
      const [afterRow] = await tx.query(
        `UPDATE risks SET description = $2, themes = $3, owners = $4, controls = $5, assurance = $6, inherent_impact = $7,
           inherent_likelihood = $8, inherent_score = $9, target_impact = $10, target_likelihood = $11, target_score = $12,
           next_review_on = COALESCE($13, next_review_on), exempt = COALESCE($14, exempt), updated_at = now()
         WHERE id = $1 RETURNING *`,
        [before.id, ...fields, row.nextReviewOn, row.exempt],
      );
      const after = toRisk(afterRow!);
      const { nextReviewOn: _b, ...beforeFields } = before;
      const { nextReviewOn: _a, ...afterFields } = after;
      const fieldsChanged =
        JSON.stringify(beforeFields) !== JSON.stringify(afterFields) ||
        before.nextReviewOn !== after.nextReviewOn;
      if (!scoreChanged && !fieldsChanged) return 'unchanged';
      const review = scoreChanged
        ? await insertReview(
            tx,
            actor,
            before,
            row.current,
            reviewedOn,
            'import',
            'Score changed by an import',
          )
        : undefined;
      await recordAudit(tx, actor, 'risk.import', { type: 'risk', id: before.id }, before, {
        risk: after,
        review,
      });
      return 'changed';
    },
  };
  return service;
}
export type RiskService = ReturnType<typeof riskService>;
