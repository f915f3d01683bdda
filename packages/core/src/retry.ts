/** First retry waits up to this long; each failure doubles the ceiling. */
export const RETRY_BASE_MS = 1000;
/** No retry waits longer than this, whatever the server asks. */
export const RETRY_CAP_MS = 5 * 60 * 1000;

/**
 * Exponential backoff with full jitter: a uniform wait in `[0, min(cap, base * 2^attempt))`.
 * Full jitter spreads the retries of many clients that failed together.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/**
 * Reads a `Retry-After` header, either seconds or an HTTP date, as milliseconds from `now`.
 * Returns `undefined` when it is missing or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;

  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;

  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How long to wait before the next attempt: the server's word if it gave one, capped. */
export function retryDelay(
  attempt: number,
  retryAfter: string | null | undefined,
  now: number,
  random: () => number = Math.random,
): number {
  const asked = parseRetryAfter(retryAfter, now);
  return asked === undefined ? backoffDelay(attempt, random) : Math.min(asked, RETRY_CAP_MS);
}
