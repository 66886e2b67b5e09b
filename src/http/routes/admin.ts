import type { Hono } from 'hono';
import { roleDescriptions, roles } from '../../domain/access.js';
import { ValidationError } from '../../services/actor.js';
import type { AppEnv } from '../context.js';
import { actorOf, param, route } from '../guard.js';
import { errorView, renderPage } from '../page.js';

const roleItems = (selected?: string) =>
  roles.map((r) => ({ value: r, text: r, hint: { text: roleDescriptions[r] }, checked: r === selected }));

export function adminRoutes(app: Hono<AppEnv>): void {
  route(app, 'GET', '/admin/users', 'users:manage', async (c) => {
    const users = await c.get('services').users.list();
    return renderPage(c, 'admin/users.njk', { title: 'Users', users, created: c.req.query('created') });
  });

  route(app, 'GET', '/admin/users/new', 'users:manage', (c) =>
    renderPage(c, 'admin/user-new.njk', { title: 'Add a user', roleItems: roleItems('viewer'), values: {} }),
  );

  route(app, 'POST', '/admin/users', 'users:manage', async (c) => {
    const body = await c.req.parseBody();
    const values = {
      email: String(body.email ?? ''),
      displayName: String(body.displayName ?? ''),
      role: String(body.role ?? ''),
      password: String(body.password ?? ''),
    };
    try {
      const user = await c.get('services').users.create(actorOf(c), values as never);
      return c.redirect(`/admin/users?created=${encodeURIComponent(user.email)}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderPage(
        c,
        'admin/user-new.njk',
        {
          title: 'Add a user',
          roleItems: roleItems(values.role),
          values: { ...values, password: '' },
          ...errorView(err.fieldErrors),
        },
        400,
      );
    }
  });

  route(app, 'POST', '/admin/users/:id', 'users:manage', async (c) => {
    const body = await c.req.parseBody();
    const id = Number(param(c, 'id'));
    const change: { role?: (typeof roles)[number]; disabled?: boolean } = {};
    if (typeof body.role === 'string' && body.role) change.role = body.role as (typeof roles)[number];
    if (body.disabled === 'true' || body.disabled === 'false') change.disabled = body.disabled === 'true';
    await c.get('services').users.update(actorOf(c), id, change);
    return c.redirect('/admin/users', 303);
  });

  route(app, 'GET', '/admin/audit', 'audit:read', async (c) => {
    const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
    const entityType = c.req.query('type') || undefined;
    const { entries, total } = await c
      .get('services')
      .audit.list({ entityType, limit: 50, offset: (page - 1) * 50 });
    return renderPage(c, 'admin/audit.njk', {
      title: 'Audit log',
      entries,
      total,
      page,
      pages: Math.max(1, Math.ceil(total / 50)),
      entityType,
    });
  });
}
