// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStorage, type StoredMessage } from '@revisit/core';
import { createRevisit } from '@revisit/browser';
import { createRescue, RESCUE_BUDGET_BYTES } from '../src/rescue.js';
import { freshIndexedDB, mockFetch } from './helpers/fetch.js';

const message = (id: string, bytes = 10): StoredMessage => ({ id, seq: 1, bytes, json: '{}' });

describe('createRescue', () => {
  beforeEach(() => localStorage.clear());

  it('saves messages under a key per page and moves them into storage once', async () => {
    const rescue = createRescue('wk');
    rescue.save([message('a')]);
    rescue.save([message('b')]);
    createRescue('other-key').save([message('x')]);

    const storage = createMemoryStorage();
    await rescue.restore(storage);
    expect((await storage.readOldest(10, 1000)).map((m) => m.id).sort()).toEqual(['a', 'b']);
    expect(Object.keys(localStorage)).toHaveLength(1);
  });

  it('stays within its budget of the origin’s localStorage', () => {
    createRescue('wk').save(Array.from({ length: 100 }, (_, i) => message(`m${i}`, 10_000)));
    const [key] = Object.keys(localStorage);
    expect(JSON.parse(localStorage.getItem(key!)!).length).toBe((RESCUE_BUDGET_BYTES / 10_000) | 0);
  });

  it('carries on when localStorage refuses the write', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(() => createRescue('wk').save([message('a')])).not.toThrow();
    vi.restoreAllMocks();
  });
});

describe('unload rescue in the SDK', () => {
  beforeEach(() => {
    freshIndexedDB();
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('keeps events whose write the unloading page never saw confirmed', async () => {
    const fetch = mockFetch();
    fetch.answerWith(() => Promise.reject(new TypeError('offline')));
    const beacon = vi.spyOn(navigator, 'sendBeacon').mockReturnValue(false);
    const page = createRevisit();
    page.init({ writeKey: 'wk', flushAt: 1000 });
    await page.flush();

    // The browser unloads the page in the same task: its IndexedDB write never commits.
    const append = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(() => {
      throw new DOMException('the page is gone', 'AbortError');
    });
    page.track('Right before the reload');
    dispatchEvent(new Event('pagehide'));
    append.mockRestore();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await page.shutdown();

    fetch.answerWith(() => Response.json({ success: true, accepted: 1, rejected: [] }));
    const next = createRevisit();
    next.init({ writeKey: 'wk' });
    await next.flush();
    const sent = fetch
      .batches()
      .at(-1)!
      .batch.map((m: Record<string, unknown>) => m.event);
    expect(sent).toEqual(['Right before the reload']);
    expect(beacon).toHaveBeenCalled();
    expect(Object.keys(localStorage)).toEqual([]);
    await next.shutdown();
    vi.restoreAllMocks();
  });
});
