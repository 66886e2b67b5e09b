/** Risk register records as the services return them, and the mapping from store rows. */
import type { Appetite, RagBand, Rag } from '../../domain/risk/bands.js';
import type { ReviewFrequency } from '../../domain/risk/review.js';
import type { Assessment, Factor } from '../../domain/risk/score.js';

export interface SchemeRecord {
  id: number;
  orgCode: string;
  fromPeriod: string;
  fromDate: string;
  bands: RagBand[];
  appetite: Appetite;
  createdBy: string;
}

export interface RiskRecord {
  id: number;
  orgCode: string;
  reference: string;
  title: string;
  description: string;
  themes: string[];
  owners: string[];
  controls: string;
  assurance: string;
  inherent: Assessment | null;
  target: Assessment | null;
  reviewFrequency: ReviewFrequency;
  nextReviewOn: string;
  exempt: boolean;
  exemptReason: string;
  status: 'open' | 'closed';
  programmeId: number | null;
}

export interface RiskReview extends Assessment {
  id: number;
  riskId: number;
  reviewedOn: string;
  rag: Rag;
  schemeId: number;
  source: 'review' | 'import';
  notes: string;
  reviewedBy: string;
  recordedAt: Date;
}

export interface KeyAction {
  id: number;
  riskId: number;
  text: string;
  /** The linked action's due date when there is one, else the key action's own deadline. */
  deadline: string | null;
  action: {
    id: number;
    reference: string | null;
    title: string;
    status: string;
    dueOn: string | null;
  } | null;
}

type Row = Record<string, unknown>;
const factor = (v: unknown) => (v === null || v === undefined ? null : (Number(v) as Factor));

function assessmentOf(impact: unknown, likelihood: unknown, score: unknown): Assessment | null {
  if (score === null || score === undefined) return null;
  return { impact: factor(impact), likelihood: factor(likelihood), score: Number(score) };
}

export const toScheme = (r: Row): SchemeRecord => ({
  id: Number(r.id),
  orgCode: String(r.org_code),
  fromPeriod: String(r.from_period),
  fromDate: String(r.from_date),
  bands: r.bands as RagBand[],
  appetite: r.appetite as Appetite,
  createdBy: String(r.created_by_label),
});

export const toRisk = (r: Row): RiskRecord => ({
  id: Number(r.id),
  orgCode: String(r.org_code),
  reference: String(r.reference),
  title: String(r.title),
  description: String(r.description),
  themes: (r.themes as string[]) ?? [],
  owners: (r.owners as string[]) ?? [],
  controls: String(r.controls),
  assurance: String(r.assurance),
  inherent: assessmentOf(r.inherent_impact, r.inherent_likelihood, r.inherent_score),
  target: assessmentOf(r.target_impact, r.target_likelihood, r.target_score),
  reviewFrequency: r.review_frequency as ReviewFrequency,
  nextReviewOn: String(r.next_review_on),
  exempt: Boolean(r.exempt),
  exemptReason: String(r.exempt_reason),
  status: r.status as RiskRecord['status'],
  programmeId: r.programme_id === null ? null : Number(r.programme_id),
});

export const toReview = (r: Row): RiskReview => ({
  id: Number(r.id),
  riskId: Number(r.risk_id),
  reviewedOn: String(r.reviewed_on),
  impact: factor(r.impact),
  likelihood: factor(r.likelihood),
  score: Number(r.score),
  rag: r.rag as Rag,
  schemeId: Number(r.scheme_id),
  source: r.source as RiskReview['source'],
  notes: String(r.notes),
  reviewedBy: String(r.reviewed_by_label),
  recordedAt: r.recorded_at as Date,
});

export const toKeyAction = (r: Row): KeyAction => ({
  id: Number(r.id),
  riskId: Number(r.risk_id),
  text: String(r.text),
  deadline: ((r.action_due_on ?? r.deadline) as string | null) ?? null,
  action:
    r.action_id === null
      ? null
      : {
          id: Number(r.action_id),
          reference: (r.action_reference as string | null) ?? null,
          title: String(r.action_title),
          status: String(r.action_status),
          dueOn: (r.action_due_on as string | null) ?? null,
        },
});

export const KEY_ACTION_SELECT = `SELECT k.*, a.reference AS action_reference, a.title AS action_title, a.status AS action_status,
  a.due_on AS action_due_on FROM risk_key_actions k LEFT JOIN actions a ON a.id = k.action_id`;
