/**
 * Glob-like URL patterns for guide targeting, kept tiny on purpose: developers write them
 * by hand (`/tasks/*`), so they must read plainly and never surprise.
 *
 * - `*` matches any run of characters within one path segment (never `/`).
 * - `**` matches anything, `/` included (`/docs/**` matches `/docs/a/b`).
 * - A pattern starting with `/` is matched against the path only; one containing `://`
 *   against `origin + path`. The query string is compared only when the pattern has a `?`,
 *   the fragment only when it has a `#` (hash-routed apps: `/#/tasks/*`).
 * - A trailing slash is optional on both sides: `/tasks` and `/tasks/` are the same page.
 */

const ESCAPE = /[.+^${}()|[\]\\?]/g;

function toRegExp(pattern: string): RegExp {
  const body = trimSlash(pattern)
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((piece) => piece.replace(ESCAPE, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${body}$`);
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** The part of `url` a pattern is compared with, or null when `url` cannot be read. */
function subjectFor(pattern: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://relative.invalid');
  } catch {
    return null;
  }

  const query = pattern.includes('?') ? parsed.search : '';
  const hash = pattern.includes('#') ? parsed.hash : '';
  const path = trimSlash(parsed.pathname) + query + hash;
  return pattern.includes('://') ? parsed.origin + path : path;
}

/** Whether `url` (absolute, or a path) matches the glob-like `pattern`. */
export function matchUrlPattern(pattern: string, url: string): boolean {
  const subject = subjectFor(pattern, url);
  if (subject === null) return false;

  return toRegExp(pattern).test(trimSlash(subject));
}

/** Whether `url` matches any of `patterns`; an absent list matches every URL. */
export function matchAnyUrlPattern(patterns: readonly string[] | undefined, url: string): boolean {
  if (!patterns) return true;

  return patterns.some((pattern) => matchUrlPattern(pattern, url));
}
