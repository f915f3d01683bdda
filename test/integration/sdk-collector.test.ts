// @vitest-environment happy-dom
// The SDK (browser platform over fake-indexeddb) against the real collector over HTTP.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRevisit } from '@revisit/browser';
import { startCollector, type TestCollector } from '../helpers/collector.js';
import { waitFor } from '../helpers/wait.js';

let collector: TestCollector;

beforeAll(async () => {
  collector = await startCollector({ writeKey: 'wk-integration' });
});

afterAll(async () => {
  await collector?.stop();
});

describe('SDK to collector over HTTP', () => {
  it('stores tracked, page and identify messages once, with their session', async () => {
    const revisit = createRevisit();
    revisit.init({ writeKey: 'wk-integration', apiHost: collector.url });
    revisit.page('Home');
    revisit.track('Task Added', { openTasks: 1 });
    revisit.identify('user-7', { plan: 'pro' });
    revisit.track('Task Completed', { ageSeconds: 12 });

    const result = await revisit.flush();
    expect(result).toMatchObject({ ok: true });
    await revisit.shutdown();

    const stored = await collector.storedMessages();
    expect(stored.map((m) => m.type)).toEqual(['page', 'track', 'identify', 'track']);
    expect(stored[1]).toMatchObject({ event: 'Task Added', properties: { openTasks: 1 } });
    expect(stored[3]?.userId).toBe('user-7');
    expect(new Set(stored.map((m) => m.context?.sessionId)).size).toBe(1);
    expect(new Set(stored.map((m) => m.anonymousId)).size).toBe(1);
  });

  it('keeps events while the collector is down and sends them when it is back', async () => {
    const outage = await startCollector({ writeKey: 'wk-outage' });
    await outage.stop();
    const revisit = createRevisit();
    revisit.init({ writeKey: 'wk-outage', apiHost: outage.url });
    for (let i = 0; i < 25; i += 1) revisit.track('Queued', { i });

    const failed = await revisit.flush();
    expect(failed).toMatchObject({ ok: false });

    await outage.restart();
    try {
      await waitFor('a successful flush', async () => {
        const result = await revisit.flush();
        return result.ok ? result : undefined;
      });
      const stored = await outage.storedMessages();
      expect(stored.map((m) => m.properties?.i)).toEqual([...Array(25).keys()]);
    } finally {
      await revisit.shutdown();
      await outage.stop();
    }
  });
});
