export { createApp } from './app.js';
export type { AppOptions } from './app.js';
export type { AppEnv, IngestCounts } from './app-env.js';
export { startServer } from './server.js';
export type { RunningServer, ServerOptions } from './server.js';
export { openSqliteStore } from './storage/sqlite.js';
export type {
  DropSummary,
  EventStore,
  IncomingBatch,
  IncomingMessage,
  InsertResult,
  ReadOptions,
  StoredMessage,
} from './storage/event-store.js';
export { correctTimestamp } from './ingest/clock.js';
export { createLogger, LOG_LEVELS } from './logger.js';
export { loadGuides } from './guides/load-guides.js';
export type { LogFields, LogLevel, Logger, LoggerOptions } from './logger.js';
export { ConfigError, parseReadConfig, parseServeConfig } from './config.js';
export type { ReadConfig, ServeConfig } from './config.js';
