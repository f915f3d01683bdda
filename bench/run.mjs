// `npm run bench`: the SDK measured in chromium against a live collector, 10,000 events.
// Prints the figures the README's "Performance" table shows.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { chromium } from 'playwright-core';
import { startCollector } from './collector.mjs';

const EVENTS = 10_000;
const CALLS_PER_SAMPLE = 100;
const SDK_PATH = fileURLToPath(new URL('../packages/browser/dist/revisit.min.js', import.meta.url));
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function gzipSize(path) {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

/** A blank page with the script-tag build, cross-origin isolated for fine-grained timers. */
function startPageServer(init) {
  const app = new Hono();
  const isolated = {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
  const html = `<!doctype html><meta charset="utf-8"><title>bench</title>
<script src="/revisit.min.js"></script>
<script>revisit.init(${JSON.stringify(init)});</script>`;
  app.get('/', (c) => c.html(html, 200, isolated));
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

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(page, cdp, collector) {
  await page.waitForFunction(() => typeof window.revisit?.track === 'function');
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  const before = await mainThreadMs(cdp);

  const samples = await page.evaluate(
    ({ events, perSample }) => {
      const perCall = [];
      const started = performance.now();
      for (let sample = 0; sample < events / perSample; sample += 1) {
        const start = performance.now();
        for (let i = 0; i < perSample; i += 1) {
          window.revisit.track('Bench Event', { sample, i, plan: 'pro', price: 9.99 });
        }
        perCall.push(((performance.now() - start) * 1000) / perSample);
      }
      return { perCall, burstMs: performance.now() - started };
    },
    { events: EVENTS, perSample: CALLS_PER_SAMPLE },
  );

  const deadline = Date.now() + 120_000;
  let stored = 0;
  while (Date.now() < deadline) {
    stored = collector.stored();
    if (stored >= EVENTS) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const after = await mainThreadMs(cdp);
  const longTasks = await page.evaluate(() => window.__longTasks);
  return { samples, stored, mainThreadMs: after - before, longTasks };
}

const collector = await startCollector();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const pages = await startPageServer({ writeKey: collector.writeKey, apiHost: collector.url });
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(pages.url);

  const result = await measure(page, cdp, collector);
  const burstTask = result.longTasks.length > 0 ? Math.max(...result.longTasks) : 0;
  const sdkTasks = result.longTasks.filter((duration) => duration < result.samples.burstMs * 0.9);

  const rows = [
    ['revisit.min.js, gzip', `${(gzipSize(SDK_PATH) / 1024).toFixed(2)} KB`],
    ['track(), median per call', `${median(result.samples.perCall).toFixed(2)} µs`],
    [`${EVENTS} track() calls in one burst`, `${result.samples.burstMs.toFixed(1)} ms`],
    ['events stored by the collector', `${result.stored} of ${EVENTS}`],
    ['main-thread time, first call to all stored', `${result.mainThreadMs.toFixed(0)} ms`],
    ['main-thread time per event', `${((result.mainThreadMs * 1000) / EVENTS).toFixed(1)} µs`],
    ['longest task (the burst loop itself)', `${burstTask.toFixed(0)} ms`],
    [
      'longest SDK task after the burst',
      `${sdkTasks.length > 0 ? Math.max(...sdkTasks).toFixed(0) : '< 50'} ms`,
    ],
  ];
  console.log(`\nRevisit SDK benchmark (chromium ${browser.version()}, ${EVENTS} events)\n`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(46)} ${value}`);
  console.log('');
  pages.close();
} finally {
  await browser.close();
  await collector.stop();
}
