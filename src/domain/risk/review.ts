/**
 * When a risk is next due for review and which way its score moved since the review before. Most
 * councils review their register quarterly; a risk may be set to review more or less often.
 */
import { addMonths } from '../programme/dates.js';

export const REVIEW_FREQUENCIES = ['monthly', 'quarterly', 'six-monthly', 'annually'] as const;
export type ReviewFrequency = (typeof REVIEW_FREQUENCIES)[number];
export const DEFAULT_REVIEW_FREQUENCY: ReviewFrequency = 'quarterly';

const months: Record<ReviewFrequency, number> = {
  monthly: 1,
  quarterly: 3,
  'six-monthly': 6,
  annually: 12,
};

/** The date the next review falls due after one held on `reviewedOn`. */
export const nextReviewAfter = (reviewedOn: string, frequency: ReviewFrequency): string =>
  addMonths(reviewedOn, months[frequency]);

export type ReviewState = 'overdue' | 'due-soon' | 'in-date';

/** Days before the due date from which a review shows as due soon. */
export const DUE_SOON_DAYS = 14;

export function reviewState(nextReviewOn: string, today: string): ReviewState {
  if (nextReviewOn < today) return 'overdue';
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + DUE_SOON_DAYS);
  return nextReviewOn <= soon.toISOString().slice(0, 10) ? 'due-soon' : 'in-date';
}

export const reviewStateLabel: Record<ReviewState, string> = {
  overdue: 'Review overdue',
  'due-soon': 'Review due soon',
  'in-date': 'In date',
};

/** 'up' means the score rose (the risk got worse). */
export type ScoreDirection = 'up' | 'down' | 'same' | 'new';

export interface ScoredReview {
  reviewedOn: string;
  score: number;
  /** Tie-break for two reviews on one day: the order they were recorded in. */
  sequence: number;
}

/** The direction of the latest review's score against the review before it. */
export function directionSinceLastReview(reviews: readonly ScoredReview[]): {
  direction: ScoreDirection;
  current: number | null;
  previous: number | null;
} {
  const ordered = [...reviews].sort(
    (a, b) => a.reviewedOn.localeCompare(b.reviewedOn) || a.sequence - b.sequence,
  );
  const current = ordered.at(-1);
  const previous = ordered.at(-2);
  if (!current) return { direction: 'new', current: null, previous: null };
  if (!previous) return { direction: 'new', current: current.score, previous: null };
  const direction = current.score > previous.score ? 'up' : current.score < previous.score ? 'down' : 'same';
  return { direction, current: current.score, previous: previous.score };
}

/** Words (with an arrow, never the arrow alone) for a direction. */
export function directionText(d: ReturnType<typeof directionSinceLastReview>): string {
  switch (d.direction) {
    case 'up':
      return `↑ Up from ${d.previous} to ${d.current}`;
    case 'down':
      return `↓ Down from ${d.previous} to ${d.current}`;
    case 'same':
      return `→ Unchanged at ${d.current}`;
    case 'new':
      return 'First review';
  }
}
