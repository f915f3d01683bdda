// The collector for the benchmarks, in-process on a temporary SQLite file, counting what it
// stores so the benchmark knows when every event has arrived.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, createLogger, openSqliteStore, startServer } from '@revisit/collector';

export async function startCollector({ writeKey = 'bench-write-key' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'revisit-bench-'));
  const store = openSqliteStore(join(dir, 'events.db'));
  let accepted = 0;
  const countingStore = {
    ...store,
    insertBatch: async (batch) => {
      const result = await store.insertBatch(batch);
      accepted += result.accepted;
      return result;
    },
  };
  const app = createApp({
    store: countingStore,
    writeKeys: [writeKey],
    logger: createLogger({ level: 'warn' }),
  });
  const server = await startServer(app, { port: 0 });
  return {
    url: server.url,
    writeKey,
    stored: () => accepted,
    async stop() {
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
