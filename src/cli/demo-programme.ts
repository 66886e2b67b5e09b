/**
 * The demo council's improvement programme and risk register: illustrative, dated relative to today
 * so that overdue, slipping and upcoming work always shows. A themed plan replaced by six workstreams
 * (history kept), actions linked to measures and risks, dated updates, boards with meetings and a
 * board pack, workforce posts, and a register with per-year bands, reviews and one exempt risk.
 */
import { addDays, addMonths, isoDateIn } from '../domain/programme/dates.js';
import { financialYearOf } from '../domain/period.js';
import { systemActor } from '../services/actor.js';
import type { Services } from '../services/index.js';

export const DEMO_PROGRAMME = {
  council: 'E08000009',
  name: 'Adult Social Care Improvement Programme',
} as const;

type Log = (line: string) => void;

export async function loadDemoProgramme(s: Services, log: Log): Promise<number> {
  const existing = (await s.programmes.list(DEMO_PROGRAMME.council)).find(
    (p) => p.name === DEMO_PROGRAMME.name,
  );
  if (existing) {
    log('Demo improvement programme already loaded.');
    return existing.id;
  }
  const actor = systemActor('demo loader');
  const today = isoDateIn(s.clock.now());
  const fy = financialYearOf(today);
  const lastFy = financialYearOf(addDays(fy.start, -1));
  const day = (offset: number) => addDays(today, offset);
  const started = addMonths(fy.start, -6);

  const programme = await s.programmes.create(actor, DEMO_PROGRAMME.council, {
    name: DEMO_PROGRAMME.name,
    purpose:
      'Putting the basics in place so that adult social care delivers safe, timely and strengths-based support: streamlined processes, effective practice and a workforce with the capacity to manage demand.',
    sponsor: 'Director of Adult Social Services',
    startedOn: started,
    planTitle: 'Themed improvement plan',
  });

  // Governance first, so workstreams can report to their groups.
  const board = await s.governance.createBoard(actor, programme.id, {
    name: 'Adult Social Care Improvement Board',
    chair: 'Director of Adult Social Services',
    members: ['Assistant Directors', 'Principal Social Worker', 'Head of Finance', 'Head of Performance'],
    cadence: 'fortnightly',
    purpose: 'Oversees the programme, agrees priorities and holds workstreams to account.',
    reportsToText:
      "the council's Corporate Leadership Team (quarterly assurance) and Health Scrutiny Committee",
  });
  const performance = await s.governance.createBoard(actor, programme.id, {
    name: 'Performance Board',
    chair: 'Head of Performance and Intelligence',
    cadence: 'monthly',
    purpose:
      'Makes sure the right measures are in place to monitor the programme and advises the Improvement Board.',
    reportsToBoardId: board.id,
  });
  const group = (name: string, chair: string) =>
    s.governance.createBoard(actor, programme.id, {
      name,
      kind: 'workstream-group',
      chair,
      cadence: 'fortnightly',
      reportsToBoardId: board.id,
    });
  const assessmentGroup = await group('Assessment workstream group', 'Assistant Director, Adult Social Care');
  const workforceGroup = await group('Workforce workstream group', 'Assistant Director, Complex Needs');
  await s.governance.createBoard(actor, programme.id, {
    name: 'Supervision policy task and finish group',
    kind: 'task-and-finish',
    chair: 'Principal Social Worker',
    cadence: 'fortnightly',
    purpose: 'Refreshed the supervision policy to strengthen practice and accountability.',
    reportsToBoardId: assessmentGroup.id,
    status: 'closed',
    endsOn: day(-50),
  });
  await s.governance.createBoard(actor, programme.id, {
    name: 'Transition task and finish group',
    kind: 'task-and-finish',
    chair: 'Head of Transition',
    cadence: 'monthly',
    purpose: "Sets up a Transition Board and a shared data set for young people moving to adults' services.",
    reportsToBoardId: board.id,
    endsOn: day(120),
  });

  // Version 1: four themes, as the diagnostic set them out.
  const themes = [
    ['Leadership, management and governance', 'Director of Adult Social Services'],
    ['Safeguarding', 'Assistant Director, Adult Social Care'],
    ['Front door', 'Head of Access'],
    ['Localities', 'Assistant Director, Complex Needs'],
  ] as const;
  const v1: Record<string, number> = {};
  for (const [title, lead] of themes)
    v1[title] = (await s.programmes.addWorkstream(actor, programme.id, { title, lead, kind: 'theme' })).id;
  const carriedDols = await s.programmes.addAction(actor, v1.Safeguarding!, {
    reference: 'S1',
    title: 'Clear the Deprivation of Liberty Safeguards screening backlog',
    owner: 'DoLS Team Manager',
    startOn: started,
    dueOn: day(-20),
    status: 'in-progress',
    percentComplete: 30,
  });
  await s.programmes.addAction(actor, v1['Front door']!, {
    reference: 'F1',
    title: 'Move occupational therapists into the front door triage team',
    owner: 'Head of Access',
    startOn: started,
    dueOn: addMonths(started, 3),
    status: 'complete',
    percentComplete: 100,
  });
  const carriedTriage = await s.programmes.addAction(actor, v1['Front door']!, {
    reference: 'F2',
    title: 'Embed social work capacity at the front door to triage more effectively',
    owner: 'Head of Access',
    startOn: addMonths(started, 2),
    dueOn: day(100),
    status: 'in-progress',
    percentComplete: 35,
    measureIds: ['ascof14-2A2'],
  });
  await s.programmes.recordUpdate(
    actor,
    { workstreamId: v1.Localities! },
    {
      updateOn: addMonths(started, 3),
      progress: 'Locality teams restructured into north, central and south; caseload review under way.',
    },
  );

  // Version 2: six workstreams replace the themes; open actions carried over.
  await s.programmes.replan(actor, programme.id, {
    title: 'Improvement programme: six workstreams',
    summary:
      'A programme plan built on the diagnostic, with a lead and a workstream group for each workstream.',
    reason:
      'the themed plan was replaced by six workstreams with named leads, to give clearer ownership and to match the new investment',
    adoptedOn: fy.start,
    workstreams: [
      {
        title: 'Assessment function',
        lead: 'Assistant Director, Adult Social Care',
        purpose: 'Efficient and effective Care Act assessments and reviews, and better practice.',
      },
      {
        title: 'Safeguarding and quality assurance',
        lead: 'Assistant Director, Adult Social Care',
        purpose: 'Deprivation of Liberty Safeguards and a refreshed approach to quality assurance.',
      },
      {
        title: 'Provider services',
        lead: 'Assistant Director, Complex Needs',
        purpose: 'Supported accommodation, reablement and supporting independence, including technology.',
      },
      {
        title: 'Workforce skill and capacity',
        lead: 'Assistant Director, Complex Needs',
        purpose: 'The social work career pathway, recruitment and development.',
      },
      {
        title: 'Commissioning',
        lead: 'Head of Commissioning',
        purpose: 'Commissioning and contracting as they bear on statutory duties.',
      },
      {
        title: 'Front door',
        lead: 'Head of Access',
        purpose: 'Information and advice, prevention and triage at the first contact.',
      },
    ],
    carry: [
      { actionId: carriedDols.id, toWorkstream: 'Safeguarding and quality assurance' },
      { actionId: carriedTriage.id, toWorkstream: 'Front door' },
    ],
  });
  const structure = await s.programmes.currentStructure(programme.id);
  const ws = Object.fromEntries(structure.workstreams.map((w) => [w.title, w]));
  const wsId = (title: string) => ws[title]!.id;
  await s.programmes.updateWorkstream(actor, wsId('Assessment function'), {
    title: 'Assessment function',
    lead: ws['Assessment function']!.lead,
    purpose: ws['Assessment function']!.purpose,
    rag: 'amber',
    ragText: 'Waiting list falling but behind plan while new staff start',
    boardId: assessmentGroup.id,
  });
  await s.programmes.updateWorkstream(actor, wsId('Workforce skill and capacity'), {
    title: 'Workforce skill and capacity',
    lead: ws['Workforce skill and capacity']!.lead,
    purpose: ws['Workforce skill and capacity']!.purpose,
    rag: 'green',
    boardId: workforceGroup.id,
  });
  const dols = ws['Safeguarding and quality assurance']!.actions[0]!;
  const triage = ws['Front door']!.actions[0]!;

  const add = (title: string, input: Parameters<Services['programmes']['addAction']>[2]) =>
    s.programmes.addAction(actor, wsId(title), input);
  const waits = await add('Assessment function', {
    reference: 'A1',
    title: 'Reduce the waiting list for Care Act assessments',
    owner: 'Head of Assessment',
    startOn: fy.start,
    dueOn: day(45),
    status: 'in-progress',
    percentComplete: 55,
    rag: 'amber',
    ragText: 'New staff start later than planned',
    measureIds: ['cld-WAIT-ASSESS-MEDIAN'],
  });
  const reviews = await add('Assessment function', {
    reference: 'A2',
    title: 'Review everyone in long-term support at least once a year',
    owner: 'Head of Reviews',
    startOn: fy.start,
    dueOn: addMonths(fy.start, 12),
    status: 'in-progress',
    percentComplete: 45,
    measureIds: ['cld-REVIEWED-12M'],
  });
  await add('Assessment function', {
    reference: 'A3',
    title: 'Roll out the strengths-based approach to assessment with the new case management system',
    owner: 'Principal Social Worker',
    startOn: day(20),
    dueOn: day(150),
    status: 'not-started',
  });
  await add('Safeguarding and quality assurance', {
    reference: 'Q1',
    kind: 'milestone',
    title: 'Refreshed supervision policy agreed',
    owner: 'Principal Social Worker',
    startOn: fy.start,
    dueOn: day(-50),
    status: 'complete',
    percentComplete: 100,
  });
  const rota = await add('Provider services', {
    reference: 'P1',
    title: 'Electronic rota system in supported accommodation',
    owner: 'Head of Provider Services',
    startOn: fy.start,
    dueOn: day(60),
    status: 'in-progress',
    percentComplete: 30,
  });
  const reablement = await add('Provider services', {
    reference: 'P2',
    title: 'Expand reablement so more people stay at home after hospital',
    owner: 'Reablement Service Manager',
    startOn: fy.start,
    dueOn: addMonths(fy.start, 12),
    status: 'in-progress',
    percentComplete: 50,
    rag: 'green',
    measureIds: ['ascof14-2B1', 'ascof14-2A2'],
  });
  const recruit = await add('Workforce skill and capacity', {
    reference: 'W1',
    title: 'Recruit to the additional social work and Best Interest Assessor posts',
    owner: 'HR Business Partner',
    startOn: fy.start,
    dueOn: day(75),
    status: 'in-progress',
    percentComplete: 65,
  });
  const pathway = await add('Workforce skill and capacity', {
    reference: 'W2',
    title: 'Refine the social work career pathway',
    owner: 'Principal Social Worker',
    startOn: fy.start,
    dueOn: day(10),
    status: 'in-progress',
    percentComplete: 70,
  });
  const homecare = await add('Commissioning', {
    reference: 'C1',
    kind: 'milestone',
    title: 'New home care contract mobilised',
    owner: 'Head of Commissioning',
    startOn: addMonths(fy.start, 2),
    dueOn: day(40),
    status: 'in-progress',
    percentComplete: 60,
  });

  // Dated updates: last quarter and this one.
  const update = (actionId: number, offset: number, progress: string, more: Record<string, unknown> = {}) =>
    s.programmes.recordUpdate(actor, { actionId }, { updateOn: day(offset), progress, ...more });
  await update(waits.id, -95, 'Weekly allocation panels set up; waiting list down from 1,150 to 980.', {
    percentComplete: 30,
  });
  await update(waits.id, -12, 'Waiting list down to 720; median wait for assessment 41 days.', {
    percentComplete: 55,
    nextSteps: 'Match new recruits to the longest waits as they start.',
  });
  await update(reviews.id, -30, 'Review team focused on people not reviewed for two years or more.', {
    percentComplete: 45,
    nextSteps: 'Add reviews of people in residential care to the plan.',
  });
  await update(dols.id, -25, 'Screening tool in use; 140 applications still to screen.', {
    rag: 'red',
    ragText: 'Best Interest Assessor vacancies',
    percentComplete: 70,
  });
  await update(rota.id, -40, 'Supplier chosen; pilot in two schemes.', { percentComplete: 30 });
  await update(pathway.id, -20, 'Career grade structure drafted; consultation with staff to follow.', {
    dueOn: day(70),
    nextSteps: 'Staff consultation and sign-off by the Improvement Board.',
  });
  await update(
    recruit.id,
    -8,
    'Appointable candidates in pre-employment checks; weekly interview panels continue.',
    {
      percentComplete: 65,
      nextSteps: 'Bring the new recruits into post with an induction and team manager support.',
    },
  );
  await update(homecare.id, -15, 'Providers confirmed for all three zones; staff transfers agreed.', {
    nextSteps: 'Go live zone by zone.',
  });
  await update(triage.id, -5, 'Two social workers now at the front door; repeat contacts falling.', {
    percentComplete: 45,
    nextSteps: 'Extend the front door offer to evenings.',
  });
  await s.programmes.recordUpdate(
    actor,
    { workstreamId: wsId('Safeguarding and quality assurance') },
    {
      updateOn: day(-35),
      progress: 'Quality assurance framework reviewed with internal audit support.',
    },
  );

  // Meetings, decisions, an action arising and a board pack as a paper.
  await s.governance.createMeeting(actor, board.id, {
    heldOn: day(-18),
    status: 'held',
    agenda: ['Programme highlight report', 'Recruitment update', 'Risk register'],
    decisions: [
      'Agreed to prioritise DoLS screening for the next quarter',
      'Asked the Performance Board for a waiting list trajectory',
    ],
  });
  const last = await s.governance.createMeeting(actor, board.id, {
    heldOn: day(-4),
    status: 'held',
    agenda: ['Programme highlight report', 'Workforce capacity', 'Risk register review'],
    decisions: ['Agreed the revised date for the career pathway', 'Approved the transition data set'],
  });
  await s.programmes.addAction(actor, wsId('Workforce skill and capacity'), {
    reference: 'W3',
    title: 'Report agency staff use and cost to each Improvement Board',
    owner: 'Head of Finance',
    startOn: day(-4),
    dueOn: day(10),
    status: 'in-progress',
    percentComplete: 20,
    arisingFromMeetingId: last.id,
  });
  const next = await s.governance.createMeeting(actor, board.id, {
    heldOn: day(10),
    agenda: [
      'Programme highlight report and board pack',
      'Overdue and slipping actions',
      'Risk register: quarterly review',
      'Any other business',
    ],
  });
  await s.governance.createMeeting(actor, performance.id, {
    heldOn: day(-11),
    status: 'held',
    agenda: ['Measures for the improvement programme'],
    decisions: ['Adopted the waiting list and review coverage measures'],
  });

  await s.workforce.save(actor, programme.id, {
    area: 'Social work',
    employment: 'permanent',
    planned: 32,
    inPost: 18,
    appointed: 2,
    interviewing: 5,
    asAt: day(-8),
  });
  await s.workforce.save(actor, programme.id, {
    area: 'Best Interest Assessors',
    employment: 'permanent',
    planned: 6,
    inPost: 3,
    appointed: 1,
    interviewing: 2,
    asAt: day(-8),
  });
  await s.workforce.save(actor, programme.id, {
    area: 'Care homes team',
    employment: 'permanent',
    planned: 5,
    inPost: 2,
    appointed: 1,
    interviewing: 1,
    asAt: day(-8),
  });
  await s.workforce.save(actor, programme.id, {
    area: 'Hospital social work',
    employment: 'time-limited',
    planned: 14,
    inPost: 11,
    appointed: 1,
    interviewing: 1,
    asAt: day(-8),
  });

  await loadDemoRegister(s, programme.id, { today, fy, lastFy, day });
  const links: [string, number][] = [
    ['2', waits.id],
    ['2', reviews.id],
    ['4', dols.id],
    ['4', recruit.id],
    ['10', pathway.id],
    ['13', homecare.id],
    ['1', triage.id],
    ['9', reablement.id],
  ];
  const ids = new Map(
    (await s.risks.choices(DEMO_PROGRAMME.council, 'internal')).map((r) => [r.reference, r.id]),
  );
  for (const [ref, actionId] of links) await s.risks.linkAction(actor, ids.get(ref)!, actionId);

  const pack = await s.planReports.boardPackInputs(actor, next.id, 'internal');
  const snapshot = await s.reports.saveSnapshot(actor, pack);
  await s.governance.addPaper(actor, next.id, {
    title: 'Board pack (generated from the programme)',
    snapshotId: snapshot.id,
  });
  log(
    `Demo improvement programme, governance, workforce and risk register loaded for ${DEMO_PROGRAMME.council}.`,
  );
  return programme.id;
}

async function loadDemoRegister(
  s: Services,
  programmeId: number,
  d: {
    today: string;
    fy: { label: string; start: string };
    lastFy: { label: string; start: string };
    day: (n: number) => string;
  },
): Promise<void> {
  const actor = systemActor('demo loader');
  const council = DEMO_PROGRAMME.council;
  await s.risks.setScheme(actor, council, {
    fromPeriod: d.lastFy.label,
    bands: [
      { rag: 'green', min: 1, max: 4 },
      { rag: 'amber', min: 5, max: 14 },
      { rag: 'red', min: 15, max: 25 },
    ],
    appetite: { overall: 12, themes: {} },
  });
  // From this year the council tightened its bands: 10 and 12 now count as red.
  await s.risks.setScheme(actor, council, {
    fromPeriod: d.fy.label,
    bands: [
      { rag: 'green', min: 1, max: 4 },
      { rag: 'amber', min: 5, max: 9 },
      { rag: 'red', min: 10, max: 25 },
    ],
    appetite: { overall: 12, themes: { Safeguarding: 9, Finance: 16 } },
  });
  const q = (n: number) => addMonths(d.lastFy.start, 3 * n + 1);
  const risks: {
    reference: string;
    description: string;
    themes: string;
    owners: string;
    controls: string;
    assurance?: string;
    scores: [number, number][];
    target?: [number, number];
    exempt?: boolean;
    exemptReason?: string;
    overdue?: boolean;
  }[] = [
    {
      reference: '1',
      description:
        'Without effective triage at the front door, demand that could be met elsewhere enters the service and uses scarce resources.',
      themes: 'Systems and processes, statutory and compliance',
      owners: 'Director of Adult Social Services',
      controls:
        'Advice and information strategy; signposting to the voluntary sector from the contact centre',
      scores: [
        [4, 3],
        [4, 3],
        [3, 3],
      ],
      target: [3, 2],
    },
    {
      reference: '2',
      description:
        'People are not assessed and reviewed in a timely, proportionate and consistent way, raising safeguarding risk, unmet need and unsuitable care packages.',
      themes: 'Systems and processes, statutory and compliance, safeguarding',
      owners: 'Assistant Directors, Adult Social Care',
      controls: 'Daily duty system across locality teams to manage risk and prioritise cases',
      assurance: 'Weekly waiting list report to the Improvement Board',
      scores: [
        [4, 5],
        [4, 5],
        [4, 4],
      ],
      target: [4, 2],
    },
    {
      reference: '4',
      description:
        'Deprivation of Liberty Safeguards applications are not screened and assessed in time, so people may be deprived of liberty unlawfully.',
      themes: 'Safeguarding',
      owners: 'Assistant Director, Adult Social Care',
      controls: 'Best Interest Assessor rota; authorisation rota for senior managers',
      scores: [
        [4, 4],
        [4, 5],
        [4, 5],
      ],
      target: [4, 2],
    },
    {
      reference: '9',
      description:
        'Quality and stability problems in the care market lead to safeguarding risks and dependence on a few providers.',
      themes: 'Safeguarding, partnership',
      owners: 'Head of Commissioning',
      controls: 'Quality and improvement team; provider concerns and failure procedure',
      scores: [
        [4, 3],
        [4, 3],
      ],
      overdue: true,
    },
    {
      reference: '10',
      description:
        'Without an effective career pathway the service cannot attract and keep the social workers it needs.',
      themes: 'Workforce',
      owners: 'HR, Assistant Directors',
      controls: 'Social work apprenticeship; attractive starting salary for newly qualified social workers',
      scores: [
        [3, 4],
        [3, 4],
        [3, 3],
      ],
    },
    {
      reference: '13',
      description:
        'The new home care contract is not mobilised to plan, or outgoing providers leave early, putting people who receive home care at risk.',
      themes: 'Systems and processes, statutory and compliance',
      owners: 'Head of Commissioning',
      controls: 'Mobilisation project group; operational mobilisation team',
      scores: [
        [4, 4],
        [4, 3],
      ],
    },
    {
      reference: '17',
      description: 'Long-term funding for adult social care is uncertain.',
      themes: 'Finance',
      owners: 'Director of Finance, Head of Finance',
      controls: 'Non-recurrent funding phased over three years to allow permanent commitments',
      scores: [
        [5, 5],
        [5, 4],
      ],
    },
    {
      reference: '18',
      description:
        'A named home care provider serving 400 people is in financial difficulty and may leave the market at short notice.',
      themes: 'Finance, safeguarding',
      owners: 'Head of Commissioning',
      controls: 'Weekly contract monitoring; contingency plan with two alternative providers',
      scores: [
        [4, 3],
        [4, 4],
      ],
      exempt: true,
      exemptReason:
        'Information about the financial or business affairs of a particular person (Schedule 12A, paragraph 3)',
    },
  ];
  for (const r of risks) {
    const [first, ...later] = r.scores;
    if (r.overdue) later.length = Math.min(later.length, 1);
    // The last review falls within the last month, so only the risk meant to be overdue shows as overdue.
    const dates = r.scores.length === 3 ? [q(0), q(2), d.day(-20)] : [q(2), d.day(-25)];
    const created = await s.risks.create(actor, council, {
      reference: r.reference,
      description: r.description,
      themes: r.themes,
      owners: r.owners,
      controls: r.controls,
      assurance: r.assurance ?? '',
      impact: first![0],
      likelihood: first![1],
      assessedOn: dates[0],
      targetImpact: r.target?.[0] ?? null,
      targetLikelihood: r.target?.[1] ?? null,
      exempt: r.exempt ?? false,
      exemptReason: r.exemptReason ?? '',
      programmeId,
    });
    for (const [i, [impact, likelihood]] of later.entries()) {
      const reviewedOn = r.overdue ? q(3 + i) : dates[i + 1]!;
      await s.risks.review(actor, created.id, {
        reviewedOn,
        impact,
        likelihood,
        notes:
          i === later.length - 1 ? 'Quarterly review by the risk owner' : 'Reviewed at the Improvement Board',
        nextReviewOn: r.overdue && i === later.length - 1 ? d.day(-12) : null,
      });
    }
  }
}
