import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { NotFoundError, systemActor, ValidationError } from '../../src/services/actor.js';
import { openTestServices, storeKinds } from '../support/services.js';

const seed = fs.readFileSync(new URL('../fixtures/risk-register-seed-2019.csv', import.meta.url), 'utf8');
const actor = systemActor('test');
const TRAFFORD = 'E08000009';
const expectedScores: [string, number][] = [
  ['1', 12],
  ['2', 20],
  ['3', 20],
  ['4', 20],
  ['5', 16],
  ['6', 6],
  ['7', 20],
  ['8', 16],
  ['9', 12],
  ['10', 12],
  ['11', 8],
  ['12', 20],
  ['13', 16],
  ['14', 12],
  ['15', 16],
  ['17', 25],
];

for (const kind of storeKinds) {
  test(`${kind}: the seed register imports every row with its score as given; again it changes nothing; a changed score is a new review`, async (t) => {
    const s = await openTestServices(t, kind);
    if (!s) return;
    const report = await s.planImports.importRisks(actor, TRAFFORD, 'register.csv', Buffer.from(seed));
    assert.deepEqual(
      [report.outcome, report.rowsRead, report.rowsLoaded, report.rowsRejected, report.added],
      ['loaded', 16, 16, 0, 16],
    );
    assert.match(report.notes.join('\n'), /16 score\(s\) came without their impact and likelihood/);
    assert.match(report.notes.join('\n'), /default bands/);

    const register = await s.risks.register(TRAFFORD, 'internal');
    assert.deepEqual(
      register.risks.map((r) => [r.reference, r.current?.score]),
      expectedScores,
    );
    const finance = register.risks.find((r) => r.reference === '17')!;
    assert.deepEqual(finance.current, {
      impact: null,
      likelihood: null,
      score: 25,
      rag: 'red',
      reviewedOn: '2026-11-22',
    });
    assert.equal(finance.factorsMissing, true);
    assert.deepEqual(finance.themes, ['Finance']);
    assert.deepEqual(finance.owners, ['City Treasurer', 'Head of Finance']);
    assert.equal(finance.keyActions.length, 2);
    assert.equal(finance.nextReviewOn, '2027-02-22', 'quarterly by default');
    assert.equal(register.risks.find((r) => r.reference === '6')!.current?.rag, 'amber');
    assert.equal(register.grid.unplaced.length, 16, 'no factors yet, so nothing on the heat map');

    const again = await s.planImports.importRisks(actor, TRAFFORD, 'register.csv', Buffer.from(seed));
    assert.equal(again.outcome, 'duplicate');
    assert.equal(again.previousImportId, report.importId);

    // Risk 6 rescored as 3 x 4 in a later file, with one impossible score on a new row.
    s.clock.advance(30 * 86_400_000);
    const changed = seed
      .replace(
        'discussed\nDeveloping and positive working relationships are in place",6,',
        'discussed\nDeveloping and positive working relationships are in place",3 x 4,',
      )
      .concat(
        '18,Finance,Savings programme under-delivers,Head of Finance,Monthly monitoring,7,Recovery plan\n',
      );
    assert.notEqual(changed, seed);
    const second = await s.planImports.importRisks(actor, TRAFFORD, 'register-v2.csv', Buffer.from(changed));
    assert.deepEqual(
      [second.outcome, second.rowsRead, second.changed, second.unchanged],
      ['loaded', 17, 1, 15],
    );
    assert.equal(second.rejections.length, 1);
    assert.equal(
      second.rejections[0]!.row,
      44,
      'the line the new row starts on, after the three lines of risk 17',
    );
    assert.match(second.rejections[0]!.reason, /^Risk 18: Current score: 7 is not a possible score/);
    const six = (await s.risks.register(TRAFFORD, 'internal')).risks.find((r) => r.reference === '6')!;
    assert.equal(six.reviews.length, 2);
    assert.deepEqual(six.direction, { direction: 'up', current: 12, previous: 6 });
    assert.deepEqual([six.current?.impact, six.current?.likelihood], [3, 4]);

    const audit = await s.audit.list({ entityType: 'risk', limit: 100 });
    assert.equal(audit.entries.filter((e) => e.action === 'risk.import').length, 17);
    assert.equal((await s.audit.list({ entityType: 'plan-import' })).total, 2);
  });

  test(`${kind}: reviews record both factors, bands freeze once used, appetite and overdue reviews, exempt risks kept from published views`, async (t) => {
    const s = await openTestServices(t, kind);
    if (!s) return;
    await s.risks.setScheme(actor, TRAFFORD, {
      fromPeriod: '2026-27',
      bands: [
        { rag: 'green', min: 1, max: 6 },
        { rag: 'amber', min: 7, max: 14 },
        { rag: 'red', min: 15, max: 25 },
      ],
      appetite: { overall: 12, themes: { Finance: 16 } },
    });
    const pub = await s.risks.create(actor, TRAFFORD, {
      reference: 'ASC1',
      description: 'Waiting lists for Care Act assessments grow',
      themes: 'Systems and processes, safeguarding',
      owners: 'Assistant Director',
      impact: 4,
      likelihood: 4,
      assessedOn: '2026-08-01',
    });
    assert.equal(pub.current?.rag, 'red');
    assert.equal(pub.nextReviewOn, '2026-11-01');
    assert.equal(pub.reviewState, 'overdue');
    assert.equal(pub.aboveAppetite, true);
    const exempt = await s.risks.create(actor, TRAFFORD, {
      reference: 'ASC2',
      description: 'Commercial position of a named home care provider',
      themes: 'Finance',
      owners: 'Head of Commissioning',
      impact: 3,
      likelihood: 5,
      exempt: true,
      exemptReason: 'Information about the financial or business affairs of a person (paragraph 3)',
    });
    assert.equal(exempt.aboveAppetite, false, 'Finance accepts up to 16');

    await assert.rejects(
      s.risks.review(actor, pub.id, { reviewedOn: '2026-11-20', notes: 'no factors' }),
      (err: unknown) =>
        err instanceof ValidationError && err.fieldErrors.map((e) => e.field).join() === 'impact,likelihood',
    );
    const reviewed = await s.risks.review(actor, pub.id, {
      reviewedOn: '2026-11-20',
      impact: 3,
      likelihood: 2,
      notes: 'Backlog halved',
    });
    assert.deepEqual(reviewed.current, {
      impact: 3,
      likelihood: 2,
      score: 6,
      rag: 'green',
      reviewedOn: '2026-11-20',
    });
    assert.deepEqual(reviewed.direction, { direction: 'down', current: 6, previous: 16 });
    assert.equal(reviewed.nextReviewOn, '2027-02-20');
    assert.equal(reviewed.reviewState, 'in-date');
    assert.deepEqual(
      reviewed.reviews.map((r) => [r.reviewedOn, r.score, r.rag]),
      [
        ['2026-11-20', 6, 'green'],
        ['2026-08-01', 16, 'red'],
      ],
    );

    await assert.rejects(
      s.risks.setScheme(actor, TRAFFORD, {
        fromPeriod: '2026-27',
        bands: [
          { rag: 'green', min: 1, max: 4 },
          { rag: 'amber', min: 5, max: 12 },
          { rag: 'red', min: 13, max: 25 },
        ],
        appetite: { overall: 12, themes: {} },
      }),
      /frozen/,
    );
    const next = await s.risks.setScheme(actor, TRAFFORD, {
      fromPeriod: '2027-28',
      bands: [
        { rag: 'green', min: 1, max: 4 },
        { rag: 'amber', min: 5, max: 12 },
        { rag: 'red', min: 13, max: 25 },
      ],
      appetite: { overall: 10, themes: {} },
    });
    assert.equal(next.fromDate, '2027-04-01');

    const published = await s.risks.register(TRAFFORD, 'published');
    assert.deepEqual(
      published.risks.map((r) => r.reference),
      ['ASC1'],
    );
    assert.equal(published.exemptHidden, 1);
    const internal = await s.risks.register(TRAFFORD, 'internal');
    assert.deepEqual(
      internal.risks.map((r) => r.reference),
      ['ASC1', 'ASC2'],
    );
    assert.deepEqual(
      internal.grid.rows[0]!.map((c) => c.references),
      [[], [], ['ASC2'], [], []],
      'likelihood 5 row: ASC2 at impact 3',
    );
    await assert.rejects(s.risks.get(exempt.id, 'published'), NotFoundError);
    assert.equal((await s.risks.get(exempt.id, 'internal')).reference, 'ASC2');

    const actions = (await s.audit.list({ limit: 200 })).entries.map((e) => e.action);
    for (const a of ['risk-scheme.set', 'risk.create', 'risk.review'])
      assert.ok(actions.includes(a), `${a} is audited`);
  });
}
