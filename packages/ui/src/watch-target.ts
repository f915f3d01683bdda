import { findTarget, isVisibleElement } from './find-target.js';

export interface WatchTargetOptions {
  /** How long to wait for a missing target before `onMissing`, in ms. */
  timeoutMs: number;
  /** A visible match appeared, or replaced the previous one (a framework re-render). */
  onFound(element: Element, visibleCount: number): void;
  /** The current target went away or got hidden; waiting starts again. */
  onLost(): void;
  /** No visible match within `timeoutMs`, or the selector is invalid. Watching stops. */
  onMissing(): void;
}

/** Longest wait before a change other than a replaced target is checked, in ms. */
const CHECK_MS = 50;

// Attributes that show or hide things in practice; watching all of them would wake the
// observer on every animation frame of a busy page.
const WATCHED_ATTRIBUTES = ['class', 'style', 'hidden', 'id', 'open', 'aria-hidden'];

/**
 * Watches a selector for the lifetime of one step: waits for a late target, follows a
 * target that is replaced by re-rendering, and gives up after the timeout. Returns the
 * cleanup that stops it.
 */
export function watchTarget(
  doc: Document,
  selector: string,
  options: WatchTargetOptions,
): () => void {
  const view = doc.defaultView ?? globalThis;
  let current: Element | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const stop = () => {
    stopped = true;
    observer?.disconnect();
    clearTimeout(timer);
    clearTimeout(pending);
  };

  const check = () => {
    if (stopped || (current && isVisibleElement(current))) return;

    const { element, visibleCount, invalid } = findTarget(doc, selector);
    if (invalid) {
      stop();
      options.onMissing();
      return;
    }

    if (element) {
      clearTimeout(timer);
      timer = undefined;
      if (element !== current) options.onFound((current = element), visibleCount);
      return;
    }

    if (current) {
      current = null;
      options.onLost();
    }
    timer ??= view.setTimeout(() => {
      stop();
      options.onMissing();
    }, options.timeoutMs);
  };

  // A replaced target is followed at once, or the card would point at a detached element
  // for a moment; other changes are checked at most every CHECK_MS, since a visibility
  // check reads layout and a busy page mutates on every frame.
  const onMutation = () => {
    if (current && !current.isConnected) return check();
    pending ??= view.setTimeout(() => {
      pending = undefined;
      check();
    }, CHECK_MS);
  };

  const Observer = (view as typeof globalThis).MutationObserver;
  const observer = Observer ? new Observer(onMutation) : undefined;
  observer?.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: WATCHED_ATTRIBUTES,
  });
  check();
  return stop;
}
