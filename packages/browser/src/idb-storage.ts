import type { Logger, QueueStats, Storage, StoredMessage } from '@revisit/core';
import { createMemoryStorage, withMemoryFallback } from '@revisit/core';
import { openDB, unwrap, type DBSchema, type IDBPDatabase } from 'idb';
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
const READ_PAGE = 100;

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

  // Adds (`sign` 1) or deletes (-1) messages without first asking whether each exists: that
  // would double the requests of every write. A message written twice (a rescue replayed) or
  // deleted twice (two tabs) skews the totals until `stats()` notices and recounts.
  const change = async (list: StoredMessage[], sign: 1 | -1) => {
    const tx = db.transaction(['messages', 'values'], 'readwrite');
    // The raw store: idb would wrap each of these requests in a promise nobody awaits, which
    // costs more than the request itself on a 10,000-message burst.
    const messages = unwrap(tx.objectStore('messages'));
    const values = tx.objectStore('values');
    for (const message of list) {
      if (sign > 0) messages.put(message);
      else messages.delete(message.id);
    }
    const totals = await totalsIn(values);
    totals.count += sign * list.length;
    totals.bytes += sign * list.reduce((sum, message) => sum + message.bytes, 0);
    void values.put(totals, TOTALS);
    await tx.done;
  };

  return {
    append: (list) => change(list, 1),
    async readOldest(limit, maxBytes) {
      const index = db.transaction('messages').store.index('seq');
      const result: StoredMessage[] = [];
      const taken = new Set<string>();
      let bytes = 0;
      // Pages of getAll, far faster than a cursor's request per record; small pages keep a
      // queue of 32 KB messages from being read all at once.
      for (let from: number | undefined; result.length < limit;) {
        const range = from === undefined ? undefined : IDBKeyRange.lowerBound(from);
        const page = (await index.getAll(range, READ_PAGE)).filter((m) => !taken.has(m.id));
        if (page.length === 0) break;
        for (const message of page) {
          if (result.length >= limit || (result.length > 0 && bytes + message.bytes > maxBytes)) {
            return result;
          }
          result.push(message);
          taken.add(message.id);
          bytes += message.bytes;
        }
        // Inclusive: two tabs may have written the same seq; `taken` skips what was read.
        from = page[page.length - 1]!.seq;
      }
      return result;
    },
    remove: (list) => change(list, -1),
    async stats() {
      const tx = db.transaction(['messages', 'values'], 'readwrite');
      const messages = tx.objectStore('messages');
      const [totals, count] = await Promise.all([
        totalsIn(tx.objectStore('values')),
        messages.count(),
      ]);
      if (totals.count !== count) {
        const all = await messages.getAll();
        totals.count = all.length;
        totals.bytes = all.reduce((sum, message) => sum + message.bytes, 0);
        void tx.objectStore('values').put(totals, TOTALS);
      }
      await tx.done;
      return totals;
    },
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
