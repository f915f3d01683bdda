import {
  createMemoryStorage,
  systemClock,
  type Platform,
  type Storage,
  type TransportRequest,
  type TransportResponse,
} from '@revisit/core';

/** A request the fake transport received, with its body parsed. */
export interface SentRequest extends TransportRequest {
  envelope: {
    batch: Array<Record<string, any>>;
    sentAt: string;
    writeKey: string;
    dropped?: number;
  };
}

export type Responder = (request: SentRequest) => TransportResponse | Promise<TransportResponse>;

export const accepted: Responder = (request) => ({
  status: 200,
  body: { success: true, accepted: request.envelope.batch.length, duplicates: 0, rejected: [] },
});

/**
 * A platform made of fakes: memory storage (shareable between two "tabs"), a transport that
 * records requests and answers with `respond`, lifecycle triggers, counting uuids.
 */
export function createTestPlatform(options: { storage?: Storage; respond?: Responder } = {}) {
  const storage = options.storage ?? createMemoryStorage();
  const requests: SentRequest[] = [];
  let respond = options.respond ?? accepted;
  const hidden = new Set<() => void>();
  const online = new Set<() => void>();
  let ids = 0;

  const platform: Platform = {
    openStorage: async () => storage,
    transport: {
      async send(request) {
        const sent = { ...request, envelope: JSON.parse(request.body) };
        requests.push(sent);
        return respond(sent);
      },
    },
    clock: systemClock,
    lifecycle: {
      onHidden: (run) => (hidden.add(run), () => hidden.delete(run)),
      onOnline: (run) => (online.add(run), () => online.delete(run)),
    },
    context: () => ({ page: { path: '/test' } }),
    uuid: () => `id-${++ids}`,
  };

  return {
    platform,
    storage,
    requests,
    /** Every message sent so far, in order, repeats included. */
    sent: () => requests.flatMap((request) => request.envelope.batch),
    respondWith(next: Responder) {
      respond = next;
    },
    hide: () => hidden.forEach((run) => run()),
    goOnline: () => online.forEach((run) => run()),
    listeners: () => hidden.size + online.size,
  };
}

/** A log sink that keeps every line. */
export function createLogSink() {
  const lines: Array<{ level: string; text: string }> = [];
  const push = (level: string) => (text: unknown) => void lines.push({ level, text: String(text) });
  return {
    lines,
    sink: { error: push('error'), warn: push('warn'), info: push('info'), debug: push('debug') },
    warnings: () => lines.filter((line) => line.level === 'warn').map((line) => line.text),
  };
}
