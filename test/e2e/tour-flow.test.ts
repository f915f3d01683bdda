// Issue #4 end to end: the guide engine and the UI together in chromium, states persisted
// in the page. A tour resumes after a reload and on another page, and a dismissed tour
// never comes back.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { waitFor } from '../helpers/wait.js';
import { startTourFixtureServer, type TourFixtureServer } from './fixtures/tour-server.js';

const ROOT = new URL('../../', import.meta.url).pathname;

let browser: Browser;
let server: TourFixtureServer;

/** The platform-free engine, bundled for the page as the browser SDK will carry it. */
async function bundleEngine(): Promise<string> {
  const result = await build({
    entryPoints: [`${ROOT}packages/core/src/guides/index.ts`],
    bundle: true,
    format: 'esm',
    write: false,
    alias: { '@revisit/schema': `${ROOT}packages/schema/src/index.ts` },
  });
  return result.outputFiles[0]!.text;
}

beforeAll(async () => {
  if (!existsSync(`${ROOT}packages/ui/dist/revisit-ui.js`)) {
    execFileSync('node', ['scripts/build.mjs', 'ui'], { cwd: ROOT, stdio: 'inherit' });
  }
  server = await startTourFixtureServer({ '/tour-engine.js': await bundleEngine() });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function visit(page: Page, path: string) {
  await page.goto(`${server.url}${path}`);
  await page.waitForFunction(() => (window as any).flow?.ready === true);
}

/** The title of the step on screen, once it is painted, or null when no tour shows. */
async function stepTitle(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const root = document.querySelector('revisit-tour')?.shadowRoot;
    const card = root?.querySelector('.card:not(.pending)');
    return card?.querySelector('h2')?.textContent ?? null;
  });
}

function waitForTitle(page: Page, title: string) {
  return waitFor(`step "${title}"`, async () =>
    (await stepTitle(page)) === title ? true : undefined,
  );
}

async function clickInTour(page: Page, selector: string) {
  await page.evaluate((sel) => {
    const button = document.querySelector('revisit-tour')!.shadowRoot!.querySelector(sel);
    (button as HTMLElement).click();
  }, selector);
}

function events(page: Page): Promise<string[]> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('events') ?? '[]'));
}

describe('tour flow in chromium', () => {
  it('resumes after a reload and on the next page, and never returns once dismissed', async () => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const errors: string[] = [];
    try {
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(error.message));

      await visit(page, '/tasks');
      await waitForTitle(page, 'Add a task');

      await page.reload();
      await page.waitForFunction(() => (window as any).flow?.ready === true);
      await waitForTitle(page, 'Add a task');
      expect(await events(page)).toEqual([
        'Tour Started:0',
        'Tour Step Viewed:0',
        'Tour Step Viewed:0',
      ]);

      // The next step lives on the settings page: the tour leaves this one and waits there.
      await clickInTour(page, '.primary');
      await waitFor('the tour to leave', async () =>
        (await page.evaluate(() => document.querySelector('revisit-tour'))) ? undefined : true,
      );
      await visit(page, '/settings');
      await waitForTitle(page, 'Pick a theme');

      await page.keyboard.press('Escape');
      await waitFor('the dismissal', async () =>
        (await events(page)).includes('Tour Dismissed:1') ? true : undefined,
      );
      // A page that shows no tour never downloads the UI chunk.
      const uiRequests: string[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/revisit-ui.js')) uiRequests.push(request.url());
      });
      for (const path of ['/settings', '/tasks']) {
        await visit(page, path);
        await page.waitForTimeout(300);
        expect(await stepTitle(page)).toBeNull();
      }
      expect(uiRequests).toEqual([]);
      expect(await events(page)).toEqual([
        'Tour Started:0',
        'Tour Step Viewed:0',
        'Tour Step Viewed:0',
        'Tour Step Viewed:1',
        'Tour Dismissed:1',
      ]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('completes a tour across pages and tracks every step', async () => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    try {
      const page = await context.newPage();
      await visit(page, '/tasks');
      await waitForTitle(page, 'Add a task');
      await clickInTour(page, '.primary');
      await visit(page, '/settings');
      await waitForTitle(page, 'Pick a theme');
      await clickInTour(page, '.primary');
      await waitForTitle(page, 'All set');
      await clickInTour(page, '.primary');
      await waitFor('completion', async () =>
        (await events(page)).includes('Tour Completed:2') ? true : undefined,
      );
      await visit(page, '/tasks');
      await page.waitForTimeout(300);
      expect(await stepTitle(page)).toBeNull();
      expect(await events(page)).toEqual([
        'Tour Started:0',
        'Tour Step Viewed:0',
        'Tour Step Viewed:1',
        'Tour Step Viewed:2',
        'Tour Completed:2',
      ]);
    } finally {
      await context.close();
    }
  });

  it('never shows the same tour in two tabs at once', async () => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    try {
      const first = await context.newPage();
      await visit(first, '/tasks');
      await waitForTitle(first, 'Add a task');

      const second = await context.newPage();
      await visit(second, '/tasks');
      await second.waitForTimeout(300);
      expect(await stepTitle(second)).toBeNull();

      // Closing the first tab releases the tour: the second shows it on a later page view.
      // The browser frees the closed tab's lock a moment after close() returns, more so on
      // a busy machine, so the user may need another page view or two.
      await first.close();
      await waitFor(
        'the tour in the second tab',
        async () => {
          await visit(second, '/tasks');
          await second.waitForTimeout(300);
          return (await stepTitle(second)) === 'Add a task' ? true : undefined;
        },
        { intervalMs: 200 },
      );
    } finally {
      await context.close();
    }
  });
});
