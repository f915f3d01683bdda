// Looks into the SDK's IndexedDB queue from a chromium page, without the SDK's help.
import type { Page } from 'playwright-core';

/** The SDK's database for a write key. */
export const dbName = (writeKey: string) => `revisit-${writeKey}`;

/**
 * Messages in the queue of `writeKey`, or `undefined` when there is no such database. Never
 * creates one: a bare `indexedDB.open(name)` would make an empty version 1 and break the SDK.
 */
export function queuedInIdb(page: Page, writeKey: string): Promise<number | undefined> {
  return page.evaluate(async (name) => {
    const names = (await indexedDB.databases()).map((database) => database.name);
    if (!names.includes(name)) return undefined;

    return new Promise<number | undefined>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('chunks')) {
          db.close();
          return resolve(undefined);
        }
        // Version 2 keeps one record per write, each with the ids of its messages.
        const request = db.transaction('chunks').objectStore('chunks').getAll();
        request.onsuccess = () =>
          resolve(request.result.reduce((sum, chunk) => sum + chunk.ids.length, 0));
        request.onerror = () => reject(request.error);
        db.close(); // closes once the read is done
      };
    });
  }, dbName(writeKey));
}
