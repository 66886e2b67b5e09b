import type { Hono } from 'hono';
import type { Config } from '../../config.js';
import type { AppEnv } from '../context.js';
import { adminRoutes } from './admin.js';
import { authRoutes } from './auth.js';
import { benchmarkRoutes } from './benchmark.js';
import { cldRoutes } from './cld.js';
import { comparatorRoutes } from './comparators.js';
import { homeRoutes } from './home.js';
import { importRoutes } from './imports.js';
import { measureRoutes } from './measures.js';
import { organisationRoutes } from './organisations.js';
import { governanceRoutes } from './governance.js';
import { programmeRoutes } from './programmes.js';
import { riskRoutes } from './risks.js';
import { performanceRoutes } from './performance.js';
import { reportRoutes } from './reports.js';
import { valueRoutes } from './values.js';

export function pageRoutes(app: Hono<AppEnv>, config: Config): void {
  authRoutes(app, config);
  homeRoutes(app);
  measureRoutes(app);
  organisationRoutes(app);
  benchmarkRoutes(app);
  cldRoutes(app);
  reportRoutes(app);
  programmeRoutes(app);
  governanceRoutes(app);
  riskRoutes(app);
  performanceRoutes(app);
  valueRoutes(app);
  comparatorRoutes(app);
  importRoutes(app);
  adminRoutes(app);
}
