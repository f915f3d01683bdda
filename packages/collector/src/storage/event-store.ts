import type { Message } from '@revisit/schema';

/** A validated message ready to store, with its times already corrected. */
export interface IncomingMessage {
  /** The message as it came over the wire, unknown fields included. */
  raw: Record<string, unknown>;
  /** The same message as the schema read it: the columns come from here. */
  message: Message;
  /** Client time corrected for clock skew (ISO-8601, UTC). */
  timestamp: string;
  /** `sentAt` used for the correction, if the client sent one. */
  sentAt?: string;
}

/** One request's worth of messages, written in a single transaction. */
export interface IncomingBatch {
  writeKey: string;
  /** When the collector received the request (ISO-8601, UTC). */
  receivedAt: string;
  messages: IncomingMessage[];
  /** Messages the client reports it had to drop; stored once per `batchKey`. */
  dropped?: { count: number; batchKey: string | null };
}

/** How many messages of a batch were new and how many were already stored. */
export interface InsertResult {
  accepted: number;
  duplicates: number;
}

/**
 * A stored message as `export` prints it: the wire fields, with `timestamp` the corrected
 * time, `originalTimestamp` the client's, `receivedAt` the collector's, and the write key.
 */
export interface StoredMessage {
  writeKey: string;
  messageId: string;
  type: Message['type'];
  timestamp: string;
  originalTimestamp: string;
  receivedAt: string;
  anonymousId?: string | null;
  userId?: string | null;
  event?: string;
  name?: string | null;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
  /** Any other field the client sent, kept as it came. */
  [field: string]: unknown;
}

/** Drop reports of one write key, summed. */
export interface DropSummary {
  writeKey: string;
  /** Messages the clients said they dropped. */
  dropped: number;
  /** Batches that carried a drop report. */
  reports: number;
}

/** Options of {@link EventStore.messages}. */
export interface ReadOptions {
  /** Only this write key's messages. Default: every write key. */
  writeKey?: string;
  /** Rows read per query; keeps memory flat on large exports. Default 1000. */
  pageSize?: number;
}

/**
 * Where the collector keeps messages. Every method is async so that a networked database
 * (PostgreSQL) can sit behind the same interface as the embedded SQLite file.
 */
export interface EventStore {
  /** Stores a batch atomically; a `messageId` already stored for the write key is skipped. */
  insertBatch(batch: IncomingBatch): Promise<InsertResult>;
  /** Every stored message in the order it was received. */
  messages(options?: ReadOptions): AsyncIterable<StoredMessage>;
  /** Drop reports summed per write key. */
  dropSummary(): Promise<DropSummary[]>;
  /** Flushes and releases the database. */
  close(): Promise<void>;
}
