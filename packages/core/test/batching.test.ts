import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_BATCH_BYTES, UNLOAD_BUDGET_BYTES } from '@revisit/core';
import { accepted } from './helpers/platform.js';
import { startRevisit } from './helpers/started.js';

describe('batching', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends once flushAt messages are queued', async () => {
    const { revisit, fake } = startRevisit({ flushAt: 3, flushInterval: 60_000 });
    revisit.track('One');
    revisit.track('Two');
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.requests).toHaveLength(0);

    revisit.track('Three');
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.requests).toHaveLength(1);
    expect(fake.sent().map((message) => message.event)).toEqual(['One', 'Two', 'Three']);
  });

  it('sends after flushInterval when fewer messages are queued', async () => {
    const { revisit, fake } = startRevisit({ flushInterval: 5000 });
    revisit.track('Lonely');
    await vi.advanceTimersByTimeAsync(4900);
    expect(fake.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(fake.requests).toHaveLength(1);
  });

  it('writes a burst of calls in one storage transaction', async () => {
    const { revisit, fake } = startRevisit({ flushAt: 1000 });
    await revisit.flush();
    const append = vi.spyOn(fake.storage, 'append');
    for (let index = 0; index < 100; index++) revisit.track('Burst', { index });
    await vi.advanceTimersByTimeAsync(10);
    expect(append).toHaveBeenCalledTimes(1);
    expect(append.mock.calls[0]![0]).toHaveLength(100);
  });

  it('caps a batch by UTF-8 bytes, not characters', async () => {
    const { revisit, fake } = startRevisit({ flushAt: 1000 });
    // 3 bytes per character: 6,000 characters are 18 KB per message, 60 of them over 1 MB.
    for (let index = 0; index < 60; index++) revisit.track('Big', { text: '€'.repeat(6000) });
    const result = await revisit.flush();

    expect(result.ok).toBe(true);
    expect(fake.requests.length).toBeGreaterThanOrEqual(3);
    for (const request of fake.requests) {
      expect(new TextEncoder().encode(request.body).length).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    }
    expect(fake.sent()).toHaveLength(60);
  });

  it('sends the newest messages with keepalive, within 64 KB, when the page hides', async () => {
    const { revisit, fake } = startRevisit({ flushAt: 1000 });
    for (let index = 0; index < 40; index++) revisit.track('Page', { text: 'x'.repeat(3000) });
    await vi.advanceTimersByTimeAsync(1);
    fake.hide();

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request!.unloading).toBe(true);
    expect(request!.body.length).toBeLessThanOrEqual(64 * 1024);
    expect(request!.body.length).toBeGreaterThan(UNLOAD_BUDGET_BYTES / 2);
  });

  it('includes calls made in the same task as the hide, and still writes them', async () => {
    const { revisit, fake } = startRevisit({ flushAt: 1000 });
    await revisit.flush();
    // A beacon: sent, never answered, so the message must stay queued.
    fake.respondWith(() => ({ status: 0 }));
    revisit.track('Clicked away');
    fake.hide();

    expect(fake.requests[0]!.envelope.batch.map((message) => message.event)).toEqual([
      'Clicked away',
    ]);
    expect(fake.requests[0]!.envelope.batch[0]!.context.sessionId).toEqual(expect.any(String));
    await vi.advanceTimersByTimeAsync(1);
    expect((await fake.storage.stats()).count).toBe(1);
  });

  it('sends at once when the network comes back', async () => {
    const { revisit, fake } = startRevisit({ flushInterval: 60_000 });
    revisit.track('Offline');
    await vi.advanceTimersByTimeAsync(1);
    fake.goOnline();
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.requests).toHaveLength(1);
  });

  it('retries at once when the network comes back during a failing attempt', async () => {
    const { revisit, fake } = startRevisit({ flushInterval: 60_000 }, undefined, () => {
      // The browser reports the network back while this attempt is failing.
      fake.goOnline();
      return { status: 0 };
    });
    revisit.track('Offline');
    await revisit.flush();
    fake.respondWith(accepted);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.requests).toHaveLength(2);
  });

  it('flushes what earlier pages left in storage soon after start', async () => {
    const first = startRevisit({ flushAt: 1000 }, undefined, () => ({ status: 0 }));
    first.revisit.track('Left behind');
    await vi.advanceTimersByTimeAsync(1);
    await first.revisit.shutdown();

    const second = startRevisit({}, first.fake, undefined);
    second.fake.respondWith(() => ({ status: 200 }));
    await vi.advanceTimersByTimeAsync(5100);
    expect(second.fake.sent().map((message) => message.event)).toContain('Left behind');
    expect((await second.fake.storage.stats()).count).toBe(0);
  });
});
