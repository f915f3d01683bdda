import { utf8Length } from './bytes.js';
import type { Emitter } from './emitter.js';
import { MAX_MESSAGE_BYTES, UNLOAD_BUDGET_BYTES } from './limits.js';
import type { Logger } from './logger.js';
import type { Sessions } from './session.js';
import type { Clock } from './platform.js';
import { DROPPED_KEY, trimQueue, type QueueLimits } from './queue-cap.js';
import type { QueueStats, Storage, StoredMessage } from './storage.js';
import { createUnsent } from './unsent.js';

/** A message built by a public call, waiting for its session id and its write. */
export interface Draft {
  message: { messageId: string; context: Record<string, unknown> };
  /** When the call was made, in ms. */
  at: number;
  /** The call, for warnings: `track("Checkout")`. */
  label: string;
  /** Sessions ended (by `reset()`) before the call: see `Sessions.sessionAt`. */
  ends: number;
}

/** The persistent queue shared by the tabs, with an in-memory write buffer. */
export interface Queue {
  /** Buffers a message in memory; all buffered messages are written in one transaction soon. */
  push(draft: Draft): void;
  /** Resolves when every message pushed so far is written. */
  written(): Promise<void>;
  read(limit: number, maxBytes: number): Promise<StoredMessage[]>;
  /** Deletes messages the collector acknowledged (or that were given up on). */
  remove(messages: StoredMessage[]): Promise<void>;
  /**
   * The page is going away: this tab's newest messages not known to be delivered, within the
   * unload budget, including ones pushed so recently that their write has not started.
   */
  unloading(): StoredMessage[];
  stats(): QueueStats;
  /**
   * Messages dropped from a full queue, by any tab, and not yet reported to the collector.
   * Read from storage under the flush lock, so that two tabs never report the same drops.
   */
  dropped(): Promise<number>;
  reportedDropped(count: number): Promise<void>;
  clear(): Promise<void>;
  /**
   * Drops the oldest messages past the cap and recounts the totals from storage, where other
   * tabs' writes and deliveries show. Call holding the flush lock.
   */
  trim(): Promise<void>;
  /** Loads the totals; call once storage is open. */
  load(): Promise<void>;
}

interface QueueDeps {
  storage: Storage;
  sessions: Sessions;
  limits: QueueLimits;
  clock: Clock;
  logger: Logger;
  emitter: Emitter;
  /** Called after each write with the new totals, to decide whether to flush. */
  onWritten(stats: QueueStats): void;
  /** Sends to make room in a full queue; false when delivery fails. */
  makeRoom(): Promise<boolean>;
  /** Runs `task` holding the flush lock, in this tab's turn; `undefined` if another tab has it. */
  exclusive<T>(task: () => Promise<T>): Promise<T | undefined>;
}

// Bursts are written in transactions of at most this many messages, one task each, so that
// neither serialising nor writing 10,000 messages blocks the page for long.
const WRITE_CHUNK = 500;
const MAX_ROOM_ROUNDS = 20;

/** Creates the queue of one SDK instance over its storage. */
export function createQueue(deps: QueueDeps): Queue {
  const { storage, logger } = deps;
  let pending: Draft[] = [];
  let writing: Promise<void> = Promise.resolve();
  let cancelKick: (() => void) | undefined;
  let counter = 0;
  let totals: QueueStats = { count: 0, bytes: 0 };
  const unsent = createUnsent(UNLOAD_BUDGET_BYTES);
  // Serialised messages whose write has not been confirmed yet.
  const unconfirmed = new Map<string, StoredMessage>();

  const serialise = (draft: Draft, sessionId: string | undefined): StoredMessage | undefined => {
    const { message, at, label } = draft;
    message.context.sessionId = sessionId;
    const json = JSON.stringify(message);
    const bytes = utf8Length(json);
    if (bytes > MAX_MESSAGE_BYTES) return void tooLarge(message.messageId, label, bytes);

    const stored = { id: message.messageId, seq: at * 1024 + (counter++ % 1024), bytes, json };
    unsent.add(stored);
    unconfirmed.set(stored.id, stored);
    return stored;
  };

  const serialiseAll = async (drafts: Draft[]) => {
    const result: StoredMessage[] = [];
    for (const draft of drafts) {
      const session = deps.sessions.sessionAt(draft.at, draft.ends);
      const stored = serialise(draft, ('then' in session ? await session : session).id);
      if (stored) result.push(stored);
    }
    return result;
  };

  const tooLarge = (id: string, label: string, bytes: number) => {
    const limit = MAX_MESSAGE_BYTES;
    const detail = `${label}: message is ${bytes} bytes, over the ${limit} limit; dropped`;
    logger.warn(detail);
    deps.emitter.emit('dropped', { reason: 'too-large', count: 1, messageIds: [id], detail });
  };

  const write = async () => {
    const drafts = pending;
    pending = [];
    for (let start = 0; start < drafts.length; start += WRITE_CHUNK) {
      if (start > 0) await new Promise<void>((resolve) => deps.clock.setTimer(() => resolve(), 0));
      await store(await serialiseAll(drafts.slice(start, start + WRITE_CHUNK)));
    }
  };

  const kick = () => {
    cancelKick = undefined;
    writing = writing.then(write).catch(failed);
  };

  // Past the cap the oldest messages are dropped, which is for a queue that can't be
  // delivered (offline, collector down). While delivery works, a big burst waits for it.
  const makeRoomFor = async (messages: StoredMessage[]) => {
    const { maxMessages, maxBytes } = deps.limits;
    const bytes = messages.reduce((sum, message) => sum + message.bytes, 0);
    for (let round = 0; round < MAX_ROOM_ROUNDS; round++) {
      if (totals.count + messages.length <= maxMessages && totals.bytes + bytes <= maxBytes) return;
      if (!(await deps.makeRoom())) return;
    }
  };

  const store = async (messages: StoredMessage[]) => {
    if (messages.length === 0) return;
    await makeRoomFor(messages);
    await storage.append(messages);
    for (const message of messages) unconfirmed.delete(message.id);
    totals = {
      count: totals.count + messages.length,
      bytes: totals.bytes + messages.reduce((sum, message) => sum + message.bytes, 0),
    };
    logger.debug(`wrote ${messages.length} message(s); ${totals.count} queued`);
    // When another tab holds the lock, it trims once its drain is over.
    totals = (await deps.exclusive(() => trimQueue({ ...deps, remove }, totals))) ?? totals;
    deps.onWritten(totals);
  };

  const remove = async (messages: StoredMessage[]) => {
    await storage.remove(messages);
    for (const message of messages) unsent.remove(message.id);
    totals = {
      count: Math.max(0, totals.count - messages.length),
      bytes: Math.max(0, totals.bytes - messages.reduce((sum, message) => sum + message.bytes, 0)),
    };
  };

  const failed = (error: unknown) => logger.error('could not write the queue', error);

  return {
    push(draft) {
      pending.push(draft);
      if (cancelKick) return;
      // One write per burst, in a task of its own: the host's task (its click handler, its
      // loop of calls) ends first, and everything it pushed goes into the same transaction.
      cancelKick = deps.clock.setTimer(kick, 0);
    },
    written() {
      // Someone waits for the write (flush, shutdown): start it now.
      if (cancelKick) {
        cancelKick();
        kick();
      }
      return writing;
    },
    read: (limit, maxBytes) => storage.readOldest(limit, maxBytes),
    remove,
    unloading() {
      // No time to wait for the write chain: drafts it has not reached are serialised now with
      // the session known in memory, then written behind the ones already on their way.
      const drafts = pending;
      pending = [];
      const messages = drafts.flatMap((draft) => {
        const session = deps.sessions.sessionAt(draft.at, draft.ends);
        const id = 'then' in session ? deps.sessions.guess() : session.id;
        return serialise(draft, id) ?? [];
      });
      writing = writing.then(() => store(messages)).catch(failed);
      if (unconfirmed.size > 0) storage.rescue?.([...unconfirmed.values()]);
      return unsent.list();
    },
    stats: () => totals,
    dropped: async () => (await storage.get<number>(DROPPED_KEY)) ?? 0,
    async reportedDropped(count) {
      await storage.update<number>(
        DROPPED_KEY,
        (value = 0) => Math.max(0, value - count) || undefined,
      );
    },
    async clear() {
      pending = [];
      unsent.clear();
      unconfirmed.clear();
      await storage.clear();
      totals = { count: 0, bytes: 0 };
    },
    async trim() {
      totals = await trimQueue({ ...deps, remove }, await storage.stats());
    },
    async load() {
      totals = await storage.stats();
    },
  };
}
