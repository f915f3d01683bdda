export { createRevisit } from './revisit.js';
export type { Revisit } from './revisit.js';
export type { RevisitOptions } from './options.js';
export type { FlushResult } from './flusher.js';
export type { RevisitEventName, RevisitEvents, RevisitHandler } from './emitter.js';
export { createLogger } from './logger.js';
export {
  checkGuides,
  computeSegment,
  createGuideHost,
  createGuideRuntime,
  mightShow,
} from './guides/index.js';
export type {
  GuideHost,
  GuidePlatform,
  GuideRuntime,
  GuideRuntimeModule,
  GuideRuntimeOptions,
} from './guides/index.js';
export type { LogLevel, LogSink, Logger } from './logger.js';
export { createMemoryStorage, withMemoryFallback } from './storage.js';
export type { QueueStats, Salvage, Storage, StoredMessage } from './storage.js';
export { systemClock } from './platform.js';
export type {
  Clock,
  ContextProvider,
  CreatePlatform,
  Lifecycle,
  Locks,
  Platform,
  PlatformConfig,
  Transport,
  TransportRequest,
  TransportResponse,
} from './platform.js';
export { backoffDelay, parseRetryAfter, retryDelay, RETRY_BASE_MS, RETRY_CAP_MS } from './retry.js';
export { sanitize } from './sanitize.js';
export { MAX_BATCH_BYTES, MAX_MESSAGE_BYTES, UNLOAD_BUDGET_BYTES } from './limits.js';
