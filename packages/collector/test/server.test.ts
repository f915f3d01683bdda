import { request } from 'node:http';
import { MAX_BATCH_BYTES } from '@revisit/schema';
import { startServer } from '@revisit/collector';
import type { RunningServer } from '@revisit/collector';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  WRITE_KEY,
  basicAuth,
  gzipJson,
  readAll,
  testApp,
  trackMessage,
} from './helpers/fixtures.js';

/** Sends a chunked body (no Content-Length) and resolves with the status code. */
function postChunked(url: string, chunks: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/batch`, {
      method: 'POST',
      headers: { Authorization: basicAuth(WRITE_KEY), 'Transfer-Encoding': 'chunked' },
    });
    req.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('startServer', () => {
  let server: RunningServer;
  let store: ReturnType<typeof testApp>['store'];

  beforeEach(async () => {
    const test = testApp({ now: Date.now });
    store = test.store;
    server = await startServer(test.app, { port: 0 });
  });

  afterEach(async () => {
    await server.close();
    await store.close();
  });

  it('listens on 127.0.0.1 on a free port', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
  });

  it('takes a gzip batch sent as text/plain over HTTP', async () => {
    const response = await fetch(`${server.url}/v1/batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' },
      body: gzipJson({ batch: [trackMessage()], writeKey: WRITE_KEY }),
    });
    expect(await response.json()).toMatchObject({ accepted: 1 });
    expect(await readAll(store)).toHaveLength(1);
  });

  it('answers 413 to a chunked body that grows past the limit', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const chunks = ['{"batch":[],"padding":"', ...Array(10).fill(chunk), '"}'];
    expect(await postChunked(server.url, chunks)).toBe(413);
  });

  it('accepts a chunked body under the limit', async () => {
    const body = JSON.stringify({ batch: [trackMessage()] });
    expect(await postChunked(server.url, [body.slice(0, 10), body.slice(10)])).toBe(200);
  });

  it('answers 413 to a declared Content-Length over the limit', async () => {
    const response = await fetch(`${server.url}/v1/batch`, {
      method: 'POST',
      headers: { Authorization: basicAuth(WRITE_KEY) },
      body: JSON.stringify({ batch: [], padding: 'x'.repeat(MAX_BATCH_BYTES) }),
    });
    expect(response.status).toBe(413);
  });

  it('frees the port on close', async () => {
    await server.close();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    server = await startServer(testApp().app, { port: server.port });
  });
});
