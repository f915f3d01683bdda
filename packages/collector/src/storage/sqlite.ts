import Sqlite from 'better-sqlite3';
import type { Database, Statement } from 'better-sqlite3';
import type {
  DropSummary,
  EventStore,
  IncomingBatch,
  IncomingMessage,
  InsertResult,
  ReadOptions,
  StoredMessage,
} from './event-store.js';
import { migrate } from './sqlite-migrations.js';

const DEFAULT_PAGE_SIZE = 1000;

interface MessageRow {
  id: number;
  write_key: string;
  timestamp: string;
  original_timestamp: string;
  received_at: string;
  payload: string;
}

/**
 * Opens (and creates or migrates) a SQLite event store. Pass `:memory:` for a throwaway
 * store in tests.
 */
export function openSqliteStore(path: string): EventStore {
  const db = new Sqlite(path);
  db.pragma('journal_mode = WAL');
  // An acknowledged batch must survive a power cut: the SDK deletes what we acknowledge.
  db.pragma('synchronous = FULL');
  // `export` may read while `serve` writes; wait for a lock instead of failing at once.
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return new SqliteEventStore(db);
}

class SqliteEventStore implements EventStore {
  private readonly insertMessage: Statement;
  private readonly insertDrop: Statement;
  private readonly writeBatch: (batch: IncomingBatch) => InsertResult;

  constructor(private readonly db: Database) {
    this.insertMessage = db.prepare(`
      INSERT INTO messages (write_key, message_id, type, event, name, anonymous_id, user_id,
        session_id, timestamp, original_timestamp, sent_at, received_at, payload)
      VALUES (@writeKey, @messageId, @type, @event, @name, @anonymousId, @userId,
        @sessionId, @timestamp, @originalTimestamp, @sentAt, @receivedAt, @payload)
      ON CONFLICT (write_key, message_id) DO NOTHING`);
    this.insertDrop = db.prepare(`
      INSERT INTO drops (write_key, batch_key, count, received_at)
      VALUES (?, ?, ?, ?)
      ON CONFLICT (write_key, batch_key) DO NOTHING`);
    this.writeBatch = db.transaction((batch: IncomingBatch) => this.write(batch));
  }

  async insertBatch(batch: IncomingBatch): Promise<InsertResult> {
    return this.writeBatch(batch);
  }

  async *messages(options: ReadOptions = {}): AsyncIterable<StoredMessage> {
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    // Keyset pages rather than one long cursor: the connection stays free between pages
    // for the inserts of a running server.
    const page = this.db.prepare(`
      SELECT id, write_key, timestamp, original_timestamp, received_at, payload
      FROM messages
      WHERE id > @after AND (@writeKey IS NULL OR write_key = @writeKey)
      ORDER BY id LIMIT @limit`);
    let after = 0;
    for (;;) {
      const rows = page.all({
        after,
        writeKey: options.writeKey ?? null,
        limit: pageSize,
      }) as MessageRow[];
      for (const row of rows) yield toStoredMessage(row);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  async dropSummary(): Promise<DropSummary[]> {
    const rows = this.db
      .prepare(
        `SELECT write_key AS writeKey, SUM(count) AS dropped, COUNT(*) AS reports
         FROM drops GROUP BY write_key ORDER BY write_key`,
      )
      .all();
    return rows as DropSummary[];
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private write(batch: IncomingBatch): InsertResult {
    let accepted = 0;
    for (const incoming of batch.messages) {
      const { changes } = this.insertMessage.run(toColumns(batch, incoming));
      accepted += changes;
    }

    const { dropped } = batch;
    if (dropped && dropped.count > 0) {
      this.insertDrop.run(batch.writeKey, dropped.batchKey, dropped.count, batch.receivedAt);
    }
    return { accepted, duplicates: batch.messages.length - accepted };
  }
}

function toColumns(batch: IncomingBatch, incoming: IncomingMessage) {
  const { message } = incoming;
  const sessionId = message.context?.['sessionId'];
  return {
    writeKey: batch.writeKey,
    messageId: message.messageId,
    type: message.type,
    event: message.type === 'track' ? message.event : null,
    name: message.type === 'page' || message.type === 'screen' ? (message.name ?? null) : null,
    anonymousId: message.anonymousId ?? null,
    userId: message.userId ?? null,
    // Segment clients send strings, Amplitude-style clients send numbers.
    sessionId:
      typeof sessionId === 'string' || typeof sessionId === 'number' ? String(sessionId) : null,
    timestamp: incoming.timestamp,
    originalTimestamp: message.timestamp,
    sentAt: incoming.sentAt ?? null,
    receivedAt: batch.receivedAt,
    payload: JSON.stringify(incoming.raw),
  };
}

function toStoredMessage(row: MessageRow): StoredMessage {
  const wire = JSON.parse(row.payload) as Record<string, unknown>;
  return {
    ...wire,
    writeKey: row.write_key,
    timestamp: row.timestamp,
    originalTimestamp: row.original_timestamp,
    receivedAt: row.received_at,
  } as StoredMessage;
}
