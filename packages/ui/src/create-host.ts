import { TOUR_CSS } from './styles.js';

/** The host element and the shadow root the tour renders into. */
export interface TourHost {
  host: HTMLElement;
  root: ShadowRoot;
  /** Removes the host and everything in it. */
  destroy(): void;
}

export interface TourHostOptions {
  /**
   * Default: the `<html>` element, after `<body>`: the page's `body > :last-child` rules
   * then neither match the host nor stop matching the page's own last element.
   */
  container?: Element;
  /** For the `<style nonce>` fallback where constructable stylesheets are missing. */
  nonce?: string;
  /**
   * Custom properties set on the host: `{ accent: '#0a7' }` sets `--revisit-accent`; a name
   * starting with `--` is used as is. Default: none, the built-in colours.
   */
  theme?: Readonly<Record<string, string>>;
}

// Inline `!important` declarations outrank every author rule of the host page, including
// its own `!important` ones, and setting them through CSSOM is allowed by a strict CSP.
const HOST_STYLE: Array<[string, string]> = [
  ['all', 'initial'],
  ['display', 'block'],
  ['position', 'fixed'],
  ['inset', '0'],
  ['width', 'auto'],
  ['height', 'auto'],
  ['margin', '0'],
  ['padding', '0'],
  ['border', '0'],
  ['background', 'transparent'],
  ['overflow', 'visible'],
  ['pointer-events', 'none'],
  ['z-index', '2147483647'],
];

function adoptStyles(doc: Document, root: ShadowRoot, nonce?: string): void {
  const Sheet = doc.defaultView?.CSSStyleSheet;
  if (Sheet && 'adoptedStyleSheets' in root && 'replaceSync' in Sheet.prototype) {
    const sheet = new Sheet();
    sheet.replaceSync(TOUR_CSS);
    root.adoptedStyleSheets = [sheet];
    return;
  }

  const style = doc.createElement('style');
  if (nonce) style.setAttribute('nonce', nonce);
  style.textContent = TOUR_CSS;
  root.append(style);
}

/**
 * A page zoomed with CSS `zoom` (on `<html>`, say) would scale the tour and its Floating UI
 * coordinates, which are in viewport pixels: the host cancels its ancestors' zoom.
 */
function undoZoom(host: HTMLElement, parent: Element): void {
  const view = host.ownerDocument.defaultView;
  let zoom = 1;
  for (let element: Element | null = parent; element && view; element = element.parentElement) {
    zoom *= Number.parseFloat(view.getComputedStyle(element).zoom) || 1;
  }
  if (zoom !== 1) host.style.setProperty('zoom', String(1 / zoom), 'important');
}

/**
 * Creates the isolated host: a custom element (generic selectors such as `div` never match
 * it) with a shadow root, shown in the top layer where the Popover API exists so that no
 * z-index or transformed ancestor of the page can cover or displace it.
 */
export function createHost(doc: Document, options: TourHostOptions = {}): TourHost {
  const host = doc.createElement('revisit-tour');
  for (const [name, value] of HOST_STYLE) host.style.setProperty(name, value, 'important');
  for (const [name, value] of Object.entries(options.theme ?? {})) {
    host.style.setProperty(name.startsWith('--') ? name : `--revisit-${name}`, value);
  }

  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(doc, root, options.nonce);
  const parent = options.container ?? doc.documentElement;
  parent.append(host);
  undoZoom(host, parent);

  if (typeof host.showPopover === 'function') {
    host.setAttribute('popover', 'manual');
    try {
      host.showPopover();
    } catch {
      // Not in the top layer (e.g. the container is detached): the z-index still applies.
    }
  }

  return { host, root, destroy: () => host.remove() };
}
