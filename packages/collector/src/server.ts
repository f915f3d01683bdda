import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AppEnv } from './app-env.js';

const CLOSE_GRACE_MS = 5_000;

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** Port to bind; `0` picks a free one. */
  port: number;
  /** Interface to bind. Default `127.0.0.1`: reachable from this machine only. */
  host?: string;
}

/** A listening collector. */
export interface RunningServer {
  /** Base URL with the port actually bound, e.g. `http://127.0.0.1:4318`. */
  url: string;
  port: number;
  /** Stops accepting connections and resolves once open requests have finished. */
  close(): Promise<void>;
}

/** Binds `app` to a port with the Node HTTP server; resolves once it listens. */
export function startServer(app: Hono<AppEnv>, options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';

  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: host }, (info) => {
      server.off('error', reject);
      const urlHost = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${urlHost}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            if (!('closeAllConnections' in server)) return;
            // Keep-alive sockets with no request in flight would hold close() open; a
            // request still running after the grace period is cut off.
            server.closeIdleConnections();
            setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
          }),
      });
    });
    server.once('error', reject);
  });
}
