import { describe, expect, it, vi } from 'vitest';
import {
  createMemoryStorage,
  withMemoryFallback,
  type Storage,
  type StoredMessage,
} from '@revisit/core';

const message = (n: number): StoredMessage => ({ id: `m${n}`, seq: n, bytes: 10, json: '{}' });

/** A storage taken away: every call rejects, as IndexedDB does once its connection closed. */
function closedStorage(): Storage {
  const gone = () => Promise.reject(new DOMException('closing', 'InvalidStateError'));
  return { ...createMemoryStorage(), append: gone, readOldest: gone, remove: gone, get: gone };
}

describe('withMemoryFallback', () => {
  it('goes on from what the storage held when it was taken away', async () => {
    const onFault = vi.fn();
    const salvage = {
      messages: [1, 2, 3].map(message),
      values: [['optOut', true]] as [string, unknown][],
    };
    const storage = withMemoryFallback(closedStorage(), onFault, () => Promise.resolve(salvage));

    // A batch read before the fault and delivered: its remove is replayed after the salvage.
    await storage.remove([message(1)]);
    await storage.append([message(4)]);

    expect((await storage.readOldest(10, 1000)).map((kept) => kept.id)).toEqual(['m2', 'm3', 'm4']);
    expect(await storage.get('optOut')).toBe(true);
    expect(onFault).toHaveBeenCalledTimes(1);
  });

  it('goes on in memory when the salvage fails', async () => {
    const failed = () => Promise.reject(new Error('unreadable'));
    const storage = withMemoryFallback(closedStorage(), () => {}, failed);

    await storage.append([message(1)]);

    expect(await storage.stats()).toEqual({ count: 1, bytes: 10 });
  });
});
