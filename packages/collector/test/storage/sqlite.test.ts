import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { messageSchema } from '@revisit/schema';
import { openSqliteStore } from '@revisit/collector';
import type { IncomingBatch } from '@revisit/collector';
import { describe, expect, it } from 'vitest';
import { readAll, trackMessage } from '../helpers/fixtures.js';

function batchOf(raws: Record<string, unknown>[], writeKey = 'wk'): IncomingBatch {
  return {
    writeKey,
    receivedAt: '2025-03-01T12:00:00.000Z',
    messages: raws.map((raw) => ({
      raw,
      message: messageSchema.parse(raw),
      timestamp: '2025-03-01T11:59:30.000Z',
      sentAt: '2025-03-01T11:59:59.000Z',
    })),
  };
}

async function tempDb() {
  return join(await mkdtemp(join(tmpdir(), 'revisit-sqlite-')), 'events.db');
}

describe('openSqliteStore', () => {
  it('keeps dedupe across a restart', async () => {
    const path = await tempDb();
    const message = trackMessage();

    const first = openSqliteStore(path);
    expect(await first.insertBatch(batchOf([message]))).toEqual({ accepted: 1, duplicates: 0 });
    await first.close();

    const reopened = openSqliteStore(path);
    const again = await reopened.insertBatch(batchOf([message, trackMessage()]));
    expect(again).toEqual({ accepted: 1, duplicates: 1 });
    expect(await readAll(reopened)).toHaveLength(2);
    await reopened.close();
  });

  it('fills the columns of the common fields', async () => {
    const path = await tempDb();
    const store = openSqliteStore(path);
    const message = trackMessage({ userId: 'ada', context: { sessionId: 1712 } });
    await store.insertBatch(batchOf([message]));
    await store.close();

    const row = new Sqlite(path, { readonly: true }).prepare('SELECT * FROM messages').get();
    expect(row).toMatchObject({
      write_key: 'wk',
      message_id: message['messageId'],
      type: 'track',
      event: 'Task Added',
      name: null,
      anonymous_id: 'anon-1',
      user_id: 'ada',
      session_id: '1712',
      timestamp: '2025-03-01T11:59:30.000Z',
      original_timestamp: '2025-03-01T11:59:00.000Z',
      sent_at: '2025-03-01T11:59:59.000Z',
      received_at: '2025-03-01T12:00:00.000Z',
    });
  });

  it('uses WAL and records the schema version', async () => {
    const path = await tempDb();
    const store = openSqliteStore(path);
    await store.close();

    const db = new Sqlite(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
  });

  it('refuses a database from a newer collector', async () => {
    const path = await tempDb();
    new Sqlite(path).pragma('user_version = 99');
    expect(() => openSqliteStore(path)).toThrow(/newer than this collector/);
  });

  it('reads every message in order, page by page, filtered by write key', async () => {
    const store = openSqliteStore(':memory:');
    const mine = Array.from({ length: 7 }, () => trackMessage());
    await store.insertBatch(batchOf(mine.slice(0, 4)));
    await store.insertBatch(batchOf([trackMessage()], 'other'));
    await store.insertBatch(batchOf(mine.slice(4)));

    const read = [];
    for await (const message of store.messages({ writeKey: 'wk', pageSize: 3 })) read.push(message);

    expect(read.map((m) => m.messageId)).toEqual(mine.map((m) => m['messageId']));
    expect(await readAll(store)).toHaveLength(8);
  });

  it('keeps unknown wire fields and overrides the times on export', async () => {
    const store = openSqliteStore(':memory:');
    await store.insertBatch(batchOf([trackMessage({ version: 2, receivedAt: 'forged' })]));

    const [stored] = await readAll(store);
    expect(stored).toMatchObject({
      version: 2,
      writeKey: 'wk',
      timestamp: '2025-03-01T11:59:30.000Z',
      originalTimestamp: '2025-03-01T11:59:00.000Z',
      receivedAt: '2025-03-01T12:00:00.000Z',
    });
  });

  it('rolls the whole batch back when one insert fails', async () => {
    const store = openSqliteStore(':memory:');
    const batch = batchOf([trackMessage(), trackMessage()]);
    // A message the schema never lets through; here it stands for any failed insert.
    batch.messages[1]!.message = { ...batch.messages[1]!.message, messageId: null as never };

    await expect(store.insertBatch(batch)).rejects.toThrow();
    expect(await readAll(store)).toHaveLength(0);
  });
});
