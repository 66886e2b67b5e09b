import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestServices, storeKinds } from '../../test/support/services.js';
import {
  addLocalMeasures,
  COUNCIL,
  person,
  reablement,
  waitingList,
} from '../../test/support/performance.js';
import { parsePeriod } from '../domain/period.js';
import { ragFor } from '../domain/targets/rag.js';
import { systemActor, ValidationError } from './actor.js';
import type { TargetBook } from './targets.js';

/** A ValidationError whose message or one of whose field errors matches. */
const says = (re: RegExp) => (e: unknown) =>
  e instanceof ValidationError && (re.test(e.message) || e.fieldErrors.some((f) => re.test(f.message)));

const rag = (book: TargetBook, period: string, value: number) => {
  const v = book.inForce(reablement.id, parsePeriod(period)!);
  return v ? ragFor(value, v.target!).status : 'none';
};

for (const kind of storeKinds) {
  test(`${kind}: targets are versioned and frozen with their rule; commentary and the plan keep every version, audited`, async (t) => {
    const s = await openTestServices(t, kind);
    if (!s) return;
    await addLocalMeasures(s);
    const manager = await person(s, 'manager');

    // 2026-27: 55% with 2 points of amber, set in November (after Q2 closed, so it judges Q2 as well).
    await s.targets.set(manager, COUNCIL, reablement.id, '2026-27', {
      kind: 'value',
      value: 55,
      tolerance: 2,
    });
    let book = await s.targets.book(COUNCIL);
    assert.equal(rag(book, 'Q2 2026-27', 53.5), 'amber');
    // In January the year's target is raised to 58 with no tolerance: the closed Q3 keeps its colours.
    s.clock.advance(44 * 24 * 3600 * 1000);
    const v2 = await s.targets.set(manager, COUNCIL, reablement.id, '2026-27', { kind: 'value', value: 58 });
    assert.equal(v2.version, 2);
    assert.equal(v2.setOn, '2027-01-05');
    book = await s.targets.book(COUNCIL);
    assert.equal(rag(book, 'Q3 2026-27', 53.5), 'amber');
    assert.equal(rag(book, '2026-12', 56), 'green');
    assert.equal(rag(book, 'Q4 2026-27', 56), 'red');
    assert.equal(rag(book, '2027-01', 56), 'red');

    // Last year's target may be recorded once, then never changed.
    await s.targets.set(manager, COUNCIL, reablement.id, '2025-26', { kind: 'value', value: 50 });
    await assert.rejects(
      s.targets.set(manager, COUNCIL, reablement.id, '2025-26', { kind: 'value', value: 40 }),
      (e: unknown) =>
        e instanceof ValidationError &&
        /frozen so that reports of it keep their colours/.test(e.fieldErrors[0]!.message),
    );
    await assert.rejects(
      s.targets.set(manager, COUNCIL, waitingList.id, '2026-27', {
        kind: 'direction',
        direction: 'increase',
        baseline: { value: 900, period: '2025-26' },
      }),
      /conflicts with the measure, where lower is better/,
    );

    await s.commentary.save(manager, COUNCIL, reablement.id, '2026-10', {
      happening: 'Rising.',
      why: 'New model.',
    });
    await s.commentary.save(manager, COUNCIL, reablement.id, '2026-10', {
      happening: 'Rising for a third month.',
      why: 'New model.',
      action: 'Extending it to the north locality.',
    });
    const history = await s.commentary.history(COUNCIL, reablement.id, '2026-10');
    assert.deepEqual(
      history.map((c) => c.version),
      [2, 1],
    );
    assert.equal(
      (await s.commentary.forOrg(COUNCIL)).get(`${reablement.id}|2026-10`)?.action,
      'Extending it to the north locality.',
    );
    await assert.rejects(
      s.commentary.save(manager, COUNCIL, reablement.id, '2026-10', {}),
      says(/Write at least what is happening/),
    );

    const file = {
      version: 1,
      title: 'Trafford adult social care performance plan',
      years: ['2026-27', '2027-28'],
      priorities: [
        {
          title: 'Healthy, cared-for people',
          objectives: [
            {
              title: 'Reablement first',
              indicators: [
                {
                  measureId: waitingList.id,
                  baseline: { period: '2025-26', value: 900 },
                  targets: {
                    '2026-27': {
                      kind: 'direction',
                      direction: 'maintain-or-reduce',
                      baseline: { value: 900, period: '2025-26' },
                    },
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    const loaded = await s.plans.importFile(manager, COUNCIL, file);
    assert.deepEqual([loaded.plan.version, loaded.targetsSet], [1, 1]);
    assert.deepEqual(
      [(await s.plans.importFile(manager, COUNCIL, file)).targetsSet],
      [0],
      'loading again changes nothing',
    );
    // A file with one bad target stores nothing of it.
    const bad = structuredClone(file);
    bad.title = 'Changed title';
    bad.priorities[0]!.objectives[0]!.indicators[0]!.targets['2026-27'].direction = 'increase';
    await assert.rejects(s.plans.importFile(manager, COUNCIL, bad), /conflicts/);
    assert.equal((await s.plans.current(COUNCIL))?.plan.title, 'Trafford adult social care performance plan');
    const edited = await s.plans.edit(manager, COUNCIL, {
      op: 'add-indicator',
      objectiveId: 'o-1',
      indicator: { measureId: reablement.id, label: '% leaving reablement with no ongoing care' },
    });
    assert.equal(edited.version, 2);
    await assert.rejects(
      s.plans.edit(manager, COUNCIL, {
        op: 'add-indicator',
        objectiveId: 'o-1',
        indicator: { measureId: 'local-nothing' },
      }),
      says(/There is no measure local-nothing/),
    );
    assert.deepEqual(
      (await s.plans.history(COUNCIL)).map((v) => v.version),
      [2, 1],
    );

    await s.spc.add(manager, COUNCIL, reablement.id, '2026-01', 'new reablement model');
    assert.deepEqual(
      (await s.spc.phaseStarts(COUNCIL)).get(reablement.id)?.map((p) => [p.period, p.reason]),
      [['2026-01', 'new reablement model']],
    );
    await assert.rejects(
      s.spc.add(manager, COUNCIL, reablement.id, '2026-27', 'x'),
      says(/month or quarter/),
    );

    // The read model's SQL on this engine too: the framework is the plan's two indicators, and October
    // 2026 is judged by the first 2026-27 target (none had been set by its last day).
    const entered = await s.values.enter(manager, COUNCIL, {
      measureId: reablement.id,
      period: '2026-10',
      value: '56',
    });
    await s.values.submit(manager, entered.batchId!);
    await s.values.approve(systemActor('test'), entered.batchId!);
    const scorecard = await s.performance.scorecardInputs(manager, COUNCIL);
    assert.deepEqual(
      scorecard.rows.map((r) => [r.measure.id, r.period, r.target?.short ?? null, r.rag?.label ?? null]),
      [
        [waitingList.id, null, null, null],
        [reablement.id, '2026-10', '55.0%', 'Green: on target'],
      ],
    );

    const actions = (await s.audit.list({ limit: 100 })).entries.map((e) => `${e.entityType} ${e.action}`);
    for (const a of [
      'target target.set',
      'commentary commentary.save',
      'plan plan.save',
      'spc spc.recalculate',
    ])
      assert.ok(actions.includes(a), `${a} audited`);
  });
}
