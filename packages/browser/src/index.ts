import { createRevisit as createCore, type Revisit } from '@revisit/core';
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
export function createRevisit(): Revisit {
  return createCore(createBrowserPlatform);
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
