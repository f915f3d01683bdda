// Issue #2 end to end: the demo on one origin, the collector on another, real chromium,
// real IndexedDB, real HTTP. Every scenario checks that what was tracked is stored once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDemoServer } from '../../demo/server.mjs';
import { launchChromium } from '../helpers/browser.js';
import { startCollector, type StoredMessage } from '../helpers/collector.js';
import { waitFor } from '../helpers/wait.js';

type Collector = Awaited<ReturnType<typeof startCollector>>;
type Demo = Awaited<ReturnType<typeof startDemoServer>>;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A collector plus a demo server pointed at it, with a short flush interval. */
async function startStack(writeKey: string) {
  const collector = await startCollector({ writeKey });
  const demo = await startDemoServer({
    revisit: { writeKey, apiHost: collector.url, flushInterval: 500 },
  });
  return { collector, demo };
}

async function openDemo(context: BrowserContext, demo: Demo, path = '/'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${demo.url}${path}`);
  await sdkStarted(page);
  return page;
}

/**
 * Waits until the SDK has opened its storage (`flush()` settles after that). Calls made in
 * the first moments, before storage opens, are not yet covered when the page goes away:
 * see the README's "Known limits".
 */
async function sdkStarted(page: Page) {
  await page.waitForFunction(() => typeof (window as any).revisit?.track === 'function');
  await page.evaluate(() => (window as any).revisit.flush());
}

function trackMany(page: Page, batch: string, count: number) {
  return page.evaluate(
    ({ batch, count }) => {
      for (let i = 0; i < count; i += 1) (window as any).revisit.track('Bulk', { batch, i });
    },
    { batch, count },
  );
}

/** Waits until the collector holds `count` messages matching `filter`, then returns them. */
function waitForStored(
  collector: Collector,
  count: number,
  filter: (message: StoredMessage) => boolean,
) {
  return waitFor(`${count} stored messages`, async () => {
    const stored = (await collector.storedMessages()).filter(filter);
    return stored.length >= count ? stored : undefined;
  });
}

function bulkKeys(messages: StoredMessage[]) {
  return messages.map((message) => `${message.properties?.batch}:${message.properties?.i}`);
}

function expectOnceEach(messages: StoredMessage[]) {
  const ids = messages.map((message) => message.messageId);
  expect(new Set(ids).size).toBe(ids.length);
}

describe('delivery in chromium', () => {
  it('stores each event of a scripted demo session exactly once', async () => {
    const { collector, demo } = await startStack('wk-session');
    const context = await browser.newContext();
    try {
      const page = await openDemo(context, demo);
      for (const title of ['Buy milk', 'Write report', 'Call Sam']) {
        await page.fill('#task-title', title);
        await page.click('#add-task button');
      }
      await page.click('#open-tasks li:first-child input[type=checkbox]');
      await page.click('#open-tasks li:first-child button');
      await page.click('nav a[data-view=done]');
      await page.click('nav a[data-view=account]');
      await page.fill('#user-email', 'ada@example.com');
      await page.click('#sign-in button');

      const expected = [
        'page:tasks',
        'track:Task Added',
        'track:Task Added',
        'track:Task Added',
        'track:Task Completed',
        'track:Task Deleted',
        'page:done',
        'page:account',
        'identify:',
        'track:Signed In',
      ];
      const stored = await waitForStored(collector, expected.length, () => true);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // room for a stray resend
      const final = await collector.storedMessages();

      expect(final).toHaveLength(expected.length);
      expectOnceEach(final);
      const kinds = final.map((m) => `${m.type}:${m.event ?? m.name ?? ''}`);
      expect(kinds.sort()).toEqual([...expected].sort());
      const signedIn = stored.find((m) => m.event === 'Signed In');
      expect(signedIn?.userId).toBe('ada@example.com');
      const sessions = new Set(final.map((m) => m.context?.sessionId));
      expect(sessions.size).toBe(1);
    } finally {
      await context.close();
      await demo.close();
      await collector.stop();
    }
  });

  it('keeps 150 events through a dead collector, a reload and a closed tab', async () => {
    const { collector, demo } = await startStack('wk-outage');
    await collector.stop();
    const context = await browser.newContext();
    try {
      const page = await openDemo(context, demo);
      await trackMany(page, 'before-reload', 100);
      await page.reload();
      await sdkStarted(page);
      await trackMany(page, 'after-reload', 50);
      await page.close({ runBeforeUnload: true });

      await collector.restart();
      await openDemo(context, demo);

      const stored = await waitForStored(collector, 150, (m) => m.event === 'Bulk');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const final = (await collector.storedMessages()).filter((m) => m.event === 'Bulk');
      expect(final).toHaveLength(150);
      expectOnceEach(final);
      expect(new Set(bulkKeys(stored)).size).toBe(150);
    } finally {
      await context.close();
      await demo.close();
      await collector.stop();
    }
  });

  it('delivers what was tracked offline once the browser is back online', async () => {
    const { collector, demo } = await startStack('wk-offline');
    const context = await browser.newContext();
    try {
      const page = await openDemo(context, demo);
      await context.setOffline(true);
      await trackMany(page, 'offline', 30);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // a flush fails meanwhile
      await context.setOffline(false);

      const stored = await waitForStored(collector, 30, (m) => m.event === 'Bulk');
      expect(new Set(bulkKeys(stored)).size).toBe(30);
      expectOnceEach(stored);
    } finally {
      await context.close();
      await demo.close();
      await collector.stop();
    }
  });

  it('stores three events tracked right before navigating away', async () => {
    const { collector, demo } = await startStack('wk-unload');
    const context = await browser.newContext();
    try {
      const page = await openDemo(context, demo);
      await page.evaluate(() => {
        const revisit = (window as any).revisit;
        for (const step of ['one', 'two', 'three']) revisit.track('Leaving', { step });
        location.href = 'about:blank';
      });
      await page.waitForURL('about:blank');

      const stored = await waitForStored(collector, 3, (m) => m.event === 'Leaving');
      expect(stored.map((m) => m.properties?.step).sort()).toEqual(['one', 'three', 'two']);
      expectOnceEach(stored);
    } finally {
      await context.close();
      await demo.close();
      await collector.stop();
    }
  });
});
