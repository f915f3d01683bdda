import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createGuideEngine,
  createMemoryGuideStorage,
  createTourRunner,
  type TourEvent,
  type TourViewOptions,
} from '../../src/guides/index.js';
import { makeContext, makeTour } from './fixtures.js';

/** A stand-in for the UI chunk: records what is on screen and exposes its callbacks. */
function fakeUi() {
  const screen = { mounts: 0, step: -1, options: undefined as TourViewOptions | undefined };
  const mountTour = (options: TourViewOptions) => {
    screen.mounts += 1;
    screen.step = options.stepIndex;
    screen.options = options;
    return {
      update: (step: number) => (screen.step = step),
      unmount: () => {
        screen.step = -1;
        screen.options = undefined;
      },
    };
  };
  return { screen, loadUi: vi.fn(async () => mountTour) };
}

function setup(guides = [makeTour({ id: 'a' })]) {
  const events: TourEvent[] = [];
  const engine = createGuideEngine({
    storage: createMemoryGuideStorage(),
    onEvent: (event) => events.push(event),
    guides,
  });
  const ui = fakeUi();
  const errors: unknown[] = [];
  const runner = createTourRunner({
    engine,
    loadUi: ui.loadUi,
    onError: (error) => errors.push(error),
  });
  return { engine, runner, ui, events, errors };
}

/** Lets the async callbacks of the UI settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('createTourRunner', () => {
  it('loads the UI only when a tour shows', async () => {
    const { runner, ui } = setup([makeTour({ id: 'a', targeting: { urls: ['/settings'] } })]);
    await runner.pageView(makeContext());
    expect(ui.loadUi).not.toHaveBeenCalled();
    await runner.pageView(makeContext({ url: 'https://app.test/settings' }));
    expect(ui.loadUi).toHaveBeenCalledOnce();
    expect(ui.screen.step).toBe(0);
  });

  it('walks the tour through the UI callbacks and ends it', async () => {
    const { runner, ui, events } = setup();
    await runner.pageView(makeContext());
    ui.screen.options?.onShown(0);
    ui.screen.options?.onNext();
    await settle();
    expect(ui.screen.step).toBe(1);
    ui.screen.options?.onClose('escape');
    await settle();
    expect(ui.screen.options).toBeUndefined();
    expect(events.map((event) => event.event)).toEqual([
      'Tour Started',
      'Tour Step Viewed',
      'Tour Dismissed',
    ]);
  });

  it('skips a step whose target is missing and unmounts when nothing could show', async () => {
    const { runner, ui, engine } = setup([
      makeTour({ id: 'a', steps: [{ target: '#gone', title: 'Gone' }] }),
    ]);
    await runner.pageView(makeContext());
    ui.screen.options?.onTargetMissing(0);
    await settle();
    expect(ui.screen.options).toBeUndefined();
    expect((await engine.getState('a')).status).toBe('not-started');
  });

  it('waits for a delay trigger and cancels it when the page changes', async () => {
    vi.useFakeTimers();
    const { runner, ui } = setup([makeTour({ id: 'a', trigger: { type: 'delay', ms: 1000 } })]);
    await runner.pageView(makeContext());
    await runner.pageView(makeContext({ url: 'https://app.test/other' }));
    await vi.advanceTimersByTimeAsync(1500);
    expect(ui.loadUi).toHaveBeenCalledOnce();

    const fresh = setup([makeTour({ id: 'a', trigger: { type: 'delay', ms: 1000 } })]);
    await fresh.runner.pageView(makeContext());
    await vi.advanceTimersByTimeAsync(999);
    expect(fresh.ui.loadUi).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(fresh.ui.screen.step).toBe(0);
  });

  it('takes a step off a page it does not belong to and resumes it on its page', async () => {
    const tour = makeTour({
      id: 'a',
      steps: [
        { title: 'Here', url: '/tasks' },
        { title: 'There', url: '/settings' },
      ],
    });
    const { runner, ui } = setup([tour]);
    await runner.pageView(makeContext());
    ui.screen.options?.onShown(0);
    ui.screen.options?.onNext();
    await settle();
    expect(ui.screen.options).toBeUndefined();
    await runner.pageView(makeContext({ url: 'https://app.test/settings' }));
    expect(ui.screen.step).toBe(1);
  });

  it('hides a tour on a route change away from its pages', async () => {
    const { runner, ui, engine } = setup([makeTour({ id: 'a', targeting: { urls: ['/tasks'] } })]);
    await runner.pageView(makeContext());
    ui.screen.options?.onShown(0);
    await settle();
    await runner.pageView(makeContext({ url: 'https://app.test/settings' }));
    expect(ui.screen.options).toBeUndefined();
    expect((await engine.getState('a')).status).toBe('in-progress');
  });

  it('starts and ends a tour on request, whatever its targeting', async () => {
    const { runner, ui, engine } = setup([makeTour({ id: 'a', targeting: { sampleRate: 0 } })]);
    await runner.pageView(makeContext());
    expect(ui.loadUi).not.toHaveBeenCalled();
    expect(await runner.startTour('a', makeContext())).toBe(true);
    expect(ui.screen.step).toBe(0);
    await runner.endTour();
    expect(ui.screen.options).toBeUndefined();
    expect((await engine.getState('a')).status).toBe('dismissed');
    expect(await runner.startTour('nope')).toBe(false);
  });

  it('gives the tour back to the engine when the UI fails to load', async () => {
    const { engine } = setup();
    const errors: unknown[] = [];
    const runner = createTourRunner({
      engine,
      loadUi: () => Promise.reject(new Error('offline')),
      onError: (error) => errors.push(error),
    });
    await runner.pageView(makeContext());
    expect(errors).toEqual([new Error('offline')]);
    expect(engine.current()).toBeNull();
    expect(await runner.startTour('a')).toBe(false);
  });

  it('reports a failing callback instead of throwing into the page', async () => {
    const { runner, ui, engine, errors } = setup();
    await runner.pageView(makeContext());
    vi.spyOn(engine, 'advance').mockRejectedValueOnce(new Error('boom'));
    ui.screen.options?.onNext();
    await settle();
    expect(errors).toHaveLength(1);
  });

  it('unmounts and cancels everything on shutdown', async () => {
    const { runner, ui, engine } = setup();
    await runner.pageView(makeContext());
    runner.shutdown();
    expect(ui.screen.options).toBeUndefined();
    expect(engine.current()).toBeNull();
  });
});
