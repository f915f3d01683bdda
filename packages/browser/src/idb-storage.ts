import type { Logger, QueueStats, Storage, StoredMessage } from '@revisit/core';
import { createMemoryStorage, withMemoryFallback } from '@revisit/core';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { createRescue } from './rescue.js';

interface RevisitDB extends DBSchema {
  messages: { key: string; value: StoredMessage; indexes: { seq: number } };
  values: { key: string; value: unknown };
}

type Database = IDBPDatabase<RevisitDB>;

// Totals live beside the messages and change in the same transactions, so every tab reads
// exact figures without walking the queue.
const TOTALS = '#totals';
// An open that hangs (blocked by another tab's upgrade) must not stall the SDK.
const OPEN_TIMEOUT_MS = 3000;

/**
 * Opens the IndexedDB queue of one write key (`revisit-<writeKey>`, so two apps on one
 * origin never mix their events). Whatever goes wrong, now or later (no IndexedDB, blocked,
 * quota, database deleted), the SDK goes on in memory and says so once.
 */
export async function openBrowserStorage(writeKey: string, logger: Logger): Promise<Storage> {
  const fallBack = (error: unknown) =>
    logger.warn(`IndexedDB is unavailable (${error}); events are kept in memory only`);

  const rescue = createRescue(writeKey);
  let storage: Storage;
  try {
    const db = await withTimeout(open(`revisit-${writeKey}`), OPEN_TIMEOUT_MS);
    storage = withMemoryFallback(createIdbStorage(db), fallBack);
  } catch (error) {
    fallBack(error);
    storage = createMemoryStorage();
  }
  await rescue.restore(storage).catch(fallBack);
  return { ...storage, rescue: rescue.save };
}

// Without IndexedDB this throws, and the caller falls back to memory.
function open(name: string): Promise<Database> {
  return openDB<RevisitDB>(name, 1, {
    upgrade(db) {
      db.createObjectStore('messages', { keyPath: 'id' }).createIndex('seq', 'seq');
      db.createObjectStore('values');
    },
    // Let another context delete or upgrade the database; later writes fall back to memory.
    blocking: (_current, _next, event) => (event.target as IDBDatabase).close(),
  });
}

/** The queue in IndexedDB; exported for tests. Each method is one transaction. */
export function createIdbStorage(db: Database): Storage {
  const totalsIn = async (store: { get(key: string): Promise<unknown> }) =>
    ((await store.get(TOTALS)) as QueueStats | undefined) ?? { count: 0, bytes: 0 };

  /** Adds (`sign` 1) or deletes (-1) messages, counting only those that change the queue. */
  const change = async (list: StoredMessage[], sign: 1 | -1) => {
    const tx = db.transaction(['messages', 'values'], 'readwrite');
    const messages = tx.objectStore('messages');
    const values = tx.objectStore('values');
    const [totals, known] = await Promise.all([
      totalsIn(values),
      // Requests of one transaction are pipelined: asking for every key at once is one trip.
      Promise.all(list.map((message) => messages.getKey(message.id))),
    ]);
    for (const [index, message] of list.entries()) {
      // Appending a message again (a replay after a fault) or deleting one another tab
      // already deleted leaves the totals alone.
      if (Boolean(known[index]) === sign > 0) continue;
      void (sign > 0 ? messages.put(message) : messages.delete(message.id));
      totals.count += sign;
      totals.bytes += sign * message.bytes;
    }
    void values.put(totals, TOTALS);
    await tx.done;
  };

  return {
    append: (list) => change(list, 1),
    async readOldest(limit, maxBytes) {
      const result: StoredMessage[] = [];
      let bytes = 0;
      let cursor = await db.transaction('messages').store.index('seq').openCursor();
      while (cursor && result.length < limit) {
        if (result.length > 0 && bytes + cursor.value.bytes > maxBytes) break;
        result.push(cursor.value);
        bytes += cursor.value.bytes;
        cursor = await cursor.continue();
      }
      return result;
    },
    remove: (list) => change(list, -1),
    stats: async () => totalsIn(db.transaction('values').store),
    async clear() {
      const tx = db.transaction(['messages', 'values'], 'readwrite');
      void tx.objectStore('messages').clear();
      void tx.objectStore('values').delete(TOTALS);
      await tx.done;
    },
    get: async <T>(key: string) => (await db.transaction('values').store.get(key)) as T | undefined,
    async update<T>(key: string, change: (value: T | undefined) => T | undefined) {
      const tx = db.transaction('values', 'readwrite');
      const next = change((await tx.store.get(key)) as T | undefined);
      void (next === undefined ? tx.store.delete(key) : tx.store.put(next, key));
      await tx.done;
      return next;
    },
    close: () => db.close(),
  };
}

function withTimeout(opening: Promise<Database>, ms: number): Promise<Database> {
  let late = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Too late: the SDK already went on in memory.
  void opening.then((db) => late && db.close(), noop);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`open took over ${ms} ms`)), ms);
  });
  return Promise.race([opening, timeout]).finally(() => {
    late = true;
    clearTimeout(timer);
  });
}

// A failed open is reported through the race above.
const noop = () => {};
