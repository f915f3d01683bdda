// Issue #4 budgets: the size of the UI chunk the SDK imports, and how fast a triggered tour
// paints its first step in chromium. Both figures are printed for the bench and the report.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { startTourFixtureServer, type TourFixtureServer } from './fixtures/tour-server.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const CHUNK = `${ROOT}packages/ui/dist/revisit-ui.js`;

/**
 * 15 KB gzip. Preact is about 4.4 KB of it and Floating UI (computePosition, the four
 * middlewares, autoUpdate) about 6.6 KB; the tour itself about 4 KB. The aim is
 * 12 KB; a raise of this budget must say what it pays for.
 */
const CHUNK_BUDGET_BYTES = 15 * 1024;

let browser: Browser;
let server: TourFixtureServer;

beforeAll(async () => {
  if (!existsSync(CHUNK)) {
    execFileSync('node', ['scripts/build.mjs', 'ui'], { cwd: ROOT, stdio: 'inherit' });
  }
  server = await startTourFixtureServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('tour budgets', () => {
  it('keeps the UI chunk, preact and Floating UI included, within budget', () => {
    const gzip = gzipSync(readFileSync(CHUNK), { level: 9 }).length;
    console.log(`revisit-ui.js: ${(gzip / 1024).toFixed(1)} KB gzip`);
    expect(gzip).toBeLessThanOrEqual(CHUNK_BUDGET_BYTES);
  });

  it('paints the first step soon after it is triggered', async () => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/fixtures/tour-hostile.html`);
      await page.waitForFunction(() => (window as any).tourTest?.ready === true);
      const ms = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const state = (window as any).tourTest;
            const started = performance.now();
            state.calls.push = (value: string) => {
              // The step is shown; the next frame is the one that paints it.
              if (value === 'shown:0')
                requestAnimationFrame(() => resolve(performance.now() - started));
              return 0;
            };
            state.start([{ target: '#header-target', title: 'Timed' }]);
          }),
      );
      console.log(`first step painted ${ms.toFixed(1)} ms after the trigger`);
      expect(ms).toBeLessThan(250);
    } finally {
      await context.close();
    }
  });
});
