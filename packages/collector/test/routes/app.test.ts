import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, createLogger, openSqliteStore } from '@revisit/collector';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/fixtures.js';

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

describe('static files', () => {
  let root: string;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    const base = await mkdtemp(join(tmpdir(), 'revisit-static-'));
    root = join(base, 'public');
    await mkdir(join(root, 'js'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<h1>demo</h1>');
    await writeFile(join(root, 'js', 'app.js'), 'console.log(1)');
    await writeFile(join(base, 'secret.txt'), 'secret');
    await symlink(join(base, 'secret.txt'), join(root, 'link.txt'));
    app = createApp({
      store: openSqliteStore(':memory:'),
      writeKeys: ['k'],
      logger: createLogger({ level: 'silent' }),
      staticDir: root,
    });
  });

  it('serves index.html at / and files with their content type', async () => {
    const index = await app.request('/');
    expect(await index.text()).toBe('<h1>demo</h1>');
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);

    const script = await app.request('/js/app.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/js/..%2f..%2fsecret.txt',
    '/link.txt',
    '/%00',
  ])('answers 404 to %s, which leaves the folder', async (path) => {
    const response = await app.request(path);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
  });

  it('still routes the API before the files', async () => {
    const response = await app.request('/healthz');
    expect(await response.json()).toEqual({ ok: true });
  });
});
