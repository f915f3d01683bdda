import type { ContextProvider } from '@revisit/core';

/**
 * The `context` of every message. What can't change while the page lives is read once
 * (`Intl` in particular is slow enough to matter on every call), and the page part is
 * rebuilt only when the URL or the title changed: `track()` runs on hot paths.
 */
export function createContext(): ContextProvider {
  let fixed: Record<string, unknown> | undefined;
  let context: Record<string, unknown> | undefined;
  let url: string | undefined;
  let title: string | undefined;

  return () => {
    if (context && location.href === url && document.title === title) return context;

    url = location.href;
    title = document.title;
    fixed ??= {
      userAgent: navigator.userAgent,
      locale: navigator.language,
      timezone: timezone(),
      screen: { width: screen.width, height: screen.height, density: devicePixelRatio },
    };
    context = {
      ...fixed,
      page: {
        path: location.pathname,
        url,
        referrer: document.referrer,
        title,
        search: location.search,
      },
    };
    return context;
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
