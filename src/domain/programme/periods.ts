/**
 * "Progress to date" and "upcoming priorities" for a reporting period, as a programme report's
 * sections on progress and on the focus for the next quarter present them.
 */
import { parsePeriod, quarter, financialYearOf, type Period } from '../period.js';
import { isOpen, type ActionStatus } from './action.js';

/** The quarter after a period ends: what "the next quarter" means for upcoming priorities. */
export function nextQuarterAfter(p: Period): Period {
  const dayAfter = new Date(`${p.end}T00:00:00Z`);
  dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
  const iso = dayAfter.toISOString().slice(0, 10);
  const fy = Number(financialYearOf(iso).start.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const q = m >= 4 && m <= 6 ? 1 : m >= 7 && m <= 9 ? 2 : m >= 10 ? 3 : 4;
  return quarter(fy, q);
}

/** The quarter containing a date. */
export function quarterOf(iso: string): Period {
  const fy = Number(financialYearOf(iso).start.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  return quarter(fy, m >= 4 && m <= 6 ? 1 : m >= 7 && m <= 9 ? 2 : m >= 10 ? 3 : 4);
}

export function reportingPeriod(label: string | undefined, today: string): Period {
  return (label ? parsePeriod(label) : undefined) ?? quarterOf(today);
}

export interface DatedUpdate {
  updateOn: string;
  workstreamId: number;
}

/** Updates dated inside the period, newest first, grouped by workstream in the order given. */
export function progressInPeriod<U extends DatedUpdate>(
  updates: readonly U[],
  period: Pick<Period, 'start' | 'end'>,
  workstreamOrder: readonly number[],
): { workstreamId: number; updates: U[] }[] {
  const inside = updates
    .filter((u) => u.updateOn >= period.start && u.updateOn <= period.end)
    .sort((a, b) => b.updateOn.localeCompare(a.updateOn));
  return workstreamOrder
    .map((id) => ({ workstreamId: id, updates: inside.filter((u) => u.workstreamId === id) }))
    .filter((g) => g.updates.length > 0);
}

export interface PriorityCandidate {
  status: ActionStatus;
  startOn: string | null;
  dueOn: string | null;
}

/**
 * Open actions that fall in the next period: due in it, starting in it, or already running and due
 * after it (work that continues through it). Ordered by due date.
 */
export function upcomingIn<A extends PriorityCandidate>(
  actions: readonly A[],
  next: Pick<Period, 'start' | 'end'>,
): A[] {
  return actions
    .filter((a) => isOpen(a.status))
    .filter((a) => {
      const dueInside = a.dueOn !== null && a.dueOn >= next.start && a.dueOn <= next.end;
      const startsInside = a.startOn !== null && a.startOn >= next.start && a.startOn <= next.end;
      const spans = a.startOn !== null && a.startOn < next.start && (a.dueOn === null || a.dueOn > next.end);
      return dueInside || startsInside || spans;
    })
    .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
}
