/**
 * What the programme report, the risk register appendix and a board pack are drawn from: plain JSON,
 * so a snapshot re-renders the same document later whatever has changed since. The audience is part
 * of the inputs: a published document never holds an exempt risk, not even in its saved inputs.
 */
import type { ActionStatus, PlanRag } from '../../domain/programme/action.js';
import type { PostLine } from '../../domain/programme/workforce.js';
import type { Appetite, Rag, RagBand } from '../../domain/risk/bands.js';
import type { Audience } from '../../domain/risk/exempt.js';
import type { ReviewState, ScoreDirection } from '../../domain/risk/review.js';
import type { Assessment } from '../../domain/risk/score.js';
import type { Provenance } from '../document.js';

export interface RegisterRisk {
  reference: string;
  description: string;
  themes: string[];
  owners: string[];
  controls: string;
  assurance: string;
  current: (Assessment & { rag: Rag; reviewedOn: string }) | null;
  inherent: Assessment | null;
  target: Assessment | null;
  direction: { direction: ScoreDirection; current: number | null; previous: number | null };
  reviewState: ReviewState;
  nextReviewOn: string;
  appetite: number;
  aboveAppetite: boolean;
  exempt: boolean;
  keyActions: {
    text: string;
    deadline: string | null;
    actionReference: string | null;
    status: string | null;
  }[];
}

export interface RegisterSection {
  audience: Audience;
  asAt: string;
  scheme: { fromPeriod: string; bands: RagBand[]; appetite: Appetite };
  risks: RegisterRisk[];
}

export interface RiskRegisterInputs {
  kind: 'risk-register';
  version: 1;
  council: { code: string; name: string };
  period: string;
  register: RegisterSection;
  provenance: Provenance;
}

export interface ReportAction {
  reference: string | null;
  title: string;
  workstream: string;
  owner: string;
  dueOn: string | null;
  status: ActionStatus;
  rag: PlanRag | null;
  percentComplete: number;
}

export interface ProgrammeSection {
  programme: { id: number; name: string; purpose: string; sponsor: string; startedOn: string | null };
  plan: { version: number; title: string; summary: string; adoptedOn: string };
  previousPlans: {
    version: number;
    title: string;
    adoptedOn: string;
    supersededOn: string;
    reason: string;
    workstreams: string[];
  }[];
  period: { label: string; start: string; end: string };
  nextPeriod: string;
  asAt: string;
  workstreams: {
    kind: string;
    title: string;
    lead: string;
    purpose: string;
    status: ActionStatus;
    rag: PlanRag | null;
    ragText: string;
    actions: number;
    complete: number;
  }[];
  boards: {
    kind: string;
    name: string;
    chair: string;
    members: string[];
    cadence: string;
    reportsTo: string[];
    purpose: string;
    status: string;
  }[];
  workforce: { asAt: string | null; lines: PostLine[] };
  progress: {
    workstream: string;
    lead: string;
    items: { date: string; action: string | null; text: string }[];
  }[];
  overdue: (ReportAction & { daysOverdue: number })[];
  slipping: (ReportAction & { why: string })[];
  upcoming: (ReportAction & { nextSteps: string })[];
  measures: {
    code: string;
    title: string;
    latest: string;
    latestPeriod: string | null;
    direction: string;
    target: string;
    actions: string[];
  }[];
}

export interface ProgrammeReportInputs {
  kind: 'programme-update';
  version: 1;
  council: { code: string; name: string };
  period: string;
  committee: string;
  meetingDate: string | null;
  programme: ProgrammeSection;
  register: RegisterSection;
  provenance: Provenance;
}

export interface BoardPackInputs {
  kind: 'board-pack';
  version: 1;
  council: { code: string; name: string };
  period: string;
  meeting: {
    id: number;
    board: string;
    chair: string;
    heldOn: string;
    agenda: string[];
    previous: { heldOn: string; decisions: string[] } | null;
    actionsArising: ReportAction[];
  };
  programme: ProgrammeSection;
  register: RegisterSection;
  provenance: Provenance;
}

export type PlanReportInputs = ProgrammeReportInputs | RiskRegisterInputs | BoardPackInputs;
