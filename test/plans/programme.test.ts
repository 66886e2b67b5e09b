import { test } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor, ValidationError } from '../../src/services/actor.js';
import { openTestServices, storeKinds } from '../support/services.js';

const actor = systemActor('test');
const TRAFFORD = 'E08000009';
/** Two years of one measure for Trafford, so an action's measure has a latest value and a direction. */
const ascof = Buffer.from(
  [
    'Year,Geographical Description,ONS Code,Measure Group,Measure Group Description,Measure_Value,Geographical Level,Disaggregation Level,Measure Type',
    '2017-18,Trafford,E08000009,1E,,13.1,Council,Total,Outcome',
    '2018-19,Trafford,E08000009,1E,,12.0,Council,Total,Outcome',
  ].join('\n'),
);

for (const kind of storeKinds) {
  test(`${kind}: a programme with workstreams, actions linked to measures and risks, dated updates, overdue and slipping actions, progress and priorities, governance, workforce and a re-plan that keeps history`, async (t) => {
    const s = await openTestServices(t, kind);
    if (!s) return;
    await s.imports.importAscof(actor, 'ascof.csv', ascof);
    const programme = await s.programmes.create(actor, TRAFFORD, {
      name: 'Adult Social Care Improvement Programme',
      sponsor: 'Executive Director of Adult Social Services',
      startedOn: '2026-04-01',
      planTitle: 'Themed improvement plan',
    });
    const board = await s.governance.createBoard(actor, programme.id, {
      name: 'Improvement Board',
      chair: 'Executive Director of Adult Social Services',
      cadence: 'fortnightly',
      reportsToText: 'Strategic Management Team (quarterly assurance)',
    });
    const group = await s.governance.createBoard(actor, programme.id, {
      name: 'Assessment workstream group',
      kind: 'workstream-group',
      cadence: 'fortnightly',
      reportsToBoardId: board.id,
    });
    assert.deepEqual(
      (await s.governance.reportingLines(programme.id)).find((l) => l.board.id === group.id)?.chain,
      ['Improvement Board', 'Strategic Management Team (quarterly assurance)'],
    );
    await assert.rejects(
      s.governance.updateBoard(actor, board.id, {
        name: 'Improvement Board',
        cadence: 'fortnightly',
        reportsToBoardId: group.id,
      }),
      /cannot report to itself/,
    );
    const meeting = await s.governance.createMeeting(actor, board.id, {
      heldOn: '2026-11-18',
      agenda: ['Programme highlight report', 'Risk register'],
      decisions: ['Agreed the recruitment plan'],
    });
    await s.governance.addPaper(actor, meeting.id, {
      title: 'Highlight report',
      link: 'https://example.org/paper.pdf',
    });
    assert.equal((await s.governance.papers(meeting.id)).length, 1);

    const ws = await s.programmes.addWorkstream(actor, programme.id, {
      title: 'Assessment function',
      lead: 'Assistant Director, Adult Social Care',
      purpose: 'Timely Care Act assessments and reviews',
      boardId: group.id,
    });
    const action = await s.programmes.addAction(actor, ws.id, {
      reference: 'A1',
      title: 'Reduce the waiting list for assessments',
      owner: 'Head of Assessment',
      startOn: '2026-09-01',
      dueOn: '2027-01-31',
      status: 'in-progress',
      percentComplete: 40,
      measureIds: ['ascof14-1E'],
    });
    await assert.rejects(
      s.programmes.addAction(actor, ws.id, { reference: 'A1', title: 'Clash' }),
      (err: unknown) =>
        err instanceof ValidationError && /already has the reference A1/.test(err.fieldErrors[0]!.message),
    );
    const late = await s.programmes.addAction(actor, ws.id, {
      title: 'Refresh the supervision policy',
      kind: 'milestone',
      startOn: '2026-06-01',
      dueOn: '2026-10-31',
      status: 'in-progress',
      percentComplete: 80,
    });
    const risk = await s.risks.create(actor, TRAFFORD, {
      reference: '2',
      description: 'Assessments and reviews are not timely',
      impact: 4,
      likelihood: 5,
    });
    await s.risks.linkAction(actor, risk.id, action.id);
    assert.deepEqual(
      (await s.risks.risksForAction(action.id, 'published')).map((r) => r.reference),
      ['2'],
    );

    // An update moves the due date later: the first agreed date stays as the baseline, so it shows as slipping.
    await s.programmes.recordUpdate(
      actor,
      { actionId: action.id },
      {
        updateOn: '2026-11-15',
        progress: 'Waiting list down from 1,200 to 900',
        nextSteps: 'Weekly allocation panels through the winter',
        rag: 'amber',
        ragText: 'Recruitment slower than planned',
        percentComplete: 50,
        dueOn: '2027-03-31',
      },
    );
    await s.programmes.recordUpdate(
      actor,
      { workstreamId: ws.id },
      {
        updateOn: '2026-10-02',
        progress: 'Workstream group now meets fortnightly',
      },
    );
    await assert.rejects(
      s.programmes.recordUpdate(
        actor,
        { actionId: action.id },
        { updateOn: '2026-11-16', progress: 'x', rag: 'red' },
      ),
      /not valid/,
    );
    const moved = await s.programmes.action(action.id);
    assert.deepEqual(
      [moved.dueOn, moved.baselineDueOn, moved.rag, moved.percentComplete],
      ['2027-03-31', '2027-01-31', 'amber', 50],
    );

    const overview = await s.programmeOverview.overview(programme.id);
    assert.deepEqual(
      overview.overdue.map((o) => [o.action.id, o.daysOverdue]),
      [[late.id, 22]],
    );
    assert.deepEqual(
      overview.slipping.map((o) => [o.action.id, o.why]),
      [[action.id, 'due date moved 59 days later than first agreed (2027-01-31)']],
    );

    const progress = await s.programmeOverview.progress(programme.id, 'Q3 2026-27');
    assert.equal(progress.next.label, 'Q4 2026-27');
    assert.deepEqual(
      progress.groups.map((g) => [g.workstream.title, g.updates.map((u) => u.actionTitle ?? u.progress)]),
      [
        [
          'Assessment function',
          ['Reduce the waiting list for assessments', 'Workstream group now meets fortnightly'],
        ],
      ],
    );
    assert.deepEqual(
      progress.upcoming.map((u) => [u.action.title, u.nextSteps]),
      [['Reduce the waiting list for assessments', 'Weekly allocation panels through the winter']],
    );

    const [measure] = await s.measureProgress.forCouncil(TRAFFORD, moved.measureIds);
    assert.equal(measure?.latest?.text, '12.0%');
    assert.equal(measure?.previous?.period, '2017-18');
    assert.equal(measure?.directionText, '↓ Worsened since 2017-18');
    assert.equal(measure?.target, null, 'no target is set yet');
    await s.targets.set(actor, TRAFFORD, 'ascof14-1E', measure?.latest?.period ?? '', {
      kind: 'value',
      value: 15,
    });
    const [withTarget] = await s.measureProgress.forCouncil(TRAFFORD, moved.measureIds);
    assert.equal(withTarget?.target?.value, 15, 'the target in force for the latest figure is shown');
    assert.equal(withTarget?.target?.period, measure?.latest?.period);
    assert.deepEqual(
      (await s.programmes.actionsForMeasure('ascof14-1E')).map((a) => a.action.id),
      [action.id],
    );

    await s.workforce.save(actor, programme.id, {
      area: 'Social work',
      employment: 'permanent',
      planned: 40,
      inPost: 20,
      appointed: 5,
      interviewing: 6,
      asAt: '2026-11-01',
    });
    await s.workforce.save(actor, programme.id, {
      area: 'Hospital social work',
      employment: 'time-limited',
      planned: 14,
      inPost: 10,
      appointed: 2,
      asAt: '2026-11-01',
    });
    const capacity = await s.workforce.summary(programme.id);
    assert.deepEqual(
      capacity.summary.byEmployment.map((e) => e.totals.percentRecruited),
      [63, 86],
    );

    // Re-plan: four project plans replace the themes; one open action is carried over.
    const v2 = await s.programmes.replan(actor, programme.id, {
      title: 'Four project plans',
      reason: 'The themed plan was replaced by project plans to address the savings challenge',
      adoptedOn: '2026-11-20',
      workstreams: [
        { title: 'Right sizing of care packages', kind: 'project' },
        { title: 'Resource and operating models', kind: 'project' },
      ],
      carry: [{ actionId: action.id, toWorkstream: 'Right sizing of care packages' }],
    });
    assert.equal(v2.version, 2);
    const plans = await s.programmes.plans(programme.id);
    assert.deepEqual(
      plans.map((p) => [p.version, p.supersededOn]),
      [
        [1, '2026-11-20'],
        [2, null],
      ],
    );
    const old = await s.programmes.structure(plans[0]!.id);
    assert.deepEqual(
      old.workstreams.map((w) => [w.title, w.actions.length]),
      [['Assessment function', 2]],
      'the old plan is kept as it was',
    );
    const current = await s.programmes.currentStructure(programme.id);
    const carried = current.workstreams[0]!.actions[0]!;
    assert.deepEqual(
      [carried.carriedFrom, carried.dueOn, carried.measureIds],
      [action.id, '2027-03-31', ['ascof14-1E']],
    );
    await assert.rejects(
      s.programmes.recordUpdate(
        actor,
        { actionId: action.id },
        { updateOn: '2026-11-21', progress: 'late note' },
      ),
      /replaced on 2026-11-20; it is kept as it was/,
    );

    const audited = new Set((await s.audit.list({ limit: 200 })).entries.map((e) => e.action));
    for (const a of [
      'programme.create',
      'board.create',
      'meeting.create',
      'meeting.paper',
      'workstream.create',
      'action.create',
      'plan-update.create',
      'workforce.create',
      'plan.replan',
    ])
      assert.ok(audited.has(a), `${a} is audited`);
  });

  test(`${kind}: an action plan imports into the current plan with measures and risks linked; the same file again changes nothing`, async (t) => {
    const s = await openTestServices(t, kind);
    if (!s) return;
    const programme = await s.programmes.create(actor, TRAFFORD, {
      name: 'Improvement programme',
      startedOn: '2026-04-01',
    });
    await s.risks.create(actor, TRAFFORD, {
      reference: '4',
      description: 'DoLS backlog',
      impact: 4,
      likelihood: 5,
    });
    const plan = [
      'Ref,Workstream,Workstream lead,Action,Owner,Start date,Due date,Status,RAG,RAG commentary,% complete,Risks,Measures',
      'S1,Safeguarding and quality assurance,Assistant Director,Clear the DoLS screening backlog,DoLS lead,01/06/2026,31/12/2026,In progress,Amber,Assessor vacancies,60,4,2A2',
      'S2,Safeguarding and quality assurance,Assistant Director,Refresh the QA framework,Principal Social Worker,,31/03/2027,Not started,,,0,,',
      'W1,Workforce,Head of HR,Social work career pathway,HR business partner,01/09/2026,30/06/2027,In progress,Green,,20,,',
      'W2,Workforce,Head of HR,Unknown measure,HR,,,,,,,,ZZ9',
    ].join('\n');
    const report = await s.planImports.importActions(actor, programme.id, 'plan.csv', Buffer.from(plan));
    assert.deepEqual(
      [report.outcome, report.rowsRead, report.rowsLoaded, report.rowsRejected, report.added],
      ['loaded', 4, 3, 1, 3],
    );
    assert.deepEqual(report.rejections, [{ row: 5, reason: 'Action W2: no measure ZZ9 in the catalogue' }]);
    const structure = await s.programmes.currentStructure(programme.id);
    assert.deepEqual(
      structure.workstreams.map((w) => [w.title, w.lead, w.actions.map((a) => a.reference)]),
      [
        ['Safeguarding and quality assurance', 'Assistant Director', ['S1', 'S2']],
        ['Workforce', 'Head of HR', ['W1']],
      ],
    );
    const s1 = structure.workstreams[0]!.actions[0]!;
    assert.deepEqual(
      [s1.measureIds, s1.rag, s1.percentComplete, s1.baselineDueOn],
      [['ascof14-2A2'], 'amber', 60, '2026-12-31'],
    );
    assert.deepEqual(
      (await s.risks.risksForAction(s1.id, 'internal')).map((r) => r.reference),
      ['4'],
    );
    assert.equal(
      (await s.planImports.importActions(actor, programme.id, 'plan.csv', Buffer.from(plan))).outcome,
      'duplicate',
    );
    const revised = plan.replace(
      '31/12/2026,In progress,Amber,Assessor vacancies,60',
      '31/01/2027,In progress,Amber,Assessor vacancies,70',
    );
    const second = await s.planImports.importActions(
      actor,
      programme.id,
      'plan-v2.csv',
      Buffer.from(revised),
    );
    assert.deepEqual([second.added, second.changed, second.unchanged], [0, 1, 2]);
    const after = await s.programmes.action(s1.id);
    assert.deepEqual(
      [after.dueOn, after.baselineDueOn, after.percentComplete],
      ['2027-01-31', '2026-12-31', 70],
    );
  });
}
