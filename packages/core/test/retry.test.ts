import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  parseRetryAfter,
  retryDelay,
  RETRY_BASE_MS,
  RETRY_CAP_MS,
} from '@revisit/core';

describe('backoffDelay', () => {
  it('stays within [0, min(cap, base * 2^attempt)) for any attempt and random value', () => {
    fc.assert(
      fc.property(
        fc.nat(100),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const delay = backoffDelay(attempt, () => r);
          const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** attempt);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(ceiling);
        },
      ),
    );
  });

  it('spreads retries with full jitter and grows the ceiling to the cap', () => {
    expect(backoffDelay(0, () => 0)).toBe(0);
    expect(backoffDelay(0, () => 0.999)).toBe(999);
    expect(backoffDelay(3, () => 0.5)).toBe(4000);
    expect(backoffDelay(50, () => 0.999999)).toBe(RETRY_CAP_MS - 1);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-03T10:00:00Z');

  it('reads seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date, and a past date as no wait', () => {
    expect(parseRetryAfter('Thu, 03 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 03 Dec 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores missing or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('retryDelay', () => {
  it('prefers the server word, capped', () => {
    expect(retryDelay(0, '7', 0, () => 0.9)).toBe(7000);
    expect(retryDelay(0, '100000', 0)).toBe(RETRY_CAP_MS);
    expect(retryDelay(2, null, 0, () => 0.5)).toBe(2000);
  });
});
