// @vitest-environment happy-dom
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshIndexedDB, mockFetch } from './helpers/fetch.js';

const BUNDLE = join(dirname(fileURLToPath(import.meta.url)), '../dist/revisit.min.js');

type Global = { revisit?: any };

async function loadSources() {
  vi.resetModules();
  await import('../src/global.js');
}

/** Runs the built script-tag bundle as a page would: what ships is what is tested. */
async function loadBundle() {
  (0, eval)(readFileSync(BUNDLE, 'utf8'));
}

describe.each([
  ['sources', loadSources, true],
  ['built revisit.min.js', loadBundle, existsSync(BUNDLE)],
])('the script-tag global (%s)', (_name, load, available) => {
  let fetch: ReturnType<typeof mockFetch>;
  beforeEach(() => {
    freshIndexedDB();
    fetch = mockFetch();
    delete (globalThis as Global).revisit;
  });
  afterEach(async () => {
    await (globalThis as Global).revisit?.shutdown?.();
    vi.unstubAllGlobals();
  });

  it.skipIf(!available)('defines window.revisit with the SDK methods', async () => {
    await load();
    const { revisit } = globalThis as Global;
    for (const method of ['init', 'track', 'page', 'identify', 'flush', 'optOut', 'on']) {
      expect(typeof revisit[method]).toBe('function');
    }
  });

  it.skipIf(!available)('replays calls a loader snippet queued, in order', async () => {
    const queued: unknown[] = [
      ['track', 'Queued first'],
      ['init', { writeKey: 'wk', apiHost: 'https://c.example' }],
      ['identify', 'user-1'],
      ['track', 'Queued last', { n: 1 }],
    ];
    (globalThis as Global).revisit = queued;
    await load();
    await (globalThis as Global).revisit.flush();

    const batch = fetch.batches().flatMap((body) => body.batch);
    expect(batch.map((message) => message.type)).toEqual(['track', 'identify', 'track']);
    expect(batch[2]).toMatchObject({
      event: 'Queued last',
      userId: 'user-1',
      properties: { n: 1 },
    });
  });

  it.skipIf(!available)('accepts a stub object with a q array', async () => {
    (globalThis as Global).revisit = {
      q: [
        ['init', { writeKey: 'wk' }],
        ['track', 'From q'],
      ],
    };
    await load();
    await (globalThis as Global).revisit.flush();
    expect(fetch.batches()[0]!.batch[0]).toMatchObject({ event: 'From q' });
  });
});
