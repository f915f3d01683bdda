// @vitest-environment happy-dom
// Several "tabs" (SDK instances sharing one IndexedDB, as tabs of one origin do) track at
// once through a fault-injecting proxy. Whatever the faults, the collector must end up with
// every tracked event exactly once. Each scenario runs with several seeds; a failure names
// its seed so it can be replayed.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createRevisit, type Revisit } from '@revisit/browser';
import { createWebLocks } from '../../packages/browser/test/helpers/web-locks.js';
import {
  NO_FAULTS,
  seededRandom,
  startChaosProxy,
  type FaultRates,
} from '../helpers/chaos-proxy.js';
import { startCollector, type TestCollector } from '../helpers/collector.js';
import { waitFor } from '../helpers/wait.js';

const WRITE_KEY = 'wk-chaos';
const TABS = 3;
const EVENTS_PER_TAB = 30;
const SEEDS = [11, 22, 33];

const STORMY: FaultRates = {
  serverError: 0.2,
  rateLimited: 0.1,
  delayed: 0.15,
  resetAfterForward: 0.2,
};

let collector: TestCollector;

beforeAll(async () => {
  collector = await startCollector({ writeKey: WRITE_KEY });
});

afterAll(async () => {
  await collector?.stop();
});

/** Tracks from every tab, interleaved, in a seeded order; returns the keys tracked. */
async function trackFromTabs(tabs: Revisit[], run: string, random: () => number) {
  const tracked: string[] = [];
  for (let index = 0; index < EVENTS_PER_TAB; index++) {
    for (const [tab, revisit] of tabs.entries()) {
      const key = `${run}/${tab}/${index}`;
      revisit.track('Chaos', { key });
      tracked.push(key);
    }
    await new Promise((resolve) => setTimeout(resolve, random() * 40));
  }
  return tracked;
}

describe.each([
  ['Web Locks', true],
  ['lease fallback', false],
])('tabs through a faulty network (%s)', (_locks, webLocks) => {
  it.each(SEEDS)('stores every event exactly once (seed %i)', async (seed) => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    Object.defineProperty(navigator, 'locks', {
      value: webLocks ? createWebLocks() : null,
      configurable: true,
    });
    const proxy = await startChaosProxy({
      target: collector.url,
      seed,
      rates: STORMY,
      // Big enough for small batches, small enough that flushes of many events meet 413.
      maxBodyBytes: 8 * 1024,
      maxDelayMs: 500,
    });
    const run = `${webLocks ? 'locks' : 'lease'}-${seed}`;
    const tabs = Array.from({ length: TABS }, () => createRevisit());
    for (const tab of tabs) {
      tab.init({ writeKey: WRITE_KEY, apiHost: proxy.url, flushAt: 5, flushInterval: 100 });
    }

    try {
      const tracked = await trackFromTabs(tabs, run, seededRandom(seed));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      proxy.setRates(NO_FAULTS);

      const stored = await waitFor(
        `all events of seed ${seed} stored`,
        async () => {
          await Promise.all(tabs.map((tab) => tab.flush()));
          const keys = (await collector.storedMessages())
            .map((message) => message.properties?.key as string)
            .filter((key) => key?.startsWith(`${run}/`));
          return keys.length >= tracked.length ? keys : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );

      expect(stored.sort(), `seed ${seed}`).toEqual([...tracked].sort());
      expect(proxy.counts.passed, `seed ${seed}: some requests got through`).toBeGreaterThan(0);
      const faults = ['serverError', 'rateLimited', 'resetAfterForward'];
      expect(
        faults.some((fault) => proxy.counts[fault]),
        `seed ${seed}: faults met`,
      ).toBe(true);
    } finally {
      await Promise.all(tabs.map((tab) => tab.shutdown()));
      await proxy.close();
      vi.unstubAllGlobals();
      delete (navigator as { locks?: unknown }).locks;
    }
  });
});
