// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRevisit } from '@revisit/browser';
import { freshIndexedDB, mockFetch } from './helpers/fetch.js';

const events = (fetch: ReturnType<typeof mockFetch>) =>
  fetch.batches().flatMap((body) => body.batch.map((message) => message.event as string));

describe('storage faults while the page runs', () => {
  let fetch: ReturnType<typeof mockFetch>;
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    freshIndexedDB();
    fetch = mockFetch();
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('keeps tracking in memory when IndexedDB starts failing, losing nothing stored', async () => {
    fetch.answerWith(() => new Response('down', { status: 503 }));
    const page = createRevisit();
    page.init({ writeKey: 'wk', flushAt: 1000 });
    page.track('Stored before the fault');
    await page.flush();

    // Quota exceeded, writes aborted: from now on every transaction throws.
    const failing = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    page.track('After the fault');
    page.track('After the fault, again');
    fetch.answerWith(() => Response.json({ success: true, accepted: 2, rejected: [] }));
    await page.flush();
    expect(events(fetch)).toContain('After the fault');
    expect(events(fetch)).toContain('After the fault, again');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/QuotaExceededError.*memory/);
    await page.shutdown();

    // The next page load, with IndexedDB working again, sends what was stored before.
    failing.mockRestore();
    const next = createRevisit();
    next.init({ writeKey: 'wk' });
    await next.flush();
    expect(events(fetch).at(-1)).toBe('Stored before the fault');
    await next.shutdown();
  });

  it('keeps tracking when the database is deleted under it', async () => {
    const page = createRevisit();
    page.init({ writeKey: 'wk', flushAt: 1000 });
    page.track('Before');
    await page.flush();

    await new Promise<void>((resolve, reject) => {
      const deleting = indexedDB.deleteDatabase('revisit-wk');
      deleting.onsuccess = () => resolve();
      deleting.onerror = () => reject(deleting.error);
    });
    page.track('After deletion');
    const result = await page.flush();
    expect(result.ok).toBe(true);
    expect(events(fetch)).toEqual(['Before', 'After deletion']);
    expect(warn).toHaveBeenCalledTimes(1);
    await page.shutdown();
  });

  it('sends the queue it had stored, once, when the database is deleted under it', async () => {
    fetch.answerWith(() => new Response('down', { status: 503 }));
    const page = createRevisit();
    page.init({ writeKey: 'wk', flushAt: 1000 });
    for (let n = 0; n < 200; n += 1) page.track(`Stored ${n}`);
    await page.flush();

    await new Promise<void>((resolve, reject) => {
      const deleting = indexedDB.deleteDatabase('revisit-wk');
      deleting.onsuccess = () => resolve();
      deleting.onerror = () => reject(deleting.error);
    });
    page.track('After deletion');
    const delivered: string[] = [];
    fetch.answerWith((call) => {
      const { batch } = JSON.parse(call.text) as { batch: Array<Record<string, any>> };
      delivered.push(...batch.map((message) => `${message.event} ${message.messageId}`));
      return Response.json({ success: true, accepted: batch.length, rejected: [] });
    });
    await page.flush();

    expect(delivered).toHaveLength(201);
    expect(new Set(delivered).size).toBe(201);
    expect(new Set(delivered.map((line) => line.split(' ').slice(0, -1).join(' '))).size).toBe(201);
    expect(delivered.at(-1)).toMatch(/^After deletion /);
    expect(warn).toHaveBeenCalledTimes(1);
    await page.shutdown();
  });
});
