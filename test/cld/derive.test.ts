/**
 * Golden tests of the CLD derivations: one small hand-built extract per rule, the expected figures
 * worked out by hand below, run on DuckDB and on PostgreSQL with identical results.
 */
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import type { CaseStoreKind } from '../../src/cld/engine/case-store.js';
import type { DeriveOptions } from '../../src/cld/derive/options.js';
import { deriveFigures, drill, type DerivedFigure } from '../../src/cld/derive/run.js';
import {
  LA,
  WHOLE_YEAR,
  YEAR,
  caseStoreKinds,
  loadRows,
  openCaseStore,
  row,
  type Person,
} from './support.js';

type Rows = ReturnType<typeof row>[];

/** Loads each submission's rows in order and derives the named measures for the year. */
async function derive(
  t: TestContext,
  kind: CaseStoreKind,
  submissions: Rows[],
  measureIds: string[],
  options: Partial<DeriveOptions> = {},
): Promise<Map<string, DerivedFigure> | undefined> {
  const store = await openCaseStore(t, kind);
  if (!store) return undefined;
  const ids = submissions.map((_, i) => `s${i + 1}`);
  for (const [i, rows] of submissions.entries()) await loadRows(t, store, ids[i] ?? '', rows);
  const figures = await deriveFigures(store, {
    inputs: { latest: ids[ids.length - 1] ?? '', history: ids },
    period: YEAR,
    options,
    measureIds,
    population: (band) => (band === '65+' ? 40_000 : 160_000),
  });
  return new Map(figures.map((f) => [`${f.measureId}|${f.disaggregation}`, f]));
}

const value = (figures: Map<string, DerivedFigure>, key: string) => figures.get(key)?.value ?? null;

const LT_COMMUNITY = 'Long Term Support: Community';
const LT_RESIDENTIAL = 'Long Term Support: Residential Care';
const LT_NURSING = 'Long Term Support: Nursing Care';
const ST_MAX = 'Short Term Support: ST-Max';
const service = (start: string, type = LT_COMMUNITY, extra: Partial<Parameters<typeof row>[1]> = {}) =>
  ({ type: 'Service', start, service: type, mechanism: 'CASSR Commissioned Support', ...extra }) as const;

for (const kind of caseStoreKinds) {
  describe(`CLD derivations on ${kind}`, () => {
    test('identity rule: an LA id seen with an NHS number elsewhere is left out', async (t) => {
      const a: Person = { nhs: 1, la: 'L1' };
      const rows = [
        row(a, service('2023-01-01'), WHOLE_YEAR),
        // L1 without an NHS number: cannot be told apart from person 1, so excluded.
        row({ nhs: null, la: 'L1' }, service('2023-02-01', LT_RESIDENTIAL), WHOLE_YEAR),
        // L2 appears nowhere with an NHS number: counted under its LA id.
        row({ nhs: null, la: 'L2' }, service('2023-03-01'), WHOLE_YEAR),
        // L3 has an NHS number only on a carer's row, outside the long-term cohort.
        row({ nhs: null, la: 'L3' }, service('2023-03-01'), WHOLE_YEAR),
        row(
          { nhs: 3, la: 'L3', client: 'Carer' },
          { type: 'Assessment', start: '2023-05-01', end: '2023-05-02', outcome: 'NFA - Other' },
          WHOLE_YEAR,
        ),
      ];
      const byMeasure = await derive(t, kind, [rows], ['cld-LTS001b']);
      if (!byMeasure) return;
      // Person 1 (community, the residential row is excluded), L2 and L3: three people.
      assert.equal(value(byMeasure, 'cld-LTS001b|Total'), 3);
      assert.equal(value(byMeasure, 'cld-LTS001b|setting=Residential care'), null);
      const wide = await derive(t, kind, [rows], ['cld-LTS001b'], { identityScope: 'submission' });
      // Across the whole submission L3 is known with an NHS number, so its service row drops out.
      assert.equal(wide && value(wide, 'cld-LTS001b|Total'), 2);
    });

    test('latest submission wins and restated events replace earlier versions', async (t) => {
      const q1 = { start: '2023-04-01', end: '2023-06-30' };
      const first = [row({ nhs: 1 }, service('2022-05-01'), q1), row({ nhs: 2 }, service('2022-05-01'), q1)];
      // The year-end submission restates person 2's service as ended in November.
      const yearEnd = [
        row({ nhs: 1 }, service('2022-05-01'), WHOLE_YEAR),
        row(
          { nhs: 2 },
          service('2022-05-01', LT_COMMUNITY, { end: '2023-11-30', outcome: 'NFA - Deceased' }),
          WHOLE_YEAR,
        ),
      ];
      const figures = await derive(t, kind, [first, yearEnd], ['cld-LTS001a', 'cld-LTS001b']);
      if (!figures) return;
      assert.equal(value(figures, 'cld-LTS001a|Total'), 2);
      assert.equal(value(figures, 'cld-LTS001b|Total'), 1);
    });

    test('requests within 4 days of each other are one request; new clients only', async (t) => {
      const rows = [
        // Person 1: 3-4 April and 8 April cluster (4 days after the first ends); 20 April is a new request.
        row(
          { nhs: 1 },
          {
            type: 'Request',
            start: '2023-04-03',
            end: '2023-04-04',
            outcome: 'NFA - Information & Advice / Signposting only',
          },
          WHOLE_YEAR,
        ),
        row(
          { nhs: 1 },
          {
            type: 'Request',
            start: '2023-04-08',
            end: '2023-04-08',
            outcome: 'NFA - Information & Advice / Signposting only',
          },
          WHOLE_YEAR,
        ),
        row(
          { nhs: 1 },
          { type: 'Request', start: '2023-04-20', end: '2023-04-20', outcome: 'NFA - Support declined' },
          WHOLE_YEAR,
        ),
        // Person 2 asks while already in long-term support: not a new client.
        row({ nhs: 2 }, service('2022-01-01'), WHOLE_YEAR),
        row(
          { nhs: 2 },
          { type: 'Request', start: '2023-06-01', end: '2023-06-01', outcome: 'NFA - Other' },
          WHOLE_YEAR,
        ),
        // Person 3's request is still open at the year end: out of scope.
        row({ nhs: 3 }, { type: 'Request', start: '2024-03-30' }, WHOLE_YEAR),
      ];
      const figures = await derive(t, kind, [rows], ['cld-STS001']);
      if (!figures) return;
      assert.equal(value(figures, 'cld-STS001|Total'), 2);
      assert.equal(value(figures, 'cld-STS001|sequel=Universal Services / Signposted to other services'), 1);
      assert.equal(value(figures, 'cld-STS001|sequel=No Services Provided - other reason'), 1);
    });

    test('sequel precedence: service, then NFA outcome of a follow-on event, else the request outcome', async (t) => {
      const request = (start: string) =>
        ({ type: 'Request', start, end: start, outcome: 'Progress to Assessment' }) as const;
      const rows = [
        // 1: a long-term community service starts 10 days later.
        row({ nhs: 1 }, request('2023-05-01'), WHOLE_YEAR),
        row({ nhs: 1 }, service('2023-05-11'), WHOLE_YEAR),
        // 2: an assessment ending in NFA - Deceased.
        row({ nhs: 2 }, request('2023-05-01'), WHOLE_YEAR),
        row(
          { nhs: 2 },
          { type: 'Assessment', start: '2023-05-03', end: '2023-05-10', outcome: 'NFA - Deceased' },
          WHOLE_YEAR,
        ),
        // 3: an assessment with no usable outcome: the request's own (unclassifiable) outcome stands.
        row({ nhs: 3 }, request('2023-05-01'), WHOLE_YEAR),
        row(
          { nhs: 3 },
          {
            type: 'Assessment',
            start: '2023-05-03',
            end: '2023-05-10',
            outcome: 'Progress to Support Planning / Services',
          },
          WHOLE_YEAR,
        ),
        // 4: the first follow-on event is 40 days later: out of scope, own outcome.
        row({ nhs: 4 }, request('2023-05-01'), WHOLE_YEAR),
        row({ nhs: 4 }, service('2023-06-10', LT_NURSING), WHOLE_YEAR),
        // 5: reablement then, within 3 days, nursing care: the hierarchy picks nursing.
        row({ nhs: 5 }, request('2023-05-01'), WHOLE_YEAR),
        row(
          { nhs: 5 },
          service('2023-05-02', ST_MAX, {
            end: '2023-05-20',
            outcome: 'Progress to Support Planning / Services',
          }),
          WHOLE_YEAR,
        ),
        row({ nhs: 5 }, service('2023-05-22', LT_NURSING), WHOLE_YEAR),
      ];
      const figures = await derive(t, kind, [rows], ['cld-STS001']);
      if (!figures) return;
      assert.equal(value(figures, 'cld-STS001|Total'), 5);
      assert.equal(value(figures, 'cld-STS001|sequel=Long Term Support Community'), 1);
      assert.equal(value(figures, 'cld-STS001|sequel=No Services Provided - Deceased'), 1);
      assert.equal(value(figures, 'cld-STS001|sequel=Unable to classify'), 2);
      assert.equal(value(figures, 'cld-STS001|sequel=Long Term Support Nursing Care'), 1);
      const first = await derive(t, kind, [rows], ['cld-STS001'], { sequelService: 'first' });
      assert.equal(first && value(first, 'cld-STS001|sequel=Short Term Support to Maximise Independence'), 1);
    });

    test('setting hierarchy, year-end versus in-year, and age at the period end', async (t) => {
      const rows = [
        // 1: community (direct payment) and residential at once: residential. Born March 1959: 65 at year end.
        row(
          { nhs: 1, birth: '1959-03-20' },
          service('2023-01-01', LT_COMMUNITY, { mechanism: 'Direct Payment' }),
          WHOLE_YEAR,
        ),
        row({ nhs: 1, birth: '1959-03-20' }, service('2023-09-01', LT_RESIDENTIAL), WHOLE_YEAR),
        // 2: born April 1959: still 64 on 31 March 2024. Service ended in October: in-year only.
        row(
          { nhs: 2, birth: '1959-04-02' },
          service('2022-01-01', LT_COMMUNITY, { end: '2023-10-31', outcome: 'NFA - Moved to another LA' }),
          WHOLE_YEAR,
        ),
        // 3: direct payment in the community, open.
        row(
          { nhs: 3, birth: '1950-01-01' },
          service('2023-06-01', LT_COMMUNITY, { mechanism: 'Direct Payment' }),
          WHOLE_YEAR,
        ),
      ];
      const figures = await derive(t, kind, [rows], ['cld-LTS001a', 'cld-LTS001b', 'ascof23-3D2A']);
      if (!figures) return;
      assert.equal(value(figures, 'cld-LTS001a|Total'), 3);
      assert.equal(value(figures, 'cld-LTS001b|Total'), 2);
      assert.equal(value(figures, 'cld-LTS001a|setting=Residential care'), 1);
      assert.equal(value(figures, 'cld-LTS001a|age_band=18-64'), 1);
      assert.equal(value(figures, 'cld-LTS001a|age_band=65+'), 2);
      // 3D2A: community as the final setting: persons 2 (commissioned) and 3 (direct payment): 1 of 2.
      assert.equal(value(figures, 'ascof23-3D2A|Total'), 50);
    });

    test('LTS001c: continuous support chained across services for over 12 months', async (t) => {
      const rows = [
        // 1: one service to June 2023, the next from 1 July: continuous since 2022.
        row(
          { nhs: 1 },
          service('2022-01-01', LT_COMMUNITY, {
            end: '2023-06-30',
            outcome: 'Progress to Support Planning / Services',
          }),
          WHOLE_YEAR,
        ),
        row({ nhs: 1 }, service('2023-07-01', LT_RESIDENTIAL), WHOLE_YEAR),
        // 2: a gap of a month in 2023: the span at year end began in September 2023.
        row(
          { nhs: 2 },
          service('2022-01-01', LT_COMMUNITY, { end: '2023-07-31', outcome: 'NFA - Other' }),
          WHOLE_YEAR,
        ),
        row({ nhs: 2 }, service('2023-09-01'), WHOLE_YEAR),
        // 3: began exactly on the cutoff, 31 March 2023.
        row({ nhs: 3 }, service('2023-03-31'), WHOLE_YEAR),
      ];
      const figures = await derive(t, kind, [rows], ['cld-LTS001c']);
      if (!figures) return;
      assert.equal(value(figures, 'cld-LTS001c|Total'), 2);
      const strict = await derive(t, kind, [rows], ['cld-LTS001c'], { longTermCutoff: 'before' });
      assert.equal(strict && value(strict, 'cld-LTS001c|Total'), 1);
    });

    test('weekly cost normalisation and the share spent on care homes', async (t) => {
      const rows = [
        // £520 a month is £120 a week (12/52).
        row(
          { nhs: 1 },
          service('2023-01-01', LT_COMMUNITY, {
            mechanism: 'Direct Payment',
            cost: '520.00',
            frequency: 'Monthly',
          }),
          WHOLE_YEAR,
        ),
        // £20 an hour for 10 hours a week is £200.
        row(
          { nhs: 2 },
          service('2023-01-01', LT_COMMUNITY, {
            mechanism: 'CASSR Managed Personal Budget',
            cost: '20',
            frequency: 'Hourly',
            units: '10',
          }),
          WHOLE_YEAR,
        ),
        // £880 a week in a care home.
        row(
          { nhs: 3 },
          service('2023-01-01', LT_RESIDENTIAL, {
            mechanism: 'CASSR Managed Personal Budget',
            cost: '880',
            frequency: 'Weekly',
          }),
          WHOLE_YEAR,
        ),
        // A one-off cost is not a weekly cost.
        row(
          { nhs: 4 },
          service('2023-01-01', LT_COMMUNITY, {
            mechanism: 'Direct Payment',
            cost: '300',
            frequency: 'One-off',
          }),
          WHOLE_YEAR,
        ),
      ];
      const figures = await derive(
        t,
        kind,
        [rows],
        ['cld-COST-WEEKLY', 'cld-COST-AVERAGE', 'cld-COST-CARE-HOME-SHARE'],
      );
      if (!figures) return;
      assert.equal(value(figures, 'cld-COST-WEEKLY|Total'), 1200);
      assert.equal(value(figures, 'cld-COST-AVERAGE|Total'), 400);
      assert.equal(value(figures, 'cld-COST-CARE-HOME-SHARE|Total'), 73.3333);
    });

    test('reablement for new clients: STS002a sequels and ASCOF 2A', async (t) => {
      const reablement = (start: string, end: string) =>
        service(start, ST_MAX, {
          end,
          outcome: 'NFA - Support ended: Other reason',
          component: 'Reablement',
        });
      const request = (start: string) =>
        ({ type: 'Request', start, end: start, outcome: 'Progress to Reablement/ST-Max' }) as const;
      const rows = [
        // 1: reablement, then ongoing low-level support 2 days later: numerator and denominator.
        row({ nhs: 1 }, request('2023-05-01'), WHOLE_YEAR),
        row({ nhs: 1 }, reablement('2023-05-02', '2023-06-01'), WHOLE_YEAR),
        row(
          { nhs: 1 },
          service('2023-06-03', 'Short Term Support: Ongoing Low Level', {
            end: '2023-07-01',
            outcome: 'NFA - Other',
          }),
          WHOLE_YEAR,
        ),
        // 2: reablement with nothing after it: its own outcome, no services (other): both.
        row({ nhs: 2 }, request('2023-05-01'), WHOLE_YEAR),
        row({ nhs: 2 }, reablement('2023-05-02', '2023-06-01'), WHOLE_YEAR),
        // 3: reablement then long-term support: the denominator only.
        row({ nhs: 3 }, request('2023-08-01'), WHOLE_YEAR),
        row({ nhs: 3 }, reablement('2023-08-01', '2023-09-01'), WHOLE_YEAR),
        row({ nhs: 3 }, service('2023-09-02'), WHOLE_YEAR),
      ];
      const figures = await derive(t, kind, [rows], ['cld-STS002a', 'ascof23-2A'], {
        sequelService: 'first',
      });
      if (!figures) return;
      assert.equal(value(figures, 'cld-STS002a|Total'), 3);
      assert.equal(value(figures, 'cld-STS002a|sequel=Long Term Support (any setting)'), 1);
      assert.equal(figures.get('ascof23-2A|Total')?.numerator, 2);
      assert.equal(figures.get('ascof23-2A|Total')?.denominator, 3);
    });

    test('carers: LTS003 counts every carer; 3D carers only those with support direct to them', async (t) => {
      const carer: Person = { nhs: 1, client: 'Carer' };
      const rows = [
        row(
          carer,
          service('2023-05-01', 'Carer Support: Direct to Carer', { mechanism: 'Direct Payment' }),
          WHOLE_YEAR,
        ),
        // Assessed only: no direct support, counted in LTS003 but outside the 3D denominator.
        row(
          { nhs: 2, client: 'Carer' },
          { type: 'Assessment', start: '2023-06-01', end: '2023-06-02', outcome: 'NFA - Other' },
          WHOLE_YEAR,
        ),
      ];
      const figures = await derive(t, kind, [rows], ['cld-LTS003', 'ascof23-3D2B']);
      if (!figures) return;
      assert.equal(value(figures, 'cld-LTS003|Total'), 2);
      assert.equal(figures.get('ascof23-3D2B|Total')?.numerator, 1);
      assert.equal(figures.get('ascof23-3D2B|Total')?.denominator, 1);
    });

    test('2E: the status of the latest event decides, a known value over unknown on that day', async (t) => {
      const settled = 'Owner occupier or shared ownership scheme';
      const rows = [
        // 1: settled earlier, unknown on the latest event: unknown, so not in the numerator.
        row(
          { nhs: 1, accommodation: settled },
          service('2022-01-01', LT_COMMUNITY, { end: '2023-05-31', outcome: 'NFA - Other' }),
          WHOLE_YEAR,
        ),
        row({ nhs: 1, accommodation: 'Unknown' }, service('2023-06-01'), WHOLE_YEAR),
        // 2: two events on the latest day, one unknown and one settled: settled.
        row({ nhs: 2, accommodation: 'Unknown' }, service('2023-06-01'), WHOLE_YEAR),
        row(
          { nhs: 2, accommodation: settled },
          service('2023-06-01', LT_COMMUNITY, { mechanism: 'Direct Payment' }),
          WHOLE_YEAR,
        ),
        // 3: registered care home: unsettled.
        row(
          { nhs: 3, accommodation: 'Registered care home' },
          service('2023-06-01', LT_RESIDENTIAL),
          WHOLE_YEAR,
        ),
      ];
      const figures = await derive(t, kind, [rows], ['ascof23-2E']);
      if (!figures) return;
      assert.equal(figures.get('ascof23-2E|Total')?.numerator, 1);
      assert.equal(figures.get('ascof23-2E|Total')?.denominator, 3);
    });

    test('drill-down lists the people behind a figure', async (t) => {
      const store = await openCaseStore(t, kind);
      if (!store) return;
      await loadRows(t, store, 's1', [
        row({ nhs: 1 }, service('2023-01-01', LT_RESIDENTIAL), WHOLE_YEAR),
        row({ nhs: 2 }, service('2023-01-01'), WHOLE_YEAR),
      ]);
      const request = {
        inputs: { latest: 's1', history: ['s1'] },
        period: YEAR,
        measureId: 'cld-LTS001b',
      } as const;
      const all = await drill(store, { ...request, disaggregation: 'Total', part: 'denominator' });
      assert.equal(all.total, 2);
      const homes = await drill(store, {
        ...request,
        disaggregation: 'setting=Residential care',
        part: 'denominator',
      });
      assert.deepEqual(
        homes.rows.map((r) => [r.rowNumber, r.serviceType]),
        [[2, 'long-term-residential']],
      );
      assert.match(homes.rows[0]?.personId ?? '', /^N[A-Za-z0-9_-]{22}$/);
      assert.equal(LA.length, 9);
    });
  });
}
