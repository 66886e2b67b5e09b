import type { Context } from 'hono';
import { can, type Permission } from '../domain/access.js';
import type { AppEnv } from './context.js';

export interface FieldError {
  field: string;
  message: string;
}

/** GOV.UK error summary items and per-field messages from a list of field errors. */
export function errorView(errors: FieldError[]) {
  return {
    errorList: errors.map((e) => ({ text: e.message, href: `#${e.field}` })),
    fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: e.message }])),
  };
}

export function renderPage(
  c: Context<AppEnv>,
  template: string,
  ctx: Record<string, unknown> = {},
  status = 200,
) {
  const user = c.get('user');
  const html = c.get('views').render(template, {
    ...ctx,
    user,
    csrfToken: c.get('csrfToken'),
    cspNonce: c.get('secureHeadersNonce'),
    currentPath: c.req.path,
    may: (p: Permission) => (user ? can(user.role, p) : false),
  });
  return c.html(html, status as 200);
}
