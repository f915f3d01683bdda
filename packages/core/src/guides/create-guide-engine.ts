import type { GuideDefinition, TourDefinition } from '@revisit/schema';
import {
  TOUR_STATES_KEY,
  readTourStates,
  tourStatesKey,
  type GuideStorage,
  type TourStates,
} from './guide-storage.js';
import { selectGuide, type GuideContext, type GuideDecision } from './select-guide.js';
import { userKeyOf } from './targeting.js';
import { TOUR_EVENTS, type TourEvent, type TourEventName } from './tour-events.js';
import { NOT_STARTED, atStep, ended, resumeStep, type TourState } from './tour-state.js';

/** A source of time, so that tests and replays control it. */
export interface GuideClock {
  now(): number;
}

export interface GuideEngineOptions {
  /** Where each user's tour states persist, under `storageKey:userKey`. */
  storage: GuideStorage;
  /** Default: `Date.now`. */
  clock?: GuideClock;
  /** Receives every tour event for the SDK to track. Default: none. */
  onEvent?: (event: TourEvent) => void;
  /** Receives storage failures; the engine carries on in memory. Default: none. */
  onError?: (error: unknown) => void;
  /** Definitions, already validated with `parseGuides`. Default: none, see `setGuides`. */
  guides?: readonly GuideDefinition[];
  /** Default `revisit.tours`. */
  storageKey?: string;
  /**
   * Claims a tour for this tab before it shows: resolves to a release function, or to null
   * when another tab shows that tour now. Default: always granted. The browser passes one
   * built on Web Locks, so two tabs never show the same tour at once.
   */
  claim?: (tourId: string) => Promise<(() => void) | null>;
}

/** The tour on screen and its current step. */
export interface ActiveTour {
  tour: TourDefinition;
  stepIndex: number;
}

/** Decides which tour shows, walks it step by step, remembers and reports progress. */
export interface GuideEngine {
  /** Replaces the definitions (from `init` or the collector). */
  setGuides(guides: readonly GuideDefinition[]): void;
  /** The guide to show for this page view or event; null while one is on screen. */
  evaluate(context: GuideContext): Promise<GuideDecision | null>;
  /** Puts a tour on screen, resuming saved progress; ignores targeting (`startTour`). */
  start(id: string, context?: GuideContext): Promise<ActiveTour | null>;
  /** The UI painted the current step: tracks it and saves the progress. */
  shown(): Promise<void>;
  /** Next step; on the last one, completes the tour and returns null. */
  advance(): Promise<ActiveTour | null>;
  back(): Promise<ActiveTour | null>;
  /** The step could not show (default reason `target-missing`): moves on, never dismisses. */
  skipStep(reason?: string): Promise<ActiveTour | null>;
  dismiss(): Promise<void>;
  complete(): Promise<void>;
  /** Takes the tour off screen without ending it (navigation): it resumes later. */
  hide(): void;
  current(): ActiveTour | null;
  /** A tour's saved state for the current user, read from storage. */
  getState(id: string): Promise<TourState>;
}

interface Run extends ActiveTour {
  release?: () => void;
  resumed: boolean;
  shownAny: boolean;
  lastViewed: number;
}

/** Creates a guide engine; it holds no global state, so two SDK instances never collide. */
export function createGuideEngine(options: GuideEngineOptions): GuideEngine {
  const { storage, onEvent, onError, claim, storageKey = TOUR_STATES_KEY } = options;
  const now = () => (options.clock ? options.clock.now() : Date.now());
  let tours = toursOf(options.guides ?? []);
  let context: GuideContext | undefined;
  let cache: { key: string; states: TourStates } | undefined;
  let run: Run | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  // Calls run one after another: a double click on "next" must not race two storage writes.
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task);
    queue = result.catch(() => undefined); // The caller gets the failure; the queue goes on.
    return result;
  };

  const storeKey = () => tourStatesKey(context ? userKeyOf(context) : 'anonymous', storageKey);

  /**
   * The user's tour states. `fresh` reads storage again, to see what other tabs did; page
   * views and starts do, while events use the cache so that `track()` stays cheap.
   */
  async function load(fresh = false): Promise<TourStates> {
    const key = storeKey();
    if (cache?.key === key && !fresh) return cache.states;

    try {
      cache = { key, states: readTourStates(await storage.get(key)) };
    } catch (error) {
      onError?.(error);
      // Storage is unavailable: carry on with what this tab knows.
      if (cache?.key !== key) cache = { key, states: {} };
    }
    return cache.states;
  }

  async function save(tour: TourDefinition, state: TourState): Promise<void> {
    // Read again first: another tab may have changed another tour since our last read.
    const states = await load(true);
    states[tour.id] = state;
    try {
      await storage.set(storeKey(), states);
    } catch (error) {
      onError?.(error);
    }
  }

  function emit(event: TourEventName, active: ActiveTour, reason?: string): void {
    const { tour, stepIndex } = active;
    const properties = { tourId: tour.id, tourVersion: tour.version, stepIndex };
    onEvent?.({ event, properties: reason ? { ...properties, reason } : properties });
  }

  /** Takes the tour off screen and lets other tabs show it. */
  function leave(): void {
    run?.release?.();
    run = null;
  }

  async function finish(status: 'completed' | 'dismissed'): Promise<void> {
    if (!run) return;

    const active = run;
    leave();
    emit(status === 'completed' ? TOUR_EVENTS.completed : TOUR_EVENTS.dismissed, active);
    const state = ended(status, active.tour, active.stepIndex, now(), context?.sessionId);
    await save(active.tour, state);
  }

  async function moveTo(stepIndex: number): Promise<ActiveTour | null> {
    if (!run) return null;

    run.stepIndex = stepIndex;
    if (run.shownAny)
      await save(run.tour, atStep(await stateOf(run.tour.id), run.tour, stepIndex, now()));
    return { tour: run.tour, stepIndex };
  }

  async function stateOf(id: string): Promise<TourState> {
    return (await load())[id] ?? NOT_STARTED;
  }

  return {
    setGuides(guides) {
      tours = toursOf(guides);
    },

    evaluate: (next) =>
      serial(async () => {
        context = next;
        if (run) return null;

        const states = await load(next.trigger.type === 'pageView');
        return selectGuide(tours, (id) => states[id] ?? NOT_STARTED, next, now());
      }),

    start: (id, next) =>
      serial(async () => {
        if (next) context = next;
        const tour = tours.find((candidate) => candidate.id === id);
        if (!tour) return null;
        if (run?.tour.id === id) return { tour, stepIndex: run.stepIndex };

        leave();
        const release = claim ? await claim(id) : undefined;
        if (release === null) return null;

        const state = (await load(true))[id] ?? NOT_STARTED;
        const stepIndex = resumeStep(state, tour);
        const resumed = state.status === 'in-progress' && state.version === tour.version;
        run = { tour, stepIndex, release, resumed, shownAny: false, lastViewed: -1 };
        return { tour, stepIndex };
      }),

    shown: () =>
      serial(async () => {
        if (!run || run.lastViewed === run.stepIndex) return;

        if (!run.shownAny && !run.resumed) emit(TOUR_EVENTS.started, run);
        run.shownAny = true;
        run.lastViewed = run.stepIndex;
        emit(TOUR_EVENTS.stepViewed, run);
        await save(run.tour, atStep(await stateOf(run.tour.id), run.tour, run.stepIndex, now()));
      }),

    advance: () =>
      serial(async () => {
        if (!run) return null;
        if (run.stepIndex < run.tour.steps.length - 1) return moveTo(run.stepIndex + 1);

        await finish('completed');
        return null;
      }),

    back: () => serial(async () => (run && run.stepIndex > 0 ? moveTo(run.stepIndex - 1) : null)),

    skipStep: (reason = 'target-missing') =>
      serial(async () => {
        if (!run) return null;

        emit(TOUR_EVENTS.stepSkipped, run, reason);
        if (run.stepIndex < run.tour.steps.length - 1) return moveTo(run.stepIndex + 1);

        // Nothing could be shown: the tour was never seen, so it may start again later.
        if (!run.shownAny) leave();
        else await finish('completed');
        return null;
      }),

    dismiss: () => serial(() => finish('dismissed')),
    complete: () => serial(() => finish('completed')),

    hide: leave,

    current: () => (run ? { tour: run.tour, stepIndex: run.stepIndex } : null),
    getState: (id) => serial(async () => (await load(true))[id] ?? NOT_STARTED),
  };
}

function toursOf(guides: readonly GuideDefinition[]): TourDefinition[] {
  return guides.filter((guide): guide is TourDefinition => guide.type === 'tour');
}
