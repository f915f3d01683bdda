// Issue #2's bad input and issue #3's wrong clocks, in chromium against the real collector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDemoServer } from '../../demo/server.mjs';
import { launchChromium } from '../helpers/browser.js';
import { startCollector, type StoredMessage, type TestCollector } from '../helpers/collector.js';
import { waitFor } from '../helpers/wait.js';

const DAY_MS = 24 * 60 * 60 * 1000;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function withStack(
  writeKey: string,
  run: (stack: { collector: TestCollector; page: Page; url: string }) => Promise<void>,
  prepare?: (page: Page) => Promise<unknown>,
) {
  const collector = await startCollector({ writeKey });
  const demo = await startDemoServer({
    revisit: { writeKey, apiHost: collector.url, flushInterval: 300 },
  });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await prepare?.(page);
    await page.goto(demo.url);
    await page.waitForFunction(() => typeof (window as any).revisit?.track === 'function');
    await run({ collector, page, url: demo.url });
  } finally {
    await context.close();
    await demo.close();
    await collector.stop();
  }
}

function storedEvents(collector: TestCollector, event: string, count: number) {
  return waitFor(`${count} "${event}" stored`, async () => {
    const stored = (await collector.storedMessages()).filter((m) => m.event === event);
    return stored.length >= count ? stored : undefined;
  });
}

describe('bad input in chromium', () => {
  it('warns, cleans or drops, never throws into the page, and keeps the good events', async () => {
    await withStack('wk-bad-input', async ({ collector, page }) => {
      const pageErrors: string[] = [];
      const warnings: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'warning') warnings.push(message.text());
      });

      const thrown = await page.evaluate(() => {
        const revisit = (window as any).revisit;
        const cyclic: Record<string, unknown> = { name: 'loop' };
        cyclic.self = cyclic;
        try {
          revisit.track();
          revisit.track(42);
          revisit.track('Messy', {
            cyclic,
            callback: () => 1,
            big: BigInt(2) ** BigInt(70),
            missing: undefined,
            kept: 'yes',
          });
          revisit.track('Huge', { blob: 'x'.repeat(40 * 1024) });
          revisit.track('Fine', { n: 1 });
          return null;
        } catch (error) {
          return String(error);
        }
      });
      expect(thrown).toBeNull();

      const [fine] = await storedEvents(collector, 'Fine', 1);
      const [messy] = await storedEvents(collector, 'Messy', 1);
      expect(fine?.properties).toEqual({ n: 1 });
      expect(messy?.properties?.kept).toBe('yes');
      expect(messy?.properties).not.toHaveProperty('callback');
      expect(messy?.properties).not.toHaveProperty('missing');
      expect(typeof messy?.properties?.big).toBe('string');

      const all = await collector.storedMessages();
      const huge = all.find((m: StoredMessage) => m.event === 'Huge');
      expect(huge === undefined || JSON.stringify(huge).length < 32 * 1024).toBe(true);
      expect(all.filter((m) => m.type === 'track').map((m) => m.event)).not.toContain(42);

      expect(pageErrors).toEqual([]);
      const text = warnings.join('\n');
      expect(text).toContain('track(): the event name must be a non-empty string');
      expect(text).toContain('track("Messy"): properties.cyclic.self refers to itself');
      expect(text).toContain('track("Messy"): properties.callback is a function; dropped');
      expect(text).toContain('track("Messy"): properties.big is a BigInt');
      expect(text).toContain('track("Messy"): properties.missing is undefined; dropped');
      expect(text).toContain('track("Huge"): properties.blob is longer than');
    });
  });
});

describe('wrong device clocks', () => {
  // The page's clock is off by `window.__clockOffset` ms; the test moves it to play out
  // days of waiting in a queue within seconds.
  const skewClock = (page: Page, offsetMs: number) =>
    page.addInitScript((initial) => {
      const RealDate = Date;
      (window as any).__clockOffset = initial;
      const now = () => RealDate.now() + (window as any).__clockOffset;
      class SkewedDate extends RealDate {
        constructor(...args: any[]) {
          if (args.length === 0) super(now());
          else super(...(args as [number]));
        }
        static override now() {
          return now();
        }
      }
      (window as any).Date = SkewedDate;
    }, offsetMs);

  it('stores the right time when the device clock is two weeks behind', async () => {
    await withStack(
      'wk-clock-behind',
      async ({ collector, page }) => {
        await page.evaluate(() => (window as any).revisit.track('Clocked'));
        const [stored] = await storedEvents(collector, 'Clocked', 1);
        const original = Date.parse(stored!.originalTimestamp);
        const corrected = Date.parse(stored!.timestamp);
        expect(Date.now() - original).toBeGreaterThan(13 * DAY_MS);
        expect(Math.abs(Date.now() - corrected)).toBeLessThan(10_000);
      },
      (page) => skewClock(page, -14 * DAY_MS),
    );
  });

  it('dates a message that waited three days in the queue to when it was tracked', async () => {
    await withStack(
      'wk-clock-queue',
      async ({ collector, page }) => {
        await collector.stop();
        await page.evaluate(() => (window as any).revisit.track('Waited'));
        await page.waitForTimeout(500); // written to IndexedDB, a send has failed
        // Three days pass on the device (which is also a week ahead of real time).
        await page.evaluate((days) => ((window as any).__clockOffset += days), 3 * DAY_MS);
        await collector.restart();
        await page.evaluate(() => (window as any).revisit.track('Fresh'));

        const [waited] = await storedEvents(collector, 'Waited', 1);
        const [fresh] = await storedEvents(collector, 'Fresh', 1);
        const realNow = Date.now();
        expect(Math.abs(realNow - 3 * DAY_MS - Date.parse(waited!.timestamp))).toBeLessThan(15_000);
        expect(Math.abs(realNow - Date.parse(fresh!.timestamp))).toBeLessThan(15_000);
      },
      (page) => skewClock(page, 7 * DAY_MS),
    );
  });
});
