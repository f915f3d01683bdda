// Issue #3, "what must be shown": IndexedDB fails in each way the issue names, in real
// chromium, while the SDK runs. A blocked open (an old tab that never lets go, and an upgrade
// waiting on it) and a database deleted under the page are the real thing. Quota exceeded, an
// open that fails and writes the browser aborts come from a wrapper around the real API, set
// up by an init script and switched on through localStorage: CDP's
// Storage.overrideQuotaForOrigin has no effect on a playwright context in Debian's chromium
// (the quota stays 10 GB; from a browser session it answers "Internal error").
//
// Each case: events are stored in IndexedDB while the collector is down; the fault strikes;
// more events are tracked; the collector comes back. The SDK must keep tracking (the later
// events reach the collector from memory), warn once, and lose nothing it had stored: once
// the fault is gone, the next page load sends the earlier events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDemoServer } from '../../demo/server.mjs';
import { launchChromium } from '../helpers/browser.js';
import { startCollector, type StoredMessage } from '../helpers/collector.js';
import { complete, summaryLine, tallyDelivery } from '../helpers/delivery-tally.js';
import { dbName, queuedInIdb } from '../helpers/idb-page.js';
import { loadWithSdk } from '../helpers/sdk-page.js';
import { waitFor } from '../helpers/wait.js';

type Demo = Awaited<ReturnType<typeof startDemoServer>>;
type Collector = Awaited<ReturnType<typeof startCollector>>;

const EVENT = 'Stored';
const PER_PHASE = 20;
// The backlog of the deleted-database case: far more than the tab keeps in memory to unload.
const BACKLOG = 200;
const FAULT_KEY = 'revisit-test-idb-fault';
const UNAVAILABLE = /^\[revisit\] IndexedDB is unavailable/;

/**
 * Runs before every document of the context. While localStorage holds `open-error`, opening a
 * database fails the way a broken backing store does (the request fires `error`); `abort`
 * aborts every readwrite transaction before it can commit; `quota` makes every `put` throw
 * QuotaExceededError.
 */
function wrapIndexedDb(faultKey: string) {
  const fault = () => localStorage.getItem(faultKey);

  const realPut = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
    if (fault() === 'quota')
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return realPut.apply(this, args);
  };

  const realOpen = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (name: string, version?: number) {
    if (fault() !== 'open-error') return realOpen.call(this, name, version);
    // A database that does not exist, whose creation is aborted: the request really fails.
    const request = realOpen.call(this, `${name}-unopenable`, 1);
    request.addEventListener('upgradeneeded', () => request.transaction?.abort());
    return request;
  };

  const realTransaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['transaction']>
  ) {
    const transaction = realTransaction.apply(this, args);
    if (args[1] === 'readwrite' && fault() === 'abort') {
      // After the caller placed its requests, before any of them completes.
      queueMicrotask(() => transaction.abort());
    }
    return transaction;
  } as IDBDatabase['transaction'];
}

interface Stack {
  writeKey: string;
  collector: Collector;
  demo: Demo;
  context: BrowserContext;
  tracked: Set<string>;
}

interface SdkPage {
  page: Page;
  /** `[revisit]` console lines at warn level. */
  warnings: string[];
  /** `[revisit]` console lines at error level. */
  errors: string[];
}

interface FaultCase {
  name: string;
  /** How it is made to happen, for the summary. */
  how: string;
  /** Provokes the fault once the first events are stored; returns the page to track in. */
  provoke(stack: Stack, first: SdkPage): Promise<SdkPage>;
  /** Takes the fault away again. */
  heal(stack: Stack): Promise<void>;
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function startStack(writeKey: string): Promise<Stack> {
  const collector = await startCollector({ writeKey });
  const demo = await startDemoServer({
    revisit: { writeKey, apiHost: collector.url, flushInterval: 300 },
  });
  const context = await browser.newContext();
  await context.addInitScript(wrapIndexedDb, FAULT_KEY);
  // A page of the demo's origin without the SDK, for raw IndexedDB work.
  await context.route(`${demo.url}/blank`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }),
  );
  return { writeKey, collector, demo, context, tracked: new Set() };
}

async function stopStack(stack: Stack) {
  await stack.context.close();
  await stack.demo.close();
  await stack.collector.stop();
}

/** Opens the demo and resolves once the SDK started (its storage open, or given up on). */
async function openSdkPage(stack: Stack): Promise<SdkPage> {
  const page = await stack.context.newPage();
  const opened: SdkPage = { page, warnings: [], errors: [] };
  page.on('console', (message) => {
    const text = message.text();
    if (!text.startsWith('[revisit]')) return;
    if (message.type() === 'warning') opened.warnings.push(text);
    if (message.type() === 'error') opened.errors.push(text);
  });
  await loadWithSdk(page, () => page.goto(stack.demo.url));
  await page.evaluate(() => (window as any).revisit.flush());
  return opened;
}

async function openBlankPage(stack: Stack): Promise<Page> {
  const page = await stack.context.newPage();
  await page.goto(`${stack.demo.url}/blank`);
  return page;
}

async function track(stack: Stack, { page }: SdkPage, phase: string, count = PER_PHASE) {
  await page.evaluate(
    ({ event, phase, count }) => {
      for (let n = 0; n < count; n += 1) (window as any).revisit.track(event, { tab: phase, n });
    },
    { event: EVENT, phase, count },
  );
  for (let n = 0; n < count; n += 1) stack.tracked.add(`${phase}:${n}`);
}

async function storedEvents(collector: Collector): Promise<StoredMessage[]> {
  return (await collector.storedMessages()).filter((message) => message.event === EVENT);
}

function keysOf(stack: Stack, phase: string) {
  return new Set([...stack.tracked].filter((key) => key.startsWith(`${phase}:`)));
}

/** Waits until the collector holds every event tracked in `phase`. */
function waitForPhase(stack: Stack, phase: string) {
  const keys = keysOf(stack, phase);
  return waitFor(
    `the "${phase}" events at the collector`,
    async () => complete(tallyDelivery(keys, await storedEvents(stack.collector))) || undefined,
  );
}

function setFault(page: Page, fault: string) {
  return page.evaluate(({ key, fault }) => localStorage.setItem(key, fault), {
    key: FAULT_KEY,
    fault,
  });
}

async function clearFault(stack: Stack) {
  const page = await openBlankPage(stack);
  await page.evaluate((key) => localStorage.removeItem(key), FAULT_KEY);
  await page.close();
}

/** Deletes the SDK's database from `page`; it completes once the SDK let go of it. */
function deleteDatabase(stack: Stack, page: Page) {
  return page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const deleting = indexedDB.deleteDatabase(name);
        deleting.onsuccess = () => resolve();
        deleting.onerror = () => reject(deleting.error);
      }),
    dbName(stack.writeKey),
  );
}

function closeTab(page: Page) {
  const closed = page.waitForEvent('close');
  return page.close({ runBeforeUnload: true }).then(() => closed);
}

const CASES: FaultCase[] = [
  {
    name: 'quota exceeded',
    how: 'init-script wrapper: every put throws QuotaExceededError',
    async provoke(_stack, first) {
      await setFault(first.page, 'quota');
      return first;
    },
    heal: (stack) => clearFault(stack),
  },
  (() => {
    let holder: Page | undefined;
    return {
      name: 'open blocked',
      how: 'a tab holds the database open, another tab waits to upgrade it',
      async provoke(stack, first) {
        await closeTab(first.page);
        holder = await openBlankPage(stack);
        const version = await holder.evaluate(
          (name) =>
            new Promise<number>((resolve) => {
              // A tab that never closes its connection when asked to, at the SDK's version.
              const open = indexedDB.open(name);
              open.onsuccess = () => resolve(open.result.version);
            }),
          dbName(stack.writeKey),
        );
        const upgrader = await openBlankPage(stack);
        await upgrader.evaluate(
          ({ name, version }) =>
            new Promise<void>((resolve) => {
              const open = indexedDB.open(name, version + 1);
              open.onblocked = () => resolve();
              // Once unblocked, it gives up: the database stays as the SDK knows it.
              open.onupgradeneeded = () => open.transaction?.abort();
            }),
          { name: dbName(stack.writeKey), version },
        );
        return openSdkPage(stack); // its open waits behind the blocked upgrade
      },
      async heal() {
        await holder?.close();
      },
    };
  })(),
  {
    name: 'open fails',
    how: 'init-script wrapper: the open request fires error (aborted creation)',
    async provoke(stack, first) {
      await setFault(first.page, 'open-error');
      await closeTab(first.page);
      return openSdkPage(stack);
    },
    heal: (stack) => clearFault(stack),
  },
  {
    name: 'database deleted while the page runs',
    how: 'indexedDB.deleteDatabase from the page',
    async provoke(stack, first) {
      await deleteDatabase(stack, first.page);
      return first;
    },
    async heal() {},
  },
  {
    name: 'writes aborted',
    how: 'init-script wrapper: every readwrite transaction aborted',
    async provoke(_stack, first) {
      await setFault(first.page, 'abort');
      return first;
    },
    heal: (stack) => clearFault(stack),
  },
];

describe('IndexedDB faults in chromium', () => {
  for (const [index, fault] of CASES.entries()) {
    it(`keeps tracking, warns once and loses nothing stored: ${fault.name}`, async () => {
      const started = Date.now();
      const stack = await startStack(`wk-storage-${index}`);
      try {
        // Stored in IndexedDB, not delivered: the collector is down.
        const first = await openSdkPage(stack);
        await stack.collector.stop();
        await track(stack, first, 'before');
        await waitFor(
          'the first events in IndexedDB',
          async () =>
            ((await queuedInIdb(first.page, stack.writeKey)) ?? 0) >= PER_PHASE || undefined,
        );

        const faulty = await fault.provoke(stack, first);
        await track(stack, faulty, 'during');
        await stack.collector.restart();
        await waitForPhase(stack, 'during');
        const warnings = faulty.warnings.filter((line) => UNAVAILABLE.test(line));
        const stranded = tallyDelivery(
          keysOf(stack, 'before'),
          await storedEvents(stack.collector),
        );

        // The next page load, with the fault gone, sends what was stored before it.
        await fault.heal(stack);
        if (!faulty.page.isClosed()) await closeTab(faulty.page);
        const next = await openSdkPage(stack);
        await track(stack, next, 'after');
        await waitFor(
          'every event at the collector',
          async () =>
            complete(tallyDelivery(stack.tracked, await storedEvents(stack.collector))) ||
            undefined,
        ).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 1000)); // room for a stray resend
        const tally = tallyDelivery(stack.tracked, await storedEvents(stack.collector));
        const reports = await stack.collector.dropReports();

        console.log(
          summaryLine('storage', JSON.stringify(fault.name), {
            tracked: tally.tracked,
            stored: tally.stored,
            duplicated: tally.duplicated,
            lost: tally.lost.length,
            droppedReported: reports.reduce((sum, report) => sum + report.dropped, 0),
            beforeWaitingForNextPage: stranded.lost.length,
            unavailableWarnings: warnings.length,
            otherWarnings: faulty.warnings.length - warnings.length,
            errors: faulty.errors.length,
            seconds: ((Date.now() - started) / 1000).toFixed(1),
          }),
        );
        console.log(`[storage] ${fault.name}: ${fault.how}; warned: ${warnings.join(' | ')}`);
        if (faulty.errors.length > 0) console.log(`[storage] errors: ${faulty.errors.join(' | ')}`);
        if (tally.lost.length > 0) console.log(`[storage] lost: ${tally.lost.join(' ')}`);

        expect(warnings).toHaveLength(1);
        expect(tally.lost).toEqual([]);
        expect(tally.duplicated).toBe(0);
        expect(tally.stored).toBe(3 * PER_PHASE);
      } finally {
        await stopStack(stack);
      }
    }, 60_000);
  }

  // A deleted database is gone for the next page too: what it held must go out from this one,
  // read before the connection closed. The unsent memory alone keeps only the newest events.
  it('sends a stored backlog of 200 exactly once when the database is deleted', async () => {
    const started = Date.now();
    const stack = await startStack('wk-storage-backlog');
    try {
      const first = await openSdkPage(stack);
      await stack.collector.stop();
      await track(stack, first, 'before', BACKLOG);
      await waitFor(
        'the backlog in IndexedDB',
        async () => ((await queuedInIdb(first.page, stack.writeKey)) ?? 0) >= BACKLOG || undefined,
      );

      await deleteDatabase(stack, first.page);
      await track(stack, first, 'during');
      await stack.collector.restart();
      await waitFor(
        'every event at the collector',
        async () =>
          complete(tallyDelivery(stack.tracked, await storedEvents(stack.collector))) || undefined,
      ).catch(() => undefined);
      const whileOpen = tallyDelivery(stack.tracked, await storedEvents(stack.collector));
      // Then the tab closes: its last keepalive send may only repeat messageIds.
      await closeTab(first.page);
      await new Promise((resolve) => setTimeout(resolve, 1000)); // room for a stray resend
      const tally = tallyDelivery(stack.tracked, await storedEvents(stack.collector));
      const warnings = first.warnings.filter((line) => UNAVAILABLE.test(line));

      console.log(
        summaryLine('storage', JSON.stringify('database deleted, 200 stored'), {
          tracked: tally.tracked,
          stored: tally.stored,
          duplicated: tally.duplicated,
          lost: tally.lost.length,
          lostWhileTabOpen: whileOpen.lost.length,
          unavailableWarnings: warnings.length,
          errors: first.errors.length,
          seconds: ((Date.now() - started) / 1000).toFixed(1),
        }),
      );
      if (tally.lost.length > 0) console.log(`[storage] lost: ${tally.lost.join(' ')}`);

      expect(warnings).toHaveLength(1);
      expect(first.errors).toEqual([]);
      expect(tally.lost).toEqual([]);
      expect(tally.duplicated).toBe(0);
      expect(tally.stored).toBe(BACKLOG + PER_PHASE);
    } finally {
      await stopStack(stack);
    }
  }, 60_000);
});
