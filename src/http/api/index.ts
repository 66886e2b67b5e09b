import type { Context, Hono } from 'hono';
import { statementText } from '../../domain/statements/statements.js';
import { profileStatements } from '../../reports/profiles/profile.js';
import type { AppEnv } from '../context.js';
import { actorOf, param, route, type Handler } from '../guard.js';
import { cldOperations } from './cld.js';
import { planOperations } from './plans.js';
import { performanceOperations } from './performance.js';
import { openApiDocument, type Operation } from './openapi.js';

const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

async function json(c: Context<AppEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}

/** Every API operation: registered as a route and described in the OpenAPI document from one list. */
export function apiRoutes(app: Hono<AppEnv>): void {
  const operations: Operation[] = [];
  const op = (spec: Operation, handler: Handler) => {
    operations.push(spec);
    route(app, spec.method, spec.path, spec.access, handler);
  };

  op({ method: 'GET', path: '/api/v1/me', access: 'signed-in', summary: 'The signed-in user' }, (c) =>
    c.json(c.get('user')),
  );

  op(
    { method: 'GET', path: '/api/v1/measures', access: 'published:read', summary: 'The measure catalogue' },
    async (c) => c.json(await c.get('services').measures.all()),
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/measures/:id',
      access: 'published:read',
      summary: 'One measure definition',
    },
    async (c) => c.json(await c.get('services').measures.get(param(c, 'id'))),
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/measures',
      access: 'measures:write',
      summary: 'Add a local measure',
      body: 'MeasureDefinition',
    },
    async (c) => c.json(await c.get('services').measures.createLocal(actorOf(c), await json(c)), 201),
  );

  op(
    {
      method: 'GET',
      path: '/api/v1/organisations',
      access: 'published:read',
      summary: 'The organisation register',
    },
    (c) => c.json(c.get('services').organisations.all()),
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/organisations/:code',
      access: 'published:read',
      summary: 'One organisation',
    },
    (c) => c.json(c.get('services').organisations.get(param(c, 'code'))),
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/organisations/:code/benchmarks',
      access: 'published:read',
      summary:
        "A council's benchmarks for a year: aggregates, ranks with N, quartiles, significance and direction per measure",
      query: [
        { name: 'year', description: 'Financial year such as 2021-22 (default: the latest)' },
        {
          name: 'group',
          description: "Comparator group id, or 'none' (default: the council's chosen group)",
        },
      ],
    },
    async (c) => {
      const s = c.get('services');
      const periods = await s.benchmarking.periods();
      const year = c.req.query('year') ?? periods.at(-1) ?? '';
      if (!periods.includes(year)) {
        return c.json(
          { error: 'invalid', message: `No figures for ${year}; years with figures: ${periods.join(', ')}` },
          400,
        );
      }
      const groupParam = c.req.query('group');
      const group =
        groupParam === 'none' ? null : groupParam ? await s.comparators.get(Number(groupParam)) : undefined;
      const [result] = await s.benchmarking.councilsYear([param(c, 'code')], year, group);
      return c.json({
        orgCode: result!.orgCode,
        period: year,
        comparatorGroup: result!.group ?? null,
        benchmarks: result!.current,
      });
    },
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/organisations/:code/profile',
      access: 'published:read',
      summary: 'The inputs of a Council Improvement Profile with the statements generated from them',
      query: [{ name: 'year', description: 'Financial year such as 2021-22' }],
    },
    async (c) => {
      const s = c.get('services');
      const inputs = await s.reports.profileInputs(actorOf(c), param(c, 'code'), c.req.query('year') ?? '');
      const statements = profileStatements(inputs).map((st) => ({
        kind: st.kind,
        text: statementText(st),
        runs: st.runs,
      }));
      return c.json({ ...inputs, statements });
    },
  );

  op(
    {
      method: 'GET',
      path: '/api/v1/observations',
      access: 'published:read',
      summary: 'Current figures, filtered',
      query: [
        { name: 'org', description: 'Comma-separated organisation codes' },
        { name: 'measure', description: 'Comma-separated measure ids' },
        { name: 'period', description: 'Comma-separated periods such as 2017-18' },
        { name: 'history', description: 'true to include superseded figures' },
      ],
    },
    async (c) => {
      const orgCodes = list(c.req.query('org'));
      const measureIds = list(c.req.query('measure'));
      if (!orgCodes && !measureIds)
        return c.json({ error: 'invalid', message: 'Give at least one of org or measure.' }, 400);
      return c.json(
        await c.get('services').observations.find({
          orgCodes,
          measureIds,
          periods: list(c.req.query('period')),
          history: c.req.query('history') === 'true',
        }),
      );
    },
  );

  op(
    {
      method: 'GET',
      path: '/api/v1/releases',
      access: 'imports:read',
      summary: 'Data releases, newest first',
    },
    async (c) =>
      c.json((await c.get('services').imports.listReleases()).map(({ report: _report, ...r }) => r)),
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/releases/:id',
      access: 'imports:read',
      summary: 'One release with its import report',
    },
    async (c) => c.json(await c.get('services').imports.getRelease(Number(param(c, 'id')))),
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/imports/ascof',
      access: 'imports:run',
      summary: 'Import a national ASCOF CSV (body is the file)',
      body: 'csv',
      query: [{ name: 'fileName', description: 'Name to record for the file' }],
    },
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const report = await c
        .get('services')
        .imports.importAscof(actorOf(c), c.req.query('fileName') ?? 'upload.csv', bytes);
      return c.json(report, report.outcome === 'failed' ? 400 : report.outcome === 'loaded' ? 201 : 200);
    },
  );

  op(
    {
      method: 'GET',
      path: '/api/v1/comparator-groups',
      access: 'published:read',
      summary: 'Comparator groups',
    },
    async (c) => c.json(await c.get('services').comparators.list()),
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/comparator-groups/:id',
      access: 'published:read',
      summary: 'One comparator group',
    },
    async (c) => c.json(await c.get('services').comparators.get(Number(param(c, 'id')))),
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/comparator-groups',
      access: 'comparators:write',
      summary: 'Add a comparator group',
      body: 'ComparatorGroup',
    },
    async (c) =>
      c.json(await c.get('services').comparators.create(actorOf(c), (await json(c)) as never), 201),
  );
  op(
    {
      method: 'PUT',
      path: '/api/v1/comparator-groups/:id',
      access: 'comparators:write',
      summary: 'Replace a comparator group (new version)',
      body: 'ComparatorGroup',
    },
    async (c) =>
      c.json(
        await c
          .get('services')
          .comparators.update(actorOf(c), Number(param(c, 'id')), (await json(c)) as never),
      ),
  );

  op({ method: 'GET', path: '/api/v1/users', access: 'users:manage', summary: 'Users' }, async (c) =>
    c.json(await c.get('services').users.list()),
  );
  op(
    { method: 'POST', path: '/api/v1/users', access: 'users:manage', summary: 'Add a user', body: 'NewUser' },
    async (c) =>
      c.json(await c.get('services').users.create(actorOf(c), ((await json(c)) ?? {}) as never), 201),
  );
  op(
    {
      method: 'PATCH',
      path: '/api/v1/users/:id',
      access: 'users:manage',
      summary: 'Change a role or disable a user',
      body: 'UserChange',
    },
    async (c) =>
      c.json(
        await c
          .get('services')
          .users.update(actorOf(c), Number(param(c, 'id')), ((await json(c)) ?? {}) as never),
      ),
  );
  op(
    {
      method: 'GET',
      path: '/api/v1/tokens',
      access: 'users:manage',
      summary: 'API tokens (never their secrets)',
    },
    async (c) => c.json(await c.get('services').sessions.listApiTokens()),
  );
  op(
    {
      method: 'POST',
      path: '/api/v1/users/:id/tokens',
      access: 'users:manage',
      summary: 'Create an API token for a user; the secret is shown once',
      body: 'NewToken',
    },
    async (c) => {
      const body = ((await json(c)) ?? {}) as { name?: unknown };
      const name = typeof body.name === 'string' && body.name.trim() ? body.name.trim() : 'api';
      return c.json(
        await c.get('services').sessions.createApiToken(actorOf(c), Number(param(c, 'id')), name),
        201,
      );
    },
  );
  op(
    { method: 'DELETE', path: '/api/v1/tokens/:id', access: 'users:manage', summary: 'Revoke an API token' },
    async (c) =>
      c.json({
        revoked: await c.get('services').sessions.revokeApiToken(actorOf(c), Number(param(c, 'id'))),
      }),
  );

  op(
    {
      method: 'GET',
      path: '/api/v1/audit',
      access: 'audit:read',
      summary: 'The audit log, newest first',
      query: [
        { name: 'type', description: 'Entity type' },
        { name: 'limit', description: 'Page size' },
        { name: 'offset', description: 'Offset' },
      ],
    },
    async (c) =>
      c.json(
        await c.get('services').audit.list({
          entityType: c.req.query('type'),
          limit: Number(c.req.query('limit') ?? 50) || 50,
          offset: Number(c.req.query('offset') ?? 0) || 0,
        }),
      ),
  );

  cldOperations(op);
  planOperations(op);
  performanceOperations(op);

  op({ method: 'GET', path: '/api/openapi.json', access: 'public', summary: 'This document' }, (c) =>
    c.json(openApiDocument(operations)),
  );
}
