import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createApp, createLogger, openSqliteStore } from '@revisit/collector';
import type { EventStore, StoredMessage } from '@revisit/collector';

export const WRITE_KEY = 'wk-test';

/** The collector's clock in tests: 2025-03-01T12:00:00Z. */
export const NOW = Date.parse('2025-03-01T12:00:00.000Z');

/** A valid track message; `overrides` replace or add fields. */
export function trackMessage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'track',
    event: 'Task Added',
    messageId: `msg-${randomUUID()}`,
    anonymousId: 'anon-1',
    timestamp: '2025-03-01T11:59:00.000Z',
    properties: { list: 'inbox' },
    context: { sessionId: 'session-1' },
    ...overrides,
  };
}

/** An app over an in-memory store, with a fixed clock and no logging. */
export function testApp(options: { store?: EventStore; now?: () => number } = {}) {
  const store = options.store ?? openSqliteStore(':memory:');
  const app = createApp({
    store,
    writeKeys: [WRITE_KEY, 'wk-other'],
    logger: createLogger({ level: 'silent' }),
    now: options.now ?? (() => NOW),
  });
  return { app, store };
}

/** `POST /v1/batch` with the write key as Basic auth user name unless `headers` say otherwise. */
export function postBatch(
  app: ReturnType<typeof testApp>['app'],
  body: unknown,
  headers: Record<string, string> = { Authorization: basicAuth(WRITE_KEY) },
  path = '/v1/batch',
) {
  const payload: BodyInit =
    typeof body === 'string' || body instanceof Uint8Array
      ? (body as BodyInit)
      : JSON.stringify(body);
  return app.request(path, { method: 'POST', body: payload, headers });
}

export function basicAuth(user: string, password = ''): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export function gzipJson(value: unknown): Uint8Array<ArrayBuffer> {
  return new Uint8Array(gzipSync(JSON.stringify(value)));
}

/** Every stored message of a store. */
export async function readAll(store: EventStore): Promise<StoredMessage[]> {
  const messages: StoredMessage[] = [];
  for await (const message of store.messages()) messages.push(message);
  return messages;
}
