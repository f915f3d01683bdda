// Entry of the script-tag build (dist/revisit.min.js): defines `window.revisit`.
import { createRevisit, type Revisit } from './index.js';

/** A call queued by the loader snippet: the method name, then its arguments. */
type QueuedCall = [keyof Revisit, ...unknown[]];

declare global {
  interface Window {
    revisit?: Revisit | QueuedCall[] | { q?: QueuedCall[] };
  }
}

const existing = window.revisit;
// Only while the script first runs does the page say which file it is: the tour chunks sit
// next to it.
const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src;
const queued = Array.isArray(existing) ? existing : (existing as { q?: QueuedCall[] })?.q;

// Anything else under the name is another copy of the SDK already running: keep it.
if (!existing || Array.isArray(queued)) {
  const revisit = createRevisit({ scriptUrl });
  window.revisit = revisit;
  for (const [method, ...args] of queued ?? []) {
    const call = revisit[method] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof call === 'function') call(...args);
  }
}
