import type { Database } from 'better-sqlite3';

/**
 * Schema versions in order; `PRAGMA user_version` records how many have run. Append only:
 * a file written by an older collector is brought up to date when it is opened.
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    write_key TEXT NOT NULL,
    message_id TEXT NOT NULL,
    type TEXT NOT NULL,
    event TEXT,
    name TEXT,
    anonymous_id TEXT,
    user_id TEXT,
    session_id TEXT,
    timestamp TEXT NOT NULL,
    original_timestamp TEXT NOT NULL,
    sent_at TEXT,
    received_at TEXT NOT NULL,
    payload TEXT NOT NULL,
    UNIQUE (write_key, message_id)
  );
  CREATE INDEX messages_by_time ON messages (write_key, timestamp);
  CREATE TABLE drops (
    id INTEGER PRIMARY KEY,
    write_key TEXT NOT NULL,
    batch_key TEXT,
    count INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (write_key, batch_key)
  );
  `,
];

/** Runs the migrations this database has not seen yet, all in one transaction. */
export function migrate(db: Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(
      `database schema version ${version} is newer than this collector (${MIGRATIONS.length})`,
    );
  }

  db.transaction(() => {
    for (const sql of MIGRATIONS.slice(version)) db.exec(sql);
    // PRAGMA takes no bound parameters; the value is our own integer.
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}
