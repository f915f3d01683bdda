import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';

/** `GET /healthz`: answers as long as the process serves requests. */
export function healthRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/healthz', (c) => c.json({ ok: true }));
}
