import type { Emitter } from './emitter.js';
import { MAX_MESSAGE_BYTES } from './limits.js';
import type { Logger } from './logger.js';
import type { QueueStats, Storage, StoredMessage } from './storage.js';

/** The queue cap: past either figure the oldest messages are dropped. */
export interface QueueLimits {
  maxMessages: number;
  maxBytes: number;
}

interface CapDeps {
  storage: Storage;
  limits: QueueLimits;
  logger: Logger;
  emitter: Emitter;
  /** Deletes messages and keeps the queue's own bookkeeping in step. */
  remove(messages: StoredMessage[]): Promise<void>;
}

/** Where the count of dropped messages waits for the next batch, shared by the tabs. */
export const DROPPED_KEY = 'dropped';
// Each round drops at least one message; rounds are capped all the same.
const MAX_ROUNDS = 10;

/**
 * Drops the oldest messages while the queue is over its cap, so the SDK never fills the
 * origin's storage, and counts them for the collector. Returns the totals afterwards.
 */
export async function trimQueue(deps: CapDeps, totals: QueueStats): Promise<QueueStats> {
  const { maxMessages, maxBytes } = deps.limits;
  if (totals.count <= maxMessages && totals.bytes <= maxBytes) return totals;

  // Other tabs write to the same queue: recount before deleting anything.
  let { count, bytes } = await deps.storage.stats();
  const dropped: StoredMessage[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const extraCount = count - maxMessages;
    const extraBytes = bytes - maxBytes;
    if (extraCount <= 0 && extraBytes <= 0) break;

    // Enough of the oldest to cover the extra bytes: each message is at most 32 KB.
    const oldest = await deps.storage.readOldest(
      extraBytes > 0 ? count : extraCount,
      extraBytes > 0 ? extraBytes + MAX_MESSAGE_BYTES : Infinity,
    );
    const cut: StoredMessage[] = [];
    for (const message of oldest) {
      if (count <= maxMessages && bytes <= maxBytes) break;
      cut.push(message);
      count -= 1;
      bytes -= message.bytes;
    }
    if (cut.length === 0) break;
    await deps.remove(cut);
    dropped.push(...cut);
  }

  if (dropped.length > 0) await report(deps, dropped);
  return { count, bytes };
}

async function report(deps: CapDeps, dropped: StoredMessage[]) {
  const count = dropped.length;
  await deps.storage.update<number>(DROPPED_KEY, (value = 0) => value + count);
  deps.logger.warn(`queue is full; dropped the ${count} oldest message(s)`);
  deps.emitter.emit('dropped', {
    reason: 'queue-full',
    count,
    messageIds: dropped.map((message) => message.id),
  });
}
