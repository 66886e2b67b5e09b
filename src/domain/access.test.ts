import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, permissions, roles } from './access.js';

test('the permission matrix: who maintains plans and who may read exempt risks', () => {
  const holders = (p: (typeof permissions)[number]) => roles.filter((r) => can(r, p));
  assert.deepEqual(holders('plans:write'), ['admin', 'manager', 'editor']);
  assert.deepEqual(holders('values:approve'), ['admin', 'manager']);
  assert.deepEqual(
    holders('risks:exempt'),
    ['admin', 'manager', 'editor'],
    'councillors and analysts never see exempt risks',
  );
  assert.deepEqual(holders('published:read'), [...roles]);
  for (const p of permissions) assert.ok(can('admin', p), `admin holds ${p}`);
});
