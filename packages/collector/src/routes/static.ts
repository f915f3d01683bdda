import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the files of `root` (`index.html` for a folder) on `GET` and `HEAD`. A path that
 * leaves `root`, by `..`, an encoded `..` or a symbolic link, is answered 404.
 */
export function staticRoutes(root: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const file = await findFile(root, new URL(c.req.url).pathname);
    if (!file) return next();

    const body = await readFile(file);
    const headers = {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': String(body.byteLength),
      'Cache-Control': 'no-cache',
    };
    return c.req.method === 'HEAD' ? c.body(null, 200, headers) : c.body(body, 200, headers);
  });

  return app;
}

async function findFile(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined; // a malformed escape names no file
  }
  if (decoded.includes('\0')) return undefined;

  try {
    const base = await realpath(root);
    let file = await realpath(resolve(base, `.${decoded}`));
    if ((await stat(file)).isDirectory()) file = await realpath(join(file, 'index.html'));
    const inside = file === base || file.startsWith(base + sep);
    return inside && (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined; // missing or unreadable: not found
  }
}
