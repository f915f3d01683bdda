// Serves the demo app, the SDK's script-tag build and the page's Revisit configuration.
// Used by `npm start` and by the end-to-end tests, which point it at their own collector.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';

const PUBLIC_DIR = fileURLToPath(new URL('./public', import.meta.url));
const SDK_BUNDLE = fileURLToPath(
  new URL('../packages/browser/dist/revisit.min.js', import.meta.url),
);

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
  app.get('/revisit.min.js', async (c) => c.body(await readFile(SDK_BUNDLE), 200, scriptHeaders()));
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
