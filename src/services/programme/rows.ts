/** The programme's records as the services return them, and the mapping from store rows. */
import type { ActionKind, ActionStatus, PlanRag } from '../../domain/programme/action.js';
import type { WORKSTREAM_KINDS } from './schemas.js';

export interface Programme {
  id: number;
  orgCode: string;
  name: string;
  purpose: string;
  sponsor: string;
  status: 'active' | 'closed';
  startedOn: string | null;
}

export interface Plan {
  id: number;
  programmeId: number;
  version: number;
  title: string;
  summary: string;
  adoptedOn: string;
  supersededOn: string | null;
  supersededReason: string;
}

export interface Workstream {
  id: number;
  planId: number;
  kind: (typeof WORKSTREAM_KINDS)[number];
  title: string;
  lead: string;
  purpose: string;
  status: ActionStatus;
  rag: PlanRag | null;
  ragText: string;
  boardId: number | null;
  position: number;
  carriedFrom: number | null;
}

export interface Action {
  id: number;
  workstreamId: number;
  reference: string | null;
  kind: ActionKind;
  title: string;
  description: string;
  owner: string;
  startOn: string | null;
  dueOn: string | null;
  baselineDueOn: string | null;
  status: ActionStatus;
  rag: PlanRag | null;
  ragText: string;
  percentComplete: number;
  completedOn: string | null;
  carriedFrom: number | null;
  arisingFromMeetingId: number | null;
  position: number;
  measureIds: string[];
}

export interface PlanUpdate {
  id: number;
  workstreamId: number;
  actionId: number | null;
  updateOn: string;
  progress: string;
  nextSteps: string;
  status: ActionStatus | null;
  rag: PlanRag | null;
  ragText: string;
  percentComplete: number | null;
  dueOn: string | null;
  recordedBy: string;
  recordedAt: Date;
}

type Row = Record<string, unknown>;
const s = (v: unknown) => v as string;
const sn = (v: unknown) => (v === null || v === undefined ? null : (v as string));
const n = (v: unknown) => Number(v);
const nn = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export const toProgramme = (r: Row): Programme => ({
  id: n(r.id),
  orgCode: s(r.org_code),
  name: s(r.name),
  purpose: s(r.purpose),
  sponsor: s(r.sponsor),
  status: r.status as Programme['status'],
  startedOn: sn(r.started_on),
});

export const toPlan = (r: Row): Plan => ({
  id: n(r.id),
  programmeId: n(r.programme_id),
  version: n(r.version),
  title: s(r.title),
  summary: s(r.summary),
  adoptedOn: s(r.adopted_on),
  supersededOn: sn(r.superseded_on),
  supersededReason: s(r.superseded_reason),
});

export const toWorkstream = (r: Row): Workstream => ({
  id: n(r.id),
  planId: n(r.plan_id),
  kind: r.kind as Workstream['kind'],
  title: s(r.title),
  lead: s(r.lead),
  purpose: s(r.purpose),
  status: r.status as ActionStatus,
  rag: (r.rag ?? null) as PlanRag | null,
  ragText: s(r.rag_text),
  boardId: nn(r.board_id),
  position: n(r.position),
  carriedFrom: nn(r.carried_from),
});

export const toAction = (r: Row): Action => ({
  id: n(r.id),
  workstreamId: n(r.workstream_id),
  reference: sn(r.reference),
  kind: r.kind as ActionKind,
  title: s(r.title),
  description: s(r.description),
  owner: s(r.owner),
  startOn: sn(r.start_on),
  dueOn: sn(r.due_on),
  baselineDueOn: sn(r.baseline_due_on),
  status: r.status as ActionStatus,
  rag: (r.rag ?? null) as PlanRag | null,
  ragText: s(r.rag_text),
  percentComplete: n(r.percent_complete),
  completedOn: sn(r.completed_on),
  carriedFrom: nn(r.carried_from),
  arisingFromMeetingId: nn(r.arising_from_meeting_id),
  position: n(r.position),
  measureIds: (r.measure_ids as string[] | null) ?? [],
});

export const toUpdate = (r: Row): PlanUpdate => ({
  id: n(r.id),
  workstreamId: n(r.workstream_id),
  actionId: nn(r.action_id),
  updateOn: s(r.update_on),
  progress: s(r.progress),
  nextSteps: s(r.next_steps),
  status: (r.status ?? null) as ActionStatus | null,
  rag: (r.rag ?? null) as PlanRag | null,
  ragText: s(r.rag_text),
  percentComplete: nn(r.percent_complete),
  dueOn: sn(r.due_on),
  recordedBy: s(r.recorded_by_label),
  recordedAt: r.recorded_at as Date,
});

/** Actions with the measures they link to, in one query. */
export const ACTION_COLUMNS = `a.*, COALESCE((SELECT array_agg(m.measure_id ORDER BY m.measure_id) FROM action_measures m WHERE m.action_id = a.id), '{}') AS measure_ids`;
export const ACTION_SELECT = `SELECT ${ACTION_COLUMNS} FROM actions a`;
