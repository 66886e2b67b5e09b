import type { Context } from 'hono';
import type { Actor } from '../services/actor.js';
import type { AppEnv } from './context.js';

export function actorOf(c: Context<AppEnv>): Actor {
  const user = c.get('user');
  if (!user) throw new Error('actorOf called on an unauthenticated request');
  const via = c.get('authVia') === 'token' ? ' (API token)' : '';
  return { userId: user.id, label: `${user.email}${via}`, role: user.role };
}
