import type { Logger, QueueStats, Storage, StoredMessage } from '@revisit/core';
import { createMemoryStorage, withMemoryFallback } from '@revisit/core';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

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
    logger.warn(`IndexedDB is unavailable (${describe(error)}); events are kept in memory only`);

  try {
    const db = await withTimeout(open(`revisit-${writeKey}`), OPEN_TIMEOUT_MS);
    return withMemoryFallback(createIdbStorage(db), fallBack);
  } catch (error) {
    fallBack(error);
    return createMemoryStorage();
  }
}

function open(name: string): Promise<Database> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('no indexedDB'));
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

  return {
    async append(list) {
      const tx = db.transaction(['messages', 'values'], 'readwrite');
      const messages = tx.objectStore('messages');
      const values = tx.objectStore('values');
      const [totals, known] = await Promise.all([totalsIn(values), keysOf(messages, list)]);
      for (const [index, message] of list.entries()) {
        // A message can be appended twice only by a replay after a fault: count it once.
        if (known[index]) continue;
        void messages.put(message);
        totals.count += 1;
        totals.bytes += message.bytes;
      }
      void values.put(totals, TOTALS);
      await tx.done;
    },
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
    async remove(list) {
      const tx = db.transaction(['messages', 'values'], 'readwrite');
      const messages = tx.objectStore('messages');
      const values = tx.objectStore('values');
      const [totals, known] = await Promise.all([totalsIn(values), keysOf(messages, list)]);
      for (const [index, message] of list.entries()) {
        if (!known[index]) continue;
        void messages.delete(message.id);
        totals.count -= 1;
        totals.bytes -= message.bytes;
      }
      void values.put(totals, TOTALS);
      await tx.done;
    },
    stats: async () => totalsIn(db.transaction('values').store),
    async clear() {
      const tx = db.transaction(['messages', 'values'], 'readwrite');
      void tx.objectStore('messages').clear();
      void tx.objectStore('values').delete(TOTALS);
      await tx.done;
    },
    get: async <T>(key: string) => (await db.get('values', key)) as T | undefined,
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

// Requests of one transaction are pipelined: asking for every key at once is one round trip.
function keysOf(store: { getKey(id: string): Promise<string | undefined> }, list: StoredMessage[]) {
  return Promise.all(list.map((message) => store.getKey(message.id)));
}

function withTimeout(opening: Promise<Database>, ms: number): Promise<Database> {
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new Error(`open took over ${ms} ms`));
    }, ms);
    opening.then((db) => {
      clearTimeout(timer);
      // Too late: the SDK already went on in memory.
      if (late) db.close();
      else resolve(db);
    }, reject);
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
