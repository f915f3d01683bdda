// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRevisit } from '@revisit/browser';
import { freshIndexedDB, mockFetch } from './helpers/fetch.js';

describe('createRevisit in a browser', () => {
  let fetch: ReturnType<typeof mockFetch>;
  beforeEach(() => {
    freshIndexedDB();
    fetch = mockFetch();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('persists, sends to apiHost and empties the IndexedDB queue', async () => {
    const revisit = createRevisit();
    revisit.track('Early');
    revisit.init({ writeKey: 'wk', apiHost: 'https://collect.example.com/' });
    revisit.identify('user-7', { plan: 'pro' });
    revisit.page();
    const result = await revisit.flush();

    expect(result).toEqual({ ok: true, queued: 0 });
    expect(fetch.calls[0]!.url).toBe('https://collect.example.com/v1/batch');
    const [message, identify, page] = fetch.batches()[0]!.batch;
    expect(message).toMatchObject({
      type: 'track',
      event: 'Early',
      context: {
        library: { name: 'revisit' },
        page: { path: expect.any(String), url: expect.any(String) },
        userAgent: expect.any(String),
        locale: expect.any(String),
        timezone: expect.any(String),
        screen: expect.any(Object),
        sessionId: expect.any(String),
      },
    });
    expect(message!.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(identify).toMatchObject({ type: 'identify', userId: 'user-7', traits: { plan: 'pro' } });
    expect(page).toMatchObject({ type: 'page', userId: 'user-7' });
    await revisit.shutdown();
  });

  it('runs two instances with different write keys side by side', async () => {
    const one = createRevisit();
    const two = createRevisit();
    one.init({ writeKey: 'one' });
    two.init({ writeKey: 'two' });
    one.track('From one');
    two.track('From two');
    await Promise.all([one.flush(), two.flush()]);

    const byKey = fetch.batches().map((body: any) => [body.writeKey, body.batch[0].event]);
    expect(byKey.sort()).toEqual([
      ['one', 'From one'],
      ['two', 'From two'],
    ]);
    await Promise.all([one.shutdown(), two.shutdown()]);
  });

  it('keeps working in memory when IndexedDB is missing', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const revisit = createRevisit();
    revisit.init({ writeKey: 'wk' });
    revisit.track('Still tracked');
    await revisit.flush();
    expect(fetch.batches()[0]!.batch[0]).toMatchObject({ event: 'Still tracked' });
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('keeps messages queued across a reload while the collector is down', async () => {
    fetch.answerWith(() => new Response('down', { status: 503 }));
    const before = createRevisit();
    before.init({ writeKey: 'wk' });
    before.track('During outage');
    await before.flush();
    await before.shutdown();

    fetch.answerWith(() => Response.json({ success: true, accepted: 1, rejected: [] }));
    const after = createRevisit();
    after.init({ writeKey: 'wk' });
    await after.flush();
    const events = fetch.batches().flatMap((body) => body.batch.map((message) => message.event));
    expect(events.at(-1)).toBe('During outage');
    expect(new Set(fetch.batches().map((body) => body.batch[0]!.messageId)).size).toBe(1);
    await after.shutdown();
  });
});
