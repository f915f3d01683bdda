import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRevisit } from './helpers/started.js';

const MINUTE = 60_000;

describe('sessions', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const sessionsOf = (messages: Array<Record<string, any>>) =>
    messages.map((message) => message.context.sessionId as string);

  it('keeps one session while events come, and starts another after the timeout', async () => {
    const { revisit, fake } = startRevisit();
    revisit.track('A');
    await vi.advanceTimersByTimeAsync(20 * MINUTE);
    revisit.track('B');
    await vi.advanceTimersByTimeAsync(31 * MINUTE);
    revisit.track('C');
    await revisit.flush();

    const [a, b, c] = sessionsOf(fake.sent());
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('honours a custom sessionTimeout', async () => {
    const { revisit, fake } = startRevisit({ sessionTimeout: MINUTE });
    revisit.track('A');
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    revisit.track('B');
    await revisit.flush();
    const [a, b] = sessionsOf(fake.sent());
    expect(b).not.toBe(a);
  });

  it('keeps the session through identify', async () => {
    const { revisit, fake } = startRevisit();
    revisit.track('Before login');
    revisit.identify('user-1');
    revisit.track('After login');
    await revisit.flush();
    expect(new Set(sessionsOf(fake.sent())).size).toBe(1);
  });

  it('is shared by tabs: an idle tab does not end the session of an active one', async () => {
    const active = startRevisit();
    const idle = startRevisit({}, active.fake);
    idle.revisit.track('Idle tab opens');
    await vi.advanceTimersByTimeAsync(10);
    for (let minute = 0; minute < 40; minute += 10) {
      active.revisit.track('Active tab');
      await vi.advanceTimersByTimeAsync(10 * MINUTE);
    }
    // 40 minutes after its last event, the idle tab wakes: the active tab kept the session.
    idle.revisit.track('Idle tab wakes');
    await idle.revisit.flush();
    await active.revisit.flush();

    expect(new Set(sessionsOf(active.fake.sent())).size).toBe(1);
  });

  it('gives the first event after a sleep past the timeout a new session', async () => {
    const { revisit, fake } = startRevisit();
    revisit.track('Before sleep');
    await revisit.flush();
    // A laptop lid closed: time jumps without timers firing on the way.
    vi.setSystemTime(Date.now() + 3 * 60 * MINUTE);
    revisit.track('After wake');
    await revisit.flush();
    const [before, after] = sessionsOf(fake.sent());
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
  });

  it('counts sessions and writes last activity at most every few seconds', async () => {
    const { revisit, fake } = startRevisit({ flushAt: 1000 });
    revisit.track('Warm up');
    await vi.advanceTimersByTimeAsync(10);
    const update = vi.spyOn(fake.storage, 'update');
    for (let index = 0; index < 50; index++) {
      revisit.track('Click');
      await vi.advanceTimersByTimeAsync(100);
    }
    const writes = update.mock.calls.filter(([key]) => key === 'session').length;
    expect(writes).toBeLessThanOrEqual(2);
    expect(await fake.storage.get('session')).toMatchObject({ count: 1 });
  });
});
