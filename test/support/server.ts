import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { serve } from '@hono/node-server';
import { openTestApp } from './http.js';
import type { StoreKind } from './services.js';

/** The app on a real HTTP port on 127.0.0.1, for the browser; closed when the test ends. */
export async function startTestServer(t: TestContext, kind: StoreKind = 'pglite') {
  const ctx = await openTestApp(t, kind);
  if (!ctx) return undefined;
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { ...ctx, baseUrl: `http://127.0.0.1:${port}` };
}
