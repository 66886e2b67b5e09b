import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { renderPage } from '../page.js';

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Cookie-authenticated writes must carry the session's CSRF token (form field `_csrf` or header
 * `x-csrf-token`) and, when the browser sends one, an Origin matching this host. Bearer-token
 * requests are not cookie-borne, so they need neither.
 */
export function csrf(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!unsafe.has(c.req.method) || c.get('authVia') !== 'session') return next();
    const origin = c.req.header('origin');
    if (origin && origin !== new URL(c.req.url).origin)
      return refuse(c, 'The request came from another site.');
    let sent = c.req.header('x-csrf-token');
    if (!sent) {
      const type = c.req.header('content-type') ?? '';
      if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
        const body = await c.req.parseBody();
        sent = typeof body._csrf === 'string' ? body._csrf : undefined;
      }
    }
    const expected = c.get('csrfToken');
    if (!sent || !expected || !same(sent, expected)) {
      return refuse(
        c,
        'The form has expired or did not come from this site. Go back, reload the page and try again.',
      );
    }
    return next();
  };
}

function refuse(c: Parameters<MiddlewareHandler<AppEnv>>[0], message: string) {
  if (c.req.path.startsWith('/api/')) return c.json({ error: 'csrf', message }, 403);
  return renderPage(c, 'errors/forbidden.njk', { title: 'Request refused', message }, 403);
}
