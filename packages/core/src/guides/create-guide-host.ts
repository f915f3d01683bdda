import type { Logger } from '../logger.js';
import type { Storage } from '../storage.js';
import type { GuideRuntime, GuideRuntimeOptions } from './create-guide-runtime.js';
import type { MountTour } from './create-tour-runner.js';
import { tourStatesKey } from './guide-storage.js';
import { mightShow } from './might-show.js';
import type { GuideContext, GuideTriggerEvent } from './select-guide.js';
import { userKeyOf } from './targeting.js';
import type { TourEvent } from './tour-events.js';

/** What a platform gives the guides: module loading, the page's URL and routes, locks. */
export interface GuidePlatform {
  /** Imports a JavaScript module by URL (the guide runtime and UI chunks). */
  importModule(url: string): Promise<unknown>;
  /** GETs JSON; resolves `undefined` on any failure (offline, an error status, bad JSON). */
  getJson(url: string): Promise<unknown>;
  /** The current URL of the page or screen. */
  url(): string;
  /** Calls `run` after each in-app route change (SPA navigation); returns the cleanup. */
  onRouteChange(run: () => void): () => void;
  /** Claims a lock for this tab, or null when another tab holds it. Default: always granted. */
  claim?(name: string): Promise<(() => void) | null>;
  /** Where the SDK's script was loaded from, when known: the chunks default to its folder. */
  scriptUrl?: string;
}

/** The module of the guide runtime chunk (`revisit-guides.js`). */
export interface GuideRuntimeModule {
  createGuideRuntime(options: GuideRuntimeOptions): GuideRuntime;
}

export interface GuideHostOptions {
  platform: GuidePlatform;
  storage: Pick<Storage, 'get' | 'update'>;
  logger: Logger;
  /** Definitions from `init({ guides })`, as written. */
  guides: readonly unknown[];
  /** `GET` URL of the collector's definitions; none: only `guides` are used. */
  remoteUrl?: string;
  runtimeUrl: string;
  uiUrl: string;
  /** Prefix of the lock names that keep a tour on one tab at a time. */
  lockPrefix: string;
  /** Who the user is now; the URL and trigger are added here. */
  context(): Promise<Omit<GuideContext, 'url' | 'trigger'>>;
  /** Tracks a tour event through the normal queue. */
  track(event: TourEvent): void;
}

/** The guides as the SDK drives them. No method throws or rejects. */
export interface GuideHost {
  /** Loads cached definitions, asks the collector for fresh ones, evaluates the first page. */
  start(): Promise<void>;
  /** A page view; one per URL, however many times it is reported. */
  pageView(): void;
  /** A tracked event, which may trigger a tour. */
  event(name: string): void;
  startTour(id: string): Promise<boolean>;
  endTour(): Promise<void>;
  /** Removes the route listener and takes the tour off screen (it resumes later). */
  shutdown(): void;
}

/** Storage key of the collector's definitions, kept for offline pages. */
export const REMOTE_GUIDES_KEY = 'revisit.guides';

/**
 * The guides' part of the main SDK bundle, kept small: it decides cheaply (`mightShow`)
 * whether a tour may show, and only then imports the runtime chunk, which checks the
 * definitions and runs the engine; the runtime imports the UI only to paint a step.
 */
export function createGuideHost(options: GuideHostOptions): GuideHost {
  const { platform, storage, logger } = options;
  let remote: unknown[] = [];
  let runtime: Promise<GuideRuntime> | undefined;
  let lastUrl: string | undefined;
  let closed = false;
  let stopRoutes = () => {};
  let chain: Promise<unknown> = Promise.resolve();
  const definitions = () => [...options.guides, ...remote];
  const fault = (error: unknown) => logger.error('guides failed', error);

  // One evaluation at a time, in order: a page view must not overtake the one before.
  const queue = <T>(task: () => Promise<T>, fallback: T): Promise<T> => {
    const result = chain.then(() => (closed ? fallback : task()));
    chain = result.catch(fault);
    return result.catch(() => fallback);
  };

  const contextFor = async (trigger: GuideTriggerEvent): Promise<GuideContext> => ({
    ...(await options.context()),
    url: platform.url(),
    trigger,
  });

  function loadRuntime(): Promise<GuideRuntime> {
    runtime ??= platform.importModule(options.runtimeUrl).then((module) => {
      const made = (module as GuideRuntimeModule).createGuideRuntime({
        storage: {
          get: (key) => storage.get(key),
          set: async (key, value) => void (await storage.update(key, () => value)),
        },
        claim: platform.claim && ((id) => platform.claim!(`${options.lockPrefix}${id}`)),
        onEvent: options.track,
        onError: fault,
        onWarn: (message) => logger.warn(message),
        loadUi: async () =>
          ((await platform.importModule(options.uiUrl)) as { mountTour: MountTour }).mountTour,
      });
      made.setGuides(definitions());
      return made;
    });
    // A chunk that failed to load (offline) is tried again on the next page view.
    runtime.catch(() => (runtime = undefined));
    return runtime;
  }

  async function evaluate(trigger: GuideTriggerEvent): Promise<void> {
    const context = await contextFor(trigger);
    if (!runtime) {
      const states = await storage.get(tourStatesKey(userKeyOf(context)));
      if (!mightShow(definitions(), states, context)) return;
    }
    const { runner } = await loadRuntime();
    await (trigger.type === 'pageView' ? runner.pageView(context) : runner.event(context));
  }

  /** Fresh definitions from the collector: kept for offline pages, then the page again. */
  async function refresh(url: string): Promise<void> {
    const body = (await platform.getJson(url)) as { guides?: unknown } | undefined;
    if (closed || !Array.isArray(body?.guides)) return;
    if (JSON.stringify(body.guides) === JSON.stringify(remote)) return;

    remote = body.guides;
    await storage.update(REMOTE_GUIDES_KEY, () => remote);
    (await runtime)?.setGuides(definitions());
    lastUrl = undefined;
    host.pageView();
  }

  const host: GuideHost = {
    async start() {
      const cached = await storage.get<unknown[]>(REMOTE_GUIDES_KEY).catch(fault);
      if (Array.isArray(cached)) remote = cached;
      stopRoutes = platform.onRouteChange(() => host.pageView());
      host.pageView();
      if (options.remoteUrl) await refresh(options.remoteUrl).catch(fault);
    },
    pageView() {
      const url = platform.url();
      if (url === lastUrl) return;
      lastUrl = url;
      void queue(() => evaluate({ type: 'pageView' }), undefined);
    },
    event(name) {
      // Most events trigger nothing: skip the storage read that `track()` must not pay.
      const listens = (guide: unknown) =>
        (guide as { trigger?: { event?: unknown } } | null)?.trigger?.event === name;
      if (!runtime && !definitions().some(listens)) return;
      void queue(() => evaluate({ type: 'event', event: name }), undefined);
    },
    startTour: (id) =>
      queue(async () => {
        const context = await contextFor({ type: 'pageView' });
        return (await loadRuntime()).runner.startTour(id, context);
      }, false),
    endTour: () => queue(async () => (await runtime)?.runner.endTour(), undefined),
    shutdown() {
      closed = true;
      stopRoutes();
      runtime?.then((made) => made.runner.shutdown(), fault);
    },
  };
  return host;
}
