type Claim = (name: string) => Promise<(() => void) | null>;

/**
 * A claim on a Web Lock, held until the release function is called or the tab goes away:
 * the guide engine claims a tour before it shows, so two tabs never show it at once.
 * Undefined without Web Locks: the engine then shows tours without asking.
 */
export function webLockClaim(): Claim | undefined {
  const locks = typeof navigator === 'object' ? navigator.locks : undefined;
  if (!locks || typeof locks.request !== 'function') return undefined;

  return (name) =>
    new Promise((resolve) => {
      locks
        .request(name, { ifAvailable: true }, (lock) =>
          lock ? new Promise<void>((release) => resolve(() => release())) : resolve(null),
        )
        // Locks refused (an opaque origin, say): showing beats never showing.
        .catch(() => resolve(() => {}));
    });
}
