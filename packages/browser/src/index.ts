import { createRevisit as createCore, type Revisit } from '@revisit/core';
import { createGuidePlatform } from './guides/guide-platform.js';
import { createBrowserPlatform } from './platform.js';

/**
 * Creates a Revisit SDK for this page. Instances share nothing, so two of them (two
 * products, two write keys) can run side by side.
 *
 * ```ts
 * const revisit = createRevisit();
 * revisit.init({ writeKey: 'wk_123', apiHost: 'https://collect.example.com' });
 * revisit.track('Task Added', { openTasks: 3 });
 * ```
 */
export function createRevisit(options: BrowserOptions = {}): Revisit {
  const guides = createGuidePlatform(options.scriptUrl);
  return createCore((config) => ({ ...createBrowserPlatform(config), guides }));
}

/** Options of the browser SDK instance, known before `init`. */
export interface BrowserOptions {
  /**
   * URL of the SDK's own script: the tour chunks (`revisit-guides.js`, `revisit-ui.js`) are
   * looked for next to it unless `init` names them. Default: none; the script-tag build
   * passes its `src`.
   */
  scriptUrl?: string;
}

export { createBrowserPlatform } from './platform.js';
export type {
  FlushResult,
  LogLevel,
  LogSink,
  Revisit,
  RevisitEventName,
  RevisitEvents,
  RevisitHandler,
  RevisitOptions,
} from '@revisit/core';
