import type { Writable } from 'node:stream';
import { createApp } from '../app.js';
import { ConfigError } from '../config.js';
import { loadGuides } from '../guides/load-guides.js';
import type { ServeConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startServer } from '../server.js';
import type { EventStore } from '../storage/event-store.js';
import { openSqliteStore } from '../storage/sqlite.js';

/** A collector started by `serve`. */
export interface RunningCollector {
  url: string;
  /** Stops the server, then closes the database. */
  close(): Promise<void>;
}

/** `serve`: opens the database, listens, and prints the URL it listens on. */
export async function serve(config: ServeConfig, out: Writable): Promise<RunningCollector> {
  const logger = createLogger({ level: config.logLevel });
  // Read before the database opens: a file that stops start-up leaves nothing to close.
  const guides = config.guidesFile ? loadGuides(config.guidesFile, logger) : [];
  const store = openStore(config.db);
  const app = createApp({
    guides,
    store,
    writeKeys: config.writeKeys,
    logger,
    staticDir: config.staticDir,
  });

  let server;
  try {
    server = await startServer(app, { port: config.port, host: config.host });
  } catch (error) {
    await store.close();
    throw new ConfigError(`--port ${config.port}: ${(error as Error).message}`);
  }

  // Tests and scripts read the port from this line when started with --port 0.
  out.write(`revisit collector listening on ${server.url}\n`);
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}

function openStore(path: string): EventStore {
  try {
    return openSqliteStore(path);
  } catch (error) {
    throw new ConfigError(`--db ${path}: ${(error as Error).message}`);
  }
}
