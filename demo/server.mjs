// Serves the demo app, the SDK's script-tag build with its lazily loaded chunks, and the
// page's Revisit configuration. Used by `npm start` and by the end-to-end tests, which point
// it at their own collector.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';

const PUBLIC_DIR = fileURLToPath(new URL('./public', import.meta.url));
const dist = (path) => fileURLToPath(new URL(`../packages/${path}`, import.meta.url));

/**
 * The SDK and the chunks it imports only when a guide must show. They sit next to
 * `revisit.min.js`, where the script-tag build looks for them by default.
 */
const SCRIPTS = {
  '/revisit.min.js': dist('browser/dist/revisit.min.js'),
  '/revisit-guides.js': dist('browser/dist/revisit-guides.js'),
  '/revisit-ui.js': dist('ui/dist/revisit-ui.js'),
};

/**
 * Starts the demo server and resolves once it listens.
 * @param {object} options
 * @param {object} options.revisit the options given to `revisit.init` on every page
 * @param {number} [options.port] 0 (the default) picks a free port
 * @param {string} [options.host] defaults to 127.0.0.1
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export function startDemoServer({ revisit, port = 0, host = '127.0.0.1' }) {
  const app = new Hono();
  const configScript = `window.REVISIT_DEMO_CONFIG = ${JSON.stringify(revisit)};\n`;

  app.get('/config.js', (c) => c.body(configScript, 200, scriptHeaders()));
  for (const [path, file] of Object.entries(SCRIPTS)) {
    app.get(path, async (c) => c.body(await readFile(file), 200, scriptHeaders()));
  }
  app.use('/*', serveStatic({ root: PUBLIC_DIR }));

  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

function scriptHeaders() {
  return { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' };
}
