import { readFileSync } from 'node:fs';
import { parseGuides } from '@revisit/schema';
import { ConfigError } from '../config.js';
import type { Logger } from '../logger.js';

/**
 * Reads the `--guides` file and validates it with `parseGuides`. A definition that fails is
 * skipped with one warning per problem naming its field, and the rest are served; a file
 * that cannot be read or is not JSON stops start-up.
 *
 * The valid definitions are returned as written, not as parsed: the SDK validates and fills
 * in defaults itself, and a parsed definition does not always parse again (`repeat: null`).
 */
export function loadGuides(path: string, logger: Logger): unknown[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`--guides ${path}: ${(error as Error).message}`);
  }

  const { issues } = parseGuides(json);
  if (issues.some((issue) => issue.index === -1)) {
    throw new ConfigError(`--guides ${path}: expected an array or { "guides": [...] }`);
  }
  for (const { index, id, path: field, message } of issues) {
    logger.warn('guide definition skipped', { index, id, field, problem: message });
  }
  const skipped = new Set(issues.map((issue) => issue.index));
  const list = (Array.isArray(json) ? json : (json as { guides: unknown[] }).guides) as unknown[];
  return list.filter((_entry, index) => !skipped.has(index));
}
