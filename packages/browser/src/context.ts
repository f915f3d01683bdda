import type { ContextProvider } from '@revisit/core';

/**
 * The `context` of every message. What can't change while the page lives is read once:
 * `Intl` in particular is slow enough to matter on every call.
 */
export function createContext(): ContextProvider {
  let fixed: Record<string, unknown> | undefined;

  return () => {
    fixed ??= {
      userAgent: navigator.userAgent,
      locale: navigator.language,
      timezone: timezone(),
      screen: { width: screen.width, height: screen.height, density: devicePixelRatio },
    };
    return {
      ...fixed,
      page: {
        path: location.pathname,
        url: location.href,
        referrer: document.referrer,
        title: document.title,
        search: location.search,
      },
    };
  };
}

function timezone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    // Very old engines: the collector can do without.
    return undefined;
  }
}
