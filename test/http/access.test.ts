import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, roles } from '../../src/domain/access.js';
import { routeRules } from '../../src/http/guard.js';
import { openTestApp, signIn } from '../support/http.js';

const sample = (path: string) => path.replace(':id', '1').replace(':code', 'E08000009');
const skipped = new Set(['POST /sign-out', 'POST /sign-in']);

test('every route, for every role and for nobody, allows exactly what the permission matrix says', async (t) => {
  const ctx = await openTestApp(t);
  if (!ctx) return;
  const { app } = ctx;
  const rules = routeRules.filter((r) => !skipped.has(`${r.method} ${r.path}`));
  assert.ok(rules.length >= 35, `expected the whole route table, found ${rules.length}`);
  const checked: string[] = [];
  for (const role of [undefined, ...roles]) {
    const session = role ? await signIn(app, role) : undefined;
    for (const rule of rules) {
      const headers: Record<string, string> = {};
      if (session) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
      const init: RequestInit = { method: rule.method, headers };
      if (rule.method !== 'GET') {
        headers['content-type'] = 'application/json';
        init.body = '{}';
      }
      const res = await app.request(sample(rule.path), init);
      const label = `${role ?? 'anonymous'} ${rule.method} ${rule.path} → ${res.status}`;
      const allowed =
        rule.access === 'public' ||
        (role !== undefined && (rule.access === 'signed-in' || can(role, rule.access)));
      if (allowed) {
        assert.ok(![401, 403].includes(res.status), `${label} should be allowed`);
        assert.ok(
          !(res.status === 303 && res.headers.get('location')?.startsWith('/sign-in')),
          `${label} should not ask to sign in`,
        );
      } else if (role === undefined) {
        const toSignIn = res.status === 303 && res.headers.get('location')?.startsWith('/sign-in');
        assert.ok(res.status === 401 || toSignIn, `${label} should require sign-in`);
      } else {
        assert.equal(res.status, 403, `${label} should be forbidden`);
      }
      checked.push(label);
    }
  }
  assert.equal(checked.length, rules.length * (roles.length + 1));
});
