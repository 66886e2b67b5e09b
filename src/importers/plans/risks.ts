/**
 * Reads a risk register in the layout councils publish (ID, Theme, Risk Description, Risk Owner,
 * Existing Key Controls and Sources of Assurance, Risk Score (current) impact x likelihood, Areas
 * for Key Actions and Deadlines), with optional columns for the factors, inherent and target scores,
 * review dates and the exempt flag. Each row becomes a risk or a rejection with its row and reason.
 */
import { assess, type Assessment } from '../../domain/risk/score.js';
import { parseThemes } from '../../domain/risk/themes.js';
import type { Rejection } from '../report.js';
import { dateCell, exemptCell, keyActionsCell, listCell, numberCell, scoreCell } from './cells.js';
import { mapColumns, type ColumnSpec } from './table.js';

export const riskColumns = {
  reference: {
    names: [
      'id',
      'risk id',
      'ref',
      'ref.',
      'reference',
      'risk ref',
      'risk reference',
      'risk no',
      'no',
      'no.',
    ],
  },
  themes: { names: ['theme', 'themes', 'risk theme', 'category', 'risk category'] },
  description: { names: ['risk description', 'description', 'risk', 'description of risk'] },
  owners: { names: ['risk owner', 'risk owners', 'owner', 'owners', 'risk owner(s)'] },
  controls: {
    names: [
      'existing key controls and sources of assurance',
      'existing key controls',
      'existing controls',
      'key controls',
      'controls',
    ],
    prefixes: ['existing key controls', 'existing controls'],
  },
  assurance: { names: ['sources of assurance', 'source of assurance', 'assurance'] },
  score: {
    names: [
      'risk score (current) impact x likelihood',
      'risk score (current)',
      'current risk score',
      'current score',
      'risk score',
      'score',
    ],
    prefixes: ['risk score (current)', 'current risk score', 'risk score'],
  },
  impact: { names: ['impact', 'current impact', 'impact (current)'] },
  likelihood: { names: ['likelihood', 'current likelihood', 'likelihood (current)'] },
  inherentScore: {
    names: ['inherent score', 'inherent risk score', 'inherent risk', 'risk score (inherent)'],
  },
  inherentImpact: { names: ['inherent impact'] },
  inherentLikelihood: { names: ['inherent likelihood'] },
  targetScore: { names: ['target score', 'target risk score', 'target risk', 'risk score (target)'] },
  targetImpact: { names: ['target impact'] },
  targetLikelihood: { names: ['target likelihood'] },
  keyActions: {
    names: [
      'areas for key actions and deadlines',
      'key actions and deadlines',
      'key actions',
      'further actions',
      'actions',
    ],
    prefixes: ['areas for key actions', 'key actions'],
  },
  reviewedOn: {
    names: [
      'last reviewed',
      'date last reviewed',
      'reviewed on',
      'date reviewed',
      'date of review',
      'last review',
    ],
  },
  nextReviewOn: { names: ['next review', 'next review date', 'review date', 'date of next review'] },
  exempt: {
    names: ['exempt', 'public or exempt', 'public/exempt', 'exempt from publication', 'publication', 'part'],
  },
} satisfies Record<string, ColumnSpec>;
export type RiskColumn = keyof typeof riskColumns;

/** A header row names at least a risk ID, a description and a score. */
export function isRiskHeader(cells: string[]): boolean {
  const at = mapColumns(cells, riskColumns);
  return (
    at.reference >= 0 && at.description >= 0 && (at.score >= 0 || (at.impact >= 0 && at.likelihood >= 0))
  );
}

export interface RiskRow {
  row: number;
  reference: string;
  description: string;
  themes: string[];
  owners: string[];
  controls: string;
  assurance: string;
  current: Assessment;
  inherent: Assessment | null;
  target: Assessment | null;
  reviewedOn: string | null;
  nextReviewOn: string | null;
  exempt: boolean | null;
  keyActions: { text: string; deadline: string | null }[];
}

export interface ParsedRisks {
  rows: RiskRow[];
  rejections: Rejection[];
  fileErrors: string[];
}

const clean = (s: string | undefined) => (s ?? '').replace(/\r\n/g, '\n').trim();
/** Registers laid out as documents break IDs over lines ('1\n0' for 10); an ID has no spaces inside. */
const cleanId = (s: string | undefined) => clean(s).replace(/\s+/g, '');

function assessmentOf(
  label: string,
  scoreText: string | undefined,
  impactText: string | undefined,
  likelihoodText: string | undefined,
  required: boolean,
): { ok: Assessment | null } | { error: string } {
  const fromScore = scoreCell(scoreText);
  if (fromScore && 'error' in fromScore) return { error: `${label}: ${fromScore.error}` };
  const impact = numberCell(impactText);
  const likelihood = numberCell(likelihoodText);
  for (const v of [impact, likelihood])
    if (v !== null && typeof v === 'object') return { error: `${label}: ${v.error}` };
  const parts = {
    impact: (impact as number | null) ?? fromScore?.impact ?? null,
    likelihood: (likelihood as number | null) ?? fromScore?.likelihood ?? null,
    score: fromScore?.score ?? null,
  };
  if (parts.impact === null && parts.likelihood === null && parts.score === null)
    return required
      ? {
          error: `No ${label.toLowerCase()}: give the score (impact × likelihood) or the impact and likelihood`,
        }
      : { ok: null };
  const r = assess(parts);
  return 'error' in r ? { error: `${label}: ${r.error}` } : { ok: r.ok };
}

export function parseRiskRows(
  header: readonly string[],
  rows: readonly { line: number; cells: string[] }[],
): ParsedRisks {
  const at = mapColumns(header, riskColumns);
  const fileErrors: string[] = [];
  if (at.reference < 0) fileErrors.push('No risk ID column (a column headed "ID" or "Risk ID").');
  if (at.description < 0) fileErrors.push('No description column (a column headed "Risk Description").');
  if (at.score < 0 && (at.impact < 0 || at.likelihood < 0))
    fileErrors.push(
      'No score column (a column headed "Risk Score (current) impact x likelihood", or Impact and Likelihood).',
    );
  if (fileErrors.length) return { rows: [], rejections: [], fileErrors };
  const out: RiskRow[] = [];
  const rejections: Rejection[] = [];
  const firstSeen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const get = (c: RiskColumn) => (at[c] >= 0 ? cells[at[c]] : undefined);
    const reject = (reason: string) => rejections.push({ row: line, reason });
    const reference = cleanId(get('reference'));
    if (!reference) {
      reject('The risk ID is missing');
      continue;
    }
    const seen = firstSeen.get(reference.toLowerCase());
    if (seen !== undefined) {
      reject(`Risk ID ${reference} appears again (first on row ${seen})`);
      continue;
    }
    firstSeen.set(reference.toLowerCase(), line);
    const description = clean(get('description')).replace(/\s*\n\s*/g, ' ');
    if (!description) {
      reject(`Risk ${reference}: the description is missing`);
      continue;
    }
    const current = assessmentOf('Current score', get('score'), get('impact'), get('likelihood'), true);
    const inherent = assessmentOf(
      'Inherent score',
      get('inherentScore'),
      get('inherentImpact'),
      get('inherentLikelihood'),
      false,
    );
    const target = assessmentOf(
      'Target score',
      get('targetScore'),
      get('targetImpact'),
      get('targetLikelihood'),
      false,
    );
    const reviewedOn = dateCell(get('reviewedOn'), 'Last reviewed');
    const nextReviewOn = dateCell(get('nextReviewOn'), 'Review date');
    const exempt = exemptCell(get('exempt'));
    const problem = [current, inherent, target, reviewedOn, nextReviewOn].find((r) => 'error' in r) as
      { error: string } | undefined;
    if (problem) {
      reject(`Risk ${reference}: ${problem.error}`);
      continue;
    }
    if (exempt !== null && typeof exempt === 'object') {
      reject(`Risk ${reference}: ${exempt.error}`);
      continue;
    }
    const value = <T>(r: { ok: T } | { error: string }) => (r as { ok: T }).ok;
    out.push({
      row: line,
      reference,
      description,
      themes: parseThemes(clean(get('themes'))),
      owners: listCell(get('owners')),
      controls: clean(get('controls')),
      assurance: clean(get('assurance')),
      current: value(current)!,
      inherent: value(inherent),
      target: value(target),
      reviewedOn: value(reviewedOn),
      nextReviewOn: value(nextReviewOn),
      exempt,
      keyActions: keyActionsCell(get('keyActions')),
    });
  }
  return { rows: out, rejections, fileErrors };
}
