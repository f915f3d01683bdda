import type { CloseReason } from './tour-card.js';

export interface TourKeysOptions {
  dir: 'ltr' | 'rtl';
  onNext(): void;
  onBack(): void;
  onClose(reason: CloseReason): void;
  canGoBack(): boolean;
}

/**
 * Esc closes the tour; the arrow keys step through it while focus is in it, mirrored right
 * to left. Keys pressed while the user works in the page are left alone. Returns the
 * cleanup.
 */
export function listenTourKeys(doc: Document, host: Element, options: TourKeysOptions): () => void {
  const forward = options.dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
  const backward = options.dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';

  const onKeyDown = (event: KeyboardEvent) => {
    // Focus inside the shadow root shows as the host; nowhere shows as the body.
    const active = doc.activeElement;
    const inTour = active === host;
    if (event.defaultPrevented || (!inTour && active !== doc.body && active !== null)) return;

    if (event.key === 'Escape') options.onClose('escape');
    else if (event.key === forward && inTour) options.onNext();
    else if (event.key === backward && inTour && options.canGoBack()) options.onBack();
    else return;
    event.preventDefault();
  };

  doc.addEventListener('keydown', onKeyDown);
  return () => doc.removeEventListener('keydown', onKeyDown);
}
