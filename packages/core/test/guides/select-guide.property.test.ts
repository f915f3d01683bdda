import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectGuide, type GuideContext, type TourState } from '../../src/guides/index.js';
import { makeContext, makeTour } from './fixtures.js';

const now = Date.UTC(2026, 11, 3);

const stateArb: fc.Arbitrary<TourState> = fc.oneof(
  fc.constant<TourState>({ status: 'not-started' }),
  fc.record({
    status: fc.constant('in-progress' as const),
    version: fc.integer({ min: 1, max: 2 }),
    step: fc.integer({ min: 0, max: 5 }),
    startedAt: fc.constant(now),
  }),
  fc.record({
    status: fc.constantFrom('completed' as const, 'dismissed' as const),
    version: fc.integer({ min: 1, max: 2 }),
    step: fc.integer({ min: 0, max: 2 }),
    at: fc.integer({ min: now - 90 * 864e5, max: now }),
  }),
);

const tourArb = fc
  .record({
    id: fc.constantFrom('a', 'b', 'c', 'd'),
    version: fc.integer({ min: 1, max: 2 }),
    repeat: fc.oneof(
      fc.constant(false),
      fc.constant(true),
      fc.record({ afterDays: fc.integer({ min: 0, max: 60 }) }),
    ),
    trigger: fc.oneof(
      fc.constant({ type: 'pageView' as const }),
      fc.constant({ type: 'event' as const, event: 'Task Added' }),
      fc.record({ type: fc.constant('delay' as const), ms: fc.integer({ min: 0, max: 5000 }) }),
    ),
    targeting: fc.record(
      {
        urls: fc.constantFrom('/tasks', '/settings', '/**').map((url) => [url]),
        segments: fc.subarray(['new', 'active', 'returning', 'dormant'] as const, { minLength: 1 }),
        minSessions: fc.integer({ min: 0, max: 5 }),
        sampleRate: fc.double({ min: 0, max: 1, noNaN: true }),
      },
      { requiredKeys: [] },
    ),
  })
  .map((input) => makeTour(input));

const contextArb: fc.Arbitrary<GuideContext> = fc
  .record({
    path: fc.constantFrom('/tasks', '/settings', '/other'),
    segment: fc.constantFrom(
      'new' as const,
      'active' as const,
      'returning' as const,
      'dormant' as const,
    ),
    sessionCount: fc.integer({ min: 1, max: 6 }),
    trigger: fc.constantFrom(
      { type: 'pageView' as const },
      { type: 'event' as const, event: 'Task Added' },
      { type: 'event' as const, event: 'Other' },
    ),
    anonymousId: fc.string({ minLength: 1, maxLength: 8 }),
  })
  .map(({ path, ...rest }) => makeContext({ ...rest, url: `https://app.test${path}` }));

describe('selectGuide properties', () => {
  it('only ever picks a tour that may show, on its pages, for this trigger', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(tourArb, { selector: (tour) => tour.id, maxLength: 4 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), stateArb),
        contextArb,
        (tours, states, context) => {
          const decision = selectGuide(
            tours,
            (id) => states[id] ?? { status: 'not-started' },
            context,
            now,
          );
          if (!decision) return;

          const state = states[decision.tour.id] ?? { status: 'not-started' };
          if (decision.resumed) {
            expect(context.trigger.type).toBe('pageView');
            expect(state).toMatchObject({ status: 'in-progress', version: decision.tour.version });
            return;
          }
          expect(decision.stepIndex).toBe(0);
          if (state.status === 'completed' || state.status === 'dismissed') {
            expect(decision.tour.repeat).not.toBeNull();
          }
          const trigger = decision.tour.trigger;
          if (trigger.type === 'event') expect(context.trigger).toEqual(trigger);
          else expect(context.trigger.type).toBe('pageView');
          expect(decision.tour.targeting.segments ?? [context.segment]).toContain(context.segment);
          expect(context.sessionCount).toBeGreaterThanOrEqual(decision.tour.targeting.minSessions);
        },
      ),
    );
  });

  it('never picks a finished tour that may not repeat', () => {
    fc.assert(
      fc.property(
        tourArb,
        contextArb,
        fc.constantFrom('completed' as const, 'dismissed' as const),
        (tour, context, status) => {
          const once = { ...tour, repeat: null };
          const ended: TourState = {
            status,
            version: tour.version,
            step: 0,
            at: now - 864e5 * 400,
          };
          expect(selectGuide([once], () => ended, context, now)).toBeNull();
        },
      ),
    );
  });
});
