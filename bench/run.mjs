// `npm run bench`: the SDK measured in chromium against a live collector, 10,000 events.
// Prints the figures the README's "Performance" table shows.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { launchChromium } from '../scripts/chromium.mjs';
import { startCollector } from './collector.mjs';
import { GUIDES_CHUNK, UI_CHUNK, measureTourPaint } from './tour.mjs';

const EVENTS = 10_000;
const CALLS_PER_SAMPLE = 100;
const STORE_TIMEOUT_MS = 120_000;
const SDK_PATH = fileURLToPath(new URL('../packages/browser/dist/revisit.min.js', import.meta.url));

function gzipSize(path) {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

/** Page script for the write benchmark: counts the queue's committed writes in debug lines. */
const COUNT_WRITES = `window.__written = 0;
const countWrites = (line) => {
  const match = /wrote (\\d+) message/.exec(line);
  if (!match) return;
  window.__written += Number(match[1]);
  window.__lastWrite = performance.now();
};
const logger = { debug: countWrites, info() {}, warn() {}, error() {} };`;

/**
 * A blank page with the script-tag build, cross-origin isolated for fine-grained timers.
 * `?writes` gets an SDK whose collector is unreachable and whose debug log is counted.
 */
function startPageServer(init) {
  const app = new Hono();
  const isolated = {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
  const page = (script) => `<!doctype html><meta charset="utf-8"><title>bench</title>
<script src="/revisit.min.js"></script>
<script>${script}</script>`;
  const unreachable = { ...init, writeKey: 'bench-writes', apiHost: 'http://127.0.0.1:9' };
  const writesInit = `{ ...${JSON.stringify(unreachable)}, debug: true, logger }`;
  const writesPage = `${COUNT_WRITES}\nrevisit.init(${writesInit});`;
  app.get('/', (c) =>
    c.html(
      c.req.query('writes') === undefined
        ? page(`revisit.init(${JSON.stringify(init)});`)
        : page(writesPage),
      200,
      isolated,
    ),
  );
  app.get('/revisit.min.js', (c) =>
    c.body(readFileSync(SDK_PATH), 200, { ...isolated, 'Content-Type': 'text/javascript' }),
  );
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ url: `http://127.0.0.1:${info.port}/`, close: () => server.close() }),
    );
  });
}

/** Main-thread task time of the page so far, in ms (CDP Performance metrics). */
async function mainThreadMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'TaskDuration').value * 1000;
}

function perSecond(count, ms) {
  return Math.round((count * 1000) / ms);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function observeLongTasks(page) {
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const { startTime, duration } of list.getEntries()) {
        window.__longTasks.push({ startTime, duration });
      }
    }).observe({ type: 'longtask' });
  });
}

/** Tracks EVENTS events in one synchronous burst, timing each group of calls. */
function trackBurst(page) {
  return page.evaluate(
    ({ events, perSample }) => {
      const perCall = [];
      const start = performance.now();
      for (let sample = 0; sample < events / perSample; sample += 1) {
        const sampleStart = performance.now();
        for (let i = 0; i < perSample; i += 1) {
          window.revisit.track('Bench Event', { sample, i, plan: 'pro', price: 9.99 });
        }
        perCall.push(((performance.now() - sampleStart) * 1000) / perSample);
      }
      return { perCall, start, end: performance.now() };
    },
    { events: EVENTS, perSample: CALLS_PER_SAMPLE },
  );
}

async function waitUntilStored(collector) {
  const started = Date.now();
  while (Date.now() - started < STORE_TIMEOUT_MS && collector.stored() < EVENTS) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - started;
}

async function measure(page, cdp, collector) {
  await page.waitForFunction(() => typeof window.revisit?.track === 'function');
  // Calls made while storage opens are kept only up to a cap: a burst of 10,000 made before
  // the SDK started would lose most of them and never be stored.
  await page.evaluate(() => window.revisit.flush());
  await observeLongTasks(page);
  const before = await mainThreadMs(cdp);
  const burst = await trackBurst(page);
  const storeMs = await waitUntilStored(collector);
  const after = await mainThreadMs(cdp);

  // The burst loop is the caller's own task; every other long task is the SDK's work.
  const longTasks = await page.evaluate(() => window.__longTasks);
  const isBurst = (task) =>
    task.startTime <= burst.start && task.startTime + task.duration >= burst.end;
  const sdkTasks = longTasks.filter((task) => !isBurst(task)).map((task) => task.duration);
  return {
    burst,
    storeMs,
    stored: collector.stored(),
    mainThreadMs: after - before,
    longestSdkTask: sdkTasks.length > 0 ? Math.max(...sdkTasks) : 0,
  };
}

/**
 * IndexedDB writes per second: the SDK's debug log says when each transaction committed.
 * The collector is unreachable here, so the queue only grows.
 */
async function measureQueueWrites(browser, pageServer) {
  const page = await browser.newPage();
  try {
    await page.goto(`${pageServer.url}?writes`);
    await page.waitForFunction(() => typeof window.revisit?.track === 'function');
    return await page.evaluate(async (events) => {
      // Calls made while storage opens are kept only up to a cap: wait until it is open.
      await window.revisit.flush();
      const start = performance.now();
      for (let i = 0; i < events; i += 1) window.revisit.track('Write Event', { i });
      const deadline = start + 60_000;
      while (window.__written < events && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return { written: window.__written, ms: window.__lastWrite - start };
    }, EVENTS);
  } finally {
    await page.close();
  }
}

const collector = await startCollector();
const browser = await launchChromium();
const pageServer = await startPageServer({
  writeKey: collector.writeKey,
  apiHost: collector.url,
  // 10,000 events with their context are about 5 MB: above the default queue cap.
  maxQueueBytes: 32 * 1024 * 1024,
});
try {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(pageServer.url);
  const result = await measure(page, cdp, collector);
  await page.close();
  const writes = await measureQueueWrites(browser, pageServer);
  const tourPaintMs = await measureTourPaint(browser, collector.url);

  const perEvent = (ms) => `${((ms * 1000) / EVENTS).toFixed(1)} µs`;
  const rows = [
    ['revisit.min.js, gzip', `${(gzipSize(SDK_PATH) / 1024).toFixed(2)} KB`],
    ['track(), median per call', `${median(result.burst.perCall).toFixed(2)} µs`],
    [
      `${EVENTS} track() calls in one burst`,
      `${(result.burst.end - result.burst.start).toFixed(1)} ms`,
    ],
    ['events stored by the collector', `${result.stored} of ${EVENTS} in ${result.storeMs} ms`],
    ['main-thread time, first call to all stored', `${result.mainThreadMs.toFixed(0)} ms`],
    ['main-thread time per event, in all', perEvent(result.mainThreadMs)],
    ['longest SDK task after the burst', `${result.longestSdkTask.toFixed(0)} ms`],
    [
      'IndexedDB queue writes',
      `${writes.written} in ${writes.ms.toFixed(0)} ms = ${perSecond(writes.written, writes.ms)}/s`,
    ],
    ['revisit-ui.js (tour UI chunk), gzip', `${(gzipSize(UI_CHUNK) / 1024).toFixed(2)} KB`],
    ['revisit-guides.js (guide runtime), gzip', `${(gzipSize(GUIDES_CHUNK) / 1024).toFixed(2)} KB`],
    ['tour: trigger to painted first step, cold', `${tourPaintMs.toFixed(0)} ms`],
  ];
  console.log(`\nRevisit SDK benchmark (chromium ${browser.version()}, ${EVENTS} events)\n`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(46)} ${value}`);
  console.log('');
} finally {
  pageServer.close();
  await browser.close();
  await collector.stop();
}
