import type { GuidePlatform } from '@revisit/core';
import { watchRoutes } from './watch-routes.js';
import { webLockClaim } from './web-lock-claim.js';

/**
 * The guides' web platform: chunks through dynamic `import()`, definitions through `fetch`,
 * SPA routes, and Web Locks so that two tabs never show the same tour. `scriptUrl` is where
 * the script-tag build was loaded from (`document.currentScript`, read while it runs): the
 * chunks are looked for next to it unless `init` names them.
 */
export function createGuidePlatform(scriptUrl?: string): GuidePlatform {
  return {
    // Left to the browser: the chunk is a file of its own, not part of the host's bundle.
    importModule: (url) => import(/* @vite-ignore */ /* webpackIgnore: true */ url),
    getJson: (url) =>
      fetch(url, { credentials: 'omit' })
        .then((response) => (response.ok ? response.json() : undefined))
        // Offline or refused: the cached definitions serve.
        .catch(() => undefined),
    url: () => location.href,
    onRouteChange: watchRoutes,
    claim: webLockClaim(),
    scriptUrl,
  };
}
