import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { LOG_LEVELS } from './logger.js';

/** A flag or setting the collector cannot start with; the message names it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const port = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a whole number')
  .transform(Number)
  .pipe(z.number().max(65_535, 'must be at most 65535'));

const isDirectory = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory();
const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile();

// Keys are the flag names, so that an issue's path is the flag to blame.
const serveSchema = z.object({
  port,
  host: z.string().min(1).default('127.0.0.1'),
  db: z.string().min(1),
  'write-key': z.array(z.string().min(1, 'must not be empty')).min(1, 'is required'),
  static: z.string().refine(isDirectory, 'must be an existing folder').optional(),
  'log-level': z.enum(LOG_LEVELS).default('info'),
  'admin-token': z.string().min(16, 'must be at least 16 characters').optional(),
  guides: z.string().refine(isFile, 'must be an existing file').optional(),
});

const exportSchema = z.object({
  db: z.string().min(1),
  'write-key': z.string().min(1).optional(),
});

/** Settings of `revisit-collector serve`. */
export interface ServeConfig {
  port: number;
  host: string;
  db: string;
  writeKeys: string[];
  staticDir?: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Guards the read API; accepted now so deployments can set it ahead of that API. */
  adminToken?: string;
  /** A JSON file of guide definitions served at `GET /v1/guides`. Default: none. */
  guidesFile?: string;
}

/** Settings of `revisit-collector export` and `report`. */
export interface ReadConfig {
  db: string;
  writeKey?: string;
}

/** Reads `serve` flags; throws {@link ConfigError} naming the first bad flag. */
export function parseServeConfig(args: string[]): ServeConfig {
  const flags = validate(serveSchema, args, {
    port: { type: 'string' },
    host: { type: 'string' },
    db: { type: 'string' },
    'write-key': { type: 'string', multiple: true },
    static: { type: 'string' },
    'log-level': { type: 'string' },
    'admin-token': { type: 'string' },
    guides: { type: 'string' },
  });
  return {
    port: flags.port,
    host: flags.host,
    db: flags.db,
    writeKeys: flags['write-key'],
    staticDir: flags.static,
    logLevel: flags['log-level'],
    adminToken: flags['admin-token'],
    guidesFile: flags.guides,
  };
}

/** Reads the flags of the commands that read a database; throws {@link ConfigError}. */
export function parseReadConfig(args: string[]): ReadConfig {
  const flags = validate(exportSchema, args, {
    db: { type: 'string' },
    'write-key': { type: 'string' },
  });
  return { db: flags.db, writeKey: flags['write-key'] };
}

function validate<T extends z.ZodType>(
  schema: T,
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
): z.output<T> {
  let values: unknown;
  try {
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }

  const result = schema.safeParse(values);
  if (result.success) return result.data;

  const [issue] = result.error.issues;
  const flag = String(issue?.path[0]);
  const given = (values as Record<string, unknown>)[flag] !== undefined;
  throw new ConfigError(`--${flag} ${given ? issue?.message : 'is required'}`);
}
