import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { accepted } from './helpers/platform.js';
import { startRevisit } from './helpers/started.js';

describe('queue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('drops the oldest messages past the cap and reports the count in the next batch', async () => {
    const { revisit, fake, log } = startRevisit({ maxQueueMessages: 5 }, undefined, () => ({
      status: 0,
    }));
    const dropped = vi.fn();
    revisit.on('dropped', dropped);
    for (let index = 0; index < 8; index++) revisit.track(`E${index}`);
    await revisit.flush();
    expect((await fake.storage.stats()).count).toBe(5);
    expect(dropped).toHaveBeenCalledWith(
      expect.objectContaining({ reason: 'queue-full', count: 3 }),
    );
    expect(log.warnings()).toContainEqual(expect.stringMatching(/queue is full/));

    fake.respondWith(accepted);
    await revisit.flush();
    const last = fake.requests.at(-1)!.envelope;
    expect(last.dropped).toBe(3);
    expect(last.batch.map((message) => message.event)).toEqual(['E3', 'E4', 'E5', 'E6', 'E7']);

    revisit.track('After');
    await revisit.flush();
    expect(fake.requests.at(-1)!.envelope.dropped).toBeUndefined();
  });

  it('reports drops once even when several tabs send', async () => {
    const down = () => ({ status: 0 });
    const tabA = startRevisit({ maxQueueMessages: 5 }, undefined, down);
    for (let index = 0; index < 8; index++) tabA.revisit.track(`E${index}`);
    await tabA.revisit.flush();

    // A tab opened after the drops sends first; the tab that dropped sends later.
    tabA.fake.respondWith(accepted);
    const failedAttempts = tabA.fake.requests.length;
    const tabB = startRevisit({}, tabA.fake);
    await tabB.revisit.flush();
    tabA.revisit.track('Later');
    await tabA.revisit.flush();

    const delivered = tabA.fake.requests.slice(failedAttempts);
    expect(delivered).toHaveLength(2);
    expect(delivered.map((request) => request.envelope.dropped)).toEqual([3, undefined]);
  });

  it('caps the queue by bytes too', async () => {
    const { revisit, fake } = startRevisit({ maxQueueBytes: 10_000 }, undefined, () => ({
      status: 0,
    }));
    for (let index = 0; index < 10; index++) revisit.track('Big', { text: 'x'.repeat(2000) });
    await revisit.flush();
    const stats = await fake.storage.stats();
    expect(stats.bytes).toBeLessThanOrEqual(10_000);
    expect(stats.count).toBeGreaterThan(0);
  });

  it('drops a message over 32 KB with a warning naming the event', async () => {
    const { revisit, fake, log } = startRevisit();
    const properties = Object.fromEntries(
      Array.from({ length: 10 }, (_, index) => [`k${index}`, 'x'.repeat(5000)]),
    );
    revisit.track('Too big', properties);
    revisit.track('Fine');
    await revisit.flush();
    expect(fake.sent().map((message) => message.event)).toEqual(['Fine']);
    expect(log.warnings()).toContainEqual(
      expect.stringMatching(/track\("Too big"\): message is \d+ bytes, over the 32768 limit/),
    );
  });

  it('never sends a message before it was written', async () => {
    const { revisit, fake } = startRevisit({ flushAt: 1 });
    const append = fake.storage.append;
    const written = new Set<string>();
    fake.storage.append = async (messages) => {
      await append(messages);
      for (const message of messages) written.add(message.id);
    };
    fake.respondWith((request) => {
      for (const message of request.envelope.batch)
        expect(written.has(message.messageId)).toBe(true);
      return accepted(request);
    });
    for (let index = 0; index < 30; index++) revisit.track('Checked');
    await revisit.flush();
    expect(fake.sent().length).toBeGreaterThanOrEqual(30);
  });
});
