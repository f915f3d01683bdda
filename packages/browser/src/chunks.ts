import type { QueueStats, StoredMessage } from '@revisit/core';

/**
 * Queued messages as IndexedDB keeps them: one record per write, not per message. Each record
 * costs a request, a structured clone and an index entry on the main thread; 10,000 records
 * cost several hundred milliseconds where 20 cost a few. Parallel arrays of primitives clone
 * faster than an array of objects.
 */
export interface Chunk {
  /** Set by IndexedDB (auto-increment): chunks sort in the order they were written. */
  key?: number;
  /** Message ids, indexed (unique, multi-entry) so that no message is queued twice. */
  ids: string[];
  seqs: number[];
  sizes: number[];
  jsons: string[];
}

// A batch (500 messages, 480 KB) is read from one or two chunks.
const CHUNK_MESSAGES = 500;
const CHUNK_BYTES = 240 * 1024;

/** Splits messages, oldest first and each id once, into groups of one chunk each. */
export function groupForChunks(messages: StoredMessage[]): StoredMessage[][] {
  const unique = [...new Map(messages.map((message) => [message.id, message])).values()];
  unique.sort((a, b) => a.seq - b.seq);

  const groups: StoredMessage[][] = [];
  let group: StoredMessage[] = [];
  let bytes = 0;
  for (const message of unique) {
    if (
      group.length >= CHUNK_MESSAGES ||
      (group.length > 0 && bytes + message.bytes > CHUNK_BYTES)
    ) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(message);
    bytes += message.bytes;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

export function toChunk(messages: StoredMessage[]): Chunk {
  return {
    ids: messages.map((message) => message.id),
    seqs: messages.map((message) => message.seq),
    sizes: messages.map((message) => message.bytes),
    jsons: messages.map((message) => message.json),
  };
}

/** The messages of a chunk, each knowing its chunk so that deleting it needs no lookup. */
export function messagesOf(chunk: Chunk): StoredMessage[] {
  return chunk.ids.map((id, index) => ({
    id,
    seq: chunk.seqs[index]!,
    bytes: chunk.sizes[index]!,
    json: chunk.jsons[index]!,
    chunk: chunk.key,
  }));
}

/** The chunk without `ids`, and the count and bytes taken out. */
export function withoutIds(chunk: Chunk, ids: Set<string>): { rest: Chunk; removed: QueueStats } {
  const rest: Chunk = { key: chunk.key, ids: [], seqs: [], sizes: [], jsons: [] };
  const removed = { count: 0, bytes: 0 };
  chunk.ids.forEach((id, index) => {
    if (ids.has(id)) {
      removed.count += 1;
      removed.bytes += chunk.sizes[index]!;
      return;
    }
    rest.ids.push(id);
    rest.seqs.push(chunk.seqs[index]!);
    rest.sizes.push(chunk.sizes[index]!);
    rest.jsons.push(chunk.jsons[index]!);
  });
  return { rest, removed };
}

export function totalsOf(chunks: Chunk[]): QueueStats {
  let count = 0;
  let bytes = 0;
  for (const chunk of chunks) {
    count += chunk.ids.length;
    for (const size of chunk.sizes) bytes += size;
  }
  return { count, bytes };
}

/**
 * Version 1 kept one record per message in `messages`: they move into chunks during the
 * upgrade, in its transaction, so a queue left by an older SDK is still sent.
 */
export function migrateMessageStore(db: IDBDatabase, tx: IDBTransaction, totalsKey: string) {
  if (!db.objectStoreNames.contains('messages')) return;

  const reading = tx.objectStore('messages').index('seq').getAll();
  reading.onsuccess = () => {
    const chunks = groupForChunks(reading.result as StoredMessage[]).map(toChunk);
    for (const chunk of chunks) tx.objectStore('chunks').put(chunk);
    tx.objectStore('values').put(totalsOf(chunks), totalsKey);
    db.deleteObjectStore('messages');
  };
}
