/**
 * What a programme board and a scrutiny report read first: what is overdue and slipping, progress in
 * a period workstream by workstream, and the priorities for the quarter after it.
 */
import { daysOverdue, isOverdue, slipReasons, slipText } from '../../domain/programme/action.js';
import { isoDateIn } from '../../domain/programme/dates.js';
import {
  nextQuarterAfter,
  progressInPeriod,
  reportingPeriod,
  upcomingIn,
} from '../../domain/programme/periods.js';
import type { Period } from '../../domain/period.js';
import type { Clock } from '../clock.js';
import type { PlanStructure, ProgrammeService } from './programmes.js';
import type { Action, PlanUpdate, Workstream } from './rows.js';

export interface ActionInContext {
  action: Action;
  workstream: Pick<Workstream, 'id' | 'title' | 'lead'>;
}

export interface Overview {
  asAt: string;
  structure: PlanStructure;
  overdue: (ActionInContext & { daysOverdue: number })[];
  slipping: (ActionInContext & { why: string })[];
  counts: {
    actions: number;
    complete: number;
    overdue: number;
    slipping: number;
    red: number;
    amber: number;
    green: number;
  };
}

export interface Progress {
  period: Period;
  next: Period;
  groups: { workstream: Workstream; updates: (PlanUpdate & { actionTitle: string | null })[] }[];
  upcoming: (ActionInContext & { nextSteps: string })[];
}

export function overviewService(programmes: ProgrammeService, clock: Clock) {
  const today = () => isoDateIn(clock.now());

  function flatten(structure: PlanStructure): ActionInContext[] {
    return structure.workstreams.flatMap((w) =>
      w.actions.map((action) => ({ action, workstream: { id: w.id, title: w.title, lead: w.lead } })),
    );
  }

  return {
    async overview(programmeId: number): Promise<Overview> {
      const asAt = today();
      const structure = await programmes.currentStructure(programmeId);
      const all = flatten(structure);
      const overdue = all
        .filter((x) => isOverdue(x.action, asAt))
        .map((x) => ({ ...x, daysOverdue: daysOverdue(x.action, asAt) }))
        .sort((a, b) => b.daysOverdue - a.daysOverdue);
      const slipping = all.flatMap((x) => {
        const reasons = slipReasons(x.action, asAt);
        return reasons.length ? [{ ...x, why: slipText(x.action, reasons, asAt) }] : [];
      });
      const rag = (r: string) => all.filter((x) => x.action.rag === r).length;
      return {
        asAt,
        structure,
        overdue,
        slipping,
        counts: {
          actions: all.length,
          complete: all.filter((x) => x.action.status === 'complete').length,
          overdue: overdue.length,
          slipping: slipping.length,
          red: rag('red'),
          amber: rag('amber'),
          green: rag('green'),
        },
      };
    },

    /** Progress to date in a period (default: the current quarter) and the priorities for the next quarter. */
    async progress(programmeId: number, periodLabel?: string): Promise<Progress> {
      const period = reportingPeriod(periodLabel, today());
      const next = nextQuarterAfter(period);
      const structure = await programmes.currentStructure(programmeId);
      const updates = await programmes.updates({ planId: structure.plan.id });
      const actions = new Map(structure.workstreams.flatMap((w) => w.actions).map((a) => [a.id, a]));
      const groups = progressInPeriod(
        updates.map((u) => ({
          ...u,
          actionTitle: u.actionId ? (actions.get(u.actionId)?.title ?? null) : null,
        })),
        period,
        structure.workstreams.map((w) => w.id),
      ).map((g) => ({
        workstream: structure.workstreams.find((w) => w.id === g.workstreamId)!,
        updates: g.updates,
      }));
      const latestNextSteps = (actionId: number) =>
        updates.find((u) => u.actionId === actionId && u.nextSteps.trim() !== '')?.nextSteps ?? '';
      const upcoming = upcomingIn(
        flatten(structure).map((x) => ({
          ...x,
          status: x.action.status,
          startOn: x.action.startOn,
          dueOn: x.action.dueOn,
        })),
        next,
      ).map(({ action, workstream }) => ({ action, workstream, nextSteps: latestNextSteps(action.id) }));
      return { period, next, groups, upcoming };
    },
  };
}
export type OverviewService = ReturnType<typeof overviewService>;
