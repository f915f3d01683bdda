// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger, type StoredMessage } from '@revisit/core';
import { createRevisit } from '@revisit/browser';
import { openBrowserStorage } from '../src/idb-storage.js';
import { freshIndexedDB, mockFetch } from './helpers/fetch.js';

const oldMessage = (id: string, seq: number): StoredMessage => {
  const json = JSON.stringify({ type: 'track', event: `Old ${id}`, messageId: id });
  return { id, seq, bytes: json.length, json };
};

/** The queue as SDK versions with database version 1 left it: one record per message. */
function writeVersionOne(name: string, messages: StoredMessage[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('messages', { keyPath: 'id' }).createIndex('seq', 'seq');
      open.result.createObjectStore('values');
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(['messages', 'values'], 'readwrite');
      for (const message of messages) tx.objectStore('messages').put(message);
      tx.objectStore('values').put({ count: messages.length, bytes: 1 }, '#totals');
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
    };
  });
}

describe('a queue left by database version 1', () => {
  beforeEach(freshIndexedDB);
  afterEach(() => vi.unstubAllGlobals());

  it('moves into chunks, in seq order, with exact totals', async () => {
    const old = [oldMessage('b', 2), oldMessage('a', 1), oldMessage('c', 3)];
    await writeVersionOne('revisit-wk', old);
    const storage = await openBrowserStorage('wk', createLogger('error'));

    const read = await storage.readOldest(10, 100_000);
    expect(read.map((message) => message.id)).toEqual(['a', 'b', 'c']);
    expect(read[0]!.json).toBe(old[1]!.json);
    const bytes = old.reduce((sum, message) => sum + message.bytes, 0);
    expect(await storage.stats()).toEqual({ count: 3, bytes });

    await storage.remove(read.slice(0, 2));
    expect((await storage.readOldest(10, 100_000)).map((message) => message.id)).toEqual(['c']);
    expect(await storage.stats()).toEqual({ count: 1, bytes: old[2]!.bytes });
  });

  it('is sent by the new SDK', async () => {
    const fetch = mockFetch();
    await writeVersionOne('revisit-wk', [oldMessage('x', 1), oldMessage('y', 2)]);
    const revisit = createRevisit();
    revisit.init({ writeKey: 'wk' });
    revisit.track('New');
    expect(await revisit.flush()).toEqual({ ok: true, queued: 0 });

    const sent = fetch.batches().flatMap((body) => body.batch.map((message) => message.event));
    expect(sent).toEqual(['Old x', 'Old y', 'New']);
    await revisit.shutdown();
  });
});
