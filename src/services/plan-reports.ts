/**
 * Gathers the inputs of the programme update report, the risk register appendix and a board pack
 * from the services. Whether exempt risks may be included is decided here, once: only for an
 * internal audience, and only for someone allowed to read exempt risks.
 */
import { can } from '../domain/access.js';
import { formatLongDate } from '../domain/programme/dates.js';
import { quarterOf } from '../domain/programme/periods.js';
import type { Audience } from '../domain/risk/exempt.js';
import type { Provenance } from '../reports/document.js';
import type {
  BoardPackInputs,
  ProgrammeReportInputs,
  ProgrammeSection,
  RegisterSection,
  ReportAction,
  RiskRegisterInputs,
} from '../reports/plans/inputs.js';
import { NotAllowedError, type Actor } from './actor.js';
import type { Clock } from './clock.js';
import type { OrganisationService } from './organisations.js';
import type { GovernanceService } from './programme/governance.js';
import type { MeasureProgressService } from './programme/measure-progress.js';
import type { OverviewService } from './programme/overview.js';
import type { ProgrammeService } from './programme/programmes.js';
import type { Action } from './programme/rows.js';
import { cadenceLabel } from './programme/schemas.js';
import type { WorkforceService } from './programme/workforce.js';
import type { RiskService } from './risks/risks.js';

export interface ProgrammeReportOptions {
  period?: string | undefined;
  audience?: Audience | undefined;
  committee?: string | undefined;
  meetingDate?: string | null | undefined;
}

export function planReportService(deps: {
  clock: Clock;
  organisations: OrganisationService;
  programmes: ProgrammeService;
  overview: OverviewService;
  governance: GovernanceService;
  workforce: WorkforceService;
  measureProgress: MeasureProgressService;
  risks: RiskService;
}) {
  const { programmes, overview, governance, workforce, measureProgress, risks } = deps;

  function allowed(actor: Actor, audience: Audience): Audience {
    if (audience === 'internal' && !can(actor.role, 'risks:exempt'))
      throw new NotAllowedError(
        `Your role (${actor.role}) may not produce internal papers that include exempt risks; produce the version for publication instead.`,
      );
    return audience;
  }

  const provenance = (actor: Actor): Provenance => ({
    releases: [],
    generatedAt: deps.clock.now().toISOString(),
    generatedBy: actor.label,
  });

  async function registerSection(orgCode: string, audience: Audience): Promise<RegisterSection> {
    const reg = await risks.register(orgCode, audience);
    return {
      audience,
      asAt: reg.asAt,
      scheme: { fromPeriod: reg.scheme.fromPeriod, bands: reg.scheme.bands, appetite: reg.scheme.appetite },
      risks: reg.risks.map((r) => ({
        reference: r.reference,
        description: r.description,
        themes: r.themes,
        owners: r.owners,
        controls: r.controls,
        assurance: r.assurance,
        current: r.current,
        inherent: r.inherent,
        target: r.target,
        direction: r.direction,
        reviewState: r.reviewState,
        nextReviewOn: r.nextReviewOn,
        appetite: r.appetite,
        aboveAppetite: r.aboveAppetite,
        exempt: r.exempt,
        keyActions: r.keyActions.map((k) => ({
          text: k.text,
          deadline: k.deadline,
          actionReference: k.action ? (k.action.reference ?? `#${k.action.id}`) : null,
          status: k.action?.status ?? null,
        })),
      })),
    };
  }

  const reportAction = (a: Action, workstream: string): ReportAction => ({
    reference: a.reference,
    title: a.title,
    workstream,
    owner: a.owner,
    dueOn: a.dueOn,
    status: a.status,
    rag: a.rag,
    percentComplete: a.percentComplete,
  });

  async function programmeSection(programmeId: number, periodLabel?: string): Promise<ProgrammeSection> {
    const programme = await programmes.get(programmeId);
    const now = await overview.overview(programmeId);
    const progress = await overview.progress(programmeId, periodLabel);
    const plans = await programmes.plans(programmeId);
    const previousPlans = [];
    for (const old of plans.filter((p) => p.supersededOn)) {
      const s = await programmes.structure(old.id);
      previousPlans.push({
        version: old.version,
        title: old.title,
        adoptedOn: old.adoptedOn,
        supersededOn: old.supersededOn!,
        reason: old.supersededReason,
        workstreams: s.workstreams.map((w) => w.title),
      });
    }
    const lines = await governance.reportingLines(programmeId);
    const posts = await workforce.summary(programmeId);
    const actions = now.structure.workstreams.flatMap((w) => w.actions.map((a) => ({ a, w: w.title })));
    const measureIds = [...new Set(actions.flatMap(({ a }) => a.measureIds))];
    const measures = await measureProgress.forCouncil(programme.orgCode, measureIds);
    return {
      programme: {
        id: programme.id,
        name: programme.name,
        purpose: programme.purpose,
        sponsor: programme.sponsor,
        startedOn: programme.startedOn,
      },
      plan: {
        version: now.structure.plan.version,
        title: now.structure.plan.title,
        summary: now.structure.plan.summary,
        adoptedOn: now.structure.plan.adoptedOn,
      },
      previousPlans,
      period: { label: progress.period.label, start: progress.period.start, end: progress.period.end },
      nextPeriod: progress.next.label,
      asAt: now.asAt,
      workstreams: now.structure.workstreams.map((w) => ({
        kind: w.kind,
        title: w.title,
        lead: w.lead,
        purpose: w.purpose,
        status: w.status,
        rag: w.rag,
        ragText: w.ragText,
        actions: w.actions.length,
        complete: w.actions.filter((a) => a.status === 'complete').length,
      })),
      boards: lines.map(({ board, chain }) => ({
        kind: board.kind,
        name: board.name,
        chair: board.chair,
        members: board.members,
        cadence: cadenceLabel[board.cadence],
        reportsTo: chain,
        purpose: board.purpose,
        status: board.status,
      })),
      workforce: {
        asAt: posts.asAt,
        lines: posts.posts.map(({ area, employment, planned, inPost, appointed, interviewing }) => ({
          area,
          employment,
          planned,
          inPost,
          appointed,
          interviewing,
        })),
      },
      progress: progress.groups.map((g) => ({
        workstream: g.workstream.title,
        lead: g.workstream.lead,
        items: g.updates.map((u) => ({ date: u.updateOn, action: u.actionTitle, text: u.progress })),
      })),
      overdue: now.overdue.map((o) => ({
        ...reportAction(o.action, o.workstream.title),
        daysOverdue: o.daysOverdue,
      })),
      slipping: now.slipping.map((o) => ({ ...reportAction(o.action, o.workstream.title), why: o.why })),
      upcoming: progress.upcoming.map((u) => ({
        ...reportAction(u.action, u.workstream.title),
        nextSteps: u.nextSteps,
      })),
      measures: measures.map((m) => ({
        code: m.code,
        title: m.title,
        latest: m.latest?.text ?? 'No figure yet',
        latestPeriod: m.latest?.period ?? null,
        direction: m.directionText,
        target: m.target ? `${m.target.text} (${m.target.period})` : 'No target set',
        actions: actions
          .filter(({ a }) => a.measureIds.includes(m.measureId))
          .map(({ a }) => a.reference ?? a.title),
      })),
    };
  }

  return {
    registerSection,
    programmeSection,

    async riskRegisterInputs(
      actor: Actor,
      orgCode: string,
      audience: Audience = 'published',
    ): Promise<RiskRegisterInputs> {
      const org = deps.organisations.get(orgCode);
      const register = await registerSection(orgCode, allowed(actor, audience));
      return {
        kind: 'risk-register',
        version: 1,
        council: { code: org.code, name: org.name },
        period: register.asAt,
        register,
        provenance: provenance(actor),
      };
    },

    async programmeInputs(
      actor: Actor,
      programmeId: number,
      o: ProgrammeReportOptions = {},
    ): Promise<ProgrammeReportInputs> {
      const audience = allowed(actor, o.audience ?? 'published');
      const programme = await programmes.get(programmeId);
      const org = deps.organisations.get(programme.orgCode);
      const section = await programmeSection(programmeId, o.period);
      return {
        kind: 'programme-update',
        version: 1,
        council: { code: org.code, name: org.name },
        period: section.period.label,
        committee: o.committee?.trim() || 'Health Scrutiny Committee',
        meetingDate: o.meetingDate ?? null,
        programme: section,
        register: await registerSection(programme.orgCode, audience),
        provenance: provenance(actor),
      };
    },

    /** A board pack from the programme's state today, for a meeting; the paper is internal unless said otherwise. */
    async boardPackInputs(actor: Actor, meetingId: number, audience: Audience): Promise<BoardPackInputs> {
      allowed(actor, audience);
      const meeting = await governance.meeting(meetingId);
      const board = await governance.board(meeting.boardId);
      const programme = await programmes.get(board.programmeId);
      const org = deps.organisations.get(programme.orgCode);
      const earlier = (await governance.meetings(board.id)).filter(
        (m) => m.heldOn < meeting.heldOn && m.status === 'held',
      );
      const structure = await programmes.currentStructure(programme.id);
      const arising = structure.workstreams.flatMap((w) =>
        w.actions.filter((a) => a.arisingFromMeetingId !== null).map((a) => ({ a, w: w.title })),
      );
      const meetingIds = new Set((await governance.meetings(board.id)).map((m) => m.id));
      // Progress is reported for the quarter the meeting falls in.
      const section = await programmeSection(programme.id, quarterOf(meeting.heldOn).label);
      return {
        kind: 'board-pack',
        version: 1,
        council: { code: org.code, name: org.name },
        period: meeting.heldOn,
        meeting: {
          id: meeting.id,
          board: board.name,
          chair: board.chair,
          heldOn: meeting.heldOn,
          agenda: meeting.agenda,
          previous: earlier[0] ? { heldOn: earlier[0].heldOn, decisions: earlier[0].decisions } : null,
          actionsArising: arising
            .filter(({ a }) => meetingIds.has(a.arisingFromMeetingId!))
            .map(({ a, w }) => reportAction(a, w)),
        },
        programme: section,
        register: await registerSection(programme.orgCode, audience),
        provenance: provenance(actor),
      };
    },

    /** 'Board pack, 18 November 2026' */
    packTitle: (heldOn: string) => `Board pack, ${formatLongDate(heldOn)}`,
  };
}
export type PlanReportService = ReturnType<typeof planReportService>;
