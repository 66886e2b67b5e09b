/**
 * npm run bench:benchmarking — the budgets of the benchmarking issue, measured (not asserted):
 * every benchmark for all measures × councils × years of the shipped data (< 1 s), one profile as PDF
 * with a warm browser (< 5 s), the 23-council North West pack as PDF (< 60 s).
 */
import fs from 'node:fs';
import { benchmarkAll, ENGLAND } from '../src/domain/benchmark/engine.js';
import { loadConfig } from '../src/config.js';
import { systemActor } from '../src/services/actor.js';
import { createServices } from '../src/services/index.js';
import { comparatorPeerGroup } from '../src/services/benchmarking.js';
import { openStore } from '../src/store/open.js';
import { report, time } from './support.js';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const actor = systemActor('bench');
const db = await openStore({});
const services = await createServices(db, { ...loadConfig({}), dataDir: '' });
await services.syncReferenceData();
await services.imports.importAscof(
  actor,
  'national.csv',
  fs.readFileSync(new URL('../demo/ascof-council-outcomes-2017-18-to-2021-22.csv', import.meta.url)),
);
const data = await services.benchmarking.dataset();
const councils = services.organisations
  .all()
  .filter((o) => o.kind === 'council' && o.regionCode && o.councilTypeCode)
  .map((o) => ({
    code: o.code,
    region: { code: o.regionCode!, name: '' },
    councilType: { code: o.councilTypeCode!, name: '' },
  }));
const everyCouncil = councils.map((c) => c.code);
const group = await services.comparators.create(actor, {
  name: 'Bench group',
  members: everyCouncil.slice(0, 15).map((orgCode) => ({ orgCode, validFrom: '2017-04-01' })),
});
const base = {
  measures: data.measures,
  figures: data.figures,
  councils,
  england: ENGLAND,
  published: data.published,
};
console.log(
  `${data.figures.length} council figures, ${data.measures.length} measures, ${councils.length} councils, ${new Set(data.figures.map((f) => f.period)).size} years`,
);

const timings = [
  await time('all benchmarks, no comparator groups', runs * 2, () => benchmarkAll(base), 1000),
  await time(
    'all benchmarks, a 15-council group for every council',
    runs * 2,
    () =>
      benchmarkAll({
        ...base,
        comparatorGroup: (_c, period) => comparatorPeerGroup(services.comparators, group, period),
      }),
    1000,
  ),
];
await services.reports.render(await services.reports.profileInputs(actor, 'E08000009', '2021-22'), 'pdf'); // warm the browser
timings.push(
  await time(
    'one profile as PDF (Trafford 2021-22, warm browser)',
    runs,
    async () =>
      services.reports.render(await services.reports.profileInputs(actor, 'E08000009', '2021-22'), 'pdf'),
    5000,
  ),
  await time(
    'North West pack as PDF (23 councils, 2021-22)',
    Math.max(1, Math.ceil(runs / 2)),
    async () =>
      services.reports.render(await services.reports.packInputs(actor, 'E12000002', '2021-22'), 'pdf'),
    60000,
  ),
  await time('North West pack as Word (23 councils, 2021-22)', Math.max(1, Math.ceil(runs / 2)), async () =>
    services.reports.render(await services.reports.packInputs(actor, 'E12000002', '2021-22'), 'docx'),
  ),
);
report(
  'Benchmarking and reports (medians; the machine is shared, read ratios rather than absolutes)',
  timings,
);
await services.close();
await db.close();
