/**
 * Local measures and people for performance tests: a monthly percentage where higher is better (reablement
 * with no ongoing care, Manchester's indicator) and a monthly count where lower is better (the waiting list).
 */
import type { Role } from '../../src/domain/access.js';
import { systemActor, type Actor } from '../../src/services/actor.js';
import type { Services } from '../../src/services/index.js';

export const COUNCIL = 'E08000009';

export const reablement = {
  id: 'local-reablement-no-ongoing',
  code: 'L01',
  title: 'People leaving reablement with no ongoing care',
  shortTitle: 'Reablement: no ongoing care',
  description: 'Share of people finishing reablement who need no ongoing care afterwards.',
  unit: 'percent',
  multiplier: 100,
  decimals: 1,
  polarity: 'higher-is-better',
  source: 'Local',
  frequency: 'monthly',
  numerator: { definition: 'People leaving reablement in the month with no ongoing care' },
  denominator: { definition: 'People leaving reablement in the month' },
  validFrom: '2023-24',
  tags: ['reablement'],
} as const;

export const waitingList = {
  id: 'local-waiting-list',
  code: 'L02',
  title: 'People waiting for a Care Act assessment at month end',
  shortTitle: 'Waiting for assessment',
  description: 'How many people were waiting for an assessment on the last day of the month.',
  unit: 'count',
  multiplier: 1,
  decimals: 0,
  polarity: 'lower-is-better',
  source: 'Local',
  frequency: 'monthly',
  validFrom: '2023-24',
  tags: ['front-door'],
} as const;

export async function addLocalMeasures(s: Services): Promise<void> {
  for (const m of [reablement, waitingList]) await s.measures.createLocal(systemActor('test'), m);
}

/** A real user of a role (so approvals can tell people apart), as an actor. */
export async function person(s: Services, role: Role, name = role): Promise<Actor> {
  const u = await s.users.create(systemActor('test'), {
    email: `${name}@perf.example.org`,
    displayName: `Perf ${name}`,
    role,
    password: `${name}-perf-password`,
  });
  return { userId: u.id, label: u.email, role };
}

export const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\n') + '\n');
