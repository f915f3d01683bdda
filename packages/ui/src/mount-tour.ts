import { h, render } from 'preact';
import type { TourDefinition } from '@revisit/schema';
import { createHost, type TourHostOptions } from './create-host.js';
import { followTarget } from './follow-target.js';
import { measureTopInset, revealTarget } from './reveal-target.js';
import { DEFAULT_STRINGS, type TourStrings } from './strings.js';
import { TourCard, type CardLayout, type CloseReason } from './tour-card.js';
import { listenTourKeys } from './tour-keys.js';
import { watchTarget } from './watch-target.js';

export interface MountTourOptions extends TourHostOptions {
  /** A validated definition (`parseGuides`). */
  tour: TourDefinition;
  /** The step to show first. */
  stepIndex: number;
  /** Translations; each missing one falls back to English. */
  strings?: Partial<TourStrings>;
  /** Default: the direction of the target's document (`<html dir>`), else `ltr`. */
  dir?: 'ltr' | 'rtl';
  /** The language of the strings and the tour's text. Default: the page's `<html lang>`. */
  lang?: string;
  /** Default 480. Below this viewport width, in px, a step is a bottom sheet. */
  sheetBelow?: number;
  /** Next or Done (on the last step), or a click on an `advanceOnTargetClick` target. */
  onNext(): void;
  onBack(): void;
  /** The user closed the tour: × button, Skip tour, or Esc. */
  onClose(reason: CloseReason): void;
  /** The step's target never became visible within its `waitMs`. */
  onTargetMissing(stepIndex: number): void;
  /** The step is painted and visible; fires once per step shown. Default: none. */
  onShown?(stepIndex: number): void;
  /** Debug diagnostics (several visible matches for a selector). Default: none. */
  onWarn?(message: string): void;
}

/** What `mountTour` returns: move to another step, or take the tour off the page. */
export interface TourHandle {
  update(stepIndex: number): void;
  unmount(): void;
}

/** Whether the user may be typing into `element`. */
function isEditable(element: Element | null): boolean {
  if (!element) return false;

  return (
    (element as HTMLElement).isContentEditable === true ||
    /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName)
  );
}

/** The element that has focus, looking into open shadow roots. */
function activeElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Renders a tour step in an isolated shadow root and keeps it attached to its target.
 * Navigation is the caller's: the buttons call back, the caller (the guide engine) decides
 * and calls `update`. Focus moves into the step and returns where it was on `unmount`.
 */
export function mountTour(options: MountTourOptions): TourHandle {
  const doc = options.container?.ownerDocument ?? document;
  const view = doc.defaultView ?? window;
  const strings = { ...DEFAULT_STRINGS, ...options.strings };
  const dir = options.dir ?? (doc.documentElement.dir === 'rtl' ? 'rtl' : 'ltr');
  const returnFocus = activeElement(doc);
  const { host, root, destroy } = createHost(doc, options);
  const mount = doc.createElement('div');
  root.append(mount);

  let stepIndex = options.stepIndex;
  let shownIndex = -1;
  let stepCleanups: Array<() => void> = [];
  const media = (query: string) => view.matchMedia?.(query).matches ?? false;
  const isSheet = () => media(`(max-width: ${options.sheetBelow ?? 480}px)`);

  const draw = (layout: CardLayout) =>
    render(
      h(TourCard, {
        tour: options.tour,
        stepIndex,
        strings,
        layout,
        dir,
        lang: options.lang ?? doc.documentElement.lang,
        onNext: options.onNext,
        onBack: options.onBack,
        onClose: options.onClose,
      }),
      mount,
    );
  const part = (name: string) => mount.querySelector<HTMLElement>(`.${name}`);

  function focusCard(first: boolean): void {
    // The first step takes focus unless the user is typing (an event-triggered tour must
    // not eat keystrokes); later steps only from our own card or from nowhere.
    const active = doc.activeElement;
    const free = active === host || active === doc.body || active === null;
    if (first ? isEditable(active) : !free) return;
    part('card')?.focus({ preventScroll: true });
  }

  function shown(): void {
    if (shownIndex === stepIndex) return;

    focusCard(shownIndex === -1);
    shownIndex = stepIndex;
    options.onShown?.(stepIndex);
  }

  function attach(target: Element, visibleCount: number, index: number): () => void {
    if (visibleCount > 1) {
      options.onWarn?.(
        `tour "${options.tour.id}" step ${index}: ${visibleCount} visible elements match; ` +
          'using the first',
      );
    }
    const step = options.tour.steps[index];
    const sheet = isSheet();
    draw(sheet ? 'sheet' : 'anchored');

    const card = part('card');
    const arrow = part('arrow');
    if (!card || !arrow || !step) return () => undefined;

    const topInset = measureTopInset(doc);
    if (shownIndex !== index) {
      const smooth = !media('(prefers-reduced-motion: reduce)');
      revealTarget(target, { topInset, bottomInset: sheet ? card.offsetHeight : 0, smooth });
    }
    const placement = step.placement;
    const stop = followTarget(target, {
      card,
      arrow,
      spot: part('spot'),
      placement,
      topInset,
      sheet,
    });
    const onClick = () => options.onNext();
    if (step.advanceOnTargetClick) target.addEventListener('click', onClick);
    shown();
    return () => {
      stop();
      target.removeEventListener('click', onClick);
    };
  }

  function showStep(index: number): void {
    for (const cleanup of stepCleanups) cleanup();
    stepCleanups = [];
    stepIndex = index;
    const step = options.tour.steps[index];
    if (!step) return;

    if (!step.target) {
      draw('centered');
      shown();
      return;
    }

    draw('pending');
    let detach: (() => void) | undefined;
    let current: { target: Element; sheet: boolean } | undefined;
    const show = (target: Element, count: number) => {
      detach?.();
      current = { target, sheet: isSheet() };
      detach = attach(target, count, index);
    };
    const stopWatching = watchTarget(doc, step.target, {
      timeoutMs: step.waitMs,
      onFound: show,
      onLost() {
        detach?.();
        detach = current = undefined;
        draw('pending');
      },
      onMissing: () => options.onTargetMissing(index),
    });
    // Rotating a phone crosses the bottom-sheet width: lay the step out again.
    const onResize = () => {
      if (current && current.sheet !== isSheet()) show(current.target, 1);
    };
    view.addEventListener('resize', onResize);
    stepCleanups.push(() => view.removeEventListener('resize', onResize));
    stepCleanups.push(stopWatching, () => detach?.());
  }

  const stopKeys = listenTourKeys(doc, host, {
    dir,
    onNext: options.onNext,
    onBack: options.onBack,
    onClose: options.onClose,
    canGoBack: () => stepIndex > 0,
  });
  showStep(stepIndex);

  return {
    update(index) {
      if (index !== stepIndex) showStep(index);
    },
    unmount() {
      for (const cleanup of stepCleanups) cleanup();
      stepCleanups = [];
      stopKeys();
      const hadFocus = doc.activeElement === host;
      render(null, mount);
      destroy();
      if (returnFocus instanceof view.HTMLElement && returnFocus.isConnected && hadFocus) {
        returnFocus.focus({ preventScroll: true });
      }
    },
  };
}
