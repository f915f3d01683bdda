import type { Logger } from './logger.js';

/** What the SDK tells the host app about delivery. */
export interface RevisitEvents {
  /** Messages the collector acknowledged (stored now or earlier). */
  delivered: { messageIds: string[] };
  /** Messages given up on: rejected as invalid, too large, pushed out of a full queue. */
  dropped: {
    reason: 'rejected' | 'too-large' | 'queue-full' | 'invalid';
    count: number;
    messageIds: string[];
    detail?: string;
  };
  /** A failure the SDK recovers from on its own: a failed send, a storage fault. */
  error: { message: string; status?: number };
}

/** Name of an SDK event. */
export type RevisitEventName = keyof RevisitEvents;

/** A listener of one SDK event. */
export type RevisitHandler<K extends RevisitEventName> = (payload: RevisitEvents[K]) => void;

/** The SDK events of one instance. */
export interface Emitter {
  on<K extends RevisitEventName>(name: K, handler: RevisitHandler<K>): () => void;
  emit<K extends RevisitEventName>(name: K, payload: RevisitEvents[K]): void;
}

/** Creates an emitter; a handler that throws is logged through `logger()` and skipped. */
export function createEmitter(logger: () => Logger): Emitter {
  const handlers = new Map<RevisitEventName, Set<(payload: never) => void>>();

  return {
    on(name, handler) {
      const set = handlers.get(name) ?? new Set();
      handlers.set(name, set);
      set.add(handler);
      return () => set.delete(handler);
    },
    emit(name, payload) {
      for (const handler of handlers.get(name) ?? []) {
        // A host handler that throws must not break delivery.
        try {
          (handler as RevisitHandler<typeof name>)(payload);
        } catch (error) {
          logger().error(`an on('${name}') handler threw`, error);
        }
      }
    },
  };
}
