import type { GuidePlatform } from './guides/create-guide-host.js';
import type { Logger } from './logger.js';
import type { Storage } from './storage.js';

/** One request to the collector. The body already holds the write key. */
export interface TransportRequest {
  url: string;
  body: string;
  /** The page is going away: the request must outlive it and fit the 64 KB keepalive budget. */
  unloading: boolean;
}

/** The collector's answer; `status` 0 means no answer (network error, beacon, timeout). */
export interface TransportResponse {
  status: number;
  /** The `Retry-After` header, as sent. */
  retryAfter?: string | null;
  /** The parsed JSON body, when there was one. */
  body?: unknown;
}

/** How batches reach the collector. */
export interface Transport {
  /** Sends a request; resolves with status 0 rather than rejecting on network errors. */
  send(request: TransportRequest): Promise<TransportResponse>;
}

/** Time and timers, injectable so tests can move time. */
export interface Clock {
  now(): number;
  /** Runs `run` after `ms`; returns the cancel function. */
  setTimer(run: () => void, ms: number): () => void;
}

/** Moments of the host's life that matter to delivery. Each `on...` returns its cleanup. */
export interface Lifecycle {
  /** The page was hidden or is unloading: the last safe moment to send. Must stay synchronous. */
  onHidden(run: () => void): () => void;
  /** The network came back. */
  onOnline(run: () => void): () => void;
}

/** Mutual exclusion between the tabs (or processes) sharing one storage. */
export interface Locks {
  /**
   * Runs `task` holding the lock `name`. With `wait` false, resolves `undefined` at once
   * when another holder has it.
   */
  request<T>(name: string, wait: boolean, task: () => Promise<T>): Promise<T | undefined>;
}

/**
 * What a platform knows about where the SDK runs, merged into every message's `context`.
 * It may return the same object again while nothing changed: core copies, never mutates it.
 */
export type ContextProvider = () => Record<string, unknown>;

/** Everything core needs from its host. The browser package builds one from web APIs. */
export interface Platform {
  /** Opens the storage; must resolve (falling back to memory itself) rather than reject. */
  openStorage(): Promise<Storage>;
  transport: Transport;
  clock: Clock;
  lifecycle: Lifecycle;
  /** Omitted when the platform has none: core then uses a lease kept in storage. */
  locks?: Locks;
  context: ContextProvider;
  uuid(): string;
  /** Omitted where nothing can be shown (a headless host): tours are then off. */
  guides?: GuidePlatform;
}

/** What a platform is built from: the resolved options that concern it. */
export interface PlatformConfig {
  writeKey: string;
  logger: Logger;
}

/** Builds a platform for one SDK instance. */
export type CreatePlatform = (config: PlatformConfig) => Platform;

/** A clock on the standard timers, good for any JavaScript host. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(run, ms) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};
