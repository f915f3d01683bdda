import { Hono } from 'hono';
import type { ErrorResponse } from '@revisit/schema';
import type { AppEnv } from '../app-env.js';
import { writeKeyFromRequest } from '../ingest/write-key.js';

/** Options of {@link guideRoutes}. */
export interface GuideRouteOptions {
  /** Definitions as written, already validated with `parseGuides`; for every write key. */
  guides: readonly unknown[];
  writeKeys: ReadonlySet<string>;
}

/**
 * `GET /v1/guides`: the guide definitions the SDK shows, as `{ guides: [...] }`. The write
 * key is checked like on `/v1/batch`; the SDK sends it as `?writeKey=` so that the request
 * stays simple (no CORS preflight). Browsers may cache the answer for a minute.
 */
export function guideRoutes(options: GuideRouteOptions): Hono<AppEnv> {
  const body = { guides: options.guides };

  return new Hono<AppEnv>().get('/v1/guides', (c) => {
    const writeKey = writeKeyFromRequest(c.req.raw);
    if (writeKey === undefined || !options.writeKeys.has(writeKey)) {
      const error: ErrorResponse = { success: false, error: 'write key is missing or not valid' };
      return c.json(error, 401);
    }
    return c.json(body, 200, { 'Cache-Control': 'private, max-age=60' });
  });
}
