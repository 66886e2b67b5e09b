import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import type { AppEnv } from '../context.js';

export const SESSION_COOKIE = 'ascent_session';

/** Identifies the caller from an API bearer token or the session cookie. */
export function identify(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', undefined);
    c.set('authVia', undefined);
    c.set('sessionExpired', false);
    const { sessions } = c.get('services');
    const auth = c.req.header('authorization');
    if (auth?.startsWith('Bearer ')) {
      const user = await sessions.resolveApiToken(auth.slice(7).trim());
      if (!user)
        return c.json(
          { error: 'unauthenticated', message: 'The API token is not valid or has been revoked.' },
          401,
        );
      c.set('user', user);
      c.set('authVia', 'token');
      return next();
    }
    const id = getCookie(c, SESSION_COOKIE);
    if (id) {
      const session = await sessions.resolve(id);
      if (session === 'expired' || session === undefined) {
        c.set('sessionExpired', session === 'expired');
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
      } else {
        c.set('user', session.user);
        c.set('authVia', 'session');
        c.set('sessionId', id);
        c.set('csrfToken', session.csrfToken);
      }
    }
    return next();
  };
}
