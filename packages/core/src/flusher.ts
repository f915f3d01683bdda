import type { Delivery, Outcome } from './delivery.js';
import { BATCH_BYTES, UNLOAD_BUDGET_BYTES } from './limits.js';
import type { Logger } from './logger.js';
import type { Clock, Locks } from './platform.js';
import type { Queue } from './queue.js';
import { retryDelay } from './retry.js';
import type { QueueStats, StoredMessage } from './storage.js';

/** What `flush()` resolves with. */
export interface FlushResult {
  /** True when every message queued before the call was delivered (or given up on). */
  ok: boolean;
  /** Messages still queued, from every tab sharing the storage. */
  queued: number;
}

/** Decides when to send: on count, on a timer, on request, on hide, after a backoff. */
export interface Flusher {
  /** Reacts to a write: flushes at `flushAt` messages, else arms the interval timer. */
  written(stats: QueueStats): void;
  /** Delivers what is queued now; waits for the lock and for a flush already running. */
  flush(): Promise<FlushResult>;
  /**
   * The queue is full: sends what is written, waiting for the lock. False when delivery is
   * failing, so the queue stops waiting and drops its oldest messages instead.
   */
  makeRoom(): Promise<boolean>;
  /**
   * Runs `task` in this tab's turn, holding the flush lock; `undefined` when another tab holds
   * it. The queue trims itself this way.
   */
  exclusive<T>(task: () => Promise<T>): Promise<T | undefined>;
  /** The page is going away: sends this tab's newest messages synchronously, keepalive. */
  flushUnloading(): void;
  /** The network came back: send now rather than when the backoff or interval ends. */
  online(): void;
  stop(): void;
}

interface FlusherDeps {
  queue: Queue;
  delivery: Delivery;
  locks: Locks;
  lockName: string;
  clock: Clock;
  logger: Logger;
  flushAt: number;
  flushInterval: number;
  /** Checked under the lock before sending: true when nothing may be sent (opted out). */
  mustNotSend(): Promise<boolean>;
}

// Caps so that one flush can't loop forever while other tabs keep adding messages.
const MAX_BATCH_MESSAGES = 500;
const MAX_BATCHES_PER_FLUSH = 100;

/** Creates the flusher of one SDK instance; `stop()` cancels its timer. */
export function createFlusher(deps: FlusherDeps): Flusher {
  const { queue, logger, clock } = deps;
  let chain: Promise<unknown> = Promise.resolve();
  let busy = false;
  let attempt = 0;
  let backingOff = false;
  let cancelTimer: (() => void) | undefined;
  let stopped = false;
  let cameOnline = false;

  const arm = (ms: number) => {
    cancelTimer?.();
    cancelTimer = clock.setTimer(() => {
      cancelTimer = undefined;
      backingOff = false;
      void run(false);
    }, ms);
  };

  const failed = (outcome: Extract<Outcome, { ok: false }>) => {
    // The network came back while this attempt (started offline) was failing: retry now.
    const delay = cameOnline ? 0 : retryDelay(attempt++, outcome.retryAfter, clock.now());
    backingOff = true;
    logger.debug(
      `send failed (${outcome.status || 'network'}); retry in ${Math.round(delay / 1000)}s`,
    );
    arm(delay);
  };

  // A send got through (an explicit flush may beat the backoff timer): back to normal.
  const recovered = () => {
    attempt = 0;
    if (!backingOff) return;
    backingOff = false;
    cancelTimer?.();
    cancelTimer = undefined;
  };

  const drain = async (marker: number | undefined): Promise<boolean> => {
    if (await deps.mustNotSend()) return true;
    for (let round = 0; round < MAX_BATCHES_PER_FLUSH; round++) {
      const batch = (await queue.read(MAX_BATCH_MESSAGES, BATCH_BYTES)).filter(
        (message) => marker === undefined || message.seq <= marker,
      );
      if (batch.length === 0) return true;

      logger.debug(`sending a batch of ${batch.length} message(s)`);
      const outcome = await deps.delivery.send(batch, false);
      if (!outcome.ok) {
        failed(outcome);
        return false;
      }
      recovered();
    }
    return true;
  };

  // A full queue is trimmed under the lock only, after a drain or by `exclusive`: never while
  // a send has its oldest messages on the way (they would be stored and counted as dropped),
  // never by two tabs at once (both would count the same messages).
  const drainAndTrim = async (marker: number | undefined) => {
    const ok = await drain(marker);
    await queue.trim();
    return ok;
  };

  // One run at a time per tab: each waits for the one before it. With `wait` it also waits
  // for the lock; with a `marker` it sends only what was queued up to it.
  const run = (wait: boolean, marker?: number): Promise<FlushResult> => {
    if (stopped) return Promise.resolve({ ok: false, queued: queue.stats().count });
    if (busy && !wait) return Promise.resolve({ ok: false, queued: queue.stats().count });

    const next = chain.then(async () => {
      busy = true;
      cameOnline = false;
      try {
        const ok = await deps.locks.request(deps.lockName, wait, () => drainAndTrim(marker));
        if (ok === undefined) logger.debug('another tab is flushing; not this one');
        // Whatever is left (written meanwhile, or left to a tab that went away) gets a timer.
        if (!backingOff && !cancelTimer && queue.stats().count > 0) arm(deps.flushInterval);
        return { ok: ok ?? false, queued: queue.stats().count };
      } finally {
        busy = false;
      }
    });
    chain = next.catch((error) => logger.error('flush failed', error));
    return next;
  };

  return {
    written(stats) {
      if (backingOff || stopped) return;
      if (stats.count >= deps.flushAt) void run(false);
      else if (!cancelTimer) arm(deps.flushInterval);
    },
    async flush() {
      // Messages are ordered by call time: this marks what was queued when flush() was called.
      const marker = clock.now() * 1024 + 1023;
      // Waits for writes before joining the runs: a write may itself wait for a run
      // (makeRoom), which must not queue behind this one.
      await queue.written();
      return run(true, marker);
    },
    async makeRoom() {
      if (backingOff || stopped) return false;
      return (await run(true)).ok;
    },
    flushUnloading() {
      const batch = fitUnloadBudget(queue.unloading());
      if (batch.length === 0) return;
      logger.debug(`page hidden: sending ${batch.length} message(s) with keepalive`);
      // Fire and forget: if the page lives on, the answer still acknowledges the messages.
      deps.delivery.send(batch, true).catch((error) => logger.error('unload send failed', error));
    },
    online() {
      cameOnline = true;
      if (stopped || queue.stats().count === 0) return;
      logger.debug('back online; sending now');
      arm(0);
    },
    exclusive<T>(task: () => Promise<T>) {
      const next = chain.then(() => deps.locks.request(deps.lockName, false, task));
      chain = next.catch((error) => logger.error('trimming the queue failed', error));
      return next;
    },
    stop() {
      stopped = true;
      cancelTimer?.();
    },
  };
}

function fitUnloadBudget(messages: StoredMessage[]): StoredMessage[] {
  const batch: StoredMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    if (bytes + message.bytes > UNLOAD_BUDGET_BYTES) break;
    batch.push(message);
    bytes += message.bytes;
  }
  return batch;
}
