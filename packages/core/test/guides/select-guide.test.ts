import { describe, expect, it } from 'vitest';
import { NOT_STARTED } from '../../src/guides/tour-state.js';
import { selectGuide, type TourState } from '../../src/guides/index.js';
import { makeContext, makeTour } from './fixtures.js';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 11, 3);
const states =
  (map: Record<string, TourState> = {}) =>
  (id: string) =>
    map[id] ?? NOT_STARTED;

describe('selectGuide', () => {
  it('picks the first targeted tour, in definition order', () => {
    const tours = [
      makeTour({ id: 'a', targeting: { urls: ['/settings'] } }),
      makeTour({ id: 'b' }),
      makeTour({ id: 'c' }),
    ];
    expect(selectGuide(tours, states(), makeContext(), now)?.tour.id).toBe('b');
  });

  it('never picks a completed or dismissed tour without repeat', () => {
    const ended = { version: 1, step: 0, at: now - DAY };
    const map: Record<string, TourState> = {
      a: { status: 'completed', ...ended },
      b: { status: 'dismissed', ...ended },
    };
    const tours = [makeTour({ id: 'a' }), makeTour({ id: 'b' })];
    expect(selectGuide(tours, states(map), makeContext(), now)).toBeNull();
  });

  it('shows a repeatable tour again in another session, or after its wait', () => {
    const done: TourState = {
      status: 'dismissed',
      version: 1,
      step: 0,
      at: now - DAY,
      sessionId: 's-1',
    };
    const again = makeTour({ id: 'a', repeat: true });
    expect(selectGuide([again], states({ a: done }), makeContext(), now)).toBeNull();
    expect(
      selectGuide([again], states({ a: done }), makeContext({ sessionId: 's-2' }), now),
    ).not.toBeNull();

    const weekly = makeTour({ id: 'a', repeat: { afterDays: 7 } });
    expect(
      selectGuide([weekly], states({ a: done }), makeContext({ sessionId: 's-2' }), now),
    ).toBeNull();
    expect(selectGuide([weekly], states({ a: done }), makeContext(), now + 7 * DAY)).not.toBeNull();
  });

  it('resumes a tour in progress before starting another', () => {
    const map: Record<string, TourState> = {
      b: { status: 'in-progress', version: 1, step: 1, startedAt: now },
    };
    const decision = selectGuide(
      [makeTour({ id: 'a' }), makeTour({ id: 'b' })],
      states(map),
      makeContext(),
      now,
    );
    expect(decision).toMatchObject({ stepIndex: 1, resumed: true });
    expect(decision?.tour.id).toBe('b');
  });

  it('waits for the page of the current step in a multi-page tour', () => {
    const tour = makeTour({
      id: 'a',
      steps: [{ title: 'one' }, { title: 'two', url: '/settings' }],
    });
    const map: Record<string, TourState> = {
      a: { status: 'in-progress', version: 1, step: 1, startedAt: now },
    };
    expect(selectGuide([tour], states(map), makeContext(), now)).toBeNull();
    const settings = makeContext({ url: 'https://app.test/settings' });
    expect(selectGuide([tour], states(map), settings, now)?.stepIndex).toBe(1);
  });

  it('resumes a tour only on its own pages when its steps name none', () => {
    const tour = makeTour({ id: 'a', targeting: { urls: ['/tasks'] } });
    const map: Record<string, TourState> = {
      a: { status: 'in-progress', version: 1, step: 1, startedAt: now },
    };
    const settings = makeContext({ url: 'https://app.test/settings' });
    expect(selectGuide([tour], states(map), settings, now)).toBeNull();
    expect(selectGuide([tour], states(map), makeContext(), now)?.stepIndex).toBe(1);
  });

  it('starts a tour over when its version changed', () => {
    const map: Record<string, TourState> = {
      a: { status: 'in-progress', version: 1, step: 2, startedAt: now },
    };
    const decision = selectGuide(
      [makeTour({ id: 'a', version: 2 })],
      states(map),
      makeContext(),
      now,
    );
    expect(decision).toMatchObject({ stepIndex: 0, resumed: false });
  });

  it('matches event triggers by name and reports delays', () => {
    const onEvent = makeTour({ id: 'e', trigger: { type: 'event', event: 'Task Added' } });
    const delayed = makeTour({ id: 'd', trigger: { type: 'delay', ms: 1500 } });
    expect(selectGuide([onEvent], states(), makeContext(), now)).toBeNull();
    const event = makeContext({ trigger: { type: 'event', event: 'Task Added' } });
    expect(selectGuide([onEvent], states(), event, now)?.tour.id).toBe('e');
    expect(selectGuide([delayed], states(), makeContext(), now)?.delayMs).toBe(1500);
    expect(selectGuide([delayed], states(), event, now)).toBeNull();
  });
});
