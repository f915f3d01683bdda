// Loads a page that embeds the SDK's script-tag build and waits for `window.revisit`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { waitFor } from './wait.js';

/** The script-tag build the demo server serves. */
export const SDK_BUNDLE = fileURLToPath(
  new URL('../../packages/browser/dist/revisit.min.js', import.meta.url),
);

const SDK_TIMEOUT_MS = 10_000;

/**
 * Runs `load` (a goto or a reload) and waits for the SDK's global. A `node scripts/build.mjs`
 * run by someone else in the same tree deletes the bundle for a few seconds; a page loaded
 * then has no SDK, so the load is tried once more, once the bundle is there.
 */
export async function loadWithSdk(page: Page, load: () => Promise<unknown>): Promise<void> {
  await load();
  try {
    await waitForSdk(page);
  } catch {
    // The bundle may be back already: one more load either way, and a second failure is real.
    await waitFor('the SDK bundle to be rebuilt', () => existsSync(SDK_BUNDLE) || undefined, {
      timeoutMs: 60_000,
    });
    await page.reload();
    await waitForSdk(page);
  }
}

function waitForSdk(page: Page) {
  return page.waitForFunction(() => typeof (window as any).revisit?.track === 'function', null, {
    timeout: SDK_TIMEOUT_MS,
  });
}
