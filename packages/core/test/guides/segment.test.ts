import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSegment } from '../../src/guides/index.js';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 11, 3);

describe('computeSegment', () => {
  it('calls the first session new', () => {
    expect(computeSegment({ firstSeenAt: now - 90 * DAY, sessionCount: 1, now })).toBe('new');
  });

  it('calls a user first seen less than 7 days ago new', () => {
    const input = { firstSeenAt: now - 6 * DAY, lastSeenAt: now - DAY, sessionCount: 5, now };
    expect(computeSegment(input)).toBe('new');
  });

  it('calls an older user seen recently active', () => {
    const input = { firstSeenAt: now - 60 * DAY, lastSeenAt: now - 2 * DAY, sessionCount: 9, now };
    expect(computeSegment(input)).toBe('active');
  });

  it('calls a user back after 7 to 30 days returning', () => {
    const input = { firstSeenAt: now - 60 * DAY, lastSeenAt: now - 10 * DAY, sessionCount: 4, now };
    expect(computeSegment(input)).toBe('returning');
  });

  it('calls a user back after 30 days or more dormant', () => {
    const input = { firstSeenAt: now - 90 * DAY, lastSeenAt: now - 45 * DAY, sessionCount: 4, now };
    expect(computeSegment(input)).toBe('dormant');
  });

  it('honours custom thresholds', () => {
    const input = { firstSeenAt: now - 60 * DAY, lastSeenAt: now - 3 * DAY, sessionCount: 4, now };
    expect(computeSegment(input, { returningDays: 2 })).toBe('returning');
  });

  it('moves from returning to dormant as the gap grows, never back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (a, b) => {
        const order = ['active', 'returning', 'dormant'];
        const at = (gap: number) =>
          computeSegment({
            firstSeenAt: now - 500 * DAY,
            lastSeenAt: now - gap * DAY,
            sessionCount: 2,
            now,
          });
        const [low, high] = a < b ? [a, b] : [b, a];
        expect(order.indexOf(at(low))).toBeLessThanOrEqual(order.indexOf(at(high)));
      }),
    );
  });
});
