/** One queued message as persisted: serialised once, sized once. */
export interface StoredMessage {
  /** The message's `messageId`, also its key in storage. */
  id: string;
  /** Enqueue order: milliseconds times 1024 plus a counter, so older sorts first. */
  seq: number;
  /** UTF-8 size of `json`. */
  bytes: number;
  /** The wire message as JSON. */
  json: string;
  /**
   * Where the platform's storage keeps the message, set by it on write and read so that a
   * delete needs no lookup. Storages that need no such hint ignore it.
   */
  chunk?: number;
}

/** Totals of the queued messages. */
export interface QueueStats {
  count: number;
  bytes: number;
}

/**
 * Where a platform keeps the queue and a few small values (identity, session, opt-out).
 * Every method may reject; callers treat a rejection as a storage fault.
 */
export interface Storage {
  /** Adds messages in one transaction: all are written or none. */
  append(messages: StoredMessage[]): Promise<void>;
  /** The oldest messages, at most `limit` of them and `maxBytes` in all (but at least one). */
  readOldest(limit: number, maxBytes: number): Promise<StoredMessage[]>;
  /** Deletes messages; ones already gone (another tab delivered them) are ignored. */
  remove(messages: StoredMessage[]): Promise<void>;
  /** Totals of every queued message, kept in step with each write so reading them is cheap. */
  stats(): Promise<QueueStats>;
  /** Deletes every queued message (not the small values). */
  clear(): Promise<void>;
  get<T>(key: string): Promise<T | undefined>;
  /**
   * Reads, changes and writes one small value atomically, also across tabs; returning
   * `undefined` deletes it. `change` must be synchronous.
   */
  update<T>(key: string, change: (value: T | undefined) => T | undefined): Promise<T | undefined>;
  /**
   * Keeps messages synchronously, best effort, when the page goes away before their write
   * was confirmed: browsers abort the transactions of a page they unload. The next
   * `openStorage` takes them back. Optional: platforms whose writes can't be cut short skip it.
   */
  rescue?(messages: StoredMessage[]): void;
  close(): void;
}

/** A storage that lives and dies with the page: for tests and when nothing better works. */
export function createMemoryStorage(): Storage {
  // Map keeps insertion order, which is seq order for one tab.
  const messages = new Map<string, StoredMessage>();
  const values = new Map<string, unknown>();

  return {
    async append(list) {
      for (const message of list) messages.set(message.id, message);
    },
    async readOldest(limit, maxBytes) {
      const result: StoredMessage[] = [];
      let bytes = 0;
      for (const message of messages.values()) {
        if (result.length >= limit || (result.length > 0 && bytes + message.bytes > maxBytes)) {
          break;
        }
        result.push(message);
        bytes += message.bytes;
      }
      return result;
    },
    async remove(list) {
      for (const message of list) messages.delete(message.id);
    },
    async stats() {
      let bytes = 0;
      for (const message of messages.values()) bytes += message.bytes;
      return { count: messages.size, bytes };
    },
    async clear() {
      messages.clear();
    },
    async get<T>(key: string) {
      return values.get(key) as T | undefined;
    },
    async update<T>(key: string, change: (value: T | undefined) => T | undefined) {
      const next = change(values.get(key) as T | undefined);
      if (next === undefined) values.delete(key);
      else values.set(key, next);
      return next;
    },
    close() {},
  };
}

/** What a storage could still read as it was being taken away: its queue and small values. */
export interface Salvage {
  messages: StoredMessage[];
  values: [string, unknown][];
}

/**
 * Wraps a persistent storage so that its first fault switches everything to memory: the
 * operation that failed is replayed there, so a batch being written is never lost. When the
 * primary is taken away (its database deleted), `salvaged` gives what it held then; memory
 * starts from that, so a stored backlog is still sent.
 */
export function withMemoryFallback(
  primary: Storage,
  onFault: (error: unknown) => void,
  salvaged?: () => Promise<Salvage> | undefined,
): Storage {
  const memory = createMemoryStorage();
  let active = primary;
  let ready: Promise<unknown> | undefined;

  const run =
    <A extends unknown[], R>(pick: (storage: Storage) => (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (active === primary) {
        try {
          return await pick(primary)(...args);
        } catch (error) {
          active = memory;
          onFault(error);
          // Every call in memory waits for the salvage, taken once (calls under way may fault
          // after this one): a remove replayed before it would leave a delivered message to be
          // sent again. One that failed adds nothing.
          ready ??= salvaged?.()?.then(({ messages, values }) => {
            // Memory settles each call at once: nothing to wait for in between.
            for (const [key, value] of values) void memory.update(key, () => value);
            return memory.append(messages);
          }, noop);
        }
      }
      await ready;
      return pick(memory)(...args);
    };

  return {
    append: run((s) => s.append),
    readOldest: run((s) => s.readOldest),
    remove: run((s) => s.remove),
    stats: run((s) => s.stats),
    clear: run((s) => s.clear),
    get: run((s) => s.get) as Storage['get'],
    update: run((s) => s.update) as Storage['update'],
    // Even after a fault the rescue is worth trying: the next page may have working storage.
    rescue: primary.rescue,
    close() {
      primary.close();
    },
  };
}

// A salvage that failed leaves the memory queue as it is.
const noop = () => {};
