import type { TourDefinition } from '@revisit/schema';
import type { ActiveTour, GuideEngine } from './create-guide-engine.js';
import type { GuideContext } from './select-guide.js';
import { matchAnyUrlPattern, matchUrlPattern } from './url-pattern.js';

/** A mounted tour, as `mountTour` of @revisit/ui returns it. */
export interface TourView {
  update(stepIndex: number): void;
  unmount(): void;
}

/** The callbacks the runner gives the UI; `mountTour` of @revisit/ui accepts them. */
export interface TourViewOptions {
  tour: TourDefinition;
  stepIndex: number;
  onNext(): void;
  onBack(): void;
  onClose(reason: string): void;
  onTargetMissing(stepIndex: number): void;
  onShown(stepIndex: number): void;
  onWarn(message: string): void;
}

/** Renders a tour; the UI chunk's `mountTour`, or a stand-in on another platform. */
export type MountTour = (options: TourViewOptions) => TourView;

export interface TourRunnerOptions {
  engine: GuideEngine;
  /** Loads the UI on first use, e.g. `() => import('@revisit/ui').then((m) => m.mountTour)`. */
  loadUi: () => Promise<MountTour>;
  /** Failures of the UI or of a callback; the runner carries on. Default: none. */
  onError?: (error: unknown) => void;
  /** Debug diagnostics from the UI. Default: none. */
  onWarn?: (message: string) => void;
}

/**
 * Connects the guide engine to the UI: what the SDK calls on page views and events. No
 * method throws or rejects: failures go to `onError`.
 */
export interface TourRunner {
  /** A page view or SPA route change: a step not meant for this page leaves it. */
  pageView(context: GuideContext): Promise<void>;
  /** A tracked event, which may trigger a tour. */
  event(context: GuideContext): Promise<void>;
  /** `revisit.startTour(id)`: shows the tour whatever its targeting; false if it cannot. */
  startTour(id: string, context?: GuideContext): Promise<boolean>;
  /** `revisit.endTour()`: dismisses the tour on screen. */
  endTour(): Promise<void>;
  /** Takes the tour off screen without ending it and cancels a pending delay. */
  shutdown(): void;
}

/** Creates a runner; the UI is loaded only when a tour is about to show. */
export function createTourRunner(options: TourRunnerOptions): TourRunner {
  const { engine, loadUi, onError, onWarn } = options;
  let view: TourView | null = null;
  let url = '';
  let delay: ReturnType<typeof setTimeout> | undefined;

  const guard = (task: () => Promise<unknown>) => () => {
    task().catch((error) => onError?.(error));
  };

  /**
   * Whether the step belongs on the current page: its own `url`, else (on a page change)
   * the tour's pages. Within a page a step without `url` always stays, so that a tour the
   * app started with `startTour` is not sent away by its targeting.
   */
  const fitsPage = ({ tour, stepIndex }: ActiveTour, pageChanged: boolean) => {
    const pattern = tour.steps[stepIndex]?.url;
    if (pattern) return matchUrlPattern(pattern, url);

    return !pageChanged || matchAnyUrlPattern(tour.targeting.urls, url);
  };

  function render(active: ActiveTour | null, pageChanged = false): void {
    if (active && fitsPage(active, pageChanged)) {
      view?.update(active.stepIndex);
      return;
    }

    // Ended, or the next step lives on another page: it resumes there.
    if (active) engine.hide();
    view?.unmount();
    view = null;
  }

  async function show(id: string, context?: GuideContext): Promise<boolean> {
    const active = await engine.start(id, context);
    if (!active) return false;

    let mountTour: MountTour;
    try {
      mountTour = await loadUi();
    } catch (error) {
      engine.hide();
      throw error;
    }
    // Another page view or `endTour` came while the UI loaded.
    if (engine.current()?.tour.id !== id) return false;

    view?.unmount();
    view = mountTour({
      ...active,
      onNext: guard(async () => render(await engine.advance())),
      onBack: guard(async () => render(await engine.back())),
      onClose: guard(async () => {
        await engine.dismiss();
        render(null);
      }),
      onTargetMissing: guard(async () => render(await engine.skipStep('target-missing'))),
      onShown: guard(() => engine.shown()),
      onWarn: (message) => onWarn?.(message),
    });
    return true;
  }

  async function evaluate(context: GuideContext): Promise<void> {
    try {
      const decision = await engine.evaluate(context);
      if (!decision) return;

      const id = decision.tour.id;
      if (decision.delayMs > 0)
        delay = setTimeout(
          guard(() => show(id)),
          decision.delayMs,
        );
      else await show(id);
    } catch (error) {
      onError?.(error);
    }
  }

  return {
    async pageView(context) {
      // The same URL again (reported twice, or the page the app started a tour on) is no
      // page change: a tour started with `startTour` stays.
      const changed = context.url !== url;
      url = context.url;
      clearTimeout(delay);
      const active = engine.current();
      if (active) render(active, changed);
      await evaluate(context);
    },
    async event(context) {
      url = context.url;
      await evaluate(context);
    },
    startTour(id, context) {
      if (context) url = context.url;
      return show(id, context).catch((error) => {
        onError?.(error);
        return false;
      });
    },
    async endTour() {
      await engine.dismiss().catch((error) => onError?.(error));
      render(null);
    },
    shutdown() {
      clearTimeout(delay);
      engine.hide();
      render(null);
    },
  };
}
