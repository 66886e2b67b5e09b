import type { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { route } from '../guard.js';
import { renderPage } from '../page.js';

export function homeRoutes(app: Hono<AppEnv>): void {
  route(app, 'GET', '/', 'signed-in', async (c) => {
    const { organisations, measures, imports, observations } = c.get('services');
    const [all, releases, summary] = await Promise.all([
      measures.all(),
      imports.listReleases(5),
      observations.summary(),
    ]);
    const featured = organisations.register.byCode.get(process.env.ASCENT_FEATURED_COUNCIL ?? 'E08000009');
    return renderPage(c, 'home.njk', {
      title: 'Home',
      featured,
      releases,
      counts: {
        councils: organisations.councils().length,
        measures: all.length,
        years: summary.periods.length,
      },
    });
  });
}
