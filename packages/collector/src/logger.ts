/** Log levels from most to least severe; `silent` turns logging off (tests). */
export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

/** Fields of one structured log line. Never put payloads or keys here. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** A logger with levels that writes one JSON object per line. */
export interface Logger {
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Lines below this level are skipped. Default `info`. */
  level?: LogLevel;
  /** Where a finished line goes. Default: standard error, so `export` output stays clean. */
  write?: (line: string) => void;
  /** The clock, replaceable in tests. Default `Date.now`. */
  now?: () => number;
}

/** Makes a logger; each instance has its own level and sink. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? 'info');
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? Date.now;

  const log = (level: Exclude<LogLevel, 'silent'>) => (message: string, fields?: LogFields) => {
    if (LOG_LEVELS.indexOf(level) > threshold) return;
    const time = new Date(now()).toISOString();
    write(JSON.stringify({ time, level, msg: message, ...fields }));
  };

  return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') };
}
