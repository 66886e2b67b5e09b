import type nunjucks from 'nunjucks';
import type { Services } from '../services/index.js';
import type { User } from '../services/users.js';

/** What every request carries through Hono's context. */
export interface AppEnv {
  Variables: {
    services: Services;
    views: nunjucks.Environment;
    user: User | undefined;
    /** 'session' for cookies (CSRF applies), 'token' for API bearer tokens. */
    authVia: 'session' | 'token' | undefined;
    sessionId: string | undefined;
    csrfToken: string | undefined;
    sessionExpired: boolean;
    secureHeadersNonce?: string;
  };
}
