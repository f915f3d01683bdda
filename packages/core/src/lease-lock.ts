import type { Clock, Locks } from './platform.js';
import type { Storage } from './storage.js';

/** A lease outlives a crashed tab by at most this long. */
export const LEASE_MS = 30_000;
const POLL_MS = 250;
// Waiting for a lease gives up after this, so `flush()` always settles.
const MAX_WAIT_MS = 15_000;

interface Lease {
  owner: string;
  expires: number;
}

/**
 * Locks for platforms without a native lock API: a lease record in the shared storage,
 * taken and released with atomic updates, and renewed while its task runs. A tab that
 * dies holding it blocks the others for at most `LEASE_MS`.
 */
export function createLeaseLocks(storage: Storage, clock: Clock, owner: string): Locks {
  const take = async (name: string) => {
    const now = clock.now();
    const lease = await storage.update<Lease>(name, (current) =>
      current && current.owner !== owner && current.expires > now
        ? current
        : { owner, expires: now + LEASE_MS },
    );
    return lease?.owner === owner;
  };

  const release = (name: string) =>
    storage.update<Lease>(name, (current) => (current?.owner === owner ? undefined : current));

  const acquire = async (name: string, wait: boolean) => {
    for (let waited = 0; ; waited += POLL_MS) {
      if (await take(name)) return true;
      if (!wait || waited >= MAX_WAIT_MS) return false;
      await new Promise<void>((resolve) => clock.setTimer(resolve, POLL_MS));
    }
  };

  return {
    async request(name, wait, task) {
      if (!(await acquire(name, wait))) return undefined;

      const stopRenewing = renewEvery(LEASE_MS / 3, clock, () => void take(name).catch(noop));
      try {
        return await task();
      } finally {
        stopRenewing();
        await release(name).catch(noop);
      }
    },
  };
}

function renewEvery(ms: number, clock: Clock, renew: () => void): () => void {
  let cancel = clock.setTimer(function tick() {
    renew();
    cancel = clock.setTimer(tick, ms);
  }, ms);
  return () => cancel();
}

// A lease that can't be renewed or released simply expires.
const noop = () => {};
