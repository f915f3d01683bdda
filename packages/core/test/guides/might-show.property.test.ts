import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mightShow, selectGuide, type TourState } from '../../src/guides/index.js';
import { makeContext, makeTour } from './fixtures.js';

const now = Date.UTC(2026, 11, 3);

const stateArb: fc.Arbitrary<TourState> = fc.oneof(
  fc.constant<TourState>({ status: 'not-started' }),
  fc.record({
    status: fc.constant('in-progress' as const),
    version: fc.integer({ min: 1, max: 2 }),
    step: fc.integer({ min: 0, max: 2 }),
    startedAt: fc.constant(now),
  }),
  fc.record({
    status: fc.constantFrom('completed' as const, 'dismissed' as const),
    version: fc.integer({ min: 1, max: 2 }),
    step: fc.integer({ min: 0, max: 2 }),
    at: fc.integer({ min: now - 90 * 864e5, max: now }),
  }),
);

/** Definitions as developers write them: any field may be left to its default. */
const writtenArb = fc.record(
  {
    id: fc.constantFrom('a', 'b', 'c'),
    version: fc.integer({ min: 1, max: 2 }),
    repeat: fc.oneof(fc.boolean(), fc.record({ afterDays: fc.integer({ min: 0, max: 60 }) })),
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
    steps: fc.constantFrom<{ title: string; url?: string }[]>(
      [{ title: 'One' }, { title: 'Two' }],
      [
        { title: 'One', url: '/settings' },
        { title: 'Two', url: '/tasks' },
      ],
    ),
  },
  { requiredKeys: ['id', 'steps'] },
);

const contextArb = fc
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
  })
  .map(({ path, ...rest }) => makeContext({ ...rest, url: `https://app.test${path}` }));

describe('mightShow', () => {
  it('says yes whenever the engine would show a tour, from definitions as written', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(writtenArb, { selector: (tour) => tour.id, maxLength: 3 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c'), stateArb),
        contextArb,
        (written, states, context) => {
          const tours = written.map((input) => makeTour(input));
          const stateOf = (id: string) => states[id] ?? { status: 'not-started' as const };
          if (selectGuide(tours, stateOf, context, now) !== null) {
            expect(mightShow(written, states, context)).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('says no for tours the user ended, other pages and other events', () => {
    const context = makeContext({ url: 'https://app.test/tasks' });
    const ended = { a: { status: 'dismissed', version: 1, step: 0, at: now } };
    const tour = { type: 'tour', id: 'a', steps: [{ title: 'One' }] };
    expect(mightShow([tour], ended, context)).toBe(false);
    expect(mightShow([{ ...tour, targeting: { urls: ['/settings'] } }], {}, context)).toBe(false);
    const onEvent = { ...tour, trigger: { type: 'event', event: 'Task Added' } };
    expect(mightShow([onEvent], {}, context)).toBe(false);
    expect(mightShow([tour], undefined, context)).toBe(true);
  });

  it('says yes for a definition too broken to read, so that its checks name the fault', () => {
    const context = makeContext();
    expect(mightShow([null], {}, context)).toBe(true);
    expect(mightShow([{ id: 'x', targeting: { urls: 'not-a-list' } }], {}, context)).toBe(true);
  });
});
