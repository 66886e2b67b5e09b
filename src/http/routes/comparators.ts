import type { Hono } from 'hono';
import { ValidationError } from '../../services/actor.js';
import type { AppEnv } from '../context.js';
import { actorOf, param, route } from '../guard.js';
import { errorView, renderPage } from '../page.js';

/** One member per line: a council code, optionally followed by from and to dates. */
export function membersFromText(text: string, defaultFrom: string) {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [orgCode = '', validFrom, validTo] = line.split(/[\s,]+/);
      return { orgCode, validFrom: validFrom || defaultFrom, ...(validTo ? { validTo } : {}) };
    });
}

export function comparatorRoutes(app: Hono<AppEnv>): void {
  route(app, 'GET', '/comparator-groups', 'published:read', async (c) => {
    const { comparators, organisations } = c.get('services');
    const groups = await comparators.list();
    const name = (code: string | null) =>
      code ? (organisations.register.byCode.get(code)?.name ?? code) : '';
    return renderPage(c, 'comparators/list.njk', {
      title: 'Comparator groups',
      groups: groups.map((g) => ({ ...g, ownerName: name(g.ownerCode) })),
    });
  });

  route(app, 'GET', '/comparator-groups/new', 'comparators:write', (c) =>
    renderPage(c, 'comparators/new.njk', {
      title: 'Add a comparator group',
      values: { validFrom: '2017-04-01' },
      councils: c.get('services').organisations.councils(),
    }),
  );

  route(app, 'POST', '/comparator-groups', 'comparators:write', async (c) => {
    const body = await c.req.parseBody();
    const values = Object.fromEntries(
      Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : '']),
    );
    try {
      const group = await c.get('services').comparators.create(actorOf(c), {
        name: values.name ?? '',
        description: values.description ?? '',
        ownerCode: values.ownerCode || undefined,
        members: membersFromText(values.members ?? '', values.validFrom || '2017-04-01'),
      });
      return c.redirect(`/comparator-groups/${group.id}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const errors = err.fieldErrors.map((e) => ({ ...e, field: e.field.split('.')[0] ?? e.field }));
      return renderPage(
        c,
        'comparators/new.njk',
        {
          title: 'Add a comparator group',
          values,
          councils: c.get('services').organisations.councils(),
          ...errorView(errors),
        },
        400,
      );
    }
  });

  route(app, 'GET', '/comparator-groups/:id', 'published:read', async (c) => {
    const { comparators, organisations } = c.get('services');
    const group = await comparators.get(Number(param(c, 'id')));
    const members = group.members.map((m) => ({ ...m, org: organisations.register.byCode.get(m.orgCode) }));
    return renderPage(c, 'comparators/show.njk', { title: group.name, group, members });
  });
}
