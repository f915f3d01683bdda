// The tour figures of `npm run bench`: the sizes of the chunks the SDK imports when a tour
// shows, and how long a tour takes from its trigger to a painted first step on the demo,
// chunks not yet cached (a fresh browser context per run).
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../demo/server.mjs';

const RUNS = 5;

export const UI_CHUNK = fileURLToPath(
  new URL('../packages/ui/dist/revisit-ui.js', import.meta.url),
);
export const GUIDES_CHUNK = fileURLToPath(
  new URL('../packages/browser/dist/revisit-guides.js', import.meta.url),
);

/** A tour no page targets, so that nothing but `startTour` shows it. */
const ON_DEMAND = {
  type: 'tour',
  id: 'bench',
  targeting: { urls: ['/nowhere'] },
  steps: [{ target: '#task-title', title: 'Bench step' }],
};

/** `revisit.startTour()` until the first step's card is painted, in ms; median of runs. */
export async function measureTourPaint(browser, apiHost) {
  const demo = await startDemoServer({
    revisit: { writeKey: 'bench-tours', apiHost, fetchGuides: false, guides: [ON_DEMAND] },
  });
  const runs = [];
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext({ reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(demo.url);
      await page.waitForFunction(() => typeof window.revisit?.startTour === 'function');
      runs.push(await page.evaluate(paintAfterStart));
      await context.close();
    }
  } finally {
    await demo.close();
  }
  return runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)];
}

/** Runs in the page: starts the tour, then checks each frame for the painted card. */
function paintAfterStart() {
  return new Promise((resolve) => {
    const started = performance.now();
    void window.revisit.startTour('bench');
    const check = () => {
      const root = document.querySelector('revisit-tour')?.shadowRoot;
      if (root?.querySelector('.card:not(.pending) h2')) resolve(performance.now() - started);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}
