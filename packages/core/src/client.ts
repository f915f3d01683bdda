import { createDelivery } from './delivery.js';
import type { Emitter } from './emitter.js';
import { createFlusher, type FlushResult } from './flusher.js';
import { startGuides, type ClientGuides } from './guides/start-guides.js';
import { createIdentity } from './identity.js';
import { createLeaseLocks } from './lease-lock.js';
import type { Logger } from './logger.js';
import type { ResolvedOptions } from './options.js';
import type { Platform } from './platform.js';
import { createQueue } from './queue.js';
import { createSessions } from './session.js';

/** Name and version sent in every message's `context.library`. */
export const LIBRARY = { name: 'revisit', version: '0.1.0' } as const;

const OPT_OUT_KEY = 'optOut';

/** The fields a public call adds to a message, already validated and cleaned. */
export type MessageFields = Record<string, unknown>;

/** A started SDK instance. Calls carry `at`, the time the host made them. */
export interface Client {
  enqueue(type: string, fields: MessageFields, at: number, label: string): void;
  identify(userId: string, traits: MessageFields | undefined, at: number): void;
  alias(userId: string, previousId: string | undefined, at: number): void;
  reset(): void;
  flush(): Promise<FlushResult>;
  optOut(): void;
  optIn(): void;
  shutdown(): Promise<void>;
  /** Tours, when the platform can show them. */
  guides?: ClientGuides;
}

/** Opens storage, loads identity, session and queue state, and starts delivery. */
export async function startClient(
  platform: Platform,
  options: ResolvedOptions,
  logger: Logger,
  emitter: Emitter,
): Promise<Client> {
  const storage = await platform.openStorage();
  const fault = (error: unknown) => logger.error('storage write failed', error);
  const sessions = createSessions(storage, options.sessionTimeout, platform.uuid);
  const identity = createIdentity(storage, platform.uuid, fault);
  const queue = createQueue({
    storage,
    sessions,
    limits: { maxMessages: options.maxQueueMessages, maxBytes: options.maxQueueBytes },
    clock: platform.clock,
    logger,
    emitter,
    onWritten: (stats) => flusher.written(stats),
    makeRoom: () => flusher.makeRoom(),
    exclusive: (task) => flusher.exclusive(task),
  });
  const [optedOut] = await Promise.all([
    storage.get<boolean>(OPT_OUT_KEY),
    identity.load(),
    sessions.load(),
    queue.load(),
  ]);
  let trackingOff = optedOut === true;

  const flusher = createFlusher({
    queue,
    delivery: createDelivery({
      transport: platform.transport,
      url: `${options.apiHost}/v1/batch`,
      writeKey: options.writeKey,
      queue,
      clock: platform.clock,
      logger,
      emitter,
    }),
    locks: platform.locks ?? createLeaseLocks(storage, platform.clock, platform.uuid()),
    lockName: `revisit-flush-${options.writeKey}`,
    clock: platform.clock,
    logger,
    flushAt: options.flushAt,
    flushInterval: options.flushInterval,
    // Another tab may have opted out since this one started: its word holds for every tab.
    async mustNotSend() {
      trackingOff = (await storage.get<boolean>(OPT_OUT_KEY)) === true;
      if (trackingOff) await queue.clear();
      return trackingOff;
    },
  });

  const cleanups = [
    platform.lifecycle.onHidden(() => flusher.flushUnloading()),
    platform.lifecycle.onOnline(() => flusher.online()),
  ];
  // Messages left by an earlier page (or a closed tab) go out soon.
  if (queue.stats().count > 0) flusher.written(queue.stats());

  const enqueue = (type: string, fields: MessageFields, at: number, label: string) => {
    if (trackingOff) return logger.debug(`${label}: opted out; not tracked`);

    const { anonymousId, userId } = identity.get();
    const context = { ...platform.context(), library: LIBRARY };
    const messageId = platform.uuid();
    const timestamp = new Date(at).toISOString();
    const message = { type, messageId, timestamp, anonymousId, userId, ...fields, context };
    queue.push({ message, at, label, ends: sessions.ends() });
    logger.debug(`${label}: queued as ${messageId}`);
  };

  const guides = startGuides({ platform, options, storage, sessions, identity, logger, enqueue });

  const setOptOut = (off: boolean) => {
    trackingOff = off;
    storage.update(OPT_OUT_KEY, () => off || undefined).catch(fault);
  };

  return {
    enqueue,
    identify(userId, traits, at) {
      identity.setUserId(userId);
      guides?.identify(traits);
      enqueue('identify', { traits }, at, `identify("${userId}")`);
    },
    alias(userId, previousId, at) {
      const { anonymousId, userId: current } = identity.get();
      const previous = previousId ?? current ?? anonymousId;
      identity.setUserId(userId);
      enqueue('alias', { previousId: previous }, at, `alias("${userId}")`);
    },
    reset() {
      identity.reset();
      sessions.end();
      guides?.reset();
    },
    flush: () => flusher.flush(),
    optOut() {
      setOptOut(true);
      queue.clear().catch(fault);
      logger.info('opted out: tracking stopped and the queue cleared');
    },
    optIn() {
      setOptOut(false);
    },
    guides,
    async shutdown() {
      guides?.shutdown();
      await flusher.flush();
      flusher.stop();
      for (const cleanup of cleanups) cleanup();
      storage.close();
    },
  };
}
