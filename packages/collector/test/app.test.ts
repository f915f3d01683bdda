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
