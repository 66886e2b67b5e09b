import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requirePostgresUrl } from '../../../test/support/env.js';
import { caseStoreKinds, openCaseStore } from '../../../test/cld/support.js';
import { measureDefinitionSchema } from '../../domain/measure.js';
import type { CaseStore } from '../engine/case-store.js';
import { createPseudonymiser } from '../pseudonymise.js';
import { syntheticNhsNumber } from '../synthetic/nhs-number.js';
import { SAFEGUARDING_MEASURES, type SafeguardingMeasureId } from './definitions.js';
import { loadSafeguarding } from './load.js';
import {
  safeguardingFigure,
  safeguardingFigures,
  type SafeguardingDrillRow,
  type SafeguardingPeriod,
} from './measures.js';

const LA = 'E06000001';
const pseudonymiser = createPseudonymiser(Buffer.alloc(32, 42));
const REPEAT_NHS = syntheticNhsNumber(1);
const HEADER =
  'LA Code,LA Person Unique Identifier,NHS Number,Concern Reference,Date Concern Received,Date of Decision,' +
  'Decision,Enquiry Start Date,Enquiry End Date,Enquiry Outcome,Desired Outcomes Asked,Desired Outcomes Expressed,Outcomes Met';

// Letters name the concerns in the worked figures below. Day counts are from receipt (decision) and from
// the enquiry start (conclusion), day 0 being the date itself.
// prettier-ignore
const FIXTURE = [
  HEADER,
  // A: decided on day 7, s42 concluded on day 28 (both limits inclusive); asked, expressed, fully met
  `${LA},P-A,${REPEAT_NHS},C01,2024-04-01,2024-04-08,Section 42 enquiry,2024-04-08,2024-05-06,Risk removed,Yes,Yes,Fully met`,
  // B: decided on day 8, concluded on day 29; partially met
  `${LA},P-B,${syntheticNhsNumber(2)},C02,10/04/2024,18/04/2024,S42,18/04/2024,17/05/2024,Risk reduced,Yes,Yes,Partially met`,
  // C: no further action on the day
  `${LA},P-C,,C03,2024-05-01,2024-05-01,No further action,,,,,,`,
  // D: decided on day 15 (after the end of Q1), concluded on day 27; outcomes not met
  `${LA},P-D,,C04,2024-06-20,2024-07-05,section 42 enquiry,2024-07-05,2024-08-01,Risk remains,Yes,Yes,Not met`,
  // E: received 2 days before Q1 ends, decided on day 4 in Q2; an other (non-s42) enquiry
  `${LA},P-E,,C05,2024-06-28,2024-07-02,Other enquiry,2024-07-02,2024-07-20,Risk removed,Not asked - lacked capacity,,`,
  // F: received the year before, s42 concluded in April after 117 days; expressed no outcomes
  `${LA},P-F,,C06,2023-12-15,2023-12-20,S42,2023-12-20,2024-04-15,Risk reduced,Yes,No,`,
  // G: received 11 days before the year end, still undecided
  `${LA},P-G,,C07,2025-03-20,,,,,,,,`,
  // H: received 3 days before the year end, still undecided (its 7 days have not run out)
  `${LA},P-H,,C08,2025-03-28,,,,,,,,`,
  // I: s42 still open at the year end
  `${LA},P-I,,C09,2025-01-10,2025-01-13,S42,2025-01-13,,,Yes,Yes,`,
  // J: s42 concluded on the last day of Q1 (day 25); the person was not known to have been asked
  `${LA},P-J,,C10,2024-06-01,2024-06-05,S42,2024-06-05,2024-06-30,Risk removed,Don't know,,`,
  // K: s42 concluded on day 58; 'Mostly' is no answer, so it loads blank; invalid NHS number, LA id used
  `${LA},P-K,1234567890,C11,2024-09-01,2024-09-02,S42,2024-09-03,2024-10-31,Risk reduced,Yes,Yes,Mostly`,
  // L: the same person as A again: decided on day 7, concluded on day 28, fully met
  `${LA},,${REPEAT_NHS},C12,2024-11-11,2024-11-18,S42,2024-11-18,2024-12-16,Risk removed,Yes,Yes,Fully met`,
  // N: no further action the next day
  `${LA},P-N,,C13,2024-08-01,2024-08-02,NFA,,,,,,`,
  // O: s42 opened the year before and still open
  `${LA},P-O,,C14,2024-02-01,2024-02-05,S42,2024-02-05,,,Yes,Yes,`,
  // rejected: a second C03, and a decision after the period end
  `${LA},P-X,,C03,2024-05-02,2024-05-02,NFA,,,,,,`,
  `${LA},P-Y,,C15,2025-03-30,2025-04-02,NFA,,,,,,`,
].join('\r\n');

const YEAR: SafeguardingPeriod = { start: '2024-04-01', end: '2025-03-31' };
const Q1: SafeguardingPeriod = { start: '2024-04-01', end: '2024-06-30' };

type Worked = Record<SafeguardingMeasureId, [numerator: number, denominator: number | null, value: number]>;

const EXPECTED_YEAR: Worked = {
  // A B C D E G H I J K L N (F and O were received before the year)
  'local-sg-concerns-received': [12, null, 12],
  // 11 (the 12 less H, still in its 7 days); within 7 days: A C E I J K L N (not B D, nor G undecided)
  'local-sg-decision-7-days': [8, 11, (8 / 11) * 100],
  // A B D F J K L (E is an other enquiry; I and O are open)
  'local-sg-s42-concluded': [7, null, 7],
  // within 28 days: A D J L
  'local-sg-s42-concluded-28-days': [4, 7, (4 / 7) * 100],
  // I and O
  'local-sg-s42-open-at-end': [2, null, 2],
  // asked and expressed, with an answer: A B D L (F expressed none, J unknown, K no answer); met: A B L
  'local-sg-msp-outcomes-met': [3, 4, 75],
};

const EXPECTED_Q1: Worked = {
  // A B C D E J
  'local-sg-concerns-received': [6, null, 6],
  // A B C D J (E undecided with 2 of its 7 days gone); in time, as known at 30 June: A C J
  'local-sg-decision-7-days': [3, 5, 60],
  // A B F J (J on the last day)
  'local-sg-s42-concluded': [4, null, 4],
  'local-sg-s42-concluded-28-days': [2, 4, 50],
  // O only: J concluded on the last day, D had not started
  'local-sg-s42-open-at-end': [1, null, 1],
  'local-sg-msp-outcomes-met': [2, 2, 100],
};

async function loadFixture(store: CaseStore) {
  return loadSafeguarding(
    store,
    {
      submissionId: 'sub-sg-1',
      laCode: LA,
      periodStart: YEAR.start,
      periodEnd: YEAR.end,
      fileName: 'safeguarding.csv',
      bytes: Buffer.from(FIXTURE),
    },
    pseudonymiser,
  );
}

interface FigureData {
  id: SafeguardingMeasureId;
  numerator: number;
  denominator: number | null;
  value: number | null;
  numeratorRows: SafeguardingDrillRow[];
  denominatorRows: SafeguardingDrillRow[];
}

/** Figures and their drill-downs as plain data, to compare across engines. */
async function everything(store: CaseStore, period: SafeguardingPeriod): Promise<FigureData[]> {
  const figures = await safeguardingFigures(store, ['sub-sg-1'], period);
  return Promise.all(
    figures.map(async (f) => ({
      id: f.id,
      numerator: f.numerator,
      denominator: f.denominator,
      value: f.value,
      numeratorRows: await f.drill('numerator'),
      denominatorRows: await f.drill('denominator'),
    })),
  );
}

const refs = (rows: { concernReference: string }[]) => rows.map((r) => r.concernReference);

for (const kind of caseStoreKinds) {
  test(`${kind}: the hand-worked figures for the year and for its first quarter`, async (t) => {
    const store = await openCaseStore(t, kind);
    if (!store) return;
    const report = await loadFixture(store);
    assert.deepEqual([report.read, report.loaded, report.rejected], [16, 14, 2]);
    const cases: [SafeguardingPeriod, Worked][] = [
      [YEAR, EXPECTED_YEAR],
      [Q1, EXPECTED_Q1],
    ];
    for (const [period, expected] of cases) {
      const figures = await everything(store, period);
      for (const f of figures) {
        const [numerator, denominator, value] = expected[f.id];
        assert.deepEqual([f.numerator, f.denominator], [numerator, denominator], `${f.id} ${period.end}`);
        assert.ok(
          Math.abs((f.value ?? NaN) - value) < 1e-9,
          `${f.id} ${period.end}: ${f.value} is not ${value}`,
        );
        assert.equal(f.numeratorRows.length, f.numerator, `${f.id}: the drill lists every row counted`);
        assert.equal(f.denominatorRows.length, f.denominator ?? 0, `${f.id}: the drill lists the population`);
      }
    }
  });

  test(`${kind}: drill-downs list pseudonymised people and concern references, oldest first`, async (t) => {
    const store = await openCaseStore(t, kind);
    if (!store) return;
    await loadFixture(store);
    const f = await safeguardingFigure(store, 'local-sg-decision-7-days', ['sub-sg-1'], YEAR);
    const counted = await f.drill('numerator');
    assert.deepEqual(refs(counted), ['C01', 'C03', 'C10', 'C05', 'C13', 'C11', 'C12', 'C09']);
    assert.deepEqual(refs(await f.drill('denominator')), [
      'C01',
      'C02',
      'C03',
      'C10',
      'C04',
      'C05',
      'C13',
      'C11',
      'C12',
      'C09',
      'C07',
    ]);
    const byRef = new Map(counted.map((r) => [r.concernReference, r]));
    // A and L are the same person by NHS number; K's NHS number is invalid, so its LA id stands in.
    assert.equal(byRef.get('C01')?.personPseudonym, pseudonymiser.nhsNumber(REPEAT_NHS));
    assert.equal(byRef.get('C12')?.personPseudonym, byRef.get('C01')?.personPseudonym);
    assert.equal(byRef.get('C11')?.personPseudonym, pseudonymiser.laPersonId(LA, 'P-K'));
    assert.deepEqual(byRef.get('C05'), {
      submissionId: 'sub-sg-1',
      rowNumber: 6,
      laCode: LA,
      personPseudonym: pseudonymiser.laPersonId(LA, 'P-E'),
      concernReference: 'C05',
      concernReceived: '2024-06-28',
      decisionDate: '2024-07-02',
      decision: 'other-enquiry',
      enquiryStart: '2024-07-02',
      enquiryEnd: '2024-07-20',
    });
    const counts = await safeguardingFigure(store, 'local-sg-s42-open-at-end', ['sub-sg-1'], YEAR);
    assert.deepEqual(refs(await counts.drill('numerator')), ['C14', 'C09']);
    assert.deepEqual(await counts.drill('denominator'), [], 'a count has no population to list');
  });

  test(`${kind}: no identifier reaches the store, and other submissions are not counted`, async (t) => {
    const store = await openCaseStore(t, kind);
    if (!store) return;
    await loadFixture(store);
    const stored = JSON.stringify(await store.all('SELECT * FROM sg_concerns'));
    for (const identifier of [REPEAT_NHS, 'P-A', 'P-K', '1234567890'])
      assert.ok(!stored.includes(identifier));
    const none = await safeguardingFigure(store, 'local-sg-msp-outcomes-met', ['another-submission'], YEAR);
    assert.deepEqual([none.numerator, none.denominator, none.value], [0, 0, null]);
    await assert.rejects(safeguardingFigures(store, [], YEAR), /at least one submission/);
    await assert.rejects(
      safeguardingFigures(store, ['sub-sg-1'], { start: '2025-01-01', end: '2024-01-01' }),
      /Not a period/,
    );
  });
}

test('DuckDB and PostgreSQL give identical figures and drill-downs', async (t) => {
  if (!requirePostgresUrl(t)) return;
  const results: FigureData[][][] = [];
  for (const kind of caseStoreKinds) {
    const store = await openCaseStore(t, kind);
    assert.ok(store);
    await loadFixture(store);
    results.push([await everything(store, YEAR), await everything(store, Q1)]);
  }
  assert.deepEqual(results[0], results[1]);
});

test('every definition is a valid local measure with SQL behind it', () => {
  for (const m of SAFEGUARDING_MEASURES) {
    const parsed = measureDefinitionSchema.safeParse(m);
    assert.ok(parsed.success, `${m.id}: ${parsed.error?.message}`);
    assert.ok(m.id in EXPECTED_YEAR);
  }
  assert.equal(new Set(SAFEGUARDING_MEASURES.map((m) => m.code)).size, SAFEGUARDING_MEASURES.length);
});
