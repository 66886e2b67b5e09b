import type { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { actorOf, param, route } from '../guard.js';
import { errorView, renderPage } from '../page.js';

export function importRoutes(app: Hono<AppEnv>): void {
  route(app, 'GET', '/imports', 'imports:read', async (c) => {
    const releases = await c.get('services').imports.listReleases();
    return renderPage(c, 'imports/list.njk', { title: 'Imports', releases });
  });

  route(app, 'GET', '/imports/new', 'imports:run', (c) =>
    renderPage(c, 'imports/new.njk', { title: 'Import a national ASCOF file' }),
  );

  route(app, 'POST', '/imports', 'imports:run', async (c) => {
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) {
      // Browsers send an unnamed empty part when no file was chosen.
      const chosen = file instanceof File && file.name !== '';
      const message = chosen ? 'The selected file is empty' : 'Select a CSV file to import';
      return renderPage(
        c,
        'imports/new.njk',
        { title: 'Import a national ASCOF file', ...errorView([{ field: 'file', message }]) },
        400,
      );
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const report = await c.get('services').imports.importAscof(actorOf(c), file.name, bytes);
    const status = report.outcome === 'failed' ? 400 : 200;
    return renderPage(c, 'imports/report.njk', { title: 'Import report', report }, status);
  });

  route(app, 'GET', '/imports/:id', 'imports:read', async (c) => {
    const release = await c.get('services').imports.getRelease(Number(param(c, 'id')));
    return renderPage(c, 'imports/report.njk', {
      title: `Release ${release.id}`,
      report: release.report,
      release,
    });
  });
}
