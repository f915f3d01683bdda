// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger, type StoredMessage } from '@revisit/core';
import { openBrowserStorage } from '../src/idb-storage.js';
import { freshIndexedDB } from './helpers/fetch.js';

const message = (id: string, seq: number, bytes = 10): StoredMessage => ({
  id,
  seq,
  bytes,
  json: `{"messageId":"${id}"}`,
});

function quietLogger() {
  const warnings: string[] = [];
  const sink = { ...console, warn: (text: string) => void warnings.push(text) };
  return { logger: createLogger('warn', sink), warnings };
}

describe('openBrowserStorage', () => {
  beforeEach(freshIndexedDB);
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('keeps messages in seq order with exact totals', async () => {
    const { logger, warnings } = quietLogger();
    const storage = await openBrowserStorage('wk', logger);
    await storage.append([message('b', 2, 20), message('a', 1, 10), message('c', 3, 30)]);
    expect((await storage.readOldest(10, 1000)).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect((await storage.readOldest(10, 25)).map((m) => m.id)).toEqual(['a']);
    expect((await storage.readOldest(2, 1000)).map((m) => m.id)).toEqual(['a', 'b']);
    expect(await storage.stats()).toEqual({ count: 3, bytes: 60 });

    await storage.remove([message('a', 1, 10), message('gone', 9, 99)]);
    expect(await storage.stats()).toEqual({ count: 2, bytes: 50 });
    await storage.append([message('b', 2, 20)]);
    expect(await storage.stats()).toEqual({ count: 2, bytes: 50 });
    await storage.clear();
    expect(await storage.stats()).toEqual({ count: 0, bytes: 0 });
    expect(warnings).toEqual([]);
  });

  it('deletes from chunks by hint or by lookup, rewriting a chunk partly delivered', async () => {
    const storage = await openBrowserStorage('wk', quietLogger().logger);
    const written = Array.from({ length: 1200 }, (_, i) => message(`m${i}`, i));
    await storage.append(written);
    // Chunks of 500: the write tells each message where it went.
    expect(new Set(written.map((m) => m.chunk)).size).toBe(3);

    const first = await storage.readOldest(300, Infinity);
    await storage.remove(first);
    // No hints (an unload send acknowledged, a rescue): found through the id index.
    await storage.remove([message('m300', 300), message('m301', 301), message('m1199', 1199)]);
    const left = await storage.readOldest(2000, Infinity);
    expect(left.map((m) => m.id)).toEqual(written.slice(302, 1199).map((m) => m.id));
    expect(await storage.stats()).toEqual({ count: 897, bytes: 8970 });

    await storage.remove(left);
    expect(await storage.readOldest(10, Infinity)).toEqual([]);
    expect(await storage.stats()).toEqual({ count: 0, bytes: 0 });
  });

  it('writes a message already queued only once, with the rest of its write', async () => {
    const storage = await openBrowserStorage('wk', quietLogger().logger);
    await storage.append([message('a', 1), message('b', 2)]);
    await storage.append([message('b', 2), message('c', 3), message('c', 3)]);
    expect((await storage.readOldest(10, 1000)).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(await storage.stats()).toEqual({ count: 3, bytes: 30 });
  });

  it('always returns at least one message, even one larger than maxBytes', async () => {
    const storage = await openBrowserStorage('wk', quietLogger().logger);
    await storage.append([message('huge', 1, 900_000)]);
    expect(await storage.readOldest(10, 1000)).toHaveLength(1);
  });

  it('updates small values atomically and deletes them on undefined', async () => {
    const storage = await openBrowserStorage('wk', quietLogger().logger);
    await Promise.all(
      Array.from({ length: 20 }, () => storage.update<number>('n', (value = 0) => value + 1)),
    );
    expect(await storage.get('n')).toBe(20);
    await storage.update('n', () => undefined);
    expect(await storage.get('n')).toBeUndefined();
  });

  it('keeps one database per write key, so two apps never share a queue', async () => {
    const one = await openBrowserStorage('key-one', quietLogger().logger);
    const two = await openBrowserStorage('key-two', quietLogger().logger);
    await one.append([message('x', 1)]);
    expect((await two.stats()).count).toBe(0);
    expect((await one.stats()).count).toBe(1);
  });

  it('falls back to memory, warning once, when IndexedDB is missing', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const { logger, warnings } = quietLogger();
    const storage = await openBrowserStorage('wk', logger);
    await storage.append([message('a', 1)]);
    expect((await storage.readOldest(5, 100)).map((m) => m.id)).toEqual(['a']);
    expect(warnings).toEqual([expect.stringMatching(/IndexedDB is unavailable.*memory/)]);
  });

  it('falls back to memory when opening fails', async () => {
    vi.stubGlobal('indexedDB', {
      open: () => {
        throw new DOMException('blocked by policy', 'SecurityError');
      },
    });
    const { logger, warnings } = quietLogger();
    const storage = await openBrowserStorage('wk', logger);
    await storage.append([message('a', 1)]);
    expect((await storage.stats()).count).toBe(1);
    expect(warnings).toHaveLength(1);
  });

  it('falls back to memory when opening hangs (blocked by another tab)', async () => {
    vi.useFakeTimers();
    // A request that never fires: idb waits on it forever, as on a blocked open.
    const hanging = { addEventListener() {}, result: undefined };
    vi.stubGlobal('indexedDB', { open: () => hanging });
    vi.stubGlobal('IDBRequest', Object.getPrototypeOf(hanging).constructor);
    const { logger, warnings } = quietLogger();
    const opening = openBrowserStorage('wk', logger);
    await vi.advanceTimersByTimeAsync(3000);
    const storage = await opening;
    vi.useRealTimers();
    await storage.append([message('a', 1)]);
    expect((await storage.stats()).count).toBe(1);
    expect(warnings).toEqual([expect.stringMatching(/open took over 3000 ms/)]);
  });

  it('moves to memory when a write fails later, without losing that write', async () => {
    const { logger, warnings } = quietLogger();
    const storage = await openBrowserStorage('wk', logger);
    await storage.append([message('a', 1)]);
    // Quota exceeded, aborted, database deleted: every later transaction throws.
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase) {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    await storage.append([message('b', 2)]);
    await storage.append([message('c', 3)]);
    expect((await storage.readOldest(10, 1000)).map((m) => m.id)).toEqual(['b', 'c']);
    expect(warnings).toEqual([expect.stringMatching(/QuotaExceededError/)]);
  });
});
