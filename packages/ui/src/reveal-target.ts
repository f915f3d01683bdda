const TOP_PROBES = [0.25, 0.5, 0.75];

function isPinned(element: Element): boolean {
  const position = element.ownerDocument.defaultView?.getComputedStyle(element).position;
  return position === 'fixed' || position === 'sticky';
}

/**
 * The height of fixed or sticky bars at the top of the viewport (a site header), found by
 * hit-testing a few points along the top edge. The tour's own host is skipped because it
 * does not take pointer events.
 */
export function measureTopInset(doc: Document): number {
  const view = doc.defaultView;
  if (!view || typeof doc.elementFromPoint !== 'function') return 0;

  let inset = 0;
  for (const share of TOP_PROBES) {
    let element = doc.elementFromPoint(view.innerWidth * share, 1);
    while (element && element !== doc.body && element !== doc.documentElement) {
      if (isPinned(element)) {
        const { top, bottom } = element.getBoundingClientRect();
        // A pinned element taller than half the viewport is a layout pane, not a header.
        if (top <= 1 && bottom < view.innerHeight / 2) inset = Math.max(inset, bottom);
        break;
      }
      element = element.parentElement;
    }
  }
  return inset;
}

/** Whether the target lies wholly in the part of the viewport nothing covers. */
function inView(target: Element, topInset: number, bottomInset: number): boolean {
  const rect = target.getBoundingClientRect();
  const height = target.ownerDocument.defaultView?.innerHeight ?? 0;
  return rect.top >= topInset && rect.bottom <= height - bottomInset;
}

/**
 * Scrolls the target into view, below a fixed header and above a bottom sheet, through
 * every scrolling ancestor (`scrollIntoView`). Smooth unless reduced motion is asked for.
 */
export function revealTarget(
  target: Element,
  options: { topInset: number; bottomInset?: number; smooth: boolean },
): void {
  const { topInset, bottomInset = 0, smooth } = options;
  if (inView(target, topInset, bottomInset)) return;

  const view = target.ownerDocument.defaultView;
  const height = view?.innerHeight ?? 0;
  const tall = target.getBoundingClientRect().height > height - topInset - bottomInset;
  if (!tall && bottomInset === 0) {
    target.scrollIntoView({
      block: 'center',
      inline: 'nearest',
      behavior: smooth ? 'smooth' : 'auto',
    });
    if (inView(target, topInset, 0) || smooth) return;
  }

  // Centering is not enough (a tall target, or a bottom sheet): align the top below the
  // header. Instant, because a smooth scroll would still be running when corrected.
  target.scrollIntoView({ block: 'start', inline: 'nearest' });
  view?.scrollBy(0, -(topInset + 16));
}
