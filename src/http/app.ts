import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { Config } from '../config.js';
import { NotAllowedError, NotFoundError, ValidationError } from '../services/actor.js';
import type { Services } from '../services/index.js';
import { apiRoutes } from './api/index.js';
import type { AppEnv } from './context.js';
import { csrf } from './middleware/csrf.js';
import { identify } from './middleware/session.js';
import { renderPage } from './page.js';
import { createViewEngine } from './render.js';
import { pageRoutes } from './routes/index.js';
import { mountStatic } from './static.js';

/** The web app and the JSON API, as one Hono app over the services. */
export function createApp(services: Services, config: Config): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const views = createViewEngine();

  app.use('*', async (c, next) => {
    c.set('services', services);
    c.set('views', views);
    // Chosen before rendering so the template's inline script and the CSP header share it.
    c.set('secureHeadersNonce', randomBytes(16).toString('base64'));
    await next();
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", NONCE],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
      },
      strictTransportSecurity: config.secureCookies ? 'max-age=31536000; includeSubDomains' : false,
      // 'no-referrer' would make browsers send "Origin: null" on form posts, defeating the origin check.
      referrerPolicy: 'same-origin',
    }),
  );
  mountStatic(app);
  app.use(
    '*',
    bodyLimit({
      maxSize: config.maxUploadMb * 1024 * 1024,
      onError: (c) => c.text(`The upload is larger than the limit of ${config.maxUploadMb} MB.`, 413),
    }),
  );
  app.use('*', identify());
  app.use('*', csrf());

  apiRoutes(app);
  pageRoutes(app, config);

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/'))
      return c.json({ error: 'not_found', message: `No route ${c.req.path}` }, 404);
    return renderPage(c, 'errors/not-found.njk', {}, 404);
  });
  app.onError((err, c) => {
    const api = c.req.path.startsWith('/api/');
    if (err instanceof NotFoundError) {
      return api
        ? c.json({ error: 'not_found', message: err.message }, 404)
        : renderPage(c, 'errors/not-found.njk', { message: err.message }, 404);
    }
    if (err instanceof NotAllowedError) {
      return api
        ? c.json({ error: 'forbidden', message: err.message }, 403)
        : renderPage(c, 'errors/forbidden.njk', { message: err.message }, 403);
    }
    if (err instanceof ValidationError) {
      if (api) return c.json({ error: 'invalid', message: err.message, fieldErrors: err.fieldErrors }, 400);
      return renderPage(c, 'errors/invalid.njk', { message: err.message, fieldErrors: err.fieldErrors }, 400);
    }
    console.error(err);
    if (api) return c.json({ error: 'internal', message: 'Something went wrong; it has been logged.' }, 500);
    return renderPage(c, 'errors/server-error.njk', {}, 500);
  });
  return app;
}
