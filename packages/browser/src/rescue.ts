import type { Storage, StoredMessage } from '@revisit/core';

/**
 * Most bytes one page puts in `localStorage` at unload. The origin's `localStorage` belongs
 * to the host app too (about 5 MB in all): the SDK must never fill it.
 */
export const RESCUE_BUDGET_BYTES = 512 * 1024;

/**
 * The unload rescue: a browser aborts the IndexedDB transactions of a page it unloads, so
 * messages tracked just before a reload or a close could vanish, also from an offline
 * queue. At that moment only `localStorage` writes synchronously; these messages are put
 * there under a key of their own, and the next page moves them into the queue.
 */
export function createRescue(writeKey: string) {
  const prefix = `revisit-rescue:${writeKey}:`;

  return {
    save(messages: StoredMessage[]) {
      const kept: StoredMessage[] = [];
      let bytes = 0;
      for (const message of messages) {
        if ((bytes += message.bytes) > RESCUE_BUDGET_BYTES) break;
        kept.push(message);
      }
      try {
        // One key per page: two tabs unloading together must not overwrite each other.
        localStorage.setItem(`${prefix}${Date.now()}-${Math.random()}`, JSON.stringify(kept));
      } catch {
        // No localStorage (sandboxed frame) or no room left: the keepalive send is all we have.
      }
    },

    /** Moves rescued messages into `storage`; a key is removed only once its write is done. */
    async restore(storage: Storage) {
      let keys: string[];
      try {
        keys = Object.keys(localStorage).filter((key) => key.startsWith(prefix));
      } catch {
        return;
      }
      for (const key of keys) {
        const messages = parse(localStorage.getItem(key));
        // Appending is idempotent by messageId, so two tabs restoring at once is harmless.
        if (messages.length > 0) await storage.append(messages);
        localStorage.removeItem(key);
      }
    },
  };
}

function parse(text: string | null): StoredMessage[] {
  try {
    const value: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(value) ? (value as StoredMessage[]) : [];
  } catch {
    // A value someone else wrote under our prefix, or cut short: nothing to restore.
    return [];
  }
}
