/**
 * Actions and milestones of an improvement programme: status, RAG with its reason, percentage
 * complete, and the two things a programme board asks first: what is overdue, and what is slipping.
 */
import { daysBetween } from './dates.js';

export const ACTION_STATUSES = ['not-started', 'in-progress', 'complete', 'on-hold', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const statusLabel: Record<ActionStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  complete: 'Complete',
  'on-hold': 'On hold',
  cancelled: 'Cancelled',
};

export const PLAN_RAGS = ['red', 'amber', 'green'] as const;
export type PlanRag = (typeof PLAN_RAGS)[number];

export const planRagLabel: Record<PlanRag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

export const ACTION_KINDS = ['action', 'milestone'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** Closed actions are never overdue or slipping. */
export const isOpen = (status: ActionStatus): boolean => status !== 'complete' && status !== 'cancelled';

export interface ActionTiming {
  status: ActionStatus;
  startOn: string | null;
  dueOn: string | null;
  /** The due date first agreed; a later due date means the action has been re-planned later. */
  baselineDueOn: string | null;
  percentComplete: number;
  rag: PlanRag | null;
}

export const isOverdue = (a: Pick<ActionTiming, 'status' | 'dueOn'>, today: string): boolean =>
  isOpen(a.status) && a.dueOn !== null && a.dueOn < today;

/** How far behind the straight line from start to due date progress may fall before it counts as slipping. */
export const SLIPPAGE_TOLERANCE_POINTS = 25;

export type SlipReason = 'moved' | 'behind' | 'rag';

/**
 * Why an open action that is not yet overdue is slipping: its due date has moved later than agreed,
 * its progress is well behind the time elapsed, or its owner has rated it red. Empty when it is not.
 */
export function slipReasons(a: ActionTiming, today: string): SlipReason[] {
  if (!isOpen(a.status) || isOverdue(a, today)) return [];
  const reasons: SlipReason[] = [];
  if (a.baselineDueOn && a.dueOn && a.dueOn > a.baselineDueOn) reasons.push('moved');
  if (a.startOn && a.dueOn && a.startOn < today && a.dueOn > a.startOn) {
    const expected = (100 * daysBetween(a.startOn, today)) / daysBetween(a.startOn, a.dueOn);
    if (a.percentComplete < Math.min(expected, 100) - SLIPPAGE_TOLERANCE_POINTS) reasons.push('behind');
  }
  if (a.rag === 'red') reasons.push('rag');
  return reasons;
}

export function slipText(a: ActionTiming, reasons: readonly SlipReason[], today: string): string {
  return reasons
    .map((r) => {
      if (r === 'moved') {
        const days = daysBetween(a.baselineDueOn!, a.dueOn!);
        return `due date moved ${days} day${days === 1 ? '' : 's'} later than first agreed (${a.baselineDueOn})`;
      }
      if (r === 'behind') {
        const expected = Math.round(
          Math.min(100, (100 * daysBetween(a.startOn!, today)) / daysBetween(a.startOn!, a.dueOn!)),
        );
        return `${a.percentComplete}% complete where ${expected}% of the time has gone`;
      }
      return 'rated red by its owner';
    })
    .join('; ');
}

/** Days overdue (positive) for an overdue action. */
export const daysOverdue = (a: Pick<ActionTiming, 'dueOn'>, today: string): number =>
  a.dueOn ? daysBetween(a.dueOn, today) : 0;

/** Problems with an action's own fields that a form should report. */
export function actionProblems(a: {
  startOn: string | null;
  dueOn: string | null;
  percentComplete: number;
  status: ActionStatus;
  rag: PlanRag | null;
  ragText: string;
}): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (a.startOn && a.dueOn && a.dueOn < a.startOn)
    out.push({ field: 'dueOn', message: 'The due date must be on or after the start date' });
  if (!Number.isInteger(a.percentComplete) || a.percentComplete < 0 || a.percentComplete > 100)
    out.push({
      field: 'percentComplete',
      message: 'Percentage complete must be a whole number from 0 to 100',
    });
  if (a.status === 'complete' && a.percentComplete !== 100)
    out.push({ field: 'percentComplete', message: 'A complete action is 100% complete' });
  if ((a.rag === 'red' || a.rag === 'amber') && a.ragText.trim() === '')
    out.push({ field: 'ragText', message: `Say why the action is ${a.rag}` });
  return out;
}
