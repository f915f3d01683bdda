import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStorage, systemClock } from '@revisit/core';
import { createLeaseLocks, LEASE_MS } from '../src/lease-lock.js';

describe('createLeaseLocks', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lets one holder in at a time and frees the lease afterwards', async () => {
    const storage = createMemoryStorage();
    const tabA = createLeaseLocks(storage, systemClock, 'a');
    const tabB = createLeaseLocks(storage, systemClock, 'b');
    let release!: () => void;
    const held = tabA.request(
      'flush',
      false,
      () => new Promise<string>((r) => (release = () => r('a'))),
    );
    await vi.advanceTimersByTimeAsync(1);

    expect(await tabB.request('flush', false, async () => 'b')).toBeUndefined();
    release();
    expect(await held).toBe('a');
    expect(await tabB.request('flush', false, async () => 'b')).toBe('b');
  });

  it('renews the lease during a long task, and takes over one that expired', async () => {
    const storage = createMemoryStorage();
    const tabA = createLeaseLocks(storage, systemClock, 'a');
    const tabB = createLeaseLocks(storage, systemClock, 'b');
    let release!: () => void;
    const held = tabA.request('flush', false, () => new Promise<void>((r) => (release = r)));
    await vi.advanceTimersByTimeAsync(2 * LEASE_MS);
    expect(await tabB.request('flush', false, async () => 'b')).toBeUndefined();
    release();
    await held;

    await storage.update('flush', () => ({ owner: 'crashed', expires: Date.now() - 1 }));
    expect(await tabB.request('flush', false, async () => 'b')).toBe('b');
  });

  it('waits for the lease when asked to', async () => {
    const storage = createMemoryStorage();
    const tabA = createLeaseLocks(storage, systemClock, 'a');
    const tabB = createLeaseLocks(storage, systemClock, 'b');
    const held = tabA.request('flush', false, () => new Promise((r) => setTimeout(r, 1000)));
    await vi.advanceTimersByTimeAsync(1);
    const waiting = tabB.request('flush', true, async () => 'b');
    await vi.advanceTimersByTimeAsync(2000);
    await held;
    expect(await waiting).toBe('b');
  });
});
