import type { Context, MiddlewareHandler } from 'hono';
import { can, type Permission } from '../domain/access.js';
import { actorOf } from './actor.js';
import type { AppEnv } from './context.js';
import { renderPage } from './page.js';

/** Who may reach a route: anyone, any signed-in user, or holders of a permission. */
export type Access = 'public' | 'signed-in' | Permission;

export interface RouteRule {
  method: string;
  path: string;
  access: Access;
}

/** Every guarded route, recorded as it is registered; the role-walk test reads this. */
export const routeRules: RouteRule[] = [];

const isApi = (c: Context) => c.req.path.startsWith('/api/');

export function guard(access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access === 'public') return next();
    const user = c.get('user');
    if (!user) {
      if (isApi(c))
        return c.json({ error: 'unauthenticated', message: 'Sign in or send an API token.' }, 401);
      const next = encodeURIComponent(
        c.req.method === 'GET' ? c.req.path + (new URL(c.req.url).search || '') : '/',
      );
      const expired = c.get('sessionExpired') ? '&expired=1' : '';
      return c.redirect(`/sign-in?next=${next}${expired}`, 303);
    }
    if (access !== 'signed-in' && !can(user.role, access)) {
      const message = `Your role (${user.role}) does not allow this.`;
      if (isApi(c)) return c.json({ error: 'forbidden', message }, 403);
      return renderPage(c, 'errors/forbidden.njk', { message }, 403);
    }
    return next();
  };
}

/** Registers a route with its access rule in one step, so no route can be added without one. */
export type Handler = (c: Context<AppEnv>) => Response | Promise<Response>;

export function route(
  app: { on: (method: string, path: string, ...handlers: MiddlewareHandler<AppEnv>[]) => unknown },
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  access: Access,
  handler: Handler,
): void {
  if (!routeRules.some((r) => r.method === method && r.path === path))
    routeRules.push({ method, path, access });
  app.on(method, path, guard(access), async (c) => handler(c));
}

/** A path parameter the route pattern guarantees. */
export function param(c: Context<AppEnv>, name: string): string {
  return c.req.param(name) ?? '';
}

export { actorOf };
