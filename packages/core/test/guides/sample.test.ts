import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSampled, sampleBucket } from '../../src/guides/index.js';

describe('isSampled', () => {
  it('includes everyone at 1 and no one at 0', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (user, guide) => {
        expect(isSampled(user, guide, 1)).toBe(true);
        expect(isSampled(user, guide, 0)).toBe(false);
      }),
    );
  });

  it('gives the same answer every time and only adds users as the rate grows', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (user, guide, a, b) => {
          const [low, high] = a < b ? [a, b] : [b, a];
          expect(isSampled(user, guide, low)).toBe(isSampled(user, guide, low));
          if (isSampled(user, guide, low)) expect(isSampled(user, guide, high)).toBe(true);
        },
      ),
    );
  });

  it('keeps buckets in [0, 1)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (user, guide) => {
        const bucket = sampleBucket(user, guide);
        expect(bucket).toBeGreaterThanOrEqual(0);
        expect(bucket).toBeLessThan(1);
      }),
    );
  });

  it('samples close to the rate over many users', () => {
    const users = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
    const share = users.filter((user) => isSampled(user, 'tour-a', 0.3)).length / users.length;
    expect(share).toBeGreaterThan(0.28);
    expect(share).toBeLessThan(0.32);
  });

  it('draws a different sample for each guide', () => {
    const users = Array.from({ length: 1000 }, (_, i) => `user-${i}`);
    const a = users.filter((user) => isSampled(user, 'tour-a', 0.5));
    const b = users.filter((user) => isSampled(user, 'tour-b', 0.5));
    expect(a).not.toEqual(b);
  });
});
