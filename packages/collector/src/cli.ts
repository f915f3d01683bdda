import { parseReadConfig, parseServeConfig, ConfigError } from './config.js';
import { exportMessages, reportDrops } from './commands/read.js';
import { serve } from './commands/serve.js';

const USAGE = `Usage:
  revisit-collector serve --port <n> --db <file> --write-key <key> [--write-key <key>...]
                          [--host 127.0.0.1] [--static <dir>] [--log-level info]
                          [--admin-token <token>] [--guides <file.json>]
  revisit-collector export --db <file> [--write-key <key>]
  revisit-collector report drops --db <file> [--write-key <key>]
`;

/** Runs one command; resolves with the exit code, or never settles while serving. */
async function main(args: string[]): Promise<number | undefined> {
  const [command, ...rest] = args;
  switch (command) {
    case 'serve': {
      const collector = await serve(parseServeConfig(rest), process.stdout);
      closeOnSignal(collector.close);
      return undefined;
    }
    case 'export':
      await exportMessages(parseReadConfig(rest), process.stdout);
      return 0;
    case 'report':
      if (rest[0] !== 'drops') throw new ConfigError(`unknown report ${rest[0] ?? '(none)'}`);
      await reportDrops(parseReadConfig(rest.slice(1)), process.stdout);
      return 0;
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return 0;
    default:
      throw new ConfigError(`unknown command ${command ?? '(none)'}\n${USAGE}`);
  }
}

function closeOnSignal(close: () => Promise<void>) {
  const stop = () => {
    // A second signal while closing means "now": leave without waiting.
    process.once('SIGINT', () => process.exit(130));
    close().then(
      () => (process.exitCode = 0),
      (error: Error) => {
        process.stderr.write(`revisit-collector: ${error.message}\n`);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: Error) => {
    const known = error instanceof ConfigError;
    process.stderr.write(`revisit-collector: ${known ? error.message : error.stack}\n`);
    process.exitCode = known ? 2 : 1;
  },
);
