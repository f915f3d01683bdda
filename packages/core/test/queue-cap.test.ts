import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DROPPED_KEY } from '../src/queue-cap.js';
import { accepted, createTestPlatform, type SentRequest } from './helpers/platform.js';
import { startRevisit } from './helpers/started.js';

describe('a full queue shared by tabs', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('counts each dropped message once when two tabs go over the cap together', async () => {
    const fake = createTestPlatform();
    fake.respondWith(() => ({ status: 503 }));
    const options = { maxQueueMessages: 5, flushAt: 1000, flushInterval: 60_000 };
    const tabs = [startRevisit(options, fake), startRevisit(options, fake)];
    const dropped: string[] = [];
    for (const { revisit } of tabs)
      revisit.on('dropped', (event) => dropped.push(...event.messageIds));
    for (const { revisit } of tabs) revisit.track('First');
    const flushes = tabs.map(({ revisit }) => revisit.flush());
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(flushes); // both back off now
    // IndexedDB answers later than memory: both tabs read the oldest before either deletes.
    const readOldest = fake.storage.readOldest;
    fake.storage.readOldest = async (limit, maxBytes) => {
      const oldest = await readOldest(limit, maxBytes);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return oldest;
    };

    for (const [index, { revisit }] of tabs.entries()) {
      for (let n = 0; n < 6; n++) revisit.track(`T${index}-${n}`);
    }
    // A tab that finds the lock taken leaves the trim to the holder's next drain: a retry.
    await vi.advanceTimersByTimeAsync(10_000);

    expect((await fake.storage.stats()).count).toBe(5);
    expect(await fake.storage.get(DROPPED_KEY)).toBe(9);
    expect(new Set(dropped).size).toBe(9);
    expect(dropped).toHaveLength(9);
  });

  it('never drops a message another tab is sending', async () => {
    const fake = createTestPlatform();
    const options = { maxQueueMessages: 5, flushAt: 1000, flushInterval: 60_000 };
    const tabA = startRevisit(options, fake);
    const tabB = startRevisit(options, fake);
    const dropped: string[] = [];
    tabB.revisit.on('dropped', (event) => dropped.push(...event.messageIds));

    // Tab B's sends fail: it backs off. Tab A then sends the whole queue, slowly.
    fake.respondWith(() => ({ status: 503 }));
    for (let index = 0; index < 4; index++) tabB.revisit.track(`B${index}`);
    await tabB.revisit.flush();
    tabA.revisit.track('A4');
    await vi.advanceTimersByTimeAsync(1);
    let answer: (request: SentRequest) => void = () => {};
    fake.respondWith(
      (request) => new Promise((resolve) => (answer = () => resolve(accepted(request)))),
    );
    const sending = tabA.revisit.flush();
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.requests.at(-1)!.envelope.batch).toHaveLength(5);

    // Tab B goes over the cap while tab A's batch is on its way.
    tabB.revisit.track('B5');
    tabB.revisit.track('B6');
    await vi.advanceTimersByTimeAsync(1);
    answer(fake.requests.at(-1)!);
    await sending;
    await vi.advanceTimersByTimeAsync(1);

    const delivered = new Set(fake.requests.at(-1)!.envelope.batch.map((m) => m.messageId));
    expect(dropped.filter((id) => delivered.has(id))).toEqual([]);
    expect((await fake.storage.get<number>(DROPPED_KEY)) ?? 0).toBe(dropped.length);
  });

  it('recounts after a drain, so flush() reports what other tabs delivered', async () => {
    const fake = createTestPlatform();
    fake.respondWith(() => ({ status: 503 }));
    const options = { flushAt: 1000, flushInterval: 60_000 };
    const tabA = startRevisit(options, fake);
    for (let index = 0; index < 5; index++) tabA.revisit.track(`A${index}`);
    const failing = tabA.revisit.flush();
    await vi.advanceTimersByTimeAsync(1);
    expect((await failing).queued).toBe(5);

    fake.respondWith(accepted);
    const tabB = startRevisit(options, fake);
    const delivering = tabB.revisit.flush();
    await vi.advanceTimersByTimeAsync(1);
    expect((await delivering).queued).toBe(0);

    const again = tabA.revisit.flush();
    await vi.advanceTimersByTimeAsync(1);
    expect(await again).toEqual({ ok: true, queued: 0 });
  });
});
