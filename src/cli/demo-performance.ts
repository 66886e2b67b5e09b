/**
 * The demo council's performance framework: its local measures and their validation rules, three and a half
 * years of monthly values entered the way a performance team does it (uploaded by the analyst, approved by
 * the manager, with October's still waiting for approval), a performance plan modelled on Manchester's
 * appendix with targets, and commentary. Values are illustrative, generated from a fixed seed, and safe to
 * load again: nothing changes the second time.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { canonicalJson } from '../domain/canonical.js';
import { measureFileSchema } from '../domain/measure.js';
import { month, quarter } from '../domain/period.js';
import type { ValueRulesInput } from '../domain/values/rules.js';
import { paths } from '../paths.js';
import { systemActor, type Actor } from '../services/actor.js';
import type { Services } from '../services/index.js';

export const DEMO_COUNCIL = 'E08000009';

const rules: Record<string, ValueRulesInput> = {
  'local-reablement-no-ongoing': { maxChange: 8, changeAction: 'warn' },
  'local-waiting-list': { min: 0, max: 5000, maxChangePercent: 20 },
  'local-dtoc-bed-days': { max: 15 },
  'local-homecare-hours': { min: 5000, max: 40000, maxChangePercent: 10 },
};

/** A small seeded generator, so the demo's values are the same on every start. */
function noise(seed: number) {
  let s = seed >>> 0;
  return (size: number) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return ((s / 2 ** 32) * 2 - 1) * size;
  };
}

/** Months from April 2023 to September 2026, oldest first. */
const months = Array.from({ length: 42 }, (_, i) =>
  month(2023 + Math.floor((i + 3) / 12), ((i + 3) % 12) + 1),
);

/** Each monthly measure's story: i counts months from April 2023. */
const monthly: Record<string, (i: number, n: (size: number) => number) => number> = {
  // Flat near 49% until the new reablement model in October 2025, then a sustained rise.
  'local-reablement-no-ongoing': (i, n) => (i < 30 ? 49 : 55) + n(1.6),
  // Rising through 2024-25, then falling month on month after the duty team was rebuilt.
  'local-waiting-list': (i, n) =>
    (i < 12 ? 900 : i < 24 ? 900 + (i - 12) * 14 : i < 35 ? 1060 : 1060 - (i - 34) * 28) + n(25),
  // Steady: common cause variation around 14,600 hours a week.
  'local-homecare-hours': (_i, n) => 14_600 + n(180),
  // Slowly easing from about 3.2% of bed days.
  'local-dtoc-bed-days': (i, n) => 3.25 - i * 0.012 + n(0.25),
  // Climbing towards the 70% floor of the target range.
  'local-reviews-12m': (i, n) => 60 + i * 0.18 + n(1.2),
};

function round(v: number, decimals: number) {
  return v.toFixed(decimals);
}

/** The values file an analyst would upload: months, quarters and years, as the measures are reported. */
export function demoValuesCsv(): string {
  const rows = [['Measure', 'Period', 'Value', 'Numerator', 'Denominator', 'Note']];
  let seed = 11;
  for (const [id, story] of Object.entries(monthly)) {
    const n = noise(seed++);
    const decimals = id === 'local-waiting-list' || id === 'local-homecare-hours' ? 0 : 1;
    months.forEach((m, i) => rows.push([id, m.label, round(story(i, n), decimals), '', '', '']));
  }
  // Council-run services rated good or outstanding, a quarter at a time (too few points for SPC: RAG only).
  const cqc = [70.0, 70.0, 71.4, 71.4, 72.3, 72.3, 73.9, 75.0, 75.0, 76.2, 77.8, 77.8, 79.0, 79.0];
  cqc.forEach((v, i) =>
    rows.push([
      'local-cqc-good-outstanding',
      quarter(2023 + Math.floor(i / 4), ((i % 4) + 1) as 1 | 2 | 3 | 4).label,
      v.toFixed(1),
      '',
      '',
      '',
    ]),
  );
  for (const [year, v] of [
    ['2023-24', 1320],
    ['2024-25', 1380],
    ['2025-26', 1430],
  ] as const)
    rows.push(['local-reablement-people', year, String(v), '', '', '']);
  return rows.map((r) => r.join(',')).join('\n') + '\n';
}

/** October 2026, entered but still waiting for the manager's approval. */
const pendingCsv =
  'Measure,Period,Value,Note\n' +
  'local-reablement-no-ongoing,2026-10,56.2,From the reablement service report\n' +
  'local-waiting-list,2026-10,812,\n';

async function actorFor(services: Services, email: string): Promise<Actor> {
  const u = await services.users.findByEmail(email);
  return u ? { userId: u.id, label: u.email, role: u.role } : systemActor('demo loader');
}

const commentary = [
  {
    measureId: 'local-reablement-no-ongoing',
    period: '2026-09',
    happening:
      'More people are leaving reablement without needing ongoing care: twelve months above the old average.',
    why: 'The new reablement model, with therapists leading each plan, started in October 2025.',
    action:
      'Extending the model to the north locality from January and tracking repeat referrals within 91 days.',
  },
  {
    measureId: 'local-waiting-list',
    period: '2026-09',
    happening: 'The waiting list has fallen every month since April.',
    why: 'The duty team was rebuilt and screening moved to the front door, so fewer people wait for a full assessment.',
    action: 'Keeping weekly oversight of anyone waiting more than 28 days until the list is below 800.',
  },
  {
    measureId: 'local-dtoc-bed-days',
    period: '2026-09',
    happening: 'Delays are easing slowly but remain above the 2.5% target.',
    why: 'Home care capacity in the south of the borough is still short at weekends.',
    action: 'A discharge-to-assess pilot with the hospital trust begins next month.',
  },
  {
    measureId: 'local-sg-s42-concluded-28-days',
    period: 'Q4 2024-25',
    happening:
      'Three in four enquiries were concluded within 28 days, up from seven in ten the quarter before.',
    why: 'A senior practitioner has reviewed every enquiry open for 21 days since January.',
    action: 'Keeping the 21-day review and adding a weekly check of enquiries about care homes.',
  },
];

export async function loadDemoPerformance(services: Services, log: (line: string) => void): Promise<void> {
  const loader = systemActor('demo loader');
  const dir = path.join(paths.demo, 'performance');
  const file = measureFileSchema.parse(
    YAML.parse(await fs.readFile(path.join(dir, 'local-measures.yaml'), 'utf8')),
  );
  const known = new Set((await services.measures.all()).map((m) => m.id));
  for (const m of file.measures) if (!known.has(m.id)) await services.measures.createLocal(loader, m);
  for (const [id, r] of Object.entries(rules)) {
    const current = await services.values.rules(id);
    if (!current || canonicalJson(current) !== canonicalJson({ ...current, ...r }))
      await services.values.setRules(loader, id, r);
  }

  const analyst = await actorFor(services, 'analyst@demo.example');
  const manager = await actorFor(services, 'manager@demo.example');
  const upload = await services.values.upload(analyst, DEMO_COUNCIL, {
    fileName: 'trafford-local-values-2023-04-to-2026-09.csv',
    bytes: Buffer.from(demoValuesCsv()),
  });
  if (upload.outcome === 'drafted') {
    await services.values.submit(analyst, upload.batchId!);
    await services.values.approve(manager, upload.batchId!, 'Checked against the service returns');
    log(`Demo local values: ${upload.rowsLoaded} values approved and published.`);
  } else if (upload.outcome === 'failed')
    log(
      `Demo local values not loaded: ${[...upload.fileErrors, ...upload.rejections.map((r) => `row ${r.row}: ${r.reason}`)].join('; ')}`,
    );
  const pending = await services.values.upload(analyst, DEMO_COUNCIL, {
    fileName: 'trafford-local-values-2026-10.csv',
    bytes: Buffer.from(pendingCsv),
  });
  if (pending.outcome === 'drafted') await services.values.submit(analyst, pending.batchId!);

  const plan = YAML.parse(await fs.readFile(path.join(dir, 'plan-trafford.yaml'), 'utf8')) as unknown;
  const loaded = await services.plans.importFile(manager, DEMO_COUNCIL, plan);
  log(`Demo performance plan: version ${loaded.plan.version}, ${loaded.targetsSet} targets set.`);

  // The new reablement model from October 2025 changed the process: its chart gets limits of its own.
  const phases = await services.spc.phaseStarts(DEMO_COUNCIL);
  if (!phases.get('local-reablement-no-ongoing')?.length)
    await services.spc.add(
      analyst,
      DEMO_COUNCIL,
      'local-reablement-no-ongoing',
      '2025-10',
      'new reablement model',
    );

  const editor = await actorFor(services, 'editor@demo.example');
  for (const c of commentary) {
    if (await services.commentary.current(DEMO_COUNCIL, c.measureId, c.period)) continue;
    await services.commentary.save(editor, DEMO_COUNCIL, c.measureId, c.period, c);
  }
}
