import fs from 'node:fs/promises';
import path from 'node:path';
import type { Hono } from 'hono';
import { paths, projectRoot } from '../paths.js';
import type { AppEnv } from './context.js';

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** URL prefix → folder. Only files inside these folders can be served. */
const mounts: [string, string][] = [
  ['/assets/govuk/', path.join(paths.govukFrontend, 'govuk')],
  ['/assets/app/', path.join(projectRoot, 'src', 'http', 'assets')],
  ['/assets/', path.join(paths.govukFrontend, 'govuk', 'assets')],
];

export function mountStatic(app: Hono<AppEnv>): void {
  app.get('/assets/*', async (c) => {
    const url = c.req.path;
    for (const [prefix, dir] of mounts) {
      if (!url.startsWith(prefix)) continue;
      const file = path.resolve(dir, decodeURIComponent(url.slice(prefix.length)));
      if (!file.startsWith(dir + path.sep)) return c.notFound();
      try {
        const body = await fs.readFile(file);
        return c.body(body, 200, {
          'content-type': types[path.extname(file)] ?? 'application/octet-stream',
          'cache-control': 'public, max-age=3600',
        });
      } catch {
        continue;
      }
    }
    return c.notFound();
  });
}
