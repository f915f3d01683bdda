import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { ConfigError } from '../config.js';
import type { ReadConfig } from '../config.js';
import type { EventStore } from '../storage/event-store.js';
import { openSqliteStore } from '../storage/sqlite.js';
import { writeLine } from './output.js';

/** `export`: every stored message as one JSON object per line, in the order received. */
export async function exportMessages(config: ReadConfig, out: Writable): Promise<void> {
  await withStore(config, async (store) => {
    const options = config.writeKey ? { writeKey: config.writeKey } : {};
    for await (const message of store.messages(options)) {
      await writeLine(out, JSON.stringify(message));
    }
  });
}

/** `report drops`: per write key, how many messages clients said they had to drop. */
export async function reportDrops(config: ReadConfig, out: Writable): Promise<void> {
  await withStore(config, async (store) => {
    const summaries = await store.dropSummary();
    for (const summary of summaries) {
      if (config.writeKey && summary.writeKey !== config.writeKey) continue;
      await writeLine(out, JSON.stringify(summary));
    }
  });
}

async function withStore(config: ReadConfig, read: (store: EventStore) => Promise<void>) {
  // Opening a missing file would create an empty database and print nothing: say so instead.
  if (!existsSync(config.db)) throw new ConfigError(`--db ${config.db}: no such file`);

  const store = openSqliteStore(config.db);
  try {
    await read(store);
  } finally {
    await store.close();
  }
}
