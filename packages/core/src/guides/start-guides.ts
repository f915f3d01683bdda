import type { Identity } from '../identity.js';
import type { Logger } from '../logger.js';
import type { ResolvedOptions } from '../options.js';
import type { Platform } from '../platform.js';
import type { Sessions } from '../session.js';
import type { Storage } from '../storage.js';
import { createGuideHost, type GuideHost } from './create-guide-host.js';
import { computeSegment } from './segment.js';

/** The guide host plus what the client tells it about the user. */
export interface ClientGuides extends GuideHost {
  /** Traits from `identify`, which targeting may ask for. */
  identify(traits: Record<string, unknown> | undefined): void;
  /** `reset()`: the traits belong to the user who left. */
  reset(): void;
}

export interface StartGuidesOptions {
  platform: Platform;
  options: ResolvedOptions;
  storage: Storage;
  sessions: Sessions;
  identity: Identity;
  logger: Logger;
  /** The client's `enqueue`, so tour events go through the normal queue. */
  enqueue(type: string, fields: Record<string, unknown>, at: number, label: string): void;
}

/**
 * Starts the guides when the platform can show them (the browser can; a headless host
 * cannot): the chunk URLs default to the SDK script's folder, and the collector's
 * definitions are asked for unless `fetchGuides` is false.
 */
export function startGuides(deps: StartGuidesOptions): ClientGuides | undefined {
  const { platform, options, sessions, identity, logger } = deps;
  const guides = platform.guides;
  if (!guides) return undefined;

  const near = (name: string) => (guides.scriptUrl ? new URL(name, guides.scriptUrl).href : '');
  const uiUrl = options.uiUrl || near('revisit-ui.js');
  const runtimeUrl = options.runtimeUrl || near('revisit-guides.js');
  if (!uiUrl || !runtimeUrl) {
    // Outside the script-tag build the chunks' place is unknown; say so loudly only to an
    // app that has tours.
    if (options.guides.length > 0) logger.warn('tours are off: init() needs uiUrl and runtimeUrl');
    return undefined;
  }

  // TODO(#4): traits are known from identify() calls on this page only; keeping them in
  // storage would let trait targeting work on the next page before identify() runs again.
  let traits: Record<string, unknown> | undefined;
  const host = createGuideHost({
    platform: guides,
    storage: deps.storage,
    logger,
    guides: options.guides,
    remoteUrl: options.fetchGuides
      ? `${options.apiHost}/v1/guides?writeKey=${encodeURIComponent(options.writeKey)}`
      : undefined,
    runtimeUrl,
    uiUrl,
    lockPrefix: `revisit-tour-${options.writeKey}:`,
    async context() {
      const now = platform.clock.now();
      // A page view or an event is activity: it may start a session, as the message does.
      const session = await sessions.sessionAt(now, sessions.ends());
      const { anonymousId, userId } = identity.get();
      const segment = computeSegment({
        firstSeenAt: session.firstSeenAt ?? session.startedAt,
        lastSeenAt: session.lastSeenAt,
        sessionCount: session.count,
        now,
      });
      const sessionCount = session.count;
      return { anonymousId, userId, sessionId: session.id, sessionCount, segment, traits };
    },
    track: ({ event, properties }) =>
      deps.enqueue('track', { event, properties }, platform.clock.now(), `track("${event}")`),
  });
  void host.start();

  return {
    ...host,
    identify(next) {
      if (next) traits = { ...traits, ...next };
    },
    reset() {
      traits = undefined;
    },
  };
}
