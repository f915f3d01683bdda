/**
 * A minimal in-process Web Locks API (`navigator.locks.request` with `ifAvailable`), shared
 * by every SDK instance of a test as the browser's is by every tab of an origin. happy-dom
 * has none.
 */
export function createWebLocks() {
  const held = new Set<string>();
  const waiting = new Map<string, Array<() => void>>();

  const release = (name: string) => {
    const next = waiting.get(name)?.shift();
    if (next) next();
    else held.delete(name);
  };

  return {
    async request<T>(
      name: string,
      options: { ifAvailable?: boolean },
      task: (lock: { name: string } | null) => Promise<T>,
    ): Promise<T> {
      if (held.has(name)) {
        if (options.ifAvailable) return task(null);
        await new Promise<void>((resolve) => {
          waiting.set(name, [...(waiting.get(name) ?? []), resolve]);
        });
      }
      held.add(name);
      try {
        return await task({ name });
      } finally {
        release(name);
      }
    },
  };
}
