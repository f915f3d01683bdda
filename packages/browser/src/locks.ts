import type { Locks } from '@revisit/core';

/**
 * The Web Locks API, when the browser has it: the lock goes away with the tab that holds
 * it, so a closed tab never strands the queue. Without it core falls back to a lease.
 */
export function webLocks(): Locks | undefined {
  const locks = typeof navigator === 'object' ? navigator.locks : undefined;
  if (!locks || typeof locks.request !== 'function') return undefined;

  return {
    request: <T>(name: string, wait: boolean, task: () => Promise<T>) =>
      locks.request(name, { ifAvailable: !wait }, (lock) => (lock ? task() : undefined)) as Promise<
        T | undefined
      >,
  };
}
