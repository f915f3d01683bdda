import type { TourDefinitionInput } from '@revisit/schema';
import type { LogSink } from './logger.js';

/** Options of `init()`. Only `writeKey` is required. */
export interface RevisitOptions {
  /** The project's public write key. Required. */
  writeKey: string;
  /** Origin of the collector, e.g. `https://collect.example.com`. Default: `''` (this origin). */
  apiHost?: string;
  /** Send as soon as this many messages are queued. Default: 20. */
  flushAt?: number;
  /** Send queued messages at most this long after they were tracked, in ms. Default: 5000. */
  flushInterval?: number;
  /** A session ends after this long without an event in any tab, in ms. Default: 30 minutes. */
  sessionTimeout?: number;
  /** Past this many queued messages, the oldest are dropped (and counted). Default: 10,000. */
  maxQueueMessages?: number;
  /** Past this many queued bytes, the oldest messages are dropped (and counted). Default: 5 MB. */
  maxQueueBytes?: number;
  /** Explain each decision in the console: queued, sent, retried, dropped. Default: false. */
  debug?: boolean;
  /** Where log lines go. Default: `console`. */
  logger?: LogSink;
  /**
   * Tour definitions (see `tourDefinitionSchema` in @revisit/schema), shown before the
   * collector's. Checked only once a tour may show; an invalid one is skipped with a warning
   * naming its field. Default: none.
   */
  guides?: readonly TourDefinitionInput[];
  /** Also show the collector's definitions (`GET /v1/guides`, kept offline). Default: true. */
  fetchGuides?: boolean;
  /** URL of the UI chunk, `revisit-ui.js`. Default: next to the script-tag build's own file. */
  uiUrl?: string;
  /** URL of the guide runtime chunk, `revisit-guides.js`. Default: next to the script-tag build. */
  runtimeUrl?: string;
}

type GuideOptions = 'guides' | 'fetchGuides' | 'uiUrl' | 'runtimeUrl';

/** Options with every default filled in. */
export type ResolvedOptions = Required<Omit<RevisitOptions, 'logger' | GuideOptions>> &
  Pick<RevisitOptions, 'logger' | 'uiUrl' | 'runtimeUrl'> & {
    guides: readonly unknown[];
    fetchGuides: boolean;
  };

/** The default of every option but `writeKey` and `logger`. */
export const DEFAULTS = {
  apiHost: '',
  flushAt: 20,
  flushInterval: 5000,
  sessionTimeout: 30 * 60 * 1000,
  maxQueueMessages: 10_000,
  maxQueueBytes: 5 * 1024 * 1024,
  debug: false,
} as const;

type Numeric =
  'flushAt' | 'flushInterval' | 'sessionTimeout' | 'maxQueueMessages' | 'maxQueueBytes';
const NUMERIC: Numeric[] = [
  'flushAt',
  'flushInterval',
  'sessionTimeout',
  'maxQueueMessages',
  'maxQueueBytes',
];

/**
 * Fills in defaults. A bad value is reported through `warn` and replaced by its default; a
 * missing write key is the one fault that stops `init()` (there would be nowhere to send).
 */
export function resolveOptions(
  options: RevisitOptions,
  warn: (message: string) => void,
): ResolvedOptions | undefined {
  if (!options || typeof options.writeKey !== 'string' || options.writeKey === '') {
    warn('init(): writeKey must be a non-empty string; the SDK stays off');
    return undefined;
  }

  const resolved: ResolvedOptions = {
    ...DEFAULTS,
    writeKey: options.writeKey,
    apiHost: typeof options.apiHost === 'string' ? options.apiHost.replace(/\/+$/, '') : '',
    debug: options.debug === true,
    logger: options.logger,
    guides: Array.isArray(options.guides) ? options.guides : [],
    fetchGuides: options.fetchGuides !== false,
    uiUrl: options.uiUrl,
    runtimeUrl: options.runtimeUrl,
  };
  for (const name of NUMERIC) {
    const value = options[name];
    if (value === undefined) continue;
    if (typeof value === 'number' && value > 0 && Number.isFinite(value)) resolved[name] = value;
    else
      warn(
        `init(): ${name} must be a positive number, got ${String(value)}; using ${DEFAULTS[name]}`,
      );
  }
  return resolved;
}
