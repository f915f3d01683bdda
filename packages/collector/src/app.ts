import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { ErrorResponse } from '@revisit/schema';
import type { AppEnv } from './app-env.js';
import { createLogger } from './logger.js';
import type { Logger } from './logger.js';
import { requestLog } from './middleware/request-log.js';
import { batchRoutes } from './routes/batch.js';
import { guideRoutes } from './routes/guides.js';
import { healthRoutes } from './routes/health.js';
import { staticRoutes } from './routes/static.js';
import type { EventStore } from './storage/event-store.js';

/** Options of {@link createApp}. */
export interface AppOptions {
  /** Where accepted messages go. */
  store: EventStore;
  /** Write keys whose messages are accepted; any other key gets 401. */
  writeKeys: readonly string[];
  /** Request and error log. Default: a logger at `info` on standard error. */
  logger?: Logger;
  /** A folder served at `/` (the demo app, say). Default: none. */
  staticDir?: string;
  /** The collector's clock, replaceable in tests. Default `Date.now`. */
  now?: () => number;
  /**
   * Guide definitions served at `GET /v1/guides`, as written and already validated with
   * `parseGuides` (see `loadGuides`). Default: none.
   */
  guides?: readonly unknown[];
}

/**
 * Builds the collector's HTTP app: CORS, the request log, ingestion, guide definitions,
 * `/healthz` and the optional static folder. It does not listen; see `startServer`, or call
 * `app.request()`.
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const logger = options.logger ?? createLogger();
  const app = new Hono<AppEnv>();

  app.use(requestLog(logger));
  // Any origin may send: a write key is public and ends up in every page that embeds it.
  app.use(
    '/v1/*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'Content-Encoding', 'X-Write-Key'],
      exposeHeaders: ['Retry-After'],
      maxAge: 86_400,
    }),
  );

  const writeKeys = new Set(options.writeKeys);
  app.route('/', batchRoutes({ store: options.store, writeKeys, now: options.now ?? Date.now }));
  app.route('/', guideRoutes({ guides: options.guides ?? [], writeKeys }));
  app.route('/', healthRoutes());
  if (options.staticDir) app.route('/', staticRoutes(options.staticDir));

  app.notFound((c) => c.json<ErrorResponse>({ success: false, error: 'not found' }, 404));
  app.onError((error, c) => {
    logger.error('unexpected error', { path: c.req.path, error: error.message });
    return c.json<ErrorResponse>({ success: false, error: 'internal error' }, 500);
  });
  return app;
}
