import type { Context, Hono } from 'hono';
import { describeRules, ruleActions } from '../../domain/values/rules.js';
import { ValidationError } from '../../services/actor.js';
import { statusText } from '../../services/values.js';
import type { AppEnv } from '../context.js';
import { actorOf, param, route } from '../guard.js';
import { errorView, renderPage } from '../page.js';

const text = (body: Record<string, unknown>, k: string) =>
  typeof body[k] === 'string' ? (body[k] as string).trim() : '';

/** The data entry page of a council: upload, form entry, templates and the batches in the workflow. */
async function valuesPage(c: Context<AppEnv>, extra: Record<string, unknown> = {}, status = 200) {
  const s = c.get('services');
  const org = s.organisations.get(param(c, 'code'));
  const local = await s.values.enterable();
  const batches = await s.values.list({ orgCode: org.code });
  const tags = [...new Set(local.flatMap((m) => m.tags ?? []))].sort();
  return renderPage(
    c,
    'values/index.njk',
    {
      title: `Local values: ${org.name}`,
      org,
      local,
      tags,
      measureItems: [
        { value: '', text: 'Choose a measure' },
        ...local.map((m) => ({ value: m.id, text: `${m.code} ${m.shortTitle} (${m.frequency})` })),
      ],
      batches: batches.map((b) => ({ ...b, statusText: statusText[b.status] })),
      values: {},
      ...extra,
    },
    status,
  );
}

async function batchPage(c: Context<AppEnv>, extra: Record<string, unknown> = {}, status = 200) {
  const s = c.get('services');
  const batch = await s.values.get(Number(param(c, 'id')));
  const org = s.organisations.get(batch.orgCode);
  const user = c.get('user');
  return renderPage(
    c,
    'values/batch.njk',
    {
      title: `Batch ${batch.id} of local values: ${org.name}`,
      org,
      batch,
      statusText: statusText[batch.status],
      ownSubmission: !!user && batch.submittedById === user.id,
      ...extra,
    },
    status,
  );
}

/** Runs a workflow step, then shows the batch again (with the error beside the form when refused). */
async function step(
  c: Context<AppEnv>,
  run: (id: number, body: Record<string, unknown>) => Promise<unknown>,
) {
  const id = Number(param(c, 'id'));
  const body = await c.req.parseBody();
  try {
    await run(id, body);
    return c.redirect(`/values/batches/${id}`, 303);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return batchPage(
      c,
      errorView(err.fieldErrors.length ? err.fieldErrors : [{ field: 'note', message: err.message }]),
      400,
    );
  }
}

export function valueRoutes(app: Hono<AppEnv>): void {
  route(app, 'GET', '/values', 'imports:read', async (c) => {
    const s = c.get('services');
    const waiting = await s.values.list({ statuses: ['submitted'] });
    const recent = await s.values.list({ statuses: ['approved', 'returned'] });
    const name = (code: string) => s.organisations.get(code).name;
    const view = (b: (typeof waiting)[number]) => ({
      ...b,
      statusText: statusText[b.status],
      orgName: name(b.orgCode),
    });
    return renderPage(c, 'values/approvals.njk', {
      title: 'Values awaiting approval',
      waiting: waiting.map(view),
      recent: recent.slice(0, 20).map(view),
    });
  });

  route(app, 'GET', '/organisations/:code/values', 'imports:read', (c) => valuesPage(c));

  route(app, 'GET', '/organisations/:code/values/template', 'imports:read', async (c) => {
    const format = c.req.query('format') === 'csv' ? 'csv' : 'xlsx';
    const t = await c.get('services').values.template(c.req.query('set') || undefined, format);
    return c.body(typeof t.body === 'string' ? t.body : new Uint8Array(t.body), 200, {
      'content-type': t.contentType,
      'content-disposition': `attachment; filename="${t.fileName}"`,
    });
  });

  route(app, 'POST', '/organisations/:code/values/upload', 'values:enter', async (c) => {
    const s = c.get('services');
    const org = s.organisations.get(param(c, 'code'));
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) {
      const message =
        file instanceof File && file.name
          ? 'The selected file is empty'
          : 'Select a CSV or Excel file to upload';
      return valuesPage(c, errorView([{ field: 'file', message }]), 400);
    }
    const report = await s.values.upload(actorOf(c), org.code, {
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    const errors = [
      ...report.fileErrors.map((message) => ({ field: 'file', message })),
      ...report.rejections.map((r) => ({ field: 'rejections', message: `Row ${r.row}: ${r.reason}` })),
    ];
    return renderPage(
      c,
      'values/report.njk',
      {
        title: report.outcome === 'failed' ? 'The values were not stored' : 'Upload report',
        org,
        report,
        errorList: errors.map((e) => ({
          text: e.message,
          href: e.field === 'file' ? '#file-errors' : '#rejections',
        })),
      },
      report.outcome === 'failed' ? 400 : 200,
    );
  });

  route(app, 'POST', '/organisations/:code/values', 'values:enter', async (c) => {
    const s = c.get('services');
    const org = s.organisations.get(param(c, 'code'));
    const body = await c.req.parseBody();
    try {
      const report = await s.values.enter(actorOf(c), org.code, {
        measureId: text(body, 'measureId'),
        period: text(body, 'period'),
        value: text(body, 'value'),
        numerator: text(body, 'numerator'),
        denominator: text(body, 'denominator'),
        note: text(body, 'note'),
      });
      return c.redirect(`/values/batches/${report.batchId}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return valuesPage(c, { values: body, ...errorView(err.fieldErrors) }, 400);
    }
  });

  route(app, 'GET', '/values/batches/:id', 'imports:read', (c) => batchPage(c));

  route(app, 'POST', '/values/batches/:id/submit', 'values:enter', (c) =>
    step(c, (id) => c.get('services').values.submit(actorOf(c), id)),
  );
  route(app, 'POST', '/values/batches/:id/withdraw', 'values:enter', (c) =>
    step(c, (id) => c.get('services').values.withdraw(actorOf(c), id)),
  );
  route(app, 'POST', '/values/batches/:id/approve', 'values:approve', (c) =>
    step(c, (id, body) => c.get('services').values.approve(actorOf(c), id, text(body, 'note'))),
  );
  route(app, 'POST', '/values/batches/:id/return', 'values:approve', (c) =>
    step(c, (id, body) => c.get('services').values.returnBatch(actorOf(c), id, text(body, 'note'))),
  );

  route(app, 'GET', '/measures/:id/rules', 'measures:write', async (c) => {
    const s = c.get('services');
    const measure = await s.measures.get(param(c, 'id'));
    const rules = await s.values.rules(measure.id);
    return renderPage(c, 'values/rules.njk', {
      title: `Validation rules: ${measure.code} ${measure.shortTitle}`,
      measure,
      values: rules ?? { rangeAction: 'block', changeAction: 'warn' },
      described: describeRules(rules, measure),
      actions: ruleActions,
    });
  });

  route(app, 'POST', '/measures/:id/rules', 'measures:write', async (c) => {
    const s = c.get('services');
    const measure = await s.measures.get(param(c, 'id'));
    const body = await c.req.parseBody();
    const num = (k: string) =>
      text(body, k) === '' ? undefined : Number(text(body, k).replace(/[,%]/g, ''));
    const input = {
      min: num('min'),
      max: num('max'),
      rangeAction: text(body, 'rangeAction') || 'block',
      maxChange: num('maxChange'),
      maxChangePercent: num('maxChangePercent'),
      changeAction: text(body, 'changeAction') || 'warn',
    };
    try {
      await s.values.setRules(actorOf(c), measure.id, input as never);
      return c.redirect(`/measures/${encodeURIComponent(measure.id)}/rules?saved=1`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderPage(
        c,
        'values/rules.njk',
        {
          title: `Validation rules: ${measure.code} ${measure.shortTitle}`,
          measure,
          values: body,
          described: [],
          actions: ruleActions,
          ...errorView(err.fieldErrors),
        },
        400,
      );
    }
  });
}
