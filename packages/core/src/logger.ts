/** Severity of a log line, from most to least important. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** Where log lines go; `console` fits. The host app may pass its own. */
export interface LogSink {
  error(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  info(...args: unknown[]): void;
  debug(...args: unknown[]): void;
}

/** The SDK's only way to the console: levelled, prefixed, and quiet about repeats. */
export interface Logger {
  error(message: string, detail?: unknown): void;
  /** Shown once per distinct message, unless the level is `debug`. */
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
// A bounded memory of warnings already shown, so a hot loop can't grow it forever.
const MAX_REMEMBERED = 200;

/**
 * Creates a logger that writes lines prefixed `[revisit]` to `sink` (default `console`) at
 * `level` (default `warn`) and above.
 */
export function createLogger(level: LogLevel = 'warn', sink: LogSink = console): Logger {
  const shown = new Set<string>();
  const enabled = (wanted: LogLevel) => RANK[wanted] <= RANK[level];
  const write = (wanted: LogLevel, message: string, detail?: unknown) => {
    if (!enabled(wanted)) return;
    const line = `[revisit] ${message}`;
    if (detail === undefined) sink[wanted](line);
    else sink[wanted](line, detail);
  };

  return {
    error: (message, detail) => write('error', message, detail),
    warn(message) {
      if (level !== 'debug' && shown.has(message)) return;
      if (shown.size < MAX_REMEMBERED) shown.add(message);
      write('warn', message);
    },
    info: (message) => write('info', message),
    debug: (message) => write('debug', message),
  };
}
