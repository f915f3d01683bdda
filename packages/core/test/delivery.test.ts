import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RETRY_CAP_MS } from '@revisit/core';
import { accepted, type Responder } from './helpers/platform.js';
import { startRevisit } from './helpers/started.js';

const status =
  (code: number, retryAfter?: string): Responder =>
  () => ({ status: code, retryAfter });

describe('delivery', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('keeps messages until acknowledged, then retries with the same ids, new sentAt', async () => {
    const { revisit, fake } = startRevisit({}, undefined, status(503));
    revisit.track('Kept');
    expect(await revisit.flush()).toEqual({ ok: false, queued: 1 });
    expect((await fake.storage.stats()).count).toBe(1);

    fake.respondWith(accepted);
    await vi.advanceTimersByTimeAsync(2000);
    expect(fake.requests).toHaveLength(2);
    const [first, second] = fake.requests;
    expect(second!.envelope.batch[0]!.messageId).toBe(first!.envelope.batch[0]!.messageId);
    expect(second!.envelope.sentAt).not.toBe(first!.envelope.sentAt);
    expect((await fake.storage.stats()).count).toBe(0);
  });

  it('backs off exponentially with a cap, and retries at once when back online', async () => {
    // The longest waits full jitter can draw: 1 s, 2 s, 4 s... then 5 minutes each.
    vi.spyOn(Math, 'random').mockReturnValue(0.9999);
    const { revisit, fake } = startRevisit({}, undefined, status(0));
    revisit.track('Offline');
    await revisit.flush();
    await vi.advanceTimersByTimeAsync(511_000);
    expect(fake.requests).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(3 * RETRY_CAP_MS);
    expect(fake.requests).toHaveLength(13);
    const attempts = fake.requests.length;

    fake.respondWith(accepted);
    fake.goOnline();
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.requests).toHaveLength(attempts + 1);
    expect((await fake.storage.stats()).count).toBe(0);
  });

  it('leaves the backoff once an explicit flush gets through', async () => {
    const { revisit, fake } = startRevisit({ flushAt: 2 }, undefined, status(429, '300'));
    revisit.track('Limited');
    await revisit.flush();
    fake.respondWith(accepted);
    expect((await revisit.flush()).ok).toBe(true);

    revisit.track('One');
    revisit.track('Two');
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.sent().map((message) => message.event)).toEqual([
      'Limited',
      'Limited',
      'One',
      'Two',
    ]);
  });

  it('honours Retry-After in seconds', async () => {
    const { revisit, fake } = startRevisit({}, undefined, status(429, '30'));
    revisit.track('Busy');
    await revisit.flush();
    fake.respondWith(accepted);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(fake.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(fake.requests).toHaveLength(2);
  });

  it('honours Retry-After as an HTTP date', async () => {
    vi.setSystemTime(Date.parse('2026-12-03T10:00:00Z'));
    const { revisit, fake } = startRevisit(
      {},
      undefined,
      status(503, 'Thu, 03 Dec 2026 10:01:00 GMT'),
    );
    revisit.track('Busy');
    await revisit.flush();
    fake.respondWith(accepted);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(fake.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fake.requests).toHaveLength(2);
  });

  it('splits a batch answered 413 and drops a single message that is still too large', async () => {
    const delivered: string[] = [];
    const tooLarge: Responder = (request) => {
      const { batch } = request.envelope;
      if (batch.length > 2 || batch.some((message) => message.event === 'Huge')) {
        return { status: 413 };
      }
      delivered.push(...batch.map((message) => message.event));
      return accepted(request);
    };
    const { revisit, fake, log } = startRevisit({ flushAt: 1000 }, undefined, tooLarge);
    const dropped = vi.fn();
    revisit.on('dropped', dropped);
    for (const event of ['A', 'B', 'C', 'Huge', 'D', 'E', 'F']) revisit.track(event);
    expect((await revisit.flush()).ok).toBe(true);

    expect(delivered).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(dropped).toHaveBeenCalledWith(expect.objectContaining({ reason: 'invalid', count: 1 }));
    expect(log.warnings()).toContainEqual(expect.stringMatching(/refused with 413; dropped/));
    expect((await fake.storage.stats()).count).toBe(0);
  });

  it('drops only the messages the collector rejected, and reports them', async () => {
    const rejectSecond: Responder = (request) => ({
      status: 200,
      body: {
        success: true,
        accepted: 2,
        duplicates: 0,
        rejected: [{ index: 1, messageId: request.envelope.batch[1]!.messageId, reason: 'bad' }],
      },
    });
    const { revisit, fake } = startRevisit({}, undefined, rejectSecond);
    const dropped = vi.fn();
    const delivered = vi.fn();
    revisit.on('dropped', dropped);
    revisit.on('delivered', delivered);
    revisit.track('A');
    revisit.track('B');
    revisit.track('C');
    await revisit.flush();

    const ids = fake.sent().map((message) => message.messageId);
    expect(dropped).toHaveBeenCalledWith(
      expect.objectContaining({ reason: 'rejected', count: 1, messageIds: [ids[1]] }),
    );
    expect(delivered).toHaveBeenCalledWith({ messageIds: [ids[0], ids[2]] });
    expect((await fake.storage.stats()).count).toBe(0);
  });

  it('reports failed sends through on("error")', async () => {
    const { revisit } = startRevisit({}, undefined, status(500));
    const error = vi.fn();
    revisit.on('error', error);
    revisit.track('A');
    await revisit.flush();
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ status: 500 }));
  });

  it('never runs two flushes of one tab at once', async () => {
    let inFlight = 0;
    let most = 0;
    const slow: Responder = async (request) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 100));
      inFlight--;
      return accepted(request);
    };
    const { revisit, fake } = startRevisit({ flushAt: 1 }, undefined, slow);
    for (let index = 0; index < 5; index++) revisit.track('Fast');
    const flushes = [revisit.flush(), revisit.flush()];
    await vi.advanceTimersByTimeAsync(2000);
    await Promise.all(flushes);
    expect(most).toBe(1);
    expect(new Set(fake.sent().map((message) => message.messageId)).size).toBe(5);
    expect(fake.sent()).toHaveLength(5);
  });
});
