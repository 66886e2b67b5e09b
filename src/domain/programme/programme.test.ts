import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionProblems, isOverdue, slipReasons, slipText, type ActionTiming } from './action.js';
import { addMonths, formatLongDate, isIsoDate } from './dates.js';
import { latestAndPrevious } from './measure-progress.js';
import { nextQuarterAfter, progressInPeriod, quarterOf, upcomingIn } from './periods.js';
import { capacitySentence, capacitySummary, postProblems } from './workforce.js';
import { parsePeriod } from '../period.js';

const today = '2026-11-22';
const action = (over: Partial<ActionTiming>): ActionTiming => ({
  status: 'in-progress',
  startOn: '2026-09-01',
  dueOn: '2027-01-31',
  baselineDueOn: '2027-01-31',
  percentComplete: 40,
  rag: 'green',
  ...over,
});

test('an open action past its due date is overdue; a complete or cancelled one never is', () => {
  assert.equal(isOverdue(action({ dueOn: '2026-11-21' }), today), true);
  assert.equal(isOverdue(action({ dueOn: '2026-11-22' }), today), false);
  assert.equal(isOverdue(action({ dueOn: '2026-10-01', status: 'complete' }), today), false);
  assert.equal(isOverdue(action({ dueOn: '2026-10-01', status: 'cancelled' }), today), false);
  assert.equal(isOverdue(action({ dueOn: null }), today), false);
});

test('slipping: due date moved later, progress well behind time elapsed, or rated red', () => {
  assert.deepEqual(slipReasons(action({}), today), []);
  const moved = action({ dueOn: '2027-03-31' });
  assert.deepEqual(slipReasons(moved, today), ['moved']);
  assert.equal(
    slipText(moved, ['moved'], today),
    'due date moved 59 days later than first agreed (2027-01-31)',
  );
  // 82 of 152 days gone (54%), 20% done: more than 25 points behind.
  const behind = action({ percentComplete: 20 });
  assert.deepEqual(slipReasons(behind, today), ['behind']);
  assert.equal(slipText(behind, ['behind'], today), '20% complete where 54% of the time has gone');
  assert.deepEqual(slipReasons(action({ percentComplete: 30 }), today), []);
  assert.deepEqual(slipReasons(action({ rag: 'red' }), today), ['rag']);
  // Overdue and closed actions are reported as such, not as slipping.
  assert.deepEqual(slipReasons(action({ dueOn: '2026-11-01', rag: 'red' }), today), []);
  assert.deepEqual(slipReasons(action({ status: 'complete', percentComplete: 100, rag: 'red' }), today), []);
});

test('an action form is checked: dates in order, 0-100%, complete means 100%, red or amber says why', () => {
  assert.deepEqual(
    actionProblems({
      startOn: '2026-05-01',
      dueOn: '2026-04-01',
      percentComplete: 120,
      status: 'complete',
      rag: 'amber',
      ragText: ' ',
    }).map((p) => p.field),
    ['dueOn', 'percentComplete', 'percentComplete', 'ragText'],
  );
  assert.deepEqual(
    actionProblems({
      startOn: null,
      dueOn: null,
      percentComplete: 100,
      status: 'complete',
      rag: 'green',
      ragText: '',
    }),
    [],
  );
});

test('periods: progress to date inside the period by workstream; upcoming priorities in the next quarter', () => {
  const q = parsePeriod('Q3 2026-27')!;
  assert.equal(quarterOf(today).label, 'Q3 2026-27');
  assert.equal(nextQuarterAfter(q).label, 'Q4 2026-27');
  assert.equal(nextQuarterAfter(parsePeriod('Q4 2026-27')!).label, 'Q1 2027-28');
  assert.equal(nextQuarterAfter(parsePeriod('2026-27')!).label, 'Q1 2027-28');
  const updates = [
    { id: 1, updateOn: '2026-09-30', workstreamId: 1 },
    { id: 2, updateOn: '2026-10-05', workstreamId: 2 },
    { id: 3, updateOn: '2026-11-20', workstreamId: 1 },
    { id: 4, updateOn: '2026-10-01', workstreamId: 1 },
  ];
  assert.deepEqual(
    progressInPeriod(updates, q, [1, 2, 3]).map((g) => [g.workstreamId, g.updates.map((u) => u.id)]),
    [
      [1, [3, 4]],
      [2, [2]],
    ],
  );
  const next = nextQuarterAfter(q);
  const a = (id: number, status: ActionTiming['status'], startOn: string | null, dueOn: string | null) => ({
    id,
    status,
    startOn,
    dueOn,
  });
  const upcoming = upcomingIn(
    [
      a(1, 'in-progress', '2026-06-01', '2027-02-28'), // due in Q4
      a(2, 'not-started', '2027-03-01', '2027-06-30'), // starts in Q4
      a(3, 'in-progress', '2026-06-01', '2027-09-30'), // runs through Q4
      a(4, 'complete', '2026-06-01', '2027-02-01'), // closed
      a(5, 'in-progress', '2026-06-01', '2026-12-31'), // due before Q4
      a(6, 'not-started', '2027-04-01', '2027-05-01'), // after Q4
    ],
    next,
  );
  assert.deepEqual(
    upcoming.map((x) => x.id),
    [1, 2, 3],
  );
});

test("workforce: planned against recruited by type, as a programme report's percentages", () => {
  const summary = capacitySummary([
    { area: 'Social work', employment: 'permanent', planned: 40, inPost: 20, appointed: 5, interviewing: 6 },
    {
      area: 'Best Interest Assessors',
      employment: 'permanent',
      planned: 8,
      inPost: 5,
      appointed: 0,
      interviewing: 2,
    },
    {
      area: 'Hospital social work',
      employment: 'time-limited',
      planned: 14,
      inPost: 10,
      appointed: 2,
      interviewing: 1,
    },
  ]);
  assert.deepEqual(
    summary.byEmployment.map((e) => [
      e.employment,
      e.totals.planned,
      e.totals.recruited,
      e.totals.percentRecruited,
    ]),
    [
      ['permanent', 48, 30, 63],
      ['time-limited', 14, 12, 86],
    ],
  );
  assert.equal(summary.overall.vacant, 20);
  assert.equal(summary.overall.interviewing, 9);
  assert.equal(
    capacitySentence(summary),
    'In total, 63% of permanent roles and 86% of time-limited roles have been recruited to.',
  );
  assert.deepEqual(
    postProblems({
      area: 'X',
      employment: 'permanent',
      planned: 2,
      inPost: 2,
      appointed: 1,
      interviewing: 0,
    }).map((p) => p.field),
    ['inPost'],
  );
});

test('dates and measure progress', () => {
  assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
  assert.equal(formatLongDate('2019-06-18'), '18 June 2019');
  assert.equal(isIsoDate('2026-02-30'), false);
  assert.equal(isIsoDate('2026-02-28'), true);
  const points = [
    { period: '2022-23', value: 70, segment: 0 },
    { period: 'Q1 2024-25', value: 90, segment: 1 },
    { period: '2023-24', value: 75, segment: 1 },
    { period: '2024-25', value: 80, segment: 1 },
  ];
  const lp = latestAndPrevious(points);
  assert.deepEqual([lp.latest?.period, lp.previous?.period, lp.comparable], ['2024-25', '2023-24', true]);
  const broken = latestAndPrevious(points.filter((p) => p.period !== '2024-25'));
  assert.deepEqual(
    [broken.latest?.period, broken.previous?.period, broken.comparable],
    ['2023-24', '2022-23', false],
  );
  // One year of CLD figures but four quarters: the quarters give a direction.
  const quarters = latestAndPrevious([
    { period: '2024-25', value: 5, segment: 0 },
    { period: 'Q1 2024-25', value: 1, segment: 0 },
    { period: 'Q2 2024-25', value: 2, segment: 0 },
  ]);
  assert.deepEqual([quarters.latest?.period, quarters.previous?.period], ['Q2 2024-25', 'Q1 2024-25']);
});
