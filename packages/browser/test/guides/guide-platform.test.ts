// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGuidePlatform } from '../../src/guides/guide-platform.js';
import { webLockClaim } from '../../src/guides/web-lock-claim.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createGuidePlatform', () => {
  it('reads JSON, and answers undefined when refused or offline', async () => {
    const answers = [
      Response.json({ guides: [1] }),
      new Response('no', { status: 401 }),
      Promise.reject(new TypeError('offline')),
    ];
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answers.shift()),
    );
    const platform = createGuidePlatform('https://cdn.test/revisit.min.js');

    expect(await platform.getJson('https://c.test/v1/guides')).toEqual({ guides: [1] });
    expect(await platform.getJson('https://c.test/v1/guides')).toBeUndefined();
    expect(await platform.getJson('https://c.test/v1/guides')).toBeUndefined();
    expect(platform.scriptUrl).toBe('https://cdn.test/revisit.min.js');
    expect(platform.url()).toBe(location.href);
  });
});

describe('webLockClaim', () => {
  it('is absent without Web Locks: tours then show without asking', () => {
    vi.stubGlobal('navigator', { ...navigator, locks: undefined });
    expect(webLockClaim()).toBeUndefined();
  });

  it('grants a tour to one holder at a time and frees it on release', async () => {
    const held = new Set<string>();
    const locks = {
      request: async (name: string, _options: unknown, task: (lock: unknown) => unknown) => {
        if (held.has(name)) return task(null);
        held.add(name);
        await task({ name });
        held.delete(name);
      },
    };
    vi.stubGlobal('navigator', { ...navigator, locks });
    const claim = webLockClaim()!;

    const release = await claim('tour:a');
    expect(release).toBeTypeOf('function');
    expect(await claim('tour:a')).toBeNull();
    release!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await claim('tour:a')).toBeTypeOf('function');
  });
});
