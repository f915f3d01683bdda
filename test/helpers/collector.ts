// Runs the BUILT collector CLI as a child process, the way users run it, for the SDK
// integration and chromium end-to-end tests. Build first: `node scripts/build.mjs schema
// collector` (`npm test` does it).
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { DropSummary, StoredMessage } from '@revisit/collector';

export type { DropSummary, StoredMessage };

/** The built CLI, as `npm test` leaves it. Built from a path string, not `new URL()`:
 * under happy-dom, `URL` is the DOM's and `fileURLToPath` refuses it. */
export const COLLECTOR_CLI = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../packages/collector/dist/cli.js',
);

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 8_000; // longer than the CLI's own 5 s grace for open requests
const LISTENING = /revisit collector listening on (http:\/\/\S+)/;

/** Options of {@link startCollector}. */
export interface CollectorOptions {
  /** Default `test-write-key`. */
  writeKey?: string;
  /** Default: `events.db` in a fresh temporary folder. */
  dbPath?: string;
  /** Default 0: a free port, read back from the CLI's start-up line. */
  port?: number;
  /** A folder to serve at `/`. Default: none. */
  staticDir?: string;
  /** A JSON file of guide definitions for `--guides`. Default: none. */
  guidesFile?: string;
}

/** A collector child process on 127.0.0.1. */
export interface TestCollector {
  url: string;
  port: number;
  dbPath: string;
  writeKey: string;
  /** SIGTERM, then waits for the process to close its database and exit. Idempotent. */
  stop(): Promise<void>;
  /** Starts the collector again on the same port with the same database. */
  restart(): Promise<void>;
  /** Every stored message, read with `revisit-collector export` (works while stopped). */
  storedMessages(): Promise<StoredMessage[]>;
  /** Drop reports per write key, read with `revisit-collector report drops`. */
  dropReports(): Promise<DropSummary[]>;
}

/** Starts the built collector CLI and resolves once it listens. */
export async function startCollector(options: CollectorOptions = {}): Promise<TestCollector> {
  if (!existsSync(COLLECTOR_CLI)) {
    throw new Error(`${COLLECTOR_CLI} is missing: run node scripts/build.mjs schema collector`);
  }
  const writeKey = options.writeKey ?? 'test-write-key';
  const dbPath =
    options.dbPath ?? join(await mkdtemp(join(tmpdir(), 'revisit-collector-')), 'events.db');
  const serveArgs = (port: number) => {
    const args = ['serve', '--host', '127.0.0.1', '--port', String(port), '--db', dbPath];
    args.push('--write-key', writeKey, '--log-level', 'warn');
    if (options.guidesFile) args.push('--guides', options.guidesFile);
    return options.staticDir ? [...args, '--static', options.staticDir] : args;
  };

  let running = await spawnCollector(serveArgs(options.port ?? 0));
  const collector: TestCollector = {
    url: running.url,
    port: Number(new URL(running.url).port),
    dbPath,
    writeKey,
    stop: () => stopProcess(running.child),
    async restart() {
      await stopProcess(running.child);
      running = await spawnCollector(serveArgs(collector.port));
    },
    storedMessages: async () => jsonLines<StoredMessage>(await runCli(['export', '--db', dbPath])),
    dropReports: async () =>
      jsonLines<DropSummary>(await runCli(['report', 'drops', '--db', dbPath])),
  };
  return collector;
}

interface Running {
  child: ChildProcess;
  url: string;
}

function spawnCollector(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [COLLECTOR_CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A test run that dies must not leave collectors behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));

  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`collector did not start in ${START_TIMEOUT_MS} ms: ${stderr}`));
    }, START_TIMEOUT_MS);

    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = LISTENING.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      resolve({ child, url: match[1]! });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`collector exited with ${code} before listening: ${stderr}`));
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

async function runCli(args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [COLLECTOR_CLI, ...args], {
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout;
}

function jsonLines<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}
