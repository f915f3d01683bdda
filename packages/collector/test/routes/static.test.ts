import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, createLogger, openSqliteStore } from '@revisit/collector';
import { beforeAll, describe, expect, it } from 'vitest';

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
