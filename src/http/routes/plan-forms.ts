/** Small helpers the programme and register pages share: form values, audiences, lists typed one per line. */
import type { Context } from 'hono';
import { can } from '../../domain/access.js';
import type { Audience } from '../../domain/risk/exempt.js';
import { ValidationError } from '../../services/actor.js';
import type { AppEnv } from '../context.js';
import { errorView, renderPage } from '../page.js';

export type FormValues = Record<string, string>;

/** A form's fields as strings (files and repeated fields dropped). */
export async function formValues(c: Context<AppEnv>): Promise<FormValues> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
}

/** Every value of a repeated field (checkboxes). */
export async function formAll(c: Context<AppEnv>, name: string): Promise<string[]> {
  const body = await c.req.parseBody({ all: true });
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string',
  );
}

/** One item a line, blank lines dropped. */
export const lines = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Internal (with exempt risks) for those allowed, unless they ask for the published view. */
export function audienceFor(c: Context<AppEnv>): Audience {
  const user = c.get('user');
  if (!user || !can(user.role, 'risks:exempt')) return 'published';
  return c.req.query('audience') === 'published' ? 'published' : 'internal';
}

/** Runs a save; on a validation error renders the form again with its error summary (status 400). */
export async function saveOrShow(
  c: Context<AppEnv>,
  save: () => Promise<Response>,
  form: { template: string; context: Record<string, unknown> },
): Promise<Response> {
  try {
    return await save();
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const errors = err.fieldErrors.length ? err.fieldErrors : [{ field: 'form', message: err.message }];
    return renderPage(
      c,
      form.template,
      {
        ...form.context,
        ...errorView(errors.map((e) => ({ ...e, field: e.field.split('.')[0] ?? e.field }))),
      },
      400,
    );
  }
}

export const ragTagClass: Record<string, string> = {
  red: 'govuk-tag--red',
  amber: 'govuk-tag--orange',
  green: 'govuk-tag--green',
};
