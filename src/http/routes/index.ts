import type { Hono } from 'hono';
import type { Config } from '../../config.js';
import type { AppEnv } from '../context.js';
import { adminRoutes } from './admin.js';
import { authRoutes } from './auth.js';
import { comparatorRoutes } from './comparators.js';
import { homeRoutes } from './home.js';
import { importRoutes } from './imports.js';
import { measureRoutes } from './measures.js';
import { organisationRoutes } from './organisations.js';

export function pageRoutes(app: Hono<AppEnv>, config: Config): void {
  authRoutes(app, config);
  homeRoutes(app);
  measureRoutes(app);
  organisationRoutes(app);
  comparatorRoutes(app);
  importRoutes(app);
  adminRoutes(app);
}
