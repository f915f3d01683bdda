import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { Logger } from '../logger.js';

/**
 * Logs one line per request at `info`. Only the path is logged, never the query string
 * (it may hold `?writeKey=`), the headers or the body.
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();

    logger.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ...c.get('counts'),
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
