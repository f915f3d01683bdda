import type { Client, MessageFields } from './client.js';
import { startClient } from './client.js';
import { createEmitter, type RevisitEventName, type RevisitHandler } from './emitter.js';
import type { FlushResult } from './flusher.js';
import { createLogger } from './logger.js';
import { resolveOptions, type RevisitOptions } from './options.js';
import type { CreatePlatform } from './platform.js';
import { sanitize } from './sanitize.js';

/** The public SDK: the same methods in the npm package and on the script-tag global. */
export interface Revisit {
  /** Starts the SDK. Calls made before it are kept and run in order once storage is open. */
  init(options: RevisitOptions): void;
  /** Records that the user did something, e.g. `track('Task Added', { openTasks: 3 })`. */
  track(event: string, properties?: Record<string, unknown>): void;
  /** Records a page view; the URL, path, title and referrer come from the page itself. */
  page(name?: string, properties?: Record<string, unknown>): void;
  /** Ties this visitor to a user of the app; the session goes on. */
  identify(userId: string, traits?: Record<string, unknown>): void;
  /** Ties the user to a group: a company, a team, an account. */
  group(groupId: string, traits?: Record<string, unknown>): void;
  /** Merges a previous id (default: the current user or anonymous id) into `userId`. */
  alias(userId: string, previousId?: string): void;
  /** Forgets the user (at sign-out): a new anonymous id, a new session. */
  reset(): void;
  /** Sends what is queued now; settles once it was delivered or a send failed. Never rejects. */
  flush(): Promise<FlushResult>;
  /** Stops tracking and clears the queue, remembered across visits. */
  optOut(): void;
  /** Tracks again after `optOut()`. */
  optIn(): void;
  /**
   * Shows a tour now, whatever its targeting, resuming saved progress; resolves false when it
   * cannot (unknown id, shown in another tab, tours off). Never rejects.
   */
  startTour(id: string): Promise<boolean>;
  /** Dismisses the tour on screen, if any. */
  endTour(): Promise<void>;
  /** Listens to `delivered`, `dropped` or `error`; returns the unsubscribe function. */
  on<K extends RevisitEventName>(name: K, handler: RevisitHandler<K>): () => void;
  /** Sends what is queued, then removes every listener and timer the SDK set up. */
  shutdown(): Promise<void>;
}

// Calls kept while storage opens; past this, a page that never calls init() stops growing it.
// TODO(#2): these calls are lost if the page hides before storage opens (a navigation in the
// first ~100 ms after the script loads): they need a synchronous rescue of the raw calls.
const MAX_PENDING = 1000;
const MAX_ID_LENGTH = 200;

/** Creates an SDK instance on a platform. Instances share nothing. */
export function createRevisit(createPlatform: CreatePlatform): Revisit {
  let logger = createLogger();
  const emitter = createEmitter(() => logger);
  let client: Client | undefined;
  let state: 'new' | 'starting' | 'ready' | 'closed' = 'new';
  let pending: ((client: Client) => void)[] = [];
  const warn = (message: string) => logger.warn(message);

  /** Wraps a public method: whatever goes wrong inside, the host page sees no exception. */
  const safe =
    <A extends unknown[], R>(method: (...args: A) => R, fallback?: R) =>
    (...args: A): R => {
      try {
        return method(...args);
      } catch (error) {
        logger.error('unexpected error; the call was ignored', error);
        return fallback as R;
      }
    };

  /** Runs a call now, or keeps it until the SDK has started; false when it was refused. */
  const run = (step: (client: Client) => void): boolean => {
    if (state === 'closed') {
      warn('the SDK was shut down; call ignored');
      return false;
    }
    if (client) safe(step)(client);
    else if (pending.length < MAX_PENDING) pending.push(step);
    else {
      warn('init() was not called; later calls are dropped');
      return false;
    }
    return true;
  };

  const clean = (value: unknown, label: string, root: string): MessageFields | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      warn(`${label}: ${root} must be an object; ignored`);
      return undefined;
    }
    return sanitize(value, label, root, warn);
  };

  const message = (type: string, fields: MessageFields, label: string) => {
    const at = Date.now();
    run((started) => {
      started.enqueue(type, fields, at, label);
      // After the message: a tour it triggers tracks its events after it.
      if (type === 'page') started.guides?.pageView();
      else if (type === 'track') started.guides?.event(fields.event as string);
    });
  };

  /** Runs a call that answers, once the SDK has started; `fallback` when it never can. */
  const ask = <T>(call: (client: Client) => Promise<T> | undefined, fallback: T) =>
    new Promise<T>((resolve) => {
      const answer = (client: Client) =>
        void (call(client) ?? Promise.resolve(fallback)).then(resolve);
      if (!run(answer)) resolve(fallback);
    });

  const id = (value: unknown, label: string, what: string): string | undefined => {
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string' && value !== '' && value.length <= MAX_ID_LENGTH) return value;
    warn(
      `${label}: ${what} must be a non-empty string of up to ${MAX_ID_LENGTH} characters; dropped`,
    );
    return undefined;
  };

  const start = (options: RevisitOptions) => {
    const resolved = resolveOptions(options, warn);
    if (!resolved) return;
    logger = createLogger(resolved.debug ? 'debug' : 'warn', resolved.logger);
    state = 'starting';
    const platform = createPlatform({ writeKey: resolved.writeKey, logger });
    startClient(platform, resolved, logger, emitter).then(
      (started) => {
        if (state === 'closed') return void started.shutdown();
        client = started;
        state = 'ready';
        const steps = pending;
        pending = [];
        for (const step of steps) safe(step)(started);
      },
      (error) => logger.error('could not start', error),
    );
  };

  return {
    init: safe((options) => {
      if (state !== 'new') return warn('init() was already called; ignored');
      start(options);
    }),
    track: safe((event, properties) => {
      const label = `track(${quote(event)})`;
      if (!id(typeof event === 'string' ? event : undefined, label, 'the event name')) return;
      message('track', { event, properties: clean(properties, label, 'properties') }, label);
    }),
    page: safe((name, properties) => {
      // page(properties) is a common shorthand.
      if (typeof name === 'object' && name !== null) [name, properties] = [undefined, name];
      const label = `page(${quote(name)})`;
      if (name !== undefined && !id(name, label, 'the page name')) return;
      message('page', { name, properties: clean(properties, label, 'properties') }, label);
    }),
    identify: safe((userId, traits) => {
      const label = `identify(${quote(userId)})`;
      const user = id(userId, label, 'userId');
      if (!user) return;
      const cleaned = clean(traits, label, 'traits');
      const at = Date.now();
      run((started) => started.identify(user, cleaned, at));
    }),
    group: safe((groupId, traits) => {
      const label = `group(${quote(groupId)})`;
      const group = id(groupId, label, 'groupId');
      if (group)
        message('group', { groupId: group, traits: clean(traits, label, 'traits') }, label);
    }),
    alias: safe((userId, previousId) => {
      const label = `alias(${quote(userId)})`;
      const user = id(userId, label, 'userId');
      const previous = previousId === undefined ? undefined : id(previousId, label, 'previousId');
      if (!user || (previousId !== undefined && !previous)) return;
      const at = Date.now();
      run((started) => started.alias(user, previous, at));
    }),
    reset: () => run((started) => started.reset()),
    optOut: () => run((started) => started.optOut()),
    optIn: () => run((started) => started.optIn()),
    // An id that is no string matches no tour: false, like an unknown one.
    startTour: (id) => ask((started) => started.guides?.startTour(id), false),
    endTour: () => ask((started) => started.guides?.endTour(), undefined),
    on: safe(
      (name, handler) => emitter.on(name, handler),
      () => false,
    ),
    flush: () =>
      new Promise((resolve) => {
        const none = () => resolve({ ok: false, queued: 0 });
        if (!run((started) => void started.flush().then(resolve, none))) none();
      }),
    async shutdown() {
      const started = client;
      state = 'closed';
      client = undefined;
      pending = [];
      if (started)
        await started.shutdown().catch((error) => logger.error('shutdown failed', error));
    },
  };
}

/** The first argument of a call as it appears in a warning: `"Checkout"`, or nothing. */
function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : '';
}
