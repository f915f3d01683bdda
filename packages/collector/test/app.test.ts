import { createApp, createLogger, openSqliteStore } from '@revisit/collector';
import { describe, expect, it } from 'vitest';
import { testApp } from './helpers/fixtures.js';

describe('CORS', () => {
  it('answers a preflight from any origin with the headers the SDK sends', async () => {
    const { app } = testApp();
    const response = await app.request('/v1/batch', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,content-encoding',
      },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = response.headers.get('access-control-allow-headers')?.toLowerCase();
    for (const header of ['authorization', 'content-type', 'content-encoding', 'x-write-key']) {
      expect(allowed).toContain(header);
    }
  });

  it('marks batch answers, errors included, as readable by any origin', async () => {
    const { app } = testApp();
    const response = await app.request('/v1/batch', {
      method: 'POST',
      body: '{"batch":[]}',
      headers: { Origin: 'https://app.example' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('GET /healthz', () => {
  it('answers ok', async () => {
    const { app } = testApp();
    const response = await app.request('/healthz');
    expect(await response.json()).toEqual({ ok: true });
  });
});

describe('request log', () => {
  it('writes one line per request with counts and no key or payload', async () => {
    const lines: string[] = [];
    const app = createApp({
      store: openSqliteStore(':memory:'),
      writeKeys: ['secret-key'],
      logger: createLogger({ write: (line) => lines.push(line) }),
    });

    await app.request('/v1/batch?writeKey=secret-key', {
      method: 'POST',
      body: JSON.stringify({ batch: [{ type: 'track', event: 'Private Event' }] }),
    });

    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/v1/batch',
      status: 200,
      accepted: 0,
      rejected: 1,
      duplicates: 0,
      ms: expect.any(Number),
    });
    expect(lines[0]).not.toMatch(/secret-key|Private Event/);
  });
});

describe('unexpected errors', () => {
  it('answers 500 readable by any origin and logs the error without the payload', async () => {
    const lines: string[] = [];
    const store = openSqliteStore(':memory:');
    store.insertBatch = async () => {
      throw new Error('disk I/O error');
    };
    const app = createApp({
      store,
      writeKeys: ['k'],
      logger: createLogger({ write: (line) => lines.push(line) }),
    });

    const response = await app.request('/v1/batch', {
      method: 'POST',
      body: JSON.stringify({ batch: [], writeKey: 'k' }),
      headers: { Origin: 'https://app.example' },
    });

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ success: false, error: 'internal error' });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { level: 'error', error: 'disk I/O error', path: '/v1/batch' },
      { level: 'info', status: 500 },
    ]);
  });
});
