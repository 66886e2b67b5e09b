import type { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { Config } from '../../config.js';
import type { AppEnv } from '../context.js';
import { route } from '../guard.js';
import { SESSION_COOKIE } from '../middleware/session.js';
import { errorView, renderPage } from '../page.js';

/** Only same-site paths may be followed after sign-in, never another host. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

function clientAddress(c: { req: { header(name: string): string | undefined } }, fallback: string): string {
  return c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || fallback;
}

export function authRoutes(app: Hono<AppEnv>, config: Config): void {
  route(app, 'GET', '/sign-in', 'public', (c) => {
    if (c.get('user')) return c.redirect(safeNext(c.req.query('next')), 303);
    const notice =
      c.req.query('expired') || c.get('sessionExpired')
        ? 'Your session has expired. Sign in again to continue.'
        : c.req.query('signed-out')
          ? 'You have signed out.'
          : undefined;
    return renderPage(c, 'sign-in.njk', { next: safeNext(c.req.query('next')), notice });
  });

  route(app, 'POST', '/sign-in', 'public', async (c) => {
    const { sessions, users } = c.get('services');
    const body = await c.req.parseBody();
    const email = String(body.email ?? '')
      .trim()
      .toLowerCase();
    const password = String(body.password ?? '');
    const next = safeNext(body.next);
    const errors = [];
    if (!email) errors.push({ field: 'email', message: 'Enter your email address' });
    if (!password) errors.push({ field: 'password', message: 'Enter your password' });
    if (errors.length) return renderPage(c, 'sign-in.njk', { email, next, ...errorView(errors) }, 400);

    const keys = [`email:${email}`, `ip:${clientAddress(c, 'local')}`];
    if (await sessions.isThrottled(keys)) {
      const wait = `${config.signInWindowMinutes} minutes`;
      return renderPage(
        c,
        'sign-in.njk',
        {
          email,
          next,
          ...errorView([
            { field: 'email', message: `Too many failed attempts. Wait ${wait} and try again.` },
          ]),
        },
        429,
      );
    }
    const user = await users.verifyPassword(email, password);
    await sessions.recordAttempt(keys, user !== undefined);
    if (!user) {
      return renderPage(
        c,
        'sign-in.njk',
        {
          email,
          next,
          ...errorView([{ field: 'email', message: 'The email address or password is not correct' }]),
        },
        401,
      );
    }
    const session = await sessions.create(user.id);
    setCookie(c, SESSION_COOKIE, session.id, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: config.secureCookies,
      path: '/',
    });
    return c.redirect(next, 303);
  });

  route(app, 'POST', '/sign-out', 'signed-in', async (c) => {
    const id = c.get('sessionId');
    if (id) await c.get('services').sessions.destroy(id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/sign-in?signed-out=1', 303);
  });
}
