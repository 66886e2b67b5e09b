import type { TestContext } from 'node:test';
import { roles, type Role } from '../../src/domain/access.js';
import { createApp } from '../../src/http/app.js';
import { systemActor } from '../../src/services/actor.js';
import { openTestServices, testConfig, type StoreKind } from './services.js';

export const passwordFor = (role: Role) => `${role}-test-password`;

/** The app over fresh services, with one user of each role; requests go in-process (no server). */
export async function openTestApp(t: TestContext, kind: StoreKind = 'pglite') {
  const services = await openTestServices(t, kind);
  if (!services) return undefined;
  for (const role of roles) {
    await services.users.create(systemActor('test'), {
      email: `${role}@example.org`,
      displayName: `Test ${role}`,
      role,
      password: passwordFor(role),
    });
  }
  const app = createApp(services, testConfig());
  return { app, services };
}

export type TestApp = NonNullable<Awaited<ReturnType<typeof openTestApp>>>;

/** Signs in through the real form and returns the cookie and the session's CSRF token. */
export async function signIn(app: TestApp['app'], role: Role): Promise<{ cookie: string; csrf: string }> {
  const res = await app.request('/sign-in', {
    method: 'POST',
    body: new URLSearchParams({ email: `${role}@example.org`, password: passwordFor(role) }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (res.status !== 303 || !cookie) throw new Error(`sign-in as ${role} failed: ${res.status}`);
  const home = await (await app.request('/', { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home)?.[1] ?? '';
  return { cookie, csrf };
}
