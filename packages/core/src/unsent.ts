import type { StoredMessage } from './storage.js';

/**
 * This tab's newest messages not yet known to be delivered, kept in memory within `budget`
 * bytes. When the page goes away there is no time to read storage: the last send is built
 * from this.
 */
export function createUnsent(budget: number) {
  const messages = new Map<string, StoredMessage>();
  let bytes = 0;

  const remove = (id: string) => {
    const message = messages.get(id);
    if (!message) return;
    messages.delete(id);
    bytes -= message.bytes;
  };

  return {
    add(message: StoredMessage) {
      messages.set(message.id, message);
      bytes += message.bytes;
      // Oldest first out: they have been in storage longest and are likeliest sent already.
      for (const id of messages.keys()) {
        if (bytes <= budget) break;
        remove(id);
      }
    },
    remove,
    list: () => [...messages.values()],
    clear() {
      messages.clear();
      bytes = 0;
    },
  };
}
