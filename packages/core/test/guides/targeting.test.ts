import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guideTargetingSchema } from '@revisit/schema';
import { checkTargeting, userKeyOf } from '../../src/guides/index.js';
import { makeContext } from './fixtures.js';

const targeting = (input: Record<string, unknown>) => guideTargetingSchema.parse(input);

describe('checkTargeting', () => {
  it('targets everyone by default', () => {
    expect(checkTargeting('t', targeting({}), makeContext())).toBeNull();
  });

  it('names the first rule that fails', () => {
    const context = makeContext({ traits: { plan: 'pro' } });
    expect(checkTargeting('t', targeting({ urls: ['/settings'] }), context)).toBe('url');
    expect(checkTargeting('t', targeting({ segments: ['new'] }), context)).toBe('segment');
    expect(checkTargeting('t', targeting({ minSessions: 4 }), context)).toBe('sessions');
    expect(checkTargeting('t', targeting({ traits: { plan: 'free' } }), context)).toBe('traits');
    expect(checkTargeting('t', targeting({ sampleRate: 0 }), context)).toBe('sample');
  });

  it('matches traits by strict equality, null matching a missing trait', () => {
    const context = makeContext({ traits: { plan: 'pro', seats: 3 } });
    expect(
      checkTargeting('t', targeting({ traits: { plan: 'pro', seats: 3 } }), context),
    ).toBeNull();
    expect(checkTargeting('t', targeting({ traits: { seats: '3' } }), context)).toBe('traits');
    expect(checkTargeting('t', targeting({ traits: { team: null } }), context)).toBeNull();
  });

  it('ignores traits inherited from Object.prototype', () => {
    const context = makeContext({ traits: {} });
    expect(checkTargeting('t', targeting({ traits: { toString: 'x' } }), context)).toBe('traits');
  });

  it('samples by user id once known, so devices agree', () => {
    expect(userKeyOf({ userId: 'u-1', anonymousId: 'a' })).toBe('u-1');
    expect(userKeyOf({ userId: null, anonymousId: 'a' })).toBe('a');
  });

  it('never targets a context that fails a rule, whatever the rules', () => {
    const rules = fc.record(
      {
        segments: fc.subarray(['new', 'active', 'returning', 'dormant'] as const, { minLength: 1 }),
        minSessions: fc.integer({ min: 0, max: 10 }),
        sampleRate: fc.double({ min: 0, max: 1, noNaN: true }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(rules, fc.integer({ min: 1, max: 10 }), (input, sessionCount) => {
        const parsed = targeting(input);
        const context = makeContext({ sessionCount });
        const miss = checkTargeting('t', parsed, context);
        if (sessionCount < parsed.minSessions) expect(miss).not.toBeNull();
        if (parsed.segments && !parsed.segments.includes('active')) expect(miss).toBe('segment');
      }),
    );
  });
});
