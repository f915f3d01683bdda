/**
 * Whether an element can be pointed at: laid out with a size and not `visibility: hidden`.
 * A `display: none` element or ancestor leaves a zero-size box, so the size covers it.
 */
export function isVisibleElement(element: Element): boolean {
  if (!element.isConnected) return false;

  const rect = element.getBoundingClientRect();
  if (rect.width <= 0 || rect.height <= 0) return false;
  const view = element.ownerDocument.defaultView;
  const visibility = view?.getComputedStyle(element).visibility;
  return visibility !== 'hidden' && visibility !== 'collapse';
}

/** The first visible match of a selector and how many visible matches there are. */
export interface FoundTarget {
  element: Element | null;
  visibleCount: number;
  /** Set when the selector itself is invalid: waiting for it is pointless. */
  invalid?: boolean;
}

/** Finds the element a step points at, never a hidden one. */
export function findTarget(doc: Document, selector: string): FoundTarget {
  let matches: Element[];
  try {
    matches = Array.from(doc.querySelectorAll(selector));
  } catch {
    return { element: null, visibleCount: 0, invalid: true };
  }

  const visible = matches.filter(isVisibleElement);
  return { element: visible[0] ?? null, visibleCount: visible.length };
}
