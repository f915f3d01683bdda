import { describe, expect, it } from 'vitest';
import {
  createGuideEngine,
  createMemoryGuideStorage,
  readTourStates,
  tourStatesKey,
  type GuideStorage,
  type TourEvent,
} from '../../src/guides/index.js';
import { makeContext, makeTour } from './fixtures.js';

function setup(storage: GuideStorage = createMemoryGuideStorage()) {
  const events: TourEvent[] = [];
  let time = Date.UTC(2026, 11, 3);
  const engine = createGuideEngine({
    storage,
    clock: { now: () => time },
    onEvent: (event) => events.push(event),
    guides: [makeTour({ id: 'a' }), makeTour({ id: 'b' })],
  });
  const names = () => events.map((event) => `${event.event}:${event.properties.stepIndex}`);
  return { engine, events, names, storage, tick: (ms: number) => (time += ms) };
}

describe('createGuideEngine', () => {
  it('walks a tour and tracks each event with id, version and step', async () => {
    const { engine, events, names } = setup();
    const decision = await engine.evaluate(makeContext());
    await engine.start(decision!.tour.id);
    await engine.shown();
    await engine.advance();
    await engine.shown();
    await engine.advance();
    await engine.shown();
    expect(await engine.advance()).toBeNull();

    expect(names()).toEqual([
      'Tour Started:0',
      'Tour Step Viewed:0',
      'Tour Step Viewed:1',
      'Tour Step Viewed:2',
      'Tour Completed:2',
    ]);
    expect(events[0]?.properties).toEqual({ tourId: 'a', tourVersion: 1, stepIndex: 0 });
    expect((await engine.getState('a')).status).toBe('completed');
  });

  it('shows one guide at a time', async () => {
    const { engine } = setup();
    await engine.start('a', makeContext());
    expect(await engine.evaluate(makeContext())).toBeNull();
  });

  it('never shows a dismissed tour again and moves on to the next one', async () => {
    const { engine, names } = setup();
    await engine.start('a', makeContext());
    await engine.shown();
    await engine.dismiss();
    expect(names()).toContain('Tour Dismissed:0');
    expect((await engine.evaluate(makeContext()))?.tour.id).toBe('b');
  });

  it('resumes at the saved step on the next visit', async () => {
    const first = setup();
    await first.engine.start('a', makeContext());
    await first.engine.shown();
    await first.engine.advance();
    await first.engine.shown();

    const second = setup(first.storage);
    const decision = await second.engine.evaluate(makeContext());
    expect(decision).toMatchObject({ stepIndex: 1, resumed: true });
    await second.engine.start('a');
    await second.engine.shown();
    expect(second.names()).toEqual(['Tour Step Viewed:1']);
  });

  it('does not count a tour whose target never appeared as dismissed', async () => {
    const { engine, names } = setup();
    const single = makeTour({ id: 'solo', steps: [{ target: '#late', title: 'Late' }] });
    engine.setGuides([single]);
    await engine.start('solo', makeContext());
    expect(await engine.skipStep()).toBeNull();

    expect(names()).toEqual(['Tour Step Skipped:0']);
    expect((await engine.getState('solo')).status).toBe('not-started');
    expect((await engine.evaluate(makeContext()))?.tour.id).toBe('solo');
  });

  it('skips a missing step and goes on with the next', async () => {
    const { engine, events } = setup();
    await engine.start('a', makeContext());
    expect(await engine.skipStep('target-missing')).toMatchObject({ stepIndex: 1 });
    await engine.shown();
    expect(events.map((event) => event.event)).toEqual([
      'Tour Step Skipped',
      'Tour Started',
      'Tour Step Viewed',
    ]);
    expect(events[0]?.properties.reason).toBe('target-missing');
  });

  it('tracks a step once however often the UI reports it', async () => {
    const { engine, names } = setup();
    await engine.start('a', makeContext());
    await engine.shown();
    await engine.shown();
    expect(names()).toEqual(['Tour Started:0', 'Tour Step Viewed:0']);
  });

  it('goes back a step and not below the first', async () => {
    const { engine } = setup();
    await engine.start('a', makeContext());
    await engine.shown();
    await engine.advance();
    expect(await engine.back()).toMatchObject({ stepIndex: 0 });
    expect(await engine.back()).toBeNull();
  });

  it('keeps a hidden tour in progress', async () => {
    const { engine } = setup();
    await engine.start('a', makeContext());
    await engine.shown();
    engine.hide();
    expect(engine.current()).toBeNull();
    expect((await engine.getState('a')).status).toBe('in-progress');
  });

  it('keeps separate states per user', async () => {
    const { engine } = setup();
    await engine.start('a', makeContext({ userId: 'u-1' }));
    await engine.shown();
    await engine.dismiss();
    const other = await engine.evaluate(makeContext({ userId: 'u-2' }));
    expect(other?.tour.id).toBe('a');
  });

  it('serialises rapid calls so no click is lost', async () => {
    const { engine } = setup();
    await engine.start('a', makeContext());
    await engine.shown();
    const [one, two] = await Promise.all([engine.advance(), engine.advance()]);
    expect([one?.stepIndex, two?.stepIndex]).toEqual([1, 2]);
  });

  it('carries on in memory when storage fails', async () => {
    const errors: unknown[] = [];
    const broken: GuideStorage = {
      get: () => Promise.reject(new Error('blocked')),
      set: () => Promise.reject(new Error('blocked')),
    };
    const engine = createGuideEngine({
      storage: broken,
      onError: (error) => errors.push(error),
      guides: [makeTour({ id: 'a' })],
    });
    await engine.start('a', makeContext());
    await engine.shown();
    await engine.dismiss();
    expect(errors.length).toBeGreaterThan(0);
    expect(await engine.evaluate(makeContext())).toBeNull();
  });

  it('ignores an unknown tour id', async () => {
    const { engine } = setup();
    expect(await engine.start('nope', makeContext())).toBeNull();
  });
});

describe('createGuideEngine claims', () => {
  it('does not start a tour another tab shows, and releases its own when it ends', async () => {
    const held = new Set<string>();
    const claim = async (id: string) => {
      if (held.has(id)) return null;
      held.add(id);
      return () => held.delete(id);
    };
    const storage = createMemoryGuideStorage();
    const guides = [makeTour({ id: 'a' })];
    const tabA = createGuideEngine({ storage, claim, guides });
    const tabB = createGuideEngine({ storage, claim, guides });

    expect(await tabA.start('a', makeContext())).not.toBeNull();
    expect(await tabB.start('a', makeContext())).toBeNull();
    tabA.hide();
    expect(held.size).toBe(0);
    expect(await tabB.start('a', makeContext())).not.toBeNull();
    await tabB.dismiss();
    expect(held.size).toBe(0);
  });

  it('sees on the next page view what another tab did', async () => {
    const storage = createMemoryGuideStorage();
    const guides = [makeTour({ id: 'a' })];
    const tabA = createGuideEngine({ storage, guides });
    const tabB = createGuideEngine({ storage, guides });
    expect(await tabB.evaluate(makeContext())).not.toBeNull();

    await tabA.start('a', makeContext());
    await tabA.shown();
    await tabA.dismiss();
    expect(await tabB.evaluate(makeContext())).toBeNull();
  });

  it("keeps another tab's change to another tour when it saves", async () => {
    const storage = createMemoryGuideStorage();
    const guides = [makeTour({ id: 'a' }), makeTour({ id: 'b' })];
    const tabA = createGuideEngine({ storage, guides });
    const tabB = createGuideEngine({ storage, guides });
    await tabA.start('a', makeContext());
    await tabB.start('b', makeContext());
    await tabA.shown();
    await tabB.shown();
    await tabA.dismiss();
    await tabB.dismiss();
    expect((await tabA.getState('b')).status).toBe('dismissed');
    expect((await tabB.getState('a')).status).toBe('dismissed');
  });
});

describe('tour states in storage', () => {
  it('are where tourStatesKey says, readable by readTourStates', async () => {
    const storage = createMemoryGuideStorage();
    const engine = createGuideEngine({ storage, guides: [makeTour({ id: 'a' })] });
    await engine.start('a', makeContext({ userId: 'u-1' }));
    await engine.shown();
    const states = readTourStates(await storage.get(tourStatesKey('u-1')));
    expect(states.a).toMatchObject({ status: 'in-progress', step: 0, version: 1 });
  });

  it('drop anything that is not a state', () => {
    expect(readTourStates('junk')).toEqual({});
    expect(readTourStates({ a: { status: 'weird' }, b: { status: 'not-started' } })).toEqual({
      b: { status: 'not-started' },
    });
  });
});
