import type { Lifecycle } from '@revisit/core';

/**
 * Page lifecycle on web events. `visibilitychange` to hidden is the last event mobile
 * browsers reliably fire; `pagehide` covers desktop navigations. One hide calls `run` once
 * even when both fire.
 */
export function createLifecycle(): Lifecycle {
  return {
    onHidden(run) {
      let hidden = false;
      const hide = () => {
        if (hidden) return;
        hidden = true;
        run();
      };
      const onVisibility = () => {
        if (document.visibilityState === 'hidden') hide();
        else hidden = false;
      };
      const onShow = () => {
        hidden = false;
      };
      document.addEventListener('visibilitychange', onVisibility);
      addEventListener('pagehide', hide);
      addEventListener('pageshow', onShow);
      return () => {
        document.removeEventListener('visibilitychange', onVisibility);
        removeEventListener('pagehide', hide);
        removeEventListener('pageshow', onShow);
      };
    },
    onOnline(run) {
      addEventListener('online', run);
      return () => removeEventListener('online', run);
    },
  };
}
