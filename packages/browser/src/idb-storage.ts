import type { Logger, QueueStats, Salvage, Storage, StoredMessage } from '@revisit/core';
import { createMemoryStorage, withMemoryFallback } from '@revisit/core';
import { openDB, unwrap, type DBSchema, type IDBPDatabase } from 'idb';
import {
  groupForChunks,
  messagesOf,
  migrateMessageStore,
  toChunk,
  totalsOf,
  withoutIds,
  type Chunk,
} from './chunks.js';
import { createRescue } from './rescue.js';

interface RevisitDB extends DBSchema {
  chunks: { key: number; value: Chunk; indexes: { ids: string } };
  values: { key: string; value: unknown };
}

type Database = IDBPDatabase<RevisitDB>;

// Version 2 keeps messages in chunks; version 1 had one record per message.
const VERSION = 2;
// Totals live beside the chunks and change in the same transactions, so every tab reads
// exact figures without walking the queue.
const TOTALS = '#totals';
// An open that hangs (blocked by another tab's upgrade) must not stall the SDK.
const OPEN_TIMEOUT_MS = 3000;
// Chunks per read: a batch usually spans one or two.
const READ_PAGE = 4;

/**
 * Opens the IndexedDB queue of one write key (`revisit-<writeKey>`, so two apps on one
 * origin never mix their events). Whatever goes wrong, now or later (no IndexedDB, blocked,
 * quota, database deleted), the SDK goes on in memory and says so once; a database deleted
 * under it is read first, so the queue it held goes on in memory too.
 */
export async function openBrowserStorage(writeKey: string, logger: Logger): Promise<Storage> {
  const fallBack = (error: unknown) =>
    logger.warn(`IndexedDB is unavailable (${error}); events are kept in memory only`);

  const rescue = createRescue(writeKey);
  let storage: Storage;
  let salvaged: Promise<Salvage> | undefined;
  let db: Database;
  try {
    // The connection only asks to close once it is open, so `db` is set by then.
    const opening = open(`revisit-${writeKey}`, () => (salvaged = salvage(db)));
    db = await withTimeout(opening, OPEN_TIMEOUT_MS);
    storage = withMemoryFallback(createIdbStorage(db), fallBack, () => salvaged);
  } catch (error) {
    fallBack(error);
    storage = createMemoryStorage();
  }
  await rescue.restore(storage).catch(fallBack);
  return { ...storage, rescue: rescue.save };
}

// Without IndexedDB this throws, and the caller falls back to memory.
function open(name: string, onBlocking: () => void): Promise<Database> {
  return openDB<RevisitDB>(name, VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) db.createObjectStore('values');
      const chunks = db.createObjectStore('chunks', { keyPath: 'key', autoIncrement: true });
      chunks.createIndex('ids', 'ids', { unique: true, multiEntry: true });
      migrateMessageStore(unwrap(db), unwrap(tx), TOTALS);
    },
    // Let another context delete or upgrade the database; later writes fall back to memory.
    blocking: onBlocking,
  });
}

/**
 * Reads the whole queue and the small values, then closes. A closing connection still
 * finishes its transactions, and a delete waits for that: the read sees every write this
 * page made, and nothing is lost. An upgrade (a newer SDK in another tab) keeps the queue,
 * so both may send it: messageIds are kept, and the collector drops the repeats.
 */
function salvage(db: Database): Promise<Salvage> {
  const tx = db.transaction(['chunks', 'values']);
  const values = tx.objectStore('values');
  const reads = Promise.all([
    tx.objectStore('chunks').getAll(),
    values.getAllKeys(),
    values.getAll(),
  ]);
  // The stores are fixed and the connection open, so nothing above throws and this runs.
  db.close();
  // Totals come along too: memory counts its own and never reads them.
  return reads.then(([chunks, keys, all]) => ({
    messages: chunks.flatMap(messagesOf),
    values: keys.map((key, index) => [key, all[index]]),
  }));
}

/** The queue in IndexedDB; exported for tests. Each method is one transaction. */
export function createIdbStorage(db: Database): Storage {
  const writing = () => {
    const tx = db.transaction(['chunks', 'values'], 'readwrite');
    const values = tx.objectStore('values');
    // Each method's work and the commit settle together: a failed request aborts the
    // transaction, and that rejection must not go unhandled.
    const commit = async (work: Promise<QueueStats>) => {
      const [change] = await Promise.all([work, tx.done]);
      return change;
    };
    const addToTotals = async (change: QueueStats) => {
      const totals = ((await values.get(TOTALS)) as QueueStats | undefined) ?? {
        count: 0,
        bytes: 0,
      };
      void values.put(
        { count: totals.count + change.count, bytes: totals.bytes + change.bytes },
        TOTALS,
      );
    };
    return { tx, chunks: tx.objectStore('chunks'), commit, addToTotals };
  };

  return {
    async append(list) {
      const { chunks, commit, addToTotals } = writing();
      const work = async () => {
        const added = { count: 0, bytes: 0 };
        for (const group of groupForChunks(list)) {
          const written = await addChunk(unwrap(chunks), group);
          added.count += written.count;
          added.bytes += written.bytes;
        }
        await addToTotals(added);
        return added;
      };
      await commit(work());
    },
    async readOldest(limit, maxBytes) {
      const store = db.transaction('chunks').store;
      const result: StoredMessage[] = [];
      let bytes = 0;
      for (let after: number | undefined; ;) {
        const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
        const page = await store.getAll(range, READ_PAGE);
        if (page.length === 0) return result;
        for (const message of page.flatMap(messagesOf)) {
          if (result.length >= limit || (result.length > 0 && bytes + message.bytes > maxBytes)) {
            return result;
          }
          result.push(message);
          bytes += message.bytes;
        }
        after = page[page.length - 1]!.key;
      }
    },
    async remove(list) {
      const { chunks, commit, addToTotals } = writing();
      const work = async () => {
        const byChunk = await groupByChunk(chunks.index('ids'), list);
        const removed = { count: 0, bytes: 0 };
        await Promise.all(
          [...byChunk].map(async ([key, ids]) => {
            const chunk = await chunks.get(key);
            if (!chunk) return; // another tab delivered it
            const { rest, removed: taken } = withoutIds(chunk, ids);
            void (rest.ids.length === 0 ? chunks.delete(key) : chunks.put(rest));
            removed.count += taken.count;
            removed.bytes += taken.bytes;
          }),
        );
        await addToTotals({ count: -removed.count, bytes: -removed.bytes });
        return removed;
      };
      await commit(work());
    },
    async stats() {
      const totals = (await db.get('values', TOTALS)) as QueueStats | undefined;
      if (totals) return totals;

      // Only a queue written before totals existed, or cleared: count once.
      const tx = db.transaction(['chunks', 'values'], 'readwrite');
      const counted = totalsOf(await tx.objectStore('chunks').getAll());
      void tx.objectStore('values').put(counted, TOTALS);
      await tx.done;
      return counted;
    },
    async clear() {
      const tx = db.transaction(['chunks', 'values'], 'readwrite');
      void tx.objectStore('chunks').clear();
      void tx.objectStore('values').put({ count: 0, bytes: 0 }, TOTALS);
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

/**
 * Writes one chunk and tells its messages where they are. A message already queued (a
 * rescue replayed, two tabs restoring one) fails the unique index: then only the new ones
 * are written, found one request each, which is rare enough to be cheap.
 */
async function addChunk(store: IDBObjectStore, group: StoredMessage[]): Promise<QueueStats> {
  let fresh = group;
  let key = await putUnlessDuplicate(store, toChunk(fresh));
  if (key === undefined) {
    const index = store.index('ids');
    const known = await Promise.all(group.map((message) => requested(index.getKey(message.id))));
    fresh = group.filter((_, position) => known[position] === undefined);
    if (fresh.length === 0) return { count: 0, bytes: 0 };
    key = await requested(store.put(toChunk(fresh)));
  }
  for (const message of fresh) message.chunk = key as number;
  return { count: fresh.length, bytes: fresh.reduce((sum, message) => sum + message.bytes, 0) };
}

/** Chunk keys and the ids to delete from each; messages without a known chunk are looked up. */
async function groupByChunk(
  index: { getKey(id: string): Promise<number | undefined> },
  list: StoredMessage[],
): Promise<Map<number, Set<string>>> {
  const keys = await Promise.all(list.map((message) => message.chunk ?? index.getKey(message.id)));
  const byChunk = new Map<number, Set<string>>();
  list.forEach((message, position) => {
    const key = keys[position];
    if (key === undefined) return; // never written, or already deleted
    const ids = byChunk.get(key) ?? new Set<string>();
    byChunk.set(key, ids.add(message.id));
  });
  return byChunk;
}

// A duplicate id is expected: the request's error is handled so it does not abort the
// transaction.
function putUnlessDuplicate(store: IDBObjectStore, chunk: Chunk): Promise<IDBValidKey | undefined> {
  return new Promise((resolve, reject) => {
    const request = store.put(chunk);
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      if (request.error?.name !== 'ConstraintError') return reject(request.error);
      event.preventDefault();
      event.stopPropagation();
      resolve(undefined);
    };
  });
}

function requested<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
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
