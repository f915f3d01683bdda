import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox'] });
const page = await browser.newPage();
await page.route('http://localhost:9/**', (route) => {
  const url = route.request().url();
  if (url.endsWith('.js')) return route.fulfill({ body: readFileSync('/tmp/prof/revisit.js', 'utf8'), contentType: 'text/javascript' });
  if (url.includes('/v1/batch')) return route.fulfill({ status: 200, body: '{"success":true,"accepted":1,"rejected":[]}' , headers: {'Access-Control-Allow-Origin': '*'}});
  return route.fulfill({ body: '<title>bench</title><script src="/r.js"></script>', contentType: 'text/html' });
});
await page.goto('http://localhost:9/');
await page.evaluate(async () => { revisit.init({ writeKey: 'wk', apiHost: 'http://localhost:9', flushAt: 1e9, flushInterval: 1e9 }); await revisit.flush(); });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
const t = await page.evaluate(() => { const t = performance.now(); for (let i = 0; i < 5000; i++) revisit.track('Bench Event', { sample: 1, i, plan: 'pro', price: 9.99 }); return (performance.now() - t) * 1000 / 5000; });
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const total = profile.samples.length;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const counts = new Map();
for (const s of profile.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
for (const [id, c] of counts) { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + c); }
console.log('per call us', t.toFixed(2));
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, c]) => `${(100 * c / total).toFixed(1)}% ${k}`).join('\n'));
await browser.close();
